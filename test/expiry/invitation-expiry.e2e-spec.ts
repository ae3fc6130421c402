import { User, WorkspaceMember } from '../../libs/persistence/entities';
import { waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, annotationPartner, anInviter, linkIn, pathOf, waitForMailTo } from '../invitations/invitation-helpers';

/** R-E1: an invitation by email carries the end date its membership will get (dev server; SQLite, or PostgreSQL with DATABASE_URL). */
describe('invitation-carried end dates (R-E1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPIRY_WARNING_PERIOD: '4s' } });
  });
  afterAll(() => t.close());

  it('R-E1 the membership created by accepting gets the invitation end date, and its timer warns then removes it', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const refused = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner, membershipExpiresAt: 'soon' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ rule: 'R-E1', field: 'membershipExpiresAt' });

    const membershipExpiresAt = new Date(Date.now() + 25_000).toISOString();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner, membershipExpiresAt });
    expect(res.status).toBe(202);
    const link = linkIn(t, await waitForMailTo(t, email));
    const accepted = await t.http.post(`${pathOf(link)}/accept`, { name: 'Newcomer', organisationName: `Org ${email}` });
    expect(accepted.status).toBe(200);
    const user = await t.orm.em.fork().findOneOrFail(User, { email });
    const member = await t.orm.em.fork().findOneOrFail(WorkspaceMember, { workspace: ws.id, user: user.id });
    expect(member.expiresAt!.toISOString()).toBe(membershipExpiresAt);

    const timerId = `expiry.member.${ws.id}.${user.id}`;
    await waitForMailTo(t, email, { subject: /ends on/, timeoutMs: 40_000 });
    const op = await waitForOperation(t.http, token, timerId, 40_000);
    expect(op).toMatchObject({ kind: 'expiry', status: 'succeeded', result: { outcome: 'removed', expiresAt: membershipExpiresAt, warningsSent: 1 } });
    expect(await t.orm.em.fork().findOne(WorkspaceMember, { workspace: ws.id, user: user.id })).toBeNull();
  });
});
