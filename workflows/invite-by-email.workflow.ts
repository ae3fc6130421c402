import { CancellationScope, allHandlersFinished, condition, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { InviteByEmailInput, InviteByEmailResult, MailOutcome, MailToSend } from '../libs/operations/invitation-operations';
import { INVITATION_REQUEST_CANCELLED } from '../libs/operations/operation-cancel';
import { SearchAttr } from '../libs/operations/search-attributes';
import { stoppable } from './cancellation';
import { registerInvitationHandlers } from './invitation/handlers';
import { InvitationBook, Invitee } from './invitation/invitation-book';
import { steps } from './invitation/steps';

export * from './invitation/messages';

/** Mails per mail step: small enough for steady progress, large enough to keep steps few. */
export const MAILS_PER_STEP = 5;
/** Patches of this workflow (docs/changing-workflows.md). */
export const INVITE_BY_EMAIL_PATCHES = { stoppableMailing: 'stoppable-mailing' } as const;

/** R-O4: mail steps in flight at once; each lane pulls the next chunk, so a cancel stops the rest. */
const MAIL_LANES = 4;

/**
 * Section 5: one request of 1…100 invitations, already written by the API (pending rows,
 * limits decided, R-I6). Mail every invitation, then let each live its own life: accept,
 * decline, revoke or resend at any time (handlers), one reminder while still pending, expiry
 * at the deadline (R-I1). Ends when the last invitation has ended.
 * R-O4 (patch 'stoppable-mailing'): a cancel while mailing stops pulling chunks; the chunks
 * in flight finish, the never-mailed rows are revoked, and the mailed invitations live on
 * (the run ignores the cancel from then on and ends as before, its state says `cancelled`).
 */
export async function inviteByEmailWorkflow(input: InviteByEmailInput): Promise<InviteByEmailResult> {
  const book = new InvitationBook(input);
  const cancel = stoppable();
  const mailedIds = new Set<string>();
  registerInvitationHandlers(book, (invitee, reason) => mail([{ invitationId: invitee.id, send: invitee.send, reason }]));
  const batches = chunks(book.pending(), MAILS_PER_STEP).map((batch) => batch.map((i) => ({ invitationId: i.id, send: 1, reason: 'invitation' as const })));

  if (!patched(INVITE_BY_EMAIL_PATCHES.stoppableMailing)) {
    await Promise.all(batches.map(mail));
    return answers();
  }
  return CancellationScope.nonCancellable(async () => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < batches.length && !cancel.requested()) await mail(batches[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(MAIL_LANES, batches.length) }, lane));
    // A cancel that arrives once every chunk was pulled finds nothing to stop: ignored.
    if (next < batches.length) await stopMailing();
    return answers();
  });

  /** R-O4: revoke the never-mailed rows and record the partial result, in one step. */
  async function stopMailing(): Promise<void> {
    book.phase = 'cancelling';
    const notMailed = input.invitationIds.filter((id) => !mailedIds.has(id));
    const { revokedIds } = await steps.cancelInvitationRequest({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      operationId: workflowInfo().workflowId,
      mailedIds: input.invitationIds.filter((id) => mailedIds.has(id)),
      notMailedIds: notMailed,
    });
    for (const invitee of book.pending()) if (revokedIds.includes(invitee.id)) book.close(invitee, 'revoked');
    book.phase = 'cancelled';
    upsertSearchAttributes([{ key: SearchAttr.invitationState, value: INVITATION_REQUEST_CANCELLED }]);
  }

  async function answers(): Promise<InviteByEmailResult> {
    if (book.phase !== 'cancelled') book.phase = 'awaitingAnswers';
    for (let next = book.nextDueAt(); next !== undefined; next = book.nextDueAt()) {
      book.changed = false;
      if (!(await condition(() => book.changed || book.rowsChanged, Math.max(1, next - Date.now())))) {
        await Promise.all(
          book.due(Date.now()).map(({ invitee, step }) => invitee.mutex.runExclusive(() => (step === 'remind' ? remind(invitee) : expire(invitee)))),
        );
      }
      if (book.rowsChanged) await rereadRows();
    }

    // A cancelled request keeps saying so (GET /operations/{id}, the Temporal UI).
    if (book.phase !== 'cancelled') {
      book.phase = 'done';
      upsertSearchAttributes([{ key: SearchAttr.invitationState, value: 'closed' }]);
    }
    await condition(allHandlersFinished);
    return book.result();
  }

  async function mail(mails: MailToSend[]): Promise<void> {
    const outcomes: MailOutcome[] = await steps.mailInvitations({ mails });
    for (const outcome of outcomes) {
      const invitee = book.get(outcome.invitationId);
      if (!invitee) continue;
      if (outcome.sent) {
        if (mails.find((m) => m.invitationId === outcome.invitationId)?.reason === 'invitation') {
          book.mailed++;
          mailedIds.add(outcome.invitationId);
        }
      } else if (outcome.status !== 'pending') book.close(invitee, outcome.status);
    }
  }

  /** R-I1, R-I6: one reminder, within the limits, with a fresh link. */
  async function remind(invitee: Invitee): Promise<void> {
    if (invitee.state !== 'pending' || invitee.reminded) return;
    const prepared = await steps.prepareReminder({ invitationId: invitee.id, send: invitee.send });
    invitee.reminded = true;
    if ('send' in prepared) {
      invitee.send = prepared.send;
      await mail([{ invitationId: invitee.id, send: prepared.send, reason: 'reminder' }]);
    } else if (prepared.skipped === 'closed') await rereadRows();
  }

  async function expire(invitee: Invitee): Promise<void> {
    if (invitee.state !== 'pending') return;
    book.close(invitee, (await steps.closeInvitation({ invitationId: invitee.id, status: 'expired' })).status);
  }

  /** R-W11: rows closed by another writer end their invitations here too. */
  async function rereadRows(): Promise<void> {
    book.rowsChanged = false;
    const pending = book.pending();
    if (!pending.length) return;
    const statuses = await steps.readInvitationStatuses({ invitationIds: pending.map((i) => i.id) });
    for (const invitee of pending) if (statuses[invitee.id] !== 'pending') book.close(invitee, statuses[invitee.id]);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
