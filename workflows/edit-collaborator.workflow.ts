import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import { BATCHES_PER_RUN, MEMBER_BATCH_SIZE } from '../libs/operations/workspace-operations';
import type { EditCollaboratorInput, EditCollaboratorResult } from '../libs/operations/workspace-operations';
import { batchStep, databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { updateCollaborator, countOrganisationMembers, stripForbiddenRoles, readCollaborator } =
  proxyActivities<ReturnType<typeof createMembershipActivities>>(batchStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * R-W7, R-W8, R-W9: edit a collaborator's types, project access and auto invite. When
 * types change, every member of that organisation loses, batch by batch, each role the
 * remaining types no longer allow; long runs continue as new with their position.
 */
export async function editCollaboratorWorkflow(input: EditCollaboratorInput): Promise<EditCollaboratorResult> {
  const progress: OperationProgress = { step: 'updateCollaborator', done: 0, total: 1 };
  setHandler(progressQuery, () => progress);

  let stripping = input.stripping;
  if (!stripping) {
    const updated = await updateCollaborator(input);
    const total = input.types ? await countOrganisationMembers(input) : 0;
    stripping = { afterMemberId: null, membersChanged: 0, scanned: 0, total, previousTypes: updated.previousTypes };
  }
  Object.assign(progress, { step: 'stripForbiddenRoles', done: stripping.scanned, total: stripping.total });

  if (input.types) {
    for (let batch = 0; ; batch++) {
      if (batch >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
        return continueAsNew<typeof editCollaboratorWorkflow>({ ...input, stripping });
      }
      const { scanned, changed, lastMemberId }: { scanned: number; changed: number; lastMemberId: string | null } = await stripForbiddenRoles({
        ...input,
        afterMemberId: stripping.afterMemberId,
        limit: MEMBER_BATCH_SIZE,
      });
      stripping = { ...stripping, afterMemberId: lastMemberId, scanned: stripping.scanned + scanned, membersChanged: stripping.membersChanged + changed };
      Object.assign(progress, { done: stripping.scanned, total: Math.max(stripping.total, stripping.scanned) });
      if (scanned < MEMBER_BATCH_SIZE) break;
    }
  }

  // Re-read after stripping: the settings as they now are (also on a continued run).
  const final = await readCollaborator(input);
  Object.assign(progress, { step: 'recordAudit' });
  await recordAudit({
    workspaceId: input.workspaceId,
    actorId: input.actor.userId,
    action: 'collaborator.edited',
    operationId: workflowInfo().workflowId,
    details: {
      organisationId: input.organisationId,
      previousTypes: stripping.previousTypes,
      changes: { types: input.types, projectAccess: input.projectAccess, autoInvite: input.autoInvite, autoInviteRole: input.autoInviteRole },
      membersChanged: stripping.membersChanged,
    },
  });
  Object.assign(progress, { step: 'done', done: progress.total });
  return {
    collaboratorId: final.collaboratorId,
    types: final.types,
    projectAccess: final.projectAccess,
    autoInvite: final.autoInvite,
    autoInviteRole: final.autoInviteRole,
    membersChanged: stripping.membersChanged,
  };
}
