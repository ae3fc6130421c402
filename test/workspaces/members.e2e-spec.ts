import { randomUUID } from 'node:crypto';
import { workspaceOperationIds } from '../../libs/operations/workspace-operations';
import { WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/** Workspace members and role assignment (R-W2) and tenant isolation of every workspace endpoint (R-T1). */
describe('workspace members and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** ACME's workspace with a partner collaborator of `types`, whose users 0 and 1 are members with `roles`. */
  async function workspaceWithPartner(types: string[], roles: string[]) {
    const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, {}] });
    const partner = await anOrganisation(t.orm, { users: 2 });
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    const invited = await t.http
      .as(adminToken)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types, projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, adminToken, invited.body.operationId)).status).toBe('succeeded');
    for (const u of partner.users) await aMember(t.orm, ws.id, u, roles as never);
    return { owner, partner, adminToken, ws };
  }

  const rolesOf = async (workspaceId: string, userId: string) =>
    (await t.orm.em.fork().findOneOrFail(WorkspaceMember, { workspace: workspaceId, user: userId })).roles;

  it('R-W2 assigns only roles the member organisation types allow, as an audited operation', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner(['ProducerPartner'], ['AnnotationManager']);
    const member = partner.users[0];

    const refused = await t.http.as(adminToken).put(`/workspaces/${ws.id}/members/${member.id}/roles`, { roles: ['Developer'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid', rule: 'R-W2', field: 'roles' });
    expect(refused.body.message).toContain('Developer');
    expect(await rolesOf(ws.id, member.id)).toEqual(['AnnotationManager']);

    const res = await t.http.as(adminToken).put(`/workspaces/${ws.id}/members/${member.id}/roles`, { roles: ['ProjectManager', 'AnnotationManager'] });
    expect(res.status).toBe(202);
    expect(res.body.operationId).toBe(workspaceOperationIds.assignRoles(ws.id, member.id));
    const op = await waitForOperation(t.http, adminToken, res.body.operationId);
    expect(op).toMatchObject({
      kind: 'assign-roles',
      status: 'succeeded',
      result: { roles: ['ProjectManager', 'AnnotationManager'], previousRoles: ['AnnotationManager'] },
    });
    expect(await rolesOf(ws.id, member.id)).toEqual(['ProjectManager', 'AnnotationManager']);
    const audit = await t.http.as(adminToken).get(`/workspaces/${ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'member.roles-assigned', operationId: op.id, details: expect.objectContaining({ userId: member.id }) }),
    );

    const empty = await t.http.as(adminToken).put(`/workspaces/${ws.id}/members/${member.id}/roles`, { roles: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.rule).toBe('R-W2');
  });

  it('R-W2 lets a member of the owner organisation hold every role, and only an Admin grant Admin (R-W3)', async () => {
    const { owner, adminToken, ws } = await workspaceWithPartner(['DataPartner'], ['Developer']);
    await aMember(t.orm, ws.id, owner.users[1], ['Developer']);
    const ok = await t.http.as(adminToken).put(`/workspaces/${ws.id}/members/${owner.users[1].id}/roles`, { roles: ['Developer', 'ProjectManager'] });
    expect((await waitForOperation(t.http, adminToken, ok.body.operationId)).status).toBe('succeeded');
    const devToken = await t.tokenFor(owner.users[1]);
    const selfAdmin = await t.http.as(devToken).put(`/workspaces/${ws.id}/members/${owner.users[1].id}/roles`, { roles: ['Admin'] });
    expect(selfAdmin.status).toBe(403);
    expect(selfAdmin.body.rule).toBe('R-W3');
    expect(await rolesOf(ws.id, owner.users[1].id)).toEqual(['Developer', 'ProjectManager']);
  });

  it('lists members paginated, with their roles and organisation', async () => {
    const { owner, partner, adminToken, ws } = await workspaceWithPartner(['DataPartner'], ['Developer']);
    const first = await t.http.as(adminToken).get(`/workspaces/${ws.id}/members?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({ userId: owner.users[0].id, roles: ['Admin'], organisationId: owner.organisation.id }),
      expect.objectContaining({ userId: partner.users[0].id, roles: ['Developer'], organisationId: partner.organisation.id }),
    ]);
    const second = await t.http.as(adminToken).get(`/workspaces/${ws.id}/members?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ userId: partner.users[1].id }], nextCursor: null });
    const partnerView = await t.http.as(await t.tokenFor(partner.users[0])).get(`/workspaces/${ws.id}/members`);
    expect(partnerView.body.items).toHaveLength(3);
  });

  it('R-T1 answers 404 to a member of another tenant probing every workspace endpoint, and changes nothing', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner(['DataPartner'], ['Developer']);
    const stranger = await anOrganisation(t.orm);
    const strangerToken = await t.tokenFor(stranger.users[0]);
    await aWorkspace(t.http, strangerToken); // a member and Admin elsewhere
    const org = partner.organisation.id;
    const user = partner.users[0].id;
    const addAll = await t.http.as(adminToken).post(`/workspaces/${ws.id}/collaborators/${org}/add-all-users`, {});
    const opId = addAll.body.operationId;
    await waitForOperation(t.http, adminToken, opId);
    const as = t.http.as(strangerToken);
    const probes = {
      workspace: await as.get(`/workspaces/${ws.id}`),
      listCollaborators: await as.get(`/workspaces/${ws.id}/collaborators`),
      invite: await as.post(`/workspaces/${ws.id}/collaborators`, {
        organisationId: stranger.organisation.id,
        types: ['DataPartner'],
        projectAccess: { mode: 'full' },
      }),
      edit: await as.patch(`/workspaces/${ws.id}/collaborators/${org}`, { types: ['AnnotationPartner'] }),
      addAll: await as.post(`/workspaces/${ws.id}/collaborators/${org}/add-all-users`, {}),
      remove: await as.delete(`/workspaces/${ws.id}/collaborators/${org}`),
      members: await as.get(`/workspaces/${ws.id}/members`),
      roles: await as.put(`/workspaces/${ws.id}/members/${user}/roles`, { roles: ['Developer'] }),
      audit: await as.get(`/workspaces/${ws.id}/audit`),
      operation: await as.get(`/operations/${opId}`),
      addUser: await as.post(`/organisations/${org}/users`, { email: `s-${randomUUID()}@example.test`, name: 'S' }),
    };
    const missing = await as.get(`/workspaces/${randomUUID()}/collaborators`);
    for (const [probe, res] of Object.entries(probes)) {
      expect({ probe, status: res.status, error: res.body.error }).toEqual({ probe, status: 404, error: 'not_found' });
    }
    expect(probes.listCollaborators.body).toEqual(missing.body);
    expect(await rolesOf(ws.id, user)).toEqual(['Developer']);
    const collaborators = await t.http.as(adminToken).get(`/workspaces/${ws.id}/collaborators`);
    expect(collaborators.body.items.find((c: { organisationId: string }) => c.organisationId === org).types).toEqual(['DataPartner']);
  });

  it('answers bad role input with 4xx naming the field', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner(['DataPartner'], ['Developer']);
    const base = `/workspaces/${ws.id}/members`;
    const cases: Array<[Promise<{ status: number; body: any }>, number, string]> = [
      [t.http.as(adminToken).put(`${base}/${partner.users[0].id}/roles`, { roles: ['King'] }), 400, 'roles'],
      [t.http.as(adminToken).put(`${base}/${partner.users[0].id}/roles`, { roles: 'Developer' }), 400, 'roles'],
      [t.http.as(adminToken).put(`${base}/${partner.users[0].id}/roles`, {}), 400, 'roles'],
      [t.http.as(adminToken).put(`${base}/not-a-uuid/roles`, { roles: ['Developer'] }), 400, 'userId'],
      [t.http.as(adminToken).put(`${base}/${randomUUID()}/roles`, { roles: ['Developer'] }), 404, 'userId'],
      [t.http.as(adminToken).get(`${base}?limit=0`), 400, 'limit'],
    ];
    for (const [pending, status, field] of cases) {
      const res = await pending;
      expect({ status: res.status, field: res.body.field }).toEqual({ status, field });
    }
  });
});
