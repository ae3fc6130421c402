import { Collaborator, WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/** R-E1 for a collaborator organisation, end to end on the dev server (SQLite, or PostgreSQL with DATABASE_URL). */
describe('collaborator end dates (R-E1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPIRY_WARNING_PERIOD: '4s' } });
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] });
    const partner = await anOrganisation(t.orm, { users: 2 });
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    return { owner, partner, adminToken, ws };
  }
  const em = () => t.orm.em.fork();

  it('R-E1 an organisation invited with an end date: Admins are warned, then it leaves as by R-W11, audited with the expiry as actor', async () => {
    const { owner, partner, adminToken, ws } = await setUp();
    const past = await t.http.as(adminToken).post(`/workspaces/${ws.id}/collaborators`, {
      organisationId: partner.organisation.id,
      types: ['DataPartner'],
      projectAccess: { mode: 'full' },
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ rule: 'R-E1', field: 'expiresAt' });

    const expiresAt = new Date(Date.now() + 10_000).toISOString();
    const invited = await t.http.as(adminToken).post(`/workspaces/${ws.id}/collaborators`, {
      organisationId: partner.organisation.id,
      types: ['DataPartner'],
      projectAccess: { mode: 'full' },
      expiresAt,
    });
    expect((await waitForOperation(t.http, adminToken, invited.body.operationId)).status).toBe('succeeded');
    for (const u of partner.users) await aMember(t.orm, ws.id, u, ['Developer']);
    const listed = await t.http.as(adminToken).get(`/workspaces/${ws.id}/collaborators`);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ organisationId: partner.organisation.id, expiresAt }));

    const timerId = `expiry.collaborator.${ws.id}.${partner.organisation.id}`;
    expect((await t.http.as(adminToken).get(`/operations/${timerId}`)).body).toMatchObject({ kind: 'expiry', status: 'running' });
    const warning = await t.mail.waitFor((m) => m.to.includes(owner.users[0].email) && m.subject.includes(partner.organisation.name), 20_000);
    expect(warning.text).toContain(`"${partner.organisation.name}" to the workspace "${ws.name}"`);
    expect(partner.users.flatMap((u) => t.mail.mailsTo(u.email))).toEqual([]);

    const op = await waitForOperation(t.http, adminToken, timerId, 40_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { outcome: 'removed', expiresAt, warningsSent: 1 } });
    const removal = await waitForOperation(t.http, adminToken, `remove-collaborator.${ws.id}.${partner.organisation.id}`);
    expect(removal).toMatchObject({ status: 'succeeded', result: { membersRemoved: 2 } });
    expect(await em().count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id })).toBe(0);
    expect(await em().count(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).toBe(0);
    const audit = await t.http.as(adminToken).get(`/workspaces/${ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'collaborator.expired',
        actorId: null,
        details: expect.objectContaining({ actor: 'system:expiry', expiresAt, membersRemoved: 2 }),
      }),
    );
  });

  it('R-E1 PATCH sets, moves and clears a collaborator end date; the Owner organisation never gets one (R-W1)', async () => {
    const { owner, partner, adminToken, ws } = await setUp();
    const invited = await t.http
      .as(adminToken)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, adminToken, invited.body.operationId)).status).toBe('succeeded');
    const path = `/workspaces/${ws.id}/collaborators/${partner.organisation.id}`;
    const set = await t.http.as(adminToken).patch(path, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(set.status).toBe(202);
    expect(set.body.operationId).toBe(`expiry.collaborator.${ws.id}.${partner.organisation.id}`);
    const moved = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const withTypes = await t.http.as(adminToken).patch(path, { expiresAt: moved, autoInvite: false });
    expect(withTypes.body.operationId).toBe(`edit-collaborator.${ws.id}.${partner.organisation.id}`);
    expect((await waitForOperation(t.http, adminToken, withTypes.body.operationId)).status).toBe('succeeded');
    expect((await em().findOneOrFail(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).expiresAt!.toISOString()).toBe(moved);

    await t.http.as(adminToken).patch(path, { expiresAt: null });
    expect(await waitForOperation(t.http, adminToken, set.body.operationId)).toMatchObject({ status: 'succeeded', result: { outcome: 'cleared' } });
    expect((await em().findOneOrFail(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).expiresAt).toBeNull();

    const ownerDate = await t.http.as(adminToken).patch(`/workspaces/${ws.id}/collaborators/${owner.organisation.id}`, { expiresAt: moved });
    expect(ownerDate.status).toBe(403);
    expect(ownerDate.body.rule).toBe('R-W1');
  });
});
