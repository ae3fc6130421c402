import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { CANCELLING_STEP, OPERATION_CANCELLED } from '../libs/operations/operation-cancel';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import { BATCHES_PER_RUN, BATCH_HEARTBEAT_TIMEOUT, MEMBER_BATCH_SIZE } from '../libs/operations/workspace-operations';
import type { AddAllUsersInput, AddAllUsersResult } from '../libs/operations/workspace-operations';
import { batchStep, databaseStep } from './activity-options';
import { stoppable } from './cancellation';
import { progressQuery } from './operation-progress';
import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Issue 13: a member batch heartbeats, so a worker killed mid-batch costs
 * BATCH_HEARTBEAT_TIMEOUT, not the 30 s start-to-close timeout.
 */
const heartbeatingBatch: ActivityOptions = { ...batchStep, heartbeatTimeout: BATCH_HEARTBEAT_TIMEOUT };

const { checkAddAllUsers } = proxyActivities<ReturnType<typeof createMembershipActivities>>(batchStep);
const { addMembersBatch } = proxyActivities<ReturnType<typeof createMembershipActivities>>(heartbeatingBatch);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * R-W10: every current user of the collaborator organisation becomes a member. Keyset
 * batches by user id of conflict-ignoring bulk inserts: a rerun, a retry or a restarted
 * worker adds nobody twice. Continues as new every few batches to keep history small.
 * R-O4: a cancel stops it after the batch in flight; it ends cancelled, its audit entry
 * saying exactly how many it added (each batch counts the rows it inserted).
 */
export async function addAllUsersWorkflow(input: AddAllUsersInput): Promise<AddAllUsersResult> {
  const progress: OperationProgress = { step: 'checkAddAllUsers', done: 0, total: 0 };
  setHandler(progressQuery, () => progress);
  const cancel = stoppable();

  let position = input.position;
  if (!position) {
    const { total } = await cancel.step(() => checkAddAllUsers(input));
    position = { afterUserId: null, added: 0, scanned: 0, total };
  }
  Object.assign(progress, { step: 'addMembersBatch', done: position.scanned, total: position.total });

  for (let batch = 0; ; batch++) {
    if (cancel.requested()) return stopAt(position);
    if (batch >= (input.batchesPerRun ?? BATCHES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof addAllUsersWorkflow>({ ...input, position });
    }
    const afterUserId: string | null = position.afterUserId;
    const { scanned, added, lastUserId }: { scanned: number; added: number; lastUserId: string | null } = await cancel.step(() =>
      addMembersBatch({ ...input, afterUserId, limit: MEMBER_BATCH_SIZE }),
    );
    position = { ...position, afterUserId: lastUserId, scanned: position.scanned + scanned, added: position.added + added };
    Object.assign(progress, { done: position.scanned, total: Math.max(position.total, position.scanned) });
    if (scanned < MEMBER_BATCH_SIZE) break;
  }
  if (cancel.requested()) return stopAt(position);

  const result: AddAllUsersResult = { added: position.added, alreadyMembers: position.scanned - position.added, total: position.scanned };
  // R-O4: the point of no return; a cancel arriving now changes nothing.
  Object.assign(progress, { step: 'recordAudit' });
  await cancel.step(() =>
    recordAudit({
      workspaceId: input.workspaceId,
      actorId: input.actor.userId,
      action: 'collaborator.all-users-added',
      operationId: workflowInfo().workflowId,
      details: { organisationId: input.organisationId, role: input.role, ...result },
    }),
  );
  Object.assign(progress, { step: 'done' });
  return result;

  /** R-O4: records what was done (exact: the batches count what they inserted) and ends cancelled. */
  async function stopAt(at: NonNullable<AddAllUsersInput['position']>): Promise<never> {
    const partial: AddAllUsersResult = { added: at.added, alreadyMembers: at.scanned - at.added, total: at.scanned };
    Object.assign(progress, { step: CANCELLING_STEP });
    await cancel.step(() =>
      recordAudit({
        workspaceId: input.workspaceId,
        actorId: input.actor.userId,
        action: OPERATION_CANCELLED,
        operationId: workflowInfo().workflowId,
        details: { kind: 'add-all-users', result: partial, organisationId: input.organisationId, role: input.role },
      }),
    );
    return cancel.stop(`stopped after ${at.scanned} of ${at.total} users; ${at.added} added`);
  }
}
