import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { AssignRolesInput, AssignRolesResult } from '../libs/operations/workspace-operations';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { assignMemberRoles } = proxyActivities<ReturnType<typeof createMembershipActivities>>(databaseStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/** R-W2: a member's workspace roles, only those its organisation's types allow; audited. */
export async function assignRolesWorkflow(input: AssignRolesInput): Promise<AssignRolesResult> {
  const progress: OperationProgress = { step: 'assignMemberRoles', done: 0, total: 2 };
  setHandler(progressQuery, () => progress);

  const result = await assignMemberRoles(input);
  Object.assign(progress, { step: 'recordAudit', done: 1 });

  await recordAudit({
    workspaceId: input.workspaceId,
    actorId: input.actor.userId,
    action: 'member.roles-assigned',
    operationId: workflowInfo().workflowId,
    details: { userId: input.userId, roles: result.roles, previousRoles: result.previousRoles },
  });
  Object.assign(progress, { step: 'done', done: 2 });
  return result;
}
