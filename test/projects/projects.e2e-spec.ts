import { AuditEntry, Project } from '../../libs/persistence/entities';
import { anOrganisation, aProject, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

describe('projects: creation, flags and visibility (sections 3 and 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a workspace member creates a project it owns, in its organisation; the change is audited', async () => {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const res = await t.http
      .as(token)
      .post(`/workspaces/${w.ws.id}/projects`, { name: 'Trial', organisationProject: true, collaborationProject: true, reversible: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Trial',
      workspaceId: w.ws.id,
      owner: { id: w.admin.id },
      organisation: { id: w.owner.organisation.id, name: w.owner.organisation.name },
      organisationProject: true,
      collaborationProject: true,
      reversible: true,
      collaborators: [],
      myPermissions: ['view', 'edit', 'share', 'manage'],
    });
    const got = await t.http.as(token).get(`/projects/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: res.body.id, action: 'project.created', workspaceId: w.ws.id })).toBe(1);
    const audit = await t.http.as(token).get(`/projects/${res.body.id}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'project.created', actorId: w.admin.id, projectId: res.body.id })]);
    const stranger = await anOrganisation(t.orm);
    expect((await t.http.as(await t.tokenFor(stranger.users[0])).get(`/projects/${res.body.id}/audit`)).status).toBe(404);
  });

  it('refuses a collaboration project that is not an organisation project, a non-member creator and bad bodies', async () => {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const bad = await t.http.as(token).post(`/workspaces/${w.ws.id}/projects`, { name: 'x', collaborationProject: true });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid', field: 'collaborationProject' });
    const stranger = await anOrganisation(t.orm);
    const notMember = await t.http.as(await t.tokenFor(stranger.users[0])).post(`/workspaces/${w.ws.id}/projects`, { name: 'x' });
    expect(notMember.status).toBe(404);
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: 'x', reversible: 'yes' }, 'reversible'],
      [{ name: 'x', owner: 'me' }, 'owner'],
    ] as const) {
      const res = await t.http.as(token).post(`/workspaces/${w.ws.id}/projects`, body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    }
    expect((await t.http.as(token).get('/projects/not-a-uuid')).body).toMatchObject({ error: 'invalid', field: 'projectId' });
  });

  it('PATCH changes name and flags, refuses to change reversible, and keeps a project with collaborators a collaboration project', async () => {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const p = await aProject(t.http, token, w.ws.id, { reversible: false });
    const renamed = await t.http.as(token).patch(`/projects/${p.id}`, { name: 'Renamed', organisationProject: true, collaborationProject: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', organisationProject: true, collaborationProject: true, reversible: false });
    const reversible = await t.http.as(token).patch(`/projects/${p.id}`, { reversible: true });
    expect(reversible.status).toBe(400);
    expect(reversible.body).toMatchObject({ field: 'reversible' });
    expect((await t.orm.em.fork().findOneOrFail(Project, p.id)).reversible).toBe(false);
    const same = await t.http.as(token).patch(`/projects/${p.id}`, { reversible: false });
    expect(same.status).toBe(200);
    const off = await t.http.as(token).patch(`/projects/${p.id}`, { organisationProject: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ organisationProject: false, collaborationProject: false });
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: p.id, action: 'project.updated' })).toBe(2);
  });

  it('R-S1 shows a project by default only to its owner and DataOwners of the owning organisation (and its listing likewise)', async () => {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member]);
    const adminToken = await w.token(w.admin);
    const personal = await aProject(t.http, adminToken, w.ws.id);

    expect((await t.http.as(await w.token(w.dataOwner)).get(`/projects/${personal.id}`)).status).toBe(200);
    // A workspace member of the owning organisation, without a share, does not see a personal project.
    const memberToken = await w.token(w.member);
    const hidden = await t.http.as(memberToken).get(`/projects/${personal.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ error: 'not_found' });
    const list = await t.http.as(memberToken).get(`/workspaces/${w.ws.id}/projects`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(personal.id);
    // R-T1: someone of another organisation learns nothing.
    const stranger = await anOrganisation(t.orm, { users: [{ orgRoles: ['DataOwner'] }] });
    const strangerToken = await t.tokenFor(stranger.users[0]);
    expect((await t.http.as(strangerToken).get(`/projects/${personal.id}`)).status).toBe(404);
    expect((await t.http.as(strangerToken).patch(`/projects/${personal.id}`, { name: 'mine' })).status).toBe(404);
    expect((await t.http.as(strangerToken).get(`/workspaces/${w.ws.id}/projects`)).status).toBe(404);
  });

  it('R-S1 shows an organisation project to workspace members whose organisation project access covers it, in GET and in the listing', async () => {
    const w = await aProjectWorld(t);
    const adminToken = await w.token(w.admin);
    const orgProject = await aProject(t.http, adminToken, w.ws.id, { organisationProject: true });
    const otherOrgProject = await aProject(t.http, adminToken, w.ws.id, { organisationProject: true });
    const personal = await aProject(t.http, adminToken, w.ws.id);
    // The owning organisation has full project access (its Owner collaborator row).
    await workspaceMembers(t.orm, w.ws.id, [w.member]);
    // A partner organisation with limited access to one project.
    const partner = await anOrganisation(t.orm, { users: 2 });
    await workspaceMembers(t.orm, w.ws.id, [partner.users[0]], { projectAccess: [orgProject.id] });

    const memberList = await t.http.as(await w.token(w.member)).get(`/workspaces/${w.ws.id}/projects`);
    expect(memberList.body.items.map((p: { id: string }) => p.id).sort()).toEqual([orgProject.id, otherOrgProject.id].sort());
    expect(memberList.body.items.find((p: { id: string }) => p.id === orgProject.id).myPermissions).toEqual(['view']);

    const partnerToken = await t.tokenFor(partner.users[0]);
    expect((await t.http.as(partnerToken).get(`/projects/${orgProject.id}`)).status).toBe(200);
    expect((await t.http.as(partnerToken).get(`/projects/${otherOrgProject.id}`)).status).toBe(404);
    expect((await t.http.as(partnerToken).get(`/projects/${personal.id}`)).status).toBe(404);
    const partnerList = await t.http.as(partnerToken).get(`/workspaces/${w.ws.id}/projects`);
    expect(partnerList.body.items.map((p: { id: string }) => p.id)).toEqual([orgProject.id]);
    // A user of the partner organisation who is not a workspace member sees nothing.
    expect((await t.http.as(await t.tokenFor(partner.users[1])).get(`/projects/${orgProject.id}`)).status).toBe(404);
    // A member who can see but not edit may not change the project.
    const edit = await t.http.as(partnerToken).patch(`/projects/${orgProject.id}`, { name: 'taken over' });
    expect(edit.status).toBe(403);
  });

  it('R-S1 lists the projects shared with a user, and pages the listing', async () => {
    const w = await aProjectWorld(t);
    const adminToken = await w.token(w.admin);
    await workspaceMembers(t.orm, w.ws.id, [w.member]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await aProject(t.http, adminToken, w.ws.id);
      ids.push(p.id);
      expect((await t.http.as(adminToken).post(`/projects/${p.id}/shares`, { userId: w.member.id, permissions: ['view'] })).status).toBe(201);
    }
    await aProject(t.http, adminToken, w.ws.id);
    const memberToken = await w.token(w.member);
    const first = await t.http.as(memberToken).get(`/workspaces/${w.ws.id}/projects?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http.as(memberToken).get(`/workspaces/${w.ws.id}/projects?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort());
    expect(second.body.nextCursor).toBeNull();
  });

  it('publishes the project, sharing and lookup endpoints in the OpenAPI document (section 7)', async () => {
    const json = await t.http.get('/docs-json');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/workspaces/{workspaceId}/projects',
        '/projects/{projectId}',
        '/projects/{projectId}/collaborators',
        '/projects/{projectId}/collaborators/{organisationId}',
        '/projects/{projectId}/requests',
        '/projects/{projectId}/requests/{requestId}/approve',
        '/projects/{projectId}/requests/{requestId}/reject',
        '/projects/{projectId}/shares',
        '/projects/{projectId}/shares/{userId}',
        '/projects/{projectId}/transfer-ownership',
        '/projects/{projectId}/leave',
        '/organisations/lookup',
      ]),
    );
  });
});
