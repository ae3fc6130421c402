import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import { BATCHES_PER_RUN, BATCH_HEARTBEAT_TIMEOUT, MEMBER_BATCH_SIZE } from '../libs/operations/workspace-operations';
import type { AddAllUsersInput, AddAllUsersResult } from '../libs/operations/workspace-operations';
import { batchStep, databaseStep } from './activity-options';
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
 */
export async function addAllUsersWorkflow(input: AddAllUsersInput): Promise<AddAllUsersResult> {
  const progress: OperationProgress = { step: 'checkAddAllUsers', done: 0, total: 0 };
  setHandler(progressQuery, () => progress);

  let position = input.position;
  if (!position) {
    const { total } = await checkAddAllUsers(input);
    position = { afterUserId: null, added: 0, scanned: 0, total };
  }
  Object.assign(progress, { step: 'addMembersBatch', done: position.scanned, total: position.total });

  for (let batch = 0; ; batch++) {
    if (batch >= (input.batchesPerRun ?? BATCHES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof addAllUsersWorkflow>({ ...input, position });
    }
    const { scanned, added, lastUserId }: { scanned: number; added: number; lastUserId: string | null } = await addMembersBatch({
      ...input,
      afterUserId: position.afterUserId,
      limit: MEMBER_BATCH_SIZE,
    });
    position = { ...position, afterUserId: lastUserId, scanned: position.scanned + scanned, added: position.added + added };
    Object.assign(progress, { done: position.scanned, total: Math.max(position.total, position.scanned) });
    if (scanned < MEMBER_BATCH_SIZE) break;
  }

  const result: AddAllUsersResult = { added: position.added, alreadyMembers: position.scanned - position.added, total: position.scanned };
  Object.assign(progress, { step: 'recordAudit' });
  await recordAudit({
    workspaceId: input.workspaceId,
    actorId: input.actor.userId,
    action: 'collaborator.all-users-added',
    operationId: workflowInfo().workflowId,
    details: { organisationId: input.organisationId, role: input.role, ...result },
  });
  Object.assign(progress, { step: 'done' });
  return result;
}
