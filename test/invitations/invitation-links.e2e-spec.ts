import { SearchAttr } from '../../libs/operations/search-attributes';
import { Invitation, WorkspaceMember } from '../../libs/persistence/entities';
import { invitationRowChangedSignal } from '../../workflows/invite-by-email.workflow';
import { anOrganisation, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anInvitation, historyText, mailedTokens, pathOf, waitForMailTo } from './invitation-helpers';

describe('invitation links (R-I3): a link works once, for its invitee, and never leaks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('R-I3 opening the link (GET) never consumes it', async () => {
    const { link } = await anInvitation(t);
    for (let i = 0; i < 3; i++) expect((await t.http.get(pathOf(link))).status).toBe(200);
    expect((await t.http.post(`${pathOf(link)}/accept`, { name: 'Dee', organisationName: 'Dee Org' })).status).toBe(200);
  });

  it('R-I3 answers 410 for a used token, a revoked one and an unknown one, alike', async () => {
    const used = await anInvitation(t);
    expect((await t.http.post(`${pathOf(used.link)}/accept`, { name: 'Ed', organisationName: 'Ed Org' })).status).toBe(200);
    const revoked = await anInvitation(t);
    expect((await t.http.as(revoked.token).post(`/invitations/${revoked.item.invitationId}/revoke`)).status).toBe(200);
    const unknown = `/invite/${'A'.repeat(43)}`;
    const garbage = '/invite/not-a-token';

    const pages = await Promise.all([pathOf(used.link), pathOf(revoked.link), unknown, garbage].map((p) => t.http.get(p)));
    expect(pages.map((p) => p.status)).toEqual([410, 410, 410, 410]);
    expect(new Set(pages.map((p) => p.text)).size).toBe(1);
    expect(pages[0].text).toContain('no longer valid');

    const accepts = await Promise.all(
      [pathOf(used.link), pathOf(revoked.link), unknown, garbage].map((p) => t.http.post(`${p}/accept`, { name: 'X', organisationName: 'Y' })),
    );
    expect(accepts.map((a) => a.status)).toEqual([410, 410, 410, 410]);
    expect(new Set(accepts.map((a) => a.text)).size).toBe(1);
    expect(accepts[0].body).toMatchObject({ error: 'gone', rule: 'R-I3' });
  });

  it('R-I3 refuses an accept carrying a bearer token for a different email (403); the invitee’s own token is welcome', async () => {
    const partner = await anOrganisation(t.orm, { users: 2 });
    const [invitee, other] = partner.users;
    const { link, ws } = await anInvitation(t, { email: invitee.email.toUpperCase() });
    const refused = await t.http.as(await t.tokenFor(other)).post(`${pathOf(link)}/accept`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.rule).toBe('R-I3');
    const page = await t.http.get(pathOf(link));
    expect(page.text).not.toContain('name="name"');
    const res = await t.http.as(await t.tokenFor(invitee)).post(`${pathOf(link)}/accept`, {});
    expect(res.status).toBe(200);
    expect(res.body.created).toEqual({ user: false, organisation: false, collaborator: true, membership: true });
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, user: invitee.id })).toBe(1);
  });

  it('R-I3 treats an invitation closed in the database by someone else as dead', async () => {
    const { link, item } = await anInvitation(t);
    await t.orm.em.fork().nativeUpdate(Invitation, { id: item.invitationId }, { status: 'revoked', pendingKey: null });
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    expect((await t.http.post(`${pathOf(link)}/accept`, { name: 'H', organisationName: 'H Org' })).status).toBe(410);
  });

  it('R-I3 a writer that closes the row directly (R-W11) signals the workflow, which ends at once with that outcome', async () => {
    const { link, item, token } = await anInvitation(t);
    await t.orm.em.fork().nativeUpdate(Invitation, { id: item.invitationId }, { status: 'revoked', pendingKey: null });
    await t.client.workflow.getHandle(item.operationId).signal(invitationRowChangedSignal);
    const op = await waitForOperation(t.http, token, item.operationId, 15_000);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'revoked' }]);
    expect((await t.client.workflow.getHandle(item.operationId).describe()).typedSearchAttributes.get(SearchAttr.invitationState)).toBe('closed');
    expect((await t.http.get(pathOf(link))).status).toBe(410);
  });

  it('R-I3 no token or link ever appears in an API response, a log line, a search attribute or workflow history', async () => {
    const { token, ws, item, link } = await anInvitation(t);
    const responses = [
      await t.http.as(token).get(`/workspaces/${ws.id}/invitations`),
      await t.http.as(token).get(`/operations/${item.operationId}`),
      await t.http.as(token).post(`/invitations/${item.invitationId}/resend`),
      await t.http.get(pathOf(link)),
    ];
    const first = await waitForMailTo(t, item.email);
    const resent = await waitForMailTo(t, item.email, { afterId: first.id });
    await t.http.post(`${pathOf(link)}/accept`, { name: 'I', organisationName: 'I Org' });

    // Every link mailed in this file so far, this test's first and resent ones among them
    // (with --randomize, how many earlier tests mailed is not fixed).
    const tokens = mailedTokens(t);
    const own = [first, resent].flatMap((m) => [...m.text.matchAll(/\/invite\/([A-Za-z0-9_-]{43})/g)].map((x) => x[1]));
    expect(own).toHaveLength(2);
    expect(tokens).toEqual(expect.arrayContaining(own));
    const logs = t.logs.join('\n');
    expect(logs).toContain('/invite/[redacted]');
    const operations = [
      ...new Set((await t.orm.em.fork().find(Invitation, { workflowId: { $like: 'invitation.%' } }, { fields: ['workflowId'] })).map((i) => i.workflowId)),
    ];
    const histories: string[] = [];
    const attributes: string[] = [];
    for (const id of operations.slice(-40)) {
      histories.push(await historyText(t, id));
      attributes.push(JSON.stringify((await t.client.workflow.getHandle(id).describe()).raw.workflowExecutionInfo?.searchAttributes ?? {}));
    }
    for (const secret of tokens) {
      for (const r of responses) expect(r.text).not.toContain(secret);
      expect(logs).not.toContain(secret);
      for (const h of histories) expect(h).not.toContain(secret);
      for (const a of attributes) expect(a).not.toContain(secret);
    }
    for (const h of histories) expect(h).not.toContain('/invite/');
  });
});
