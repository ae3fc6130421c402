import { SearchAttr } from '../../libs/operations/search-attributes';
import { hashInvitationToken } from '../../libs/domain/invitations';
import { Collaborator, Invitation, Organisation, User, WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anInvitation, anEmail, anInviter, annotationPartner, mailsTo, pathOf, tokenOf, waitForMailTo } from './invitation-helpers';

describe('invitations by email (section 5, R-W6 a): invite and accept — REST, real Temporal, real SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('R-W6 invites by email: 202 with an operation id free of the address, and an email saying who, where, which types and role, until when', async () => {
    const { res, item, email, mail, ws, inviter, link } = await anInvitation(t);
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
    const { email, link, ws, item, token } = await anInvitation(t);
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
    const { email, link, ws } = await anInvitation(t, { body: { organisationId: partner.organisation.id } });
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
    const { link, item } = await anInvitation(t);
    const token = tokenOf(link);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const row = await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId);
    expect(row.tokenHash).toBe(hashInvitationToken(token, t.config.invitations.tokenSecret));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('R-I2 creates what is missing exactly once when Accept is clicked twice at the same time', async () => {
    const { link, email, ws } = await anInvitation(t);
    const body = { name: 'Fay', organisationName: `Fay Org ${email}` };
    const replies = await Promise.all([1, 2, 3].map(() => t.http.post(`${pathOf(link)}/accept`, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const em = t.orm.em.fork();
    expect(await em.count(User, { email })).toBe(1);
    expect(await em.count(Organisation, { name: body.organisationName })).toBe(1);
    expect(await em.count(WorkspaceMember, { workspace: ws.id, user: { email } })).toBe(1);
  });

  it('R-I5 inviting the same address again returns the pending invitation instead of sending a second', async () => {
    const { token, ws, item, email } = await anInvitation(t);
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
});
