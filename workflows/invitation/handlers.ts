import { CancellationScope, ParentClosePolicy, patched, setHandler, startChild } from '@temporalio/workflow';
import type { AcceptInvitationResult } from '../../libs/operations/invitation-operations';
import { SearchAttr } from '../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../libs/operations/workspace-operations';
import { startExpiryTimer } from '../access-expiry.workflow';
import { autoInviteWorkflow } from '../auto-invite.workflow';
import { progressQuery } from '../operation-progress';
import type { InvitationBook, Invitee } from './invitation-book';
import {
  acceptInvitationUpdate,
  declineInvitationUpdate,
  invitationRowChangedSignal,
  invitationStateQuery,
  resendInvitationUpdate,
  revokeInvitationUpdate,
} from './messages';
import { asUpdateFailure, gone, notPending, steps } from './steps';

/**
 * The workflow's handlers: each message names one invitation and runs under that
 * invitation's mutex, so it never interleaves with its reminder, expiry or another message.
 */
export function registerInvitationHandlers(book: InvitationBook, mailOne: (invitee: Invitee, reason: 'resend') => Promise<void>): void {
  const pendingOr = (id: string, failure: () => Error): Invitee => {
    const invitee = book.get(id);
    if (!invitee || invitee.state !== 'pending') throw failure();
    return invitee;
  };
  /** Refuses an update for an invitation that is not pending before it reaches the history. */
  const pendingOnly = (failure: () => Error) => ({
    validator: (arg: { invitationId: string }) => {
      pendingOr(arg.invitationId, failure);
    },
  });
  const exclusively = <T>(id: string, failure: () => Error, step: (invitee: Invitee) => Promise<T>): Promise<T> => {
    const invitee = pendingOr(id, failure);
    // R-O4: a cancelled request's mailed invitations keep their lives; its cancel must not cut their steps.
    return CancellationScope.nonCancellable(() => invitee.mutex.runExclusive(() => step(pendingOr(id, failure))));
  };

  setHandler(progressQuery, () => book.progress());
  setHandler(invitationStateQuery, () => book.state());
  setHandler(invitationRowChangedSignal, () => {
    book.rowsChanged = true;
    book.changed = true;
  });

  setHandler(
    acceptInvitationUpdate,
    (arg) =>
      exclusively(arg.invitationId, gone, async (invitee) => {
        try {
          const result = await steps.acceptInvitation(arg);
          book.close(invitee, 'accepted', result.userId);
          if (result.created.user) await startAutoInvite(result);
          // R-E1 (docs/changing-workflows.md): accepts recorded before end dates existed have no such step.
          if (result.membershipExpiry && patched('access-expiry-timer')) {
            await startExpiryTimer({ kind: 'member', workspaceId: result.workspaceId, userId: result.userId }, result.membershipExpiry);
          }
          return result;
        } catch (e) {
          // A Gone may mean that another writer closed the row (R-W11): then this invitation is done.
          const status = (await steps.readInvitationStatuses({ invitationIds: [invitee.id] }))[invitee.id];
          if (status !== 'pending') book.close(invitee, status);
          throw asUpdateFailure(e);
        }
      }),
    pendingOnly(gone),
  );

  setHandler(
    declineInvitationUpdate,
    (arg) =>
      exclusively(arg.invitationId, gone, async (invitee) => {
        const { status } = await steps.closeInvitation({ ...arg, status: 'declined' });
        if (status !== 'pending') book.close(invitee, status);
        if (status !== 'declined') throw gone();
        return { status };
      }),
    pendingOnly(gone),
  );

  setHandler(
    revokeInvitationUpdate,
    (arg) =>
      exclusively(arg.invitationId, notPending, async (invitee) => {
        const { status } = await steps.closeInvitation({ ...arg, status: 'revoked' });
        book.close(invitee, status);
        if (status !== 'revoked') throw notPending();
        return { status };
      }),
    pendingOnly(notPending),
  );

  setHandler(
    resendInvitationUpdate,
    (arg) =>
      exclusively(arg.invitationId, notPending, async (invitee) => {
        book.restart(invitee, arg.send, Date.parse(arg.expiresAt), Date.now());
        await mailOne(invitee, 'resend');
        return { expiresAt: arg.expiresAt };
      }),
    pendingOnly(notPending),
  );
}

/**
 * R-W9: whoever became a user by accepting is new to its organisation, so it joins every
 * workspace that auto-invites that organisation: the auto-invite operation, on its own.
 */
async function startAutoInvite(accepted: AcceptInvitationResult): Promise<void> {
  await startChild(autoInviteWorkflow, {
    workflowId: workspaceOperationIds.autoInvite(accepted.organisationId, accepted.userId),
    args: [{ actor: { userId: accepted.userId, organisationId: accepted.organisationId }, organisationId: accepted.organisationId, userId: accepted.userId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: SearchAttr.operationKind, value: 'auto-invite' },
      { key: SearchAttr.organisationId, value: accepted.organisationId },
      { key: SearchAttr.userId, value: accepted.userId },
      { key: SearchAttr.actorId, value: accepted.userId },
    ],
  });
}
