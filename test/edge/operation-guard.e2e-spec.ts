import { aMember, aProject, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation, workspaceMembers } from '../support/factories';
import type { Reply } from '../support/http';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * R-O1: starting an operation is atomic. With no worker polling, a started operation
 * stays running, so every pair of kinds meets a running one for sure: an identical
 * request joins it, a different one on the same collaborator or project is a 409 naming it.
 */
describe('one operation at a time per collaborator and per project (R-O1)', () => {
  let t: TestApp;
  let token: string;
  let ws: { id: string };
  let partnerId: string;
  let memberId: string;
  let secondMemberId: string;
  let projectId: string;
  let newOwners: string[];
  let partnerKeys: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['Member'] }, { orgRoles: ['Member'] }] });
    const partner = await anOrganisation(t.orm, { users: 2 });
    const partner2 = await anOrganisation(t.orm, { users: 1 });
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    token = await t.tokenFor(owner.users[0]);
    ws = await aWorkspace(t.http, token);
    const invited = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['ProducerPartner'], projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, token, invited.body.operationId)).status).toBe('succeeded');
    partnerId = partner.organisation.id;
    memberId = partner.users[0].id;
    await aMember(t.orm, ws.id, partner.users[0], ['AnnotationManager']);
    await workspaceMembers(t.orm, ws.id, [owner.users[1], owner.users[2]]);
    newOwners = [owner.users[1].id, owner.users[2].id];
    partnerKeys = [partner.organisation.key, partner2.organisation.key];
    projectId = (await aProject(t.http, token, ws.id, { organisationProject: true, collaborationProject: true })).id;
    await aMember(t.orm, ws.id, partner.users[1], ['AnnotationManager']);
    secondMemberId = partner.users[1].id;
    await t.stopWorker();
  });
  afterAll(() => t.close());

  type Kind = 'edit' | 'add-all-users' | 'remove' | 'assign-roles' | 'save' | 'handover';
  const send = (kind: Kind, variant: 0 | 1): Promise<Reply> => {
    const as = t.http.as(token);
    const collaborator = `/workspaces/${ws.id}/collaborators/${partnerId}`;
    switch (kind) {
      case 'edit':
        return as.patch(collaborator, { projectAccess: variant ? { mode: 'limited', projectIds: [projectId] } : { mode: 'full' } });
      case 'add-all-users':
        return as.post(`${collaborator}/add-all-users`, { role: variant ? 'ProjectManager' : 'AnnotationManager' });
      case 'remove':
        return as.delete(collaborator);
      case 'assign-roles':
        return as.put(`/workspaces/${ws.id}/members/${memberId}/roles`, { roles: variant ? ['ProjectManager'] : ['AnnotationManager', 'ProjectManager'] });
      case 'save':
        return as.post(`/projects/${projectId}/collaborators`, { collaborators: [{ key: partnerKeys[variant] }] });
      case 'handover':
        return as.post(`/projects/${projectId}/transfer-ownership`, { newOwnerId: newOwners[variant] });
    }
  };

  async function running(kind: Kind): Promise<string> {
    const started = await send(kind, 0);
    expect({ kind, status: started.status, text: started.status === 202 ? '' : started.text }).toEqual({ kind, status: 202, text: '' });
    return started.body.operationId;
  }
  const terminate = (id: string) => t.client.workflow.getHandle(id).terminate('test: next pair');

  const collaboratorKinds: Kind[] = ['edit', 'add-all-users', 'remove', 'assign-roles'];
  const projectKinds: Kind[] = ['save', 'handover'];
  const pairs = (kinds: Kind[]) => kinds.flatMap((a) => kinds.filter((b) => b !== a).map((b) => [a, b] as const));

  it.each(pairs(collaboratorKinds).concat(pairs(projectKinds)))(
    'R-O1 while %s runs, %s on the same collaborator or project is a 409 naming it',
    async (first, second) => {
      const id = await running(first);
      try {
        const refused = await send(second, 1);
        expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 409, error: 'conflict' });
        expect(refused.body.message).toContain(id);
      } finally {
        await terminate(id);
      }
    },
  );

  it.each(collaboratorKinds.concat(projectKinds))('R-O1 while %s runs, the identical request joins it and a different one is a 409', async (kind) => {
    const id = await running(kind);
    try {
      const same = await send(kind, 0);
      expect({ status: same.status, operationId: same.body.operationId }).toEqual({ status: 202, operationId: id });
      if (kind !== 'remove') {
        const different = await send(kind, 1);
        expect(different.status).toBe(409);
        expect(different.body.message).toContain(id);
      }
    } finally {
      await terminate(id);
    }
  });

  it('R-O1 role assignments of two members of one collaborator do not exclude each other', async () => {
    const first = await running('assign-roles');
    try {
      const second = await t.http.as(token).put(`/workspaces/${ws.id}/members/${secondMemberId}/roles`, { roles: ['ProjectManager'] });
      expect(second.status).toBe(202);
      expect(second.body.operationId).not.toBe(first);
      await terminate(second.body.operationId);
    } finally {
      await terminate(first);
    }
  });

  it('R-O1 20 concurrent edits with three different bodies: every 202 is for the body that runs, the others are 409', async () => {
    const bodies = [{ autoInvite: false }, { projectAccess: { mode: 'full' } }, { projectAccess: { mode: 'limited', projectIds: [projectId] } }];
    const path = `/workspaces/${ws.id}/collaborators/${partnerId}`;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .as(token)
          .patch(path, bodies[i % 3])
          .then((r) => ({ r, body: i % 3 })),
      ),
    );
    const accepted = replies.filter((x) => x.r.status === 202);
    const refused = replies.filter((x) => x.r.status !== 202);
    expect(accepted.length).toBeGreaterThan(0);
    expect(new Set(accepted.map((x) => x.body)).size).toBe(1);
    expect(new Set(accepted.map((x) => x.r.body.operationId)).size).toBe(1);
    const id = accepted[0].r.body.operationId;
    expect(refused.map((x) => x.r.status)).toEqual(refused.map(() => 409));
    for (const x of refused) expect(x.r.body.message).toContain(id);
    await t.startWorker();
    try {
      expect((await waitForOperation(t.http, token, id)).status).toBe('succeeded');
      const audit = await t.http.as(token).get(`/workspaces/${ws.id}/audit?limit=200`);
      expect(audit.body.items.filter((e: { action: string; operationId: string }) => e.action === 'collaborator.edited' && e.operationId === id)).toHaveLength(
        1,
      );
    } finally {
      await t.stopWorker();
    }
  });
});
