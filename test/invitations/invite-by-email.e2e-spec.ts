import { SearchAttr } from '../../libs/operations/search-attributes';
import { hashInvitationToken } from '../../libs/domain/invitations';
import { Collaborator, Invitation, Organisation, User, WorkspaceMember } from '../../libs/persistence/entities';
import { invitationRowChangedSignal } from '../../workflows/invite-by-email.workflow';
import { anOrganisation, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, historyText, linkIn, mailedTokens, mailsTo, pathOf, tokenOf, waitForMailTo } from './invitation-helpers';

describe('invitations by email (section 5, R-W6 a): REST, real Temporal, real SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function invited(opts: { email?: string; body?: Record<string, unknown> } = {}) {
    const setup = await anInviter(t);
    const email = opts.email ?? anEmail();
    const res = await t.http.as(setup.token).post(`/workspaces/${setup.ws.id}/invitations`, { emails: [email], ...annotationPartner, ...opts.body });
    expect(res.status).toBe(202);
    const mail = await waitForMailTo(t, email.toLowerCase());
    return { ...setup, email, res, item: res.body.items[0], mail, link: linkIn(t, mail) };
  }

  it('R-W6 invites by email: 202 with an operation id free of the address, and an email saying who, where, which types and role, until when', async () => {
    const { res, item, email, mail, ws, inviter, link } = await invited();
    expect(item).toMatchObject({
      email,
      invitationId: expect.any(String),
      alreadyPending: false,
      operationId: expect.stringMatching(new RegExp(`^invitation\\.${ws.id}\\.[0-9a-f-]{36}$`)),
    });
    expect(res.headers.get('location')).toBe(item.href);
    expect(item.operationId).not.toContain(email.split('@')[0]);
    expect(mail.subject).toContain(ws.name);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(inviter.name);
      expect(body).toContain(ws.name);
      expect(body).toContain('Annotation partner');
      expect(body).toContain('Annotation manager');
      expect(body).toMatch(/expires/i);
    }
    expect(mail.text).toMatch(/expires in 7 days \(\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\)/);
    // Whom it is for, and the plain address under the button.
    expect(mail.text).toContain(`This invitation is for ${email}`);
    expect(mail.html).toContain(`Or copy this address into your browser:<br><span style="word-break:break-all">${link}</span>`);
    expect(link.startsWith(`${t.config.http.publicBaseUrl}/invite/`)).toBe(true);
  });

  it('R-I2 a new person in a new organisation: the page asks for both names, accepting creates user, organisation, collaborator and membership', async () => {
    const { email, link, ws, item, token } = await invited();
    const page = await t.http.get(pathOf(link));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(ws.name);
    expect(page.text).toContain('name="name"');
    expect(page.text).toContain('name="organisationName"');
    expect(page.text).toContain(`action="/invite/${tokenOf(link)}/accept"`);

    const missing = await t.http.post(`${pathOf(link)}/accept`, { name: 'Bo Invitee' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ rule: 'R-I2', field: 'organisationName' });

    const res = await t.http.post(`${pathOf(link)}/accept`, { name: 'Bo Invitee', organisationName: 'Brand New Org' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      invitationId: item.invitationId,
      workspaceId: ws.id,
      created: { user: true, organisation: true, collaborator: true, membership: true },
    });

    const em = t.orm.em.fork();
    const user = await em.findOneOrFail(User, { email }, { populate: ['organisation'] });
    expect(user.name).toBe('Bo Invitee');
    expect(user.organisation.name).toBe('Brand New Org');
    const collaborator = await em.findOneOrFail(Collaborator, { workspace: ws.id, organisation: user.organisation.id });
    expect(collaborator.types).toEqual(['AnnotationPartner']);
    expect(collaborator.projectAccess).toBe('full');
    const member = await em.findOneOrFail(WorkspaceMember, { workspace: ws.id, user: user.id });
    expect(member.roles).toEqual(['AnnotationManager']);

    const op = await waitForOperation(t.http, token, item.operationId);
    expect(op).toMatchObject({
      kind: 'invitation',
      status: 'succeeded',
      result: { invitations: [{ invitationId: item.invitationId, outcome: 'accepted', acceptedUserId: user.id }], mailed: 1 },
    });
    const attrs = (await t.client.workflow.getHandle(item.operationId).describe()).typedSearchAttributes;
    expect(attrs.get(SearchAttr.invitationState)).toBe('closed');
    expect(attrs.get(SearchAttr.invitationIds)).toEqual([item.invitationId]);
    expect(attrs.get(SearchAttr.workspaceId)).toBe(ws.id);
    const audit = await t.http.as(token).get(`/workspaces/${ws.id}/audit`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted']));
  });

  it('R-W6 someone of a known organisation: the page asks only a name, and the person joins that organisation', async () => {
    const partner = await anOrganisation(t.orm);
    const { email, link, ws } = await invited({ body: { organisationId: partner.organisation.id } });
    const page = await t.http.get(pathOf(link));
    expect(page.text).toContain('name="name"');
    expect(page.text).not.toContain('name="organisationName"');
    const res = await t.http.post(`${pathOf(link)}/accept`, { name: 'Cy' });
    expect(res.body.created).toEqual({ user: true, organisation: false, collaborator: true, membership: true });
    const user = await t.orm.em.fork().findOneOrFail(User, { email });
    expect(user.organisation.id).toBe(partner.organisation.id);
    expect(await t.orm.em.fork().count(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).toBe(1);
  });

  it('R-I1 the link carries 256 random bits; the database holds only their HMAC', async () => {
    const { link, item } = await invited();
    const token = tokenOf(link);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const row = await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId);
    expect(row.tokenHash).toBe(hashInvitationToken(token, t.config.invitations.tokenSecret));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('R-I3 opening the link (GET) never consumes it', async () => {
    const { link } = await invited();
    for (let i = 0; i < 3; i++) expect((await t.http.get(pathOf(link))).status).toBe(200);
    expect((await t.http.post(`${pathOf(link)}/accept`, { name: 'Dee', organisationName: 'Dee Org' })).status).toBe(200);
  });

  it('R-I3 answers 410 for a used token, a revoked one and an unknown one, alike', async () => {
    const used = await invited();
    expect((await t.http.post(`${pathOf(used.link)}/accept`, { name: 'Ed', organisationName: 'Ed Org' })).status).toBe(200);
    const revoked = await invited();
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
    const { link, ws } = await invited({ email: invitee.email.toUpperCase() });
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

  it('R-I2 creates what is missing exactly once when Accept is clicked twice at the same time', async () => {
    const { link, email, ws } = await invited();
    const body = { name: 'Fay', organisationName: `Fay Org ${email}` };
    const replies = await Promise.all([1, 2, 3].map(() => t.http.post(`${pathOf(link)}/accept`, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const em = t.orm.em.fork();
    expect(await em.count(User, { email })).toBe(1);
    expect(await em.count(Organisation, { name: body.organisationName })).toBe(1);
    expect(await em.count(WorkspaceMember, { workspace: ws.id, user: { email } })).toBe(1);
  });

  it('R-I4 inviters and Admins list pending invitations; others see nothing', async () => {
    const { token, ws, item } = await invited();
    const second = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail()], ...annotationPartner });
    // wait until the second row is persisted by its workflow
    await waitForMailTo(t, second.body.items[0].email);
    const list = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?limit=1`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: item.invitationId,
      status: 'pending',
      types: ['AnnotationPartner'],
      role: 'AnnotationManager',
      operationId: item.operationId,
    });
    const next = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.items[0].invitationId]);

    // A Developer of the workspace sees only the invitations it sent.
    const developer = await anOrganisation(t.orm);
    const em = t.orm.em.fork();
    const owner = await em.findOneOrFail(User, { id: (await em.findOneOrFail(Invitation, item.invitationId)).inviter.id }, { populate: ['organisation'] });
    const dev = new User({ email: anEmail(), name: 'Dev', organisation: owner.organisation });
    em.persist(dev);
    em.persist(new WorkspaceMember(em.getReference((await import('../../libs/persistence/entities')).Workspace, ws.id), dev, ['Developer']));
    await em.flush();
    const devList = await t.http.as(await t.tokenFor(dev)).get(`/workspaces/${ws.id}/invitations`);
    expect(devList.status).toBe(200);
    expect(devList.body.items).toEqual([]);
    expect((await t.http.as(await t.tokenFor(dev)).post(`/invitations/${item.invitationId}/revoke`)).status).toBe(404);
    const stranger = await t.http.as(await t.tokenFor(developer.users[0])).get(`/workspaces/${ws.id}/invitations`);
    expect(stranger.status).toBe(404);
  });

  it('R-I4 revoke: the link stops working, the operation ends revoked, a second revoke is a 409', async () => {
    const { token, ws, item, link } = await invited();
    const res = await t.http.as(token).post(`/invitations/${item.invitationId}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: item.invitationId, status: 'revoked' });
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    const op = await waitForOperation(t.http, token, item.operationId);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'revoked' }]);
    expect((await t.http.as(token).get(`/workspaces/${ws.id}/invitations`)).body.items).toEqual([]);
    const again = await t.http.as(token).post(`/invitations/${item.invitationId}/revoke`);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('R-I4');
  });

  it('R-I4 resend: a fresh link by email, the old one stops working, the expiry restarts', async () => {
    const { token, item, link, email, mail } = await invited();
    const before = await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId);
    await new Promise((r) => setTimeout(r, 50));
    const res = await t.http.as(token).post(`/invitations/${item.invitationId}/resend`);
    expect(res.status).toBe(200);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(before.expiresAt.getTime());
    const resent = await waitForMailTo(t, email, { afterId: mail.id });
    const fresh = linkIn(t, resent);
    expect(fresh).not.toBe(link);
    expect(mailsTo(t, email)).toHaveLength(2);
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    expect((await t.http.get(pathOf(fresh))).status).toBe(200);
    expect((await t.http.post(`${pathOf(fresh)}/accept`, { name: 'Gil', organisationName: 'Gil Org' })).status).toBe(200);
  });

  it('R-I5 inviting the same address again returns the pending invitation instead of sending a second', async () => {
    const { token, ws, item, email } = await invited();
    const again = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email.toUpperCase()], ...annotationPartner });
    expect(again.status).toBe(202);
    expect(again.body.items[0]).toMatchObject({ invitationId: item.invitationId, operationId: item.operationId, alreadyPending: true });
    const racing = anEmail();
    const [a, b] = await Promise.all([1, 2].map(() => t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [racing], ...annotationPartner })));
    expect(b.body.items[0].operationId).toBe(a.body.items[0].operationId);
    expect(b.body.items[0].invitationId).toBe(a.body.items[0].invitationId);
    await waitForMailTo(t, racing);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(t, email)).toHaveLength(1);
    expect(mailsTo(t, racing)).toHaveLength(1);
    expect(await t.orm.em.fork().count(Invitation, { workspace: ws.id, email: racing })).toBe(1);
  });

  it('R-I6 refuses more than 100 addresses with 400 and sends none of them', async () => {
    const { token, ws } = await anInviter(t);
    const emails = Array.from({ length: 101 }, () => anEmail());
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails, ...annotationPartner });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', rule: 'R-I6', field: 'emails' });
    expect(await t.orm.em.fork().count(Invitation, { workspace: ws.id })).toBe(0);
  });

  it('R-I6 a bulk request of 100 addresses starts 100 invitations in one operation (R-O1)', async () => {
    const { token, ws } = await anInviter(t);
    const emails = Array.from({ length: 100 }, () => anEmail());
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails, ...annotationPartner });
    expect(res.status).toBe(202);
    expect(new Set(res.body.items.map((i: { operationId: string }) => i.operationId)).size).toBe(1);
    expect(new Set(res.body.items.map((i: { invitationId: string }) => i.invitationId)).size).toBe(100);
    await Promise.all(emails.map((e) => waitForMailTo(t, e, { timeoutMs: 60_000 })));
  });

  it('R-W6 refuses a role the types do not allow, Owner as a type, and a malformed address, naming the field', async () => {
    const { token, ws } = await anInviter(t);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...annotationPartner, emails: [anEmail()], role: 'Developer' }, 400, 'role'],
      [{ ...annotationPartner, emails: [anEmail()], types: ['Owner'] }, 400, 'types'],
      [{ ...annotationPartner, emails: [anEmail(), 'not-an-email'] }, 400, 'emails[1]'],
      [{ ...annotationPartner, emails: [] }, 400, 'emails'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status, field });
    }
  });

  it('R-I3 treats an invitation closed in the database by someone else as dead', async () => {
    const { link, item } = await invited();
    await t.orm.em.fork().nativeUpdate(Invitation, { id: item.invitationId }, { status: 'revoked', pendingKey: null });
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    expect((await t.http.post(`${pathOf(link)}/accept`, { name: 'H', organisationName: 'H Org' })).status).toBe(410);
  });

  it('R-I3 a writer that closes the row directly (R-W11) signals the workflow, which ends at once with that outcome', async () => {
    const { link, item, token } = await invited();
    await t.orm.em.fork().nativeUpdate(Invitation, { id: item.invitationId }, { status: 'revoked', pendingKey: null });
    await t.client.workflow.getHandle(item.operationId).signal(invitationRowChangedSignal);
    const op = await waitForOperation(t.http, token, item.operationId, 15_000);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'revoked' }]);
    expect((await t.client.workflow.getHandle(item.operationId).describe()).typedSearchAttributes.get(SearchAttr.invitationState)).toBe('closed');
    expect((await t.http.get(pathOf(link))).status).toBe(410);
  });

  it('R-I3 no token or link ever appears in an API response, a log line, a search attribute or workflow history', async () => {
    const { token, ws, item, link } = await invited();
    const responses = [
      await t.http.as(token).get(`/workspaces/${ws.id}/invitations`),
      await t.http.as(token).get(`/operations/${item.operationId}`),
      await t.http.as(token).post(`/invitations/${item.invitationId}/resend`),
      await t.http.get(pathOf(link)),
    ];
    const resent = await waitForMailTo(t, item.email, { afterId: 0, subject: /./ });
    expect(resent).toBeDefined();
    await t.http.post(`${pathOf(link)}/accept`, { name: 'I', organisationName: 'I Org' });

    const tokens = mailedTokens(t);
    expect(tokens.length).toBeGreaterThan(5);
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
