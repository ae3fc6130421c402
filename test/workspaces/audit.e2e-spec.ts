import { aProject, anOrganisation, aWorkspace, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

describe('workspace audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('R-T1 shows entries about a project only to members who can see that project', async () => {
    const acme = await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }, { orgRoles: ['Member'] }] });
    const [owner, colleague] = acme.users;
    const ownerToken = await t.tokenFor(owner);
    const ws = await aWorkspace(t.http, ownerToken);
    await workspaceMembers(t.orm, ws.id, [colleague], { roles: ['Developer'] });
    const secret = await aProject(t.http, ownerToken, ws.id, { name: 'Secret' });

    const ownerView = await t.http.as(ownerToken).get(`/workspaces/${ws.id}/audit`);
    expect(ownerView.body.items.map((e: { projectId: string | null }) => e.projectId)).toContain(secret.id);

    // A private project (not an organisation project, no share): the colleague cannot see it, nor its audit.
    const colleagueToken = await t.tokenFor(colleague);
    expect((await t.http.as(colleagueToken).get(`/projects/${secret.id}`)).status).toBe(404);
    const colleagueView = await t.http.as(colleagueToken).get(`/workspaces/${ws.id}/audit`);
    expect(colleagueView.status).toBe(200);
    expect(colleagueView.body.items.length).toBeGreaterThan(0);
    expect(colleagueView.body.items.map((e: { projectId: string | null }) => e.projectId)).not.toContain(secret.id);
  });
});
