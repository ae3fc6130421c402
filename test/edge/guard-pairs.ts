import { aMember, aProject, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation, workspaceMembers } from '../support/factories';
import type { Reply } from '../support/http';
import type { TestApp } from '../support/test-app';

/** The operation kinds of R-O1's pair matrix, each with two different bodies (variant 0 and 1). */
export type Kind = 'invite' | 'edit' | 'add-all-users' | 'remove' | 'assign-roles' | 'save' | 'handover';
/** `collaborator`: an organisation already collaborating; `newcomer`: one with workforce access, not yet invited. */
export type Target = 'collaborator' | 'newcomer';

export interface GuardPairs {
  token: string;
  wsId: string;
  partnerId: string;
  secondMemberId: string;
  projectId: string;
  send(kind: Kind, variant: 0 | 1, target?: Target): Promise<Reply>;
  /** Starts `kind` (variant 0) and returns its operation id; fails the test unless 202. */
  running(kind: Kind, target?: Target): Promise<string>;
  terminate(id: string): Promise<void>;
}

/**
 * A workspace with a partner collaborator (two members), a newcomer organisation the
 * owner may invite, a project, two possible new owners; then the worker is stopped, so
 * every started operation stays running until the test terminates it.
 */
export async function guardPairs(t: TestApp): Promise<GuardPairs> {
  const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['Member'] }, { orgRoles: ['Member'] }] });
  const partner = await anOrganisation(t.orm, { users: 2 });
  const partner2 = await anOrganisation(t.orm, { users: 1 });
  const newcomer = await anOrganisation(t.orm, { users: 1 });
  await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
  await grantWorkforceAccess(t.orm, owner.organisation, newcomer.organisation);
  const token = await t.tokenFor(owner.users[0]);
  const ws = await aWorkspace(t.http, token);
  const invited = await t.http
    .as(token)
    .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['ProducerPartner'], projectAccess: { mode: 'full' } });
  expect((await waitForOperation(t.http, token, invited.body.operationId)).status).toBe('succeeded');
  await aMember(t.orm, ws.id, partner.users[0], ['AnnotationManager']);
  await workspaceMembers(t.orm, ws.id, [owner.users[1], owner.users[2]]);
  const projectId = (await aProject(t.http, token, ws.id, { organisationProject: true, collaborationProject: true })).id;
  await aMember(t.orm, ws.id, partner.users[1], ['AnnotationManager']);
  await t.stopWorker();

  const newOwners = [owner.users[1].id, owner.users[2].id];
  const partnerKeys = [partner.organisation.key, partner2.organisation.key];
  const orgOf = (target: Target) => (target === 'collaborator' ? partner : newcomer);
  const send = (kind: Kind, variant: 0 | 1, target: Target = 'collaborator'): Promise<Reply> => {
    const as = t.http.as(token);
    const org = orgOf(target);
    const collaborator = `/workspaces/${ws.id}/collaborators/${org.organisation.id}`;
    switch (kind) {
      case 'invite':
        return as.post(`/workspaces/${ws.id}/collaborators`, {
          organisationId: org.organisation.id,
          types: [variant ? 'AnnotationPartner' : 'ProducerPartner'],
          projectAccess: { mode: 'full' },
        });
      case 'edit':
        return as.patch(collaborator, { projectAccess: variant ? { mode: 'limited', projectIds: [projectId] } : { mode: 'full' } });
      case 'add-all-users':
        return as.post(`${collaborator}/add-all-users`, { role: variant ? 'ProjectManager' : 'AnnotationManager' });
      case 'remove':
        return as.delete(collaborator);
      case 'assign-roles':
        return as.put(`/workspaces/${ws.id}/members/${org.users[0].id}/roles`, {
          roles: variant ? ['ProjectManager'] : ['AnnotationManager', 'ProjectManager'],
        });
      case 'save':
        return as.post(`/projects/${projectId}/collaborators`, { collaborators: [{ key: partnerKeys[variant] }] });
      case 'handover':
        return as.post(`/projects/${projectId}/transfer-ownership`, { newOwnerId: newOwners[variant] });
    }
  };
  return {
    token,
    wsId: ws.id,
    partnerId: partner.organisation.id,
    secondMemberId: partner.users[1].id,
    projectId,
    send,
    async running(kind, target) {
      const started = await send(kind, 0, target);
      expect({ kind, status: started.status, text: started.status === 202 ? '' : started.text }).toEqual({ kind, status: 202, text: '' });
      return started.body.operationId;
    },
    terminate: async (id) => {
      await t.client.workflow.getHandle(id).terminate('test: next pair');
    },
  };
}

/** Unordered pairs of distinct kinds. */
export function unorderedPairs(kinds: Kind[]): Array<[Kind, Kind]> {
  return kinds.flatMap((a, i) => kinds.slice(i + 1).map((b) => [a, b] as [Kind, Kind]));
}
