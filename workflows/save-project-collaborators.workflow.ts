import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createProjectActivities } from '../activities/project.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { SaveProjectCollaboratorsInput, SaveProjectCollaboratorsResult } from '../libs/operations/project-operations';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { saveProjectCollaborators, recordProjectAudit } = proxyActivities<ReturnType<typeof createProjectActivities>>(databaseStep);

/**
 * R-P1..R-P3, R-P5: add (or edit canReverse of) collaborating organisations by their
 * organisation keys. One transaction saves them all or none; then the audit entry.
 */
export async function saveProjectCollaboratorsWorkflow(input: SaveProjectCollaboratorsInput): Promise<SaveProjectCollaboratorsResult> {
  const progress: OperationProgress = { step: 'saveProjectCollaborators', done: 0, total: 2 };
  setHandler(progressQuery, () => progress);

  const result = await saveProjectCollaborators(input);
  Object.assign(progress, { step: 'recordProjectAudit', done: 1 });

  await recordProjectAudit({
    workspaceId: input.workspaceId,
    projectId: input.projectId,
    actorId: input.actor.userId,
    action: 'project.collaborators_saved',
    operationId: workflowInfo().workflowId,
    details: { added: result.added, updated: result.updated },
  });
  Object.assign(progress, { step: 'done', done: 2 });
  return result;
}
