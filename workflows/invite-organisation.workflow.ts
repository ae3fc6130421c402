import { patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createCollaboratorActivities } from '../activities/collaborator.activities';
import type { InviteOrganisationInput, InviteOrganisationResult, OperationProgress } from '../libs/operations/contracts';
import { startExpiryTimer } from './access-expiry.workflow';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { persistCollaborator } = proxyActivities<ReturnType<typeof createCollaboratorActivities>>(databaseStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * R-W6 (b): invite an organisation the inviter's organisation has workforce access to,
 * with its collaboration types and project access.
 */
export async function inviteOrganisationWorkflow(input: InviteOrganisationInput): Promise<InviteOrganisationResult> {
  const progress: OperationProgress = { step: 'persistCollaborator', done: 0, total: 2 };
  setHandler(progressQuery, () => progress);

  const { collaboratorId } = await persistCollaborator(input);
  Object.assign(progress, { step: 'recordAudit', done: 1 });

  await recordAudit({
    workspaceId: input.workspaceId,
    actorId: input.actor.userId,
    action: 'collaborator.invited',
    operationId: workflowInfo().workflowId,
    details: {
      organisationId: input.organisationId,
      collaboratorId,
      types: input.types,
      projectAccess: input.projectAccess,
      ...(input.expiry ? { expiresAt: input.expiry.expiresAt } : {}),
    },
  });
  // R-E1 (docs/changing-workflows.md): runs started before end dates existed have no such step.
  if (input.expiry && patched('access-expiry-timer')) {
    await startExpiryTimer({ kind: 'collaborator', workspaceId: input.workspaceId, organisationId: input.organisationId }, input.expiry);
  }
  Object.assign(progress, { step: 'done', done: 2 });
  return { collaboratorId };
}
