import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { AutoInviteInput, AutoInviteResult } from '../libs/operations/workspace-operations';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { addAutoInviteMemberships } = proxyActivities<ReturnType<typeof createMembershipActivities>>(databaseStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/** R-W9: a user new to an organisation joins every workspace that auto-invites that organisation. */
export async function autoInviteWorkflow(input: AutoInviteInput): Promise<AutoInviteResult> {
  const progress: OperationProgress = { step: 'addAutoInviteMemberships', done: 0, total: 1 };
  setHandler(progressQuery, () => progress);

  const { workspaceIds } = await addAutoInviteMemberships(input);
  Object.assign(progress, { step: 'recordAudit', done: 0, total: workspaceIds.length });
  for (const workspaceId of workspaceIds) {
    await recordAudit({
      workspaceId,
      actorId: input.actor.userId,
      action: 'member.auto-invited',
      operationId: workflowInfo().workflowId,
      details: { organisationId: input.organisationId, userId: input.userId },
    });
    progress.done++;
  }
  Object.assign(progress, { step: 'done' });
  return { workspaceIds };
}
