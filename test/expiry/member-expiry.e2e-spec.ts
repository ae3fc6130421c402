import { WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * R-E1 end to end on the dev server, through the REST API, on the run's database (SQLite, or
 * PostgreSQL with DATABASE_URL): a short warning period and an end date seconds away.
 */
describe('membership end dates (R-E1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPIRY_WARNING_PERIOD: '4s' } });
  });
  afterAll(() => t.close());

  async function workspaceWithPartner() {
    const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] });
    const partner = await anOrganisation(t.orm, { users: 2 });
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    const invited = await t.http
      .as(adminToken)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, adminToken, invited.body.operationId)).status).toBe('succeeded');
    for (const u of partner.users) await aMember(t.orm, ws.id, u, ['Developer']);
    return { owner, partner, adminToken, ws };
  }

  const memberRow = (workspaceId: string, userId: string) => t.orm.em.fork().findOne(WorkspaceMember, { workspace: workspaceId, user: userId });

  it('R-E1 refuses an end date that is not a date-time in the future, naming the field', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner();
    const path = `/workspaces/${ws.id}/members/${partner.users[0].id}`;
    for (const expiresAt of ['tomorrow', '2026-13-01T00:00:00Z', new Date(Date.now() - 60_000).toISOString(), 42]) {
      const res = await t.http.as(adminToken).patch(path, { expiresAt });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ rule: 'R-E1', field: 'expiresAt' });
    }
    expect((await t.http.as(adminToken).patch(path, {})).body).toMatchObject({ field: 'expiresAt' });
    expect((await memberRow(ws.id, partner.users[0].id))!.expiresAt).toBeNull();
  });

  it('R-E1 warns the member once, then removes the membership at the date, audited with the expiry as actor', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner();
    const member = partner.users[0];
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    const res = await t.http.as(adminToken).patch(`/workspaces/${ws.id}/members/${member.id}`, { expiresAt });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: member.id, expiresAt, expiryOperationId: `expiry.member.${ws.id}.${member.id}` });
    const listed = await t.http.as(adminToken).get(`/workspaces/${ws.id}/members?limit=50`);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ userId: member.id, expiresAt }));

    const running = await t.http.as(adminToken).get(`/operations/${res.body.expiryOperationId}`);
    expect(running.body).toMatchObject({ kind: 'expiry', status: 'running' });

    const warning = await t.mail.waitFor((m) => m.to.includes(member.email) && m.subject.includes(ws.name), 20_000);
    expect(warning.subject).toContain('ends on');
    expect(warning.text).toContain(`membership of the workspace "${ws.name}"`);
    expect(await memberRow(ws.id, member.id)).not.toBeNull(); // warned, not yet removed

    const op = await waitForOperation(t.http, adminToken, res.body.expiryOperationId, 30_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { outcome: 'removed', expiresAt, warningsSent: 1 } });
    expect(await memberRow(ws.id, member.id)).toBeNull();
    expect(await memberRow(ws.id, partner.users[1].id)).not.toBeNull();
    expect(t.mail.mailsTo(member.email).filter((m) => m.subject.includes('ends on'))).toHaveLength(1);
    const audit = await t.http.as(adminToken).get(`/workspaces/${ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'member.expired',
        actorId: null,
        operationId: res.body.expiryOperationId,
        details: expect.objectContaining({ actor: 'system:expiry', userId: member.id, expiresAt }),
      }),
    );
  });

  it('R-E1 moving the date reschedules the timer and clearing it ends the timer with the member kept', async () => {
    const { partner, adminToken, ws } = await workspaceWithPartner();
    const member = partner.users[1];
    const path = `/workspaces/${ws.id}/members/${member.id}`;
    const first = await t.http.as(adminToken).patch(path, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const moved = new Date(Date.now() + 7_200_000).toISOString();
    const second = await t.http.as(adminToken).patch(path, { expiresAt: moved });
    expect(second.body).toMatchObject({ expiresAt: moved, expiryOperationId: first.body.expiryOperationId });
    expect((await memberRow(ws.id, member.id))!.expiresAt!.toISOString()).toBe(moved);

    const cleared = await t.http.as(adminToken).patch(path, { expiresAt: null });
    expect(cleared.body).toMatchObject({ expiresAt: null });
    const op = await waitForOperation(t.http, adminToken, first.body.expiryOperationId, 30_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { outcome: 'cleared', warningsSent: 0 } });
    expect((await memberRow(ws.id, member.id))!.expiresAt).toBeNull();
  });
});
