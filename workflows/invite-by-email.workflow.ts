import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createInvitationActivities } from '../activities/invitation.activities';
import type { createMailActivities } from '../activities/mail.activities';
import { RULE_VIOLATION_FAILURE } from '../libs/operations/contracts';
import type { OperationProgress } from '../libs/operations/contracts';
import type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  InvitationActionInput,
  InvitationState,
  InviteByEmailInput,
  InviteByEmailResult,
} from '../libs/operations/invitation-operations';
import { SearchAttr } from '../libs/operations/search-attributes';
import { workspaceOperationIds } from '../libs/operations/workspace-operations';
import { databaseStep, mailStep } from './activity-options';
import { autoInviteWorkflow } from './auto-invite.workflow';
import { progressQuery } from './operation-progress';

const { acceptInvitation, revokeInvitation, expireInvitation, readInvitationStatus, recordInvitationAudit } =
  proxyActivities<ReturnType<typeof createInvitationActivities>>(databaseStep);
const { sendInvitationMail } = proxyActivities<ReturnType<typeof createMailActivities>>(mailStep);
/**
 * The first two steps run as local activities inside the workflow task: the same
 * idempotent code, a third of the server round trips per invitation (bench/invitations).
 * Their results are ids only, so the history still holds no token.
 */
const local = {
  persistInvitation: proxyLocalActivities<ReturnType<typeof createInvitationActivities>>({ ...databaseStep, localRetryThreshold: '10 seconds' }).persistInvitation,
  sendInvitationMail: proxyLocalActivities<ReturnType<typeof createMailActivities>>({ ...mailStep, localRetryThreshold: '10 seconds' }).sendInvitationMail,
};

/** R-I2: accept (the API matched the token's hash to this invitation first). Rejected unless pending and no accept is in flight. */
export const acceptInvitationUpdate = defineUpdate<AcceptInvitationResult, [AcceptInvitationInput]>('acceptInvitation');
/** R-I4: revoke; the link stops working at once. */
export const revokeInvitationUpdate = defineUpdate<{ status: InvitationState }, [InvitationActionInput]>('revokeInvitation');
/** R-I4: resend with a fresh token; the old link stops working and the expiry restarts. */
export const resendInvitationUpdate = defineUpdate<{ expiresAt: string }, [InvitationActionInput]>('resendInvitation');
/**
 * For writers that close invitation rows directly (R-W11 collaborator removal): "look at
 * your row again". Without it the workflow learns at its next step (reminder, expiry).
 */
export const invitationRowChangedSignal = defineSignal('invitationRowChanged');
/** Where the invitation stands, for operators and tests. */
export const invitationStateQuery = defineQuery<{ invitationId: string; state: InvitationState; expiresAt: string; reminded: boolean }>('invitationState');

/**
 * Section 5: invite someone by email. Persist the invitation, mail its link, then wait
 * durably for accept, revoke or resend, remind once if still pending, expire at the
 * deadline, and record the outcome. The token never passes through here (R-I3): the mail
 * step mints it, stores its hash and mails it.
 */
export async function inviteByEmailWorkflow(input: InviteByEmailInput): Promise<InviteByEmailResult> {
  let state: InvitationState = 'pending';
  let invitationId = workflowInfo().runId;
  let expiresAt = Date.now() + input.ttlMs;
  let remindAt = Date.now() + input.reminderAfterMs;
  let reminded = false;
  let timersReset = 0;
  let accepting = false;
  let closedBy: string | null = null;
  let rowChanged = false;
  let acceptedUserId: string | undefined;
  let accepted: AcceptInvitationResult | undefined;
  const progress: OperationProgress = { step: 'persistInvitation', done: 0, total: 3 };
  setHandler(progressQuery, () => progress);
  setHandler(invitationStateQuery, () => ({ invitationId, state, expiresAt: iso(expiresAt), reminded }));

  // One step at a time: accept, revoke, resend, reminder and expiry never interleave their writes.
  let busy = true;
  async function exclusively<T>(step: () => Promise<T>): Promise<T> {
    await condition(() => !busy);
    busy = true;
    try {
      return await step();
    } finally {
      busy = false;
    }
  }

  setHandler(
    acceptInvitationUpdate,
    async (arg) => {
      accepting = true;
      try {
        return await exclusively(async () => {
          if (state !== 'pending' || arg.invitationId !== invitationId) throw gone();
          try {
            const result = await acceptInvitation(arg);
            acceptedUserId = result.userId;
            accepted = result;
            closedBy = result.userId;
            state = 'accepted';
            return result;
          } catch (e) {
            // A Gone may mean that another writer closed the row (R-W11): then this workflow is done.
            const { status } = await readInvitationStatus({ invitationId });
            if (status !== 'pending') state = status;
            throw asUpdateFailure(e);
          }
        });
      } finally {
        accepting = false;
      }
    },
    {
      validator: (arg) => {
        if (state !== 'pending' || accepting || arg.invitationId !== invitationId) throw gone();
      },
    },
  );

  setHandler(
    revokeInvitationUpdate,
    (arg) =>
      exclusively(async () => {
        if (state !== 'pending') throw notPending();
        const { status } = await revokeInvitation({ invitationId, actorId: arg.actorId });
        state = status;
        closedBy = arg.actorId;
        if (status !== 'revoked') throw notPending();
        return { status };
      }),
    { validator: (_arg: InvitationActionInput) => assertPending(state) },
  );

  setHandler(
    resendInvitationUpdate,
    (arg) =>
      exclusively(async () => {
        if (state !== 'pending') throw notPending();
        const newExpiry = Date.now() + input.ttlMs;
        const sent = await sendInvitationMail({ invitationId, reason: 'resend', expiresAt: iso(newExpiry) });
        if (!sent.sent) {
          state = sent.status;
          throw notPending();
        }
        expiresAt = newExpiry;
        remindAt = Date.now() + input.reminderAfterMs;
        reminded = false;
        timersReset++;
        await recordInvitationAudit({ workspaceId: input.workspaceId, actorId: arg.actorId, action: 'invitation.resent', details: { invitationId } });
        return { expiresAt: iso(expiresAt) };
      }),
    { validator: (_arg: InvitationActionInput) => assertPending(state) },
  );

  setHandler(invitationRowChangedSignal, () => {
    rowChanged = true;
  });

  // Persist, then mail; handlers wait for both (busy).
  ({ invitationId } = await local.persistInvitation({ ...input, invitationId, expiresAt: iso(expiresAt), workflowId: workflowInfo().workflowId }));
  upsertSearchAttributes([
    { key: SearchAttr.invitationId, value: invitationId },
    { key: SearchAttr.invitationState, value: state },
  ]);
  Object.assign(progress, { step: 'sendInvitationMail', done: 1 });
  const first = await local.sendInvitationMail({ invitationId, reason: 'invitation', expiresAt: iso(expiresAt) });
  if (!first.sent) state = first.status;
  busy = false;
  Object.assign(progress, { step: 'awaitAcceptance', done: 2 });

  while (state === 'pending') {
    const seen = timersReset;
    const wakeAt = reminded ? expiresAt : Math.min(remindAt, expiresAt);
    const interrupted = await condition(() => state !== 'pending' || timersReset !== seen || rowChanged, Math.max(1, wakeAt - Date.now()));
    if (interrupted && !rowChanged) continue;
    await exclusively(async () => {
      if (state !== 'pending') return;
      if (rowChanged) {
        rowChanged = false;
        const { status } = await readInvitationStatus({ invitationId });
        if (status !== 'pending') state = status;
      } else if (Date.now() >= expiresAt) {
        // R-I1: the link expires.
        state = (await expireInvitation({ invitationId })).status;
      } else if (!reminded && Date.now() >= remindAt) {
        // R-I1: one reminder while still pending; it learns too when the row was closed elsewhere.
        const sent = await sendInvitationMail({ invitationId, reason: 'reminder', expiresAt: iso(expiresAt) });
        reminded = true;
        if (!sent.sent) state = sent.status;
      }
    });
  }

  upsertSearchAttributes([{ key: SearchAttr.invitationState, value: state }]);
  Object.assign(progress, { step: 'recordOutcome', done: 3 });
  await condition(allHandlersFinished);
  await recordInvitationAudit({
    workspaceId: input.workspaceId,
    actorId: closedBy,
    action: `invitation.${state}`,
    details: { invitationId, ...(acceptedUserId ? { acceptedUserId } : {}) },
  });
  // R-W9: whoever became a user by accepting is new to its organisation, so it joins every
  // workspace that auto-invites that organisation: the auto-invite operation, on its own.
  if (accepted?.created.user) {
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
  return { invitationId, outcome: state, ...(acceptedUserId ? { acceptedUserId } : {}) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function ruleFailure(kind: string, message: string, rule: string): ApplicationFailure {
  return ApplicationFailure.create({ type: RULE_VIOLATION_FAILURE, message, nonRetryable: true, details: [{ kind, message, rule }] });
}

/** R-I3: the API turns this into the one page every dead link gets. */
function gone(): ApplicationFailure {
  return ruleFailure('gone', 'the invitation is no longer pending', 'R-I3');
}

function notPending(): ApplicationFailure {
  return ruleFailure('conflict', 'the invitation is no longer pending', 'R-I4');
}

function assertPending(state: InvitationState): void {
  if (state !== 'pending') throw notPending();
}

/** An activity's RuleViolation fails just the update, with its details; anything else too, as an ApplicationFailure. */
function asUpdateFailure(e: unknown): unknown {
  if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure) return e.cause;
  return e;
}
