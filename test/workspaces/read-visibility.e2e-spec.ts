import { Organisation, Project, ProjectCollaborator, Share, User, Workspace, WorkspaceMember } from '../../libs/persistence/entities';
import { aProject, anOrganisation, workspaceMembers } from '../support/factories';
import type { Http } from '../support/http';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Issue 16 moved R-S1 from JavaScript into the listings' SQL (one EXISTS condition per page).
 * These tests pin down that every kind of viewer still sees exactly the projects, and the
 * audit entries, that the rule gives it: in listings walked page by page, and one by one.
 */
describe('reads: visibility decided in SQL (R-S1, R-T1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  /** Every page of a listing, two rows at a time, so the cursor crosses every boundary. */
  async function allPages(http: Http, path: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await http.get(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('R-S1 R-T1 each kind of viewer lists, opens and reads the audit of exactly the projects it can see', async () => {
    const owning = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['DataOwner'] }, { orgRoles: ['Member'] }] });
    const [admin, dataOwner, member] = owning.users;
    const partner = await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] });
    const collaborating = await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] });
    const stranger = await anOrganisation(t.orm, { users: [{ orgRoles: ['DataOwner'] }] });
    const adminToken = await t.tokenFor(admin);
    const ws = (await t.http.as(adminToken).post('/workspaces', { name: 'Visibility' })).body;
    await workspaceMembers(t.orm, ws.id, [dataOwner, member], { roles: ['Developer'] });
    const memberToken = await t.tokenFor(member);

    const privateOfAdmin = await aProject(t.http, adminToken, ws.id, { name: 'private of admin' });
    const organisation = await aProject(t.http, adminToken, ws.id, { name: 'organisation', organisationProject: true });
    const collaboration = await aProject(t.http, adminToken, ws.id, { name: 'collaboration', organisationProject: true, collaborationProject: true });
    const privateOfMember = await aProject(t.http, memberToken, ws.id, { name: 'private of member' });
    const sharedWithMember = await aProject(t.http, adminToken, ws.id, { name: 'shared with member' });
    const granted = await aProject(t.http, adminToken, ws.id, { name: 'granted to partner', organisationProject: true });
    // The partner is a member with limited project access (R-W8: one grant); the collaborating organisation is on one project only.
    await workspaceMembers(t.orm, ws.id, [partner.users[0]], { roles: ['Developer'], projectAccess: [granted.id] });
    const em = t.orm.em.fork();
    em.persist(new Share(em.getReference(Project, sharedWithMember.id), em.getReference(User, member.id), ['view']));
    em.persist(new ProjectCollaborator(em.getReference(Project, collaboration.id), em.getReference(Organisation, collaborating.organisation.id)));
    await em.flush();

    const all = [privateOfAdmin, organisation, collaboration, privateOfMember, sharedWithMember, granted];
    const expected: Array<[string, User, object[], boolean]> = [
      ['OrgAdmin of the owning organisation', admin, [privateOfAdmin, organisation, collaboration, sharedWithMember, granted], true],
      ['DataOwner of the owning organisation', dataOwner, all, true],
      ['member with a share', member, [organisation, collaboration, privateOfMember, sharedWithMember, granted], true],
      ['partner member with limited project access', partner.users[0], [granted], true],
      ['user of a collaborating organisation, not a member', collaborating.users[0], [collaboration], false],
    ];
    for (const [who, user, visible, isMember] of expected) {
      const http = t.http.as(await t.tokenFor(user));
      const ids = (visible as Array<{ id: string }>).map((p) => p.id).sort();
      const listed = await allPages(http, `/workspaces/${ws.id}/projects`);
      expect({ who, projects: listed.map((p) => p.id).sort() }).toEqual({ who, projects: ids });
      for (const p of all)
        expect({ who, project: p.name, status: (await http.get(`/projects/${p.id}`)).status }).toEqual({
          who,
          project: p.name,
          status: ids.includes(p.id) ? 200 : 404,
        });
      if (!isMember) {
        expect((await http.get(`/workspaces/${ws.id}/audit`)).status).toBe(404);
        continue;
      }
      const audit = await allPages(http, `/workspaces/${ws.id}/audit`);
      const auditProjects = [...new Set(audit.map((e) => e.projectId).filter((id) => id !== null))].sort();
      expect({ who, auditProjects }).toEqual({ who, auditProjects: ids });
      expect(audit.some((e) => e.projectId === null && e.action === 'workspace.created')).toBe(true);
    }
    const strangerHttp = t.http.as(await t.tokenFor(stranger.users[0]));
    expect((await strangerHttp.get(`/workspaces/${ws.id}/projects`)).status).toBe(404);
    expect((await strangerHttp.get(`/workspaces/${ws.id}/audit`)).status).toBe(404);
    expect((await strangerHttp.get(`/projects/${privateOfAdmin.id}`)).status).toBe(404);
  });

  it('R-T1 members created in the same millisecond are paged in id order, each exactly once', async () => {
    const owning = await anOrganisation(t.orm, { users: 7 });
    const [admin, ...others] = owning.users;
    const token = await t.tokenFor(admin);
    const ws = (await t.http.as(token).post('/workspaces', { name: 'Ties' })).body;
    const em = t.orm.em.fork();
    const instant = new Date(Date.now() + 60_000);
    for (const user of others) {
      const row = new WorkspaceMember(em.getReference(Workspace, ws.id), await em.findOneOrFail(User, user.id), ['Developer']);
      row.createdAt = instant;
      em.persist(row);
    }
    await em.flush();
    const members = await allPages(t.http.as(token), `/workspaces/${ws.id}/members`);
    expect(members.map((m) => m.userId).sort()).toEqual(owning.users.map((u) => u.id).sort());
    expect(members).toHaveLength(owning.users.length);
  });
});
