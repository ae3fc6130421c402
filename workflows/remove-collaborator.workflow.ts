import { continueAsNew, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createCollaboratorRemovalActivities } from '../activities/collaborator-removal.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import { EXPIRY_ACTOR } from '../libs/operations/expiry-operations';
import { BATCHES_PER_RUN, MEMBER_BATCH_SIZE } from '../libs/operations/workspace-operations';
import type { RemoveCollaboratorInput, RemoveCollaboratorResult } from '../libs/operations/workspace-operations';
import { batchStep, databaseStep } from './activity-options';
import { invitationRowChangedSignal } from './invite-by-email.workflow';
import { progressQuery } from './operation-progress';

const { countOrganisationMembers } = proxyActivities<ReturnType<typeof createMembershipActivities>>(batchStep);
const { checkRemoveCollaborator, removeMembersBatch, removeCollaboratorRecord } =
  proxyActivities<ReturnType<typeof createCollaboratorRemovalActivities>>(batchStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * R-W11: every member of the organisation leaves the workspace (in batches), then its
 * project access, its pending invitations and those its users sent, then the collaborator.
 */
export async function removeCollaboratorWorkflow(input: RemoveCollaboratorInput): Promise<RemoveCollaboratorResult> {
  const progress: OperationProgress = { step: 'removeMembersBatch', done: 0, total: 0 };
  setHandler(progressQuery, () => progress);

  let removed = input.removed;
  if (!removed) {
    // R-E1: an end date was set by someone allowed to, and the timer checked the date; nobody acts now.
    if (!input.expiry) await checkRemoveCollaborator(input);
    removed = { members: 0, total: await countOrganisationMembers(input) };
  }
  Object.assign(progress, { done: removed.members, total: removed.total });

  for (let batch = 0; ; batch++) {
    if (batch >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof removeCollaboratorWorkflow>({ ...input, removed });
    }
    const batchResult: { removed: number } = await removeMembersBatch({ ...input, limit: MEMBER_BATCH_SIZE });
    removed = { ...removed, members: removed.members + batchResult.removed };
    Object.assign(progress, { done: removed.members, total: Math.max(removed.total, removed.members) });
    if (batchResult.removed === 0) break;
  }

  Object.assign(progress, { step: 'removeCollaboratorRecord' });
  const { projectGrantsRemoved, invitationsRevoked, invitationWorkflowIds } = await removeCollaboratorRecord(input);
  // Section 5: the revoked invitations' workflows end now rather than at their next timer.
  for (const workflowId of invitationWorkflowIds) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(invitationRowChangedSignal);
    } catch {
      // already closed: nothing waits on that row any more
    }
  }
  const result: RemoveCollaboratorResult = { membersRemoved: removed.members, projectGrantsRemoved, invitationsRevoked };
  Object.assign(progress, { step: 'recordAudit' });
  await recordAudit({
    workspaceId: input.workspaceId,
    actorId: input.expiry ? null : input.actor.userId,
    action: input.expiry ? 'collaborator.expired' : 'collaborator.removed',
    operationId: workflowInfo().workflowId,
    details: { organisationId: input.organisationId, ...result, ...(input.expiry ? { actor: EXPIRY_ACTOR, expiresAt: input.expiry.expiresAt } : {}) },
  });
  Object.assign(progress, { step: 'done' });
  return result;
}
