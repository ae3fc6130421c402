import { anOrganisation, aWorkspace } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

describe('workspaces', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('R-W1 makes the creator organisation the owner and the creator its first Admin', async () => {
    const { organisation, users } = await anOrganisation(t.orm);
    const token = await t.tokenFor(users[0]);
    const created = await t.http.as(token).post('/workspaces', { name: 'Area A' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Area A', ownerOrganisation: { id: organisation.id }, myRoles: ['Admin'] });

    const listed = await t.http.as(token).get('/workspaces');
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([created.body.id]);
    const audit = await t.http.as(token).get(`/workspaces/${created.body.id}/audit`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'workspace.created', actorId: users[0].id })]);
  });

  it('R-T1 answers 404 to a user of another tenant, as for a workspace that does not exist', async () => {
    const owner = await anOrganisation(t.orm);
    const stranger = await anOrganisation(t.orm);
    const ws = await aWorkspace(t.http, await t.tokenFor(owner.users[0]));
    const strangerToken = await t.tokenFor(stranger.users[0]);
    const probe = await t.http.as(strangerToken).get(`/workspaces/${ws.id}`);
    const missing = await t.http.as(strangerToken).get('/workspaces/00000000-0000-4000-8000-000000000000');
    expect(probe.status).toBe(404);
    expect(probe.body).toEqual(missing.body);
    expect((await t.http.as(strangerToken).get(`/workspaces/${ws.id}/audit`)).status).toBe(404);
    expect((await t.http.as(strangerToken).get('/workspaces')).body.items).toEqual([]);
  });

  it('pages through workspaces with a cursor and caps the page size', async () => {
    const { users } = await anOrganisation(t.orm);
    const token = await t.tokenFor(users[0]);
    for (let i = 0; i < 3; i++) await aWorkspace(t.http, token, `W${i}`);
    const first = await t.http.as(token).get('/workspaces?limit=2');
    expect(first.body.items.map((w: { name: string }) => w.name)).toEqual(['W0', 'W1']);
    const second = await t.http.as(token).get(`/workspaces?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ name: 'W2' }], nextCursor: null });
    const tooMany = await t.http.as(token).get('/workspaces?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('limit');
    const badCursor = await t.http.as(token).get('/workspaces?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.field).toBe('cursor');
  });

  it('answers a malformed workspace id with 400 naming it', async () => {
    const { users } = await anOrganisation(t.orm);
    const res = await t.http.as(await t.tokenFor(users[0])).get('/workspaces/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'id' });
  });
});
