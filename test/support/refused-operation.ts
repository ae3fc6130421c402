import { SearchAttr } from '../../libs/operations/search-attributes';
import { inviteOrganisationWorkflow } from '../../workflows/invite-organisation.workflow';
import { AnOrganisation, aMember } from './factories';
import { TestApp } from './test-app';

/**
 * R-W4 refused by the activity rather than the API: the owner's second user, a
 * ProjectManager, starts invite-organisation with DataPartner directly, as if the API's fast
 * check had passed before the role changed. Answers the operation (workflow) id.
 */
export async function startRefusedInviteOrganisation(t: TestApp, workspaceId: string, owner: AnOrganisation, partner: AnOrganisation): Promise<string> {
  const pm = owner.users[1];
  await aMember(t.orm, workspaceId, pm, ['ProjectManager']);
  const workflowId = `invite-organisation.${workspaceId}.${partner.organisation.id}`;
  await t.client.workflow.start(inviteOrganisationWorkflow, {
    taskQueue: t.config.temporal.taskQueue,
    workflowId,
    args: [
      {
        actor: { userId: pm.id, organisationId: owner.organisation.id },
        workspaceId,
        organisationId: partner.organisation.id,
        types: ['DataPartner'],
        projectAccess: { mode: 'full' },
      },
    ],
    typedSearchAttributes: [{ key: SearchAttr.workspaceId, value: workspaceId }],
  });
  return workflowId;
}
