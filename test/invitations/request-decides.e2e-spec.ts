import { AuditEntry, Invitation, InvitationMail } from '../../libs/persistence/entities';
import { SearchAttr } from '../../libs/operations/search-attributes';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, linkIn, pathOf, waitForMailTo } from './invitation-helpers';

/** Issue 9: the request decides before its 202 (R-I6), one operation per request (R-O1), the invitee's journey (R-I7, R-I8). */
describe('invitations decided by the request (R-I6, R-O1, R-I7, R-I8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { INVITATION_RATE_LIMIT_PER_HOUR: '100', INVITATION_RECIPIENT_LIMIT_PER_DAY: '3', INVITE_PAGE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => t.close());

  const emails = (n: number) => Array.from({ length: n }, () => anEmail());

  it('R-I6 100 addresses then one more at once: 202, then 429 with Retry-After and the budget left; every id works at once', async () => {
    const { token, ws } = await anInviter(t);
    const first = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: emails(100), ...annotationPartner });
    expect(first.status).toBe(202);
    const over = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: emails(1), ...annotationPartner });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: 'rate_limited', rule: 'R-I6', field: 'emails' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    expect(over.body.message).toContain('0 left');

    // Every id answered is a row already: read, list, revoke and resend work before any mail.
    const [a, b] = first.body.items;
    expect((await t.http.as(token).get(`/invitations/${a.invitationId}`)).body).toMatchObject({
      id: a.invitationId,
      status: 'pending',
      operationId: a.operationId,
    });
    const list = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?limit=100`);
    expect(list.body.items).toHaveLength(100);
    expect((await t.http.as(token).post(`/invitations/${a.invitationId}/revoke`)).body.status).toBe('revoked');
    // The inviter's budget is spent: a resend is a mail too, refused the same way (R-I6).
    const resend = await t.http.as(token).post(`/invitations/${b.invitationId}/resend`);
    expect(resend.status).toBe(429);
    expect(resend.headers.get('retry-after')).toBeTruthy();
    expect(await t.orm.em.fork().count(Invitation, { workspace: ws.id })).toBe(100);
  });

  it('R-O1 one operation per request: one id for all its addresses, progress "mailed n of N", search attribute with every invitation id', async () => {
    const { token, ws } = await anInviter(t);
    const list = emails(12);
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: list, ...annotationPartner });
    expect(res.status).toBe(202);
    const ids = new Set(res.body.items.map((i: { operationId: string }) => i.operationId));
    expect(ids.size).toBe(1);
    const operationId = res.body.items[0].operationId;
    expect(operationId).toMatch(new RegExp(`^invitation\\.${ws.id}\\.[0-9a-f-]{36}$`));
    await Promise.all(list.map((e) => waitForMailTo(t, e)));
    let op = (await t.http.as(token).get(`/operations/${operationId}`)).body;
    for (let i = 0; i < 50 && op.progress?.mailed !== 12; i++) {
      await new Promise((r) => setTimeout(r, 100));
      op = (await t.http.as(token).get(`/operations/${operationId}`)).body;
    }
    expect(op).toMatchObject({ kind: 'invitation', status: 'running', progress: { mailed: 12, total: 12, counts: { pending: 12 } } });
    const attrs = (await t.client.workflow.getHandle(operationId).describe()).typedSearchAttributes;
    expect([...(attrs.get(SearchAttr.invitationIds) ?? [])].sort()).toEqual(res.body.items.map((i: { invitationId: string }) => i.invitationId).sort());
    const created = await t.orm.em.fork().count(AuditEntry, { operationId, action: 'invitation.created' });
    expect(created).toBe(12);
  });

  it('R-I6 the per-recipient limit counts every inviter and every mail (resends included): the next one is 429 naming the address', async () => {
    const email = anEmail();
    const one = await anInviter(t);
    const r1 = await t.http.as(one.token).post(`/workspaces/${one.ws.id}/invitations`, { emails: [email], ...annotationPartner });
    await waitForMailTo(t, email);
    expect((await t.http.as(one.token).post(`/invitations/${r1.body.items[0].invitationId}/resend`)).status).toBe(200);
    const two = await anInviter(t);
    expect((await t.http.as(two.token).post(`/workspaces/${two.ws.id}/invitations`, { emails: [email], ...annotationPartner })).status).toBe(202);
    const three = await anInviter(t);
    const refused = await t.http.as(three.token).post(`/workspaces/${three.ws.id}/invitations`, { emails: [anEmail(), email], ...annotationPartner });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ rule: 'R-I6', field: 'emails[1]' });
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await t.orm.em.fork().count(InvitationMail, { email })).toBe(3);
  });

  it('R-I7 the invitee declines on the page; the invitation ends declined, the inviter sees it, the link is dead', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    const link = linkIn(t, await waitForMailTo(t, email));
    const page = await t.http.get(pathOf(link));
    expect(page.text).toContain(`action="${pathOf(link)}/decline"`);
    expect(page.text).not.toContain('Opening this page changes nothing');
    const declined = await t.http.post(`${pathOf(link)}/decline`, {});
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ status: 'declined' });
    const seen = await t.http.as(token).get(`/invitations/${res.body.items[0].invitationId}`);
    expect(seen.body.status).toBe('declined');
    expect((await t.http.as(token).get(`/workspaces/${ws.id}/invitations?status=declined`)).body.items).toHaveLength(1);
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    expect(await t.orm.em.fork().count(AuditEntry, { workspaceId: ws.id, action: 'invitation.declined' })).toBe(1);
  });

  it('R-I8 an invitation for an existing user is not accepted anonymously: 401 saying to sign in; the dead-link page says "If you already accepted, sign in"', async () => {
    const partner = await anOrganisation(t.orm);
    const invitee = partner.users[0];
    const { token, ws } = await anInviter(t);
    await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [invitee.email], ...annotationPartner });
    const link = linkIn(t, await waitForMailTo(t, invitee.email.toLowerCase()));
    const anonymous = await t.http.post(`${pathOf(link)}/accept`, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ rule: 'R-I8' });
    expect((await t.http.as(await t.tokenFor(invitee)).post(`${pathOf(link)}/accept`, {})).status).toBe(200);
    const gone = await t.http.get(pathOf(link));
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('If you already accepted this invitation, sign in');
  });

  it('R-I9 an address with control characters, quoted or not, is 400 naming emails[i]; nothing is written', async () => {
    const { token, ws } = await anInviter(t);
    for (const bad of ['"a\r\nb"@example.test', 'c\nd@example.test', '"e\u0000f"@example.test']) {
      const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail(), bad], ...annotationPartner });
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field: 'emails[1]' });
    }
    expect(await t.orm.em.fork().count(Invitation, { workspace: ws.id })).toBe(0);
  });
});
