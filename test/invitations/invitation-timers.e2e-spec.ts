import { SearchAttr } from '../../libs/operations/search-attributes';
import { AuditEntry, Invitation } from '../../libs/persistence/entities';
import { waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, linkIn, pathOf, waitForMailTo } from './invitation-helpers';

/** Reminder, expiry and rate limit with short, configured durations (no time skipping needed). */
describe('invitation timers and rate limit (R-I1, R-I6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { INVITATION_REMINDER_AFTER: '5s', INVITATION_TTL: '20s', INVITATION_RATE_LIMIT_PER_HOUR: '3' } });
  });
  afterAll(() => t.close());

  it('R-I1 reminds once while pending (with a fresh link) and expires the link at the deadline', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect(res.status).toBe(202);
    const item = res.body.items[0];
    const first = await waitForMailTo(t, email);
    const reminder = await waitForMailTo(t, email, { afterId: first.id, subject: /^Reminder: /, timeoutMs: 60_000 });
    // Reminder and expiry count from the invitation's creation (the request), not from its mail.
    const created = (await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId)).createdAt;
    expect(reminder.receivedAt.getTime() - created.getTime()).toBeGreaterThanOrEqual(4900);
    expect(reminder.receivedAt.getTime()).toBeGreaterThan(first.receivedAt.getTime());
    expect(reminder.text).toContain('reminder');
    const link = linkIn(t, reminder);
    // Only a hash is stored, so the reminder carries a fresh token and retires the first one.
    expect((await t.http.get(pathOf(linkIn(t, first)))).status).toBe(410);
    expect((await t.http.get(pathOf(link))).status).toBe(200);
    const row = await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId);
    expect(row.remindedAt).not.toBeNull();

    const op = await waitForOperation(t.http, token, item.operationId, 60_000);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'expired' }]);
    const page = await t.http.get(pathOf(link));
    expect(page.status).toBe(410);
    expect(page.text).toContain('no longer valid');
    expect((await t.http.post(`${pathOf(link)}/accept`, { name: 'Late', organisationName: 'Late Org' })).status).toBe(410);
    expect((await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId)).status).toBe('expired');
    const attrs = (await t.client.workflow.getHandle(item.operationId).describe()).typedSearchAttributes;
    expect(attrs.get(SearchAttr.invitationState)).toBe('closed');
    expect(await t.orm.em.fork().count(AuditEntry, { operationId: item.operationId, action: 'invitation.expired' })).toBe(1);
    // Only the invitation and one reminder were sent.
    expect(t.mail.mails.filter((m) => m.to.includes(email))).toHaveLength(2);
  });

  it('R-I1 an expired invitation can be sent again: a new invitation in a new operation', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const first = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    await waitForOperation(t.http, token, first.body.items[0].operationId, 60_000);
    const again = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect(again.status).toBe(202);
    expect(again.body.items[0]).toMatchObject({ alreadyPending: false });
    expect(again.body.items[0].operationId).not.toBe(first.body.items[0].operationId);
    expect(again.body.items[0].invitationId).not.toBe(first.body.items[0].invitationId);
    const mail = await waitForMailTo(t, email, { afterId: Math.max(...t.mail.mails.filter((m) => m.to.includes(email)).map((m) => m.id)) });
    expect((await t.http.get(pathOf(linkIn(t, mail)))).status).toBe(200);
  });

  it('R-I6 rate-limits per inviter: the excess is refused with 429 and nothing of that request is sent', async () => {
    const { token, ws } = await anInviter(t);
    const tooMany = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail(), anEmail(), anEmail(), anEmail()], ...annotationPartner });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body).toMatchObject({ error: 'rate_limited', rule: 'R-I6', field: 'emails' });
    expect(await t.orm.em.fork().count(Invitation, { workspace: ws.id })).toBe(0);

    const emails = [anEmail(), anEmail(), anEmail()];
    expect((await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails, ...annotationPartner })).status).toBe(202);
    await Promise.all(emails.map((e) => waitForMailTo(t, e)));
    const fourth = anEmail();
    const over = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [fourth], ...annotationPartner });
    expect(over.status).toBe(429);
    expect(over.body.rule).toBe('R-I6');
    // Asking again for an address already pending sends nothing, so it is not counted.
    expect((await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [emails[0]], ...annotationPartner })).status).toBe(202);
  });

  it('R-I4 R-I1 resent, then reminded, then expired: each new send says so and retires only the link before it', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    const item = res.body.items[0];
    const first = await waitForMailTo(t, email);
    expect((await t.http.as(token).post(`/invitations/${item.invitationId}/resend`)).status).toBe(200);
    const resent = await waitForMailTo(t, email, { afterId: first.id });
    expect(resent.text).toContain('links in earlier emails no longer work');
    expect((await t.http.get(pathOf(linkIn(t, first)))).status).toBe(410);
    const reminder = await waitForMailTo(t, email, { afterId: resent.id, subject: /^Reminder: /, timeoutMs: 60_000 });
    expect(reminder.text).toContain('the link in the earlier email no longer works');
    expect((await t.http.get(pathOf(linkIn(t, resent)))).status).toBe(410);
    expect((await t.http.get(pathOf(linkIn(t, reminder)))).status).toBe(200);
    const op = await waitForOperation(t.http, token, item.operationId, 60_000);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'expired' }]);
    expect(t.mail.mails.filter((m) => m.to.includes(email))).toHaveLength(3);
  });

  it('R-I3 the workflow ends when it learns that the row was closed by another writer (R-W11)', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    const item = res.body.items[0];
    await waitForMailTo(t, email);
    await t.orm.em.fork().nativeUpdate(Invitation, { id: item.invitationId }, { status: 'revoked', pendingKey: null });
    const op = await waitForOperation(t.http, token, item.operationId, 60_000);
    expect(op.result.invitations[0]).toMatchObject({ outcome: 'revoked' });
    // No reminder went to a dead invitation.
    expect(t.mail.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});
