import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../../../activities/audit.activities';
import type { createCollaboratorActivities } from '../../../activities/collaborator.activities';
import type { InviteOrganisationInput, InviteOrganisationResult } from '../../../libs/operations/contracts';
import { databaseStep } from '../../../workflows/activity-options';

const { persistCollaborator } = proxyActivities<ReturnType<typeof createCollaboratorActivities>>(databaseStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * The negative replay test's workflow: workflows/invite-organisation.workflow.ts with its
 * two steps swapped (audit first), the kind of edit that breaks every running workflow of
 * that type. Replaying a recorded history against it must fail with a determinism error.
 */
export async function inviteOrganisationWorkflow(input: InviteOrganisationInput): Promise<InviteOrganisationResult> {
  await recordAudit({ workspaceId: input.workspaceId, actorId: input.actor.userId, action: 'collaborator.invited', operationId: workflowInfo().workflowId });
  return persistCollaborator(input);
}
