import type { AppConfig } from '../../libs/config/app-config';
import { Mailer, OutgoingMail } from '../../libs/mail/mailer';
import { AuditEntry, Invitation } from '../../libs/persistence/entities';
import { waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anInviter, annotationPartner } from './invitation-helpers';
import { RecordingSmtp } from './recording-smtp';

/**
 * R-I9 against a real SMTP server that refuses some recipients. The worker's mailer is the
 * real one; for addresses starting with `lost-` it fails once right AFTER the server took
 * the message: a worker that died between the SMTP server's acceptance and the step's completion.
 */
describe('invitation delivery (R-I9): exactly-once mail, undeliverable, temporary failures', () => {
  const smtp = new RecordingSmtp();
  let t: TestApp;
  const lostOnce = new Set<string>();
  beforeAll(async () => {
    await smtp.start();
    const real = new Mailer({ mail: { smtpUrl: smtp.url, from: 'Collaboration <no-reply@collaboration.localhost>' } } as AppConfig);
    const crashing = Object.assign(Object.create(real) as Mailer, {
      async send(mail: OutgoingMail) {
        const sent = await real.send(mail);
        if (mail.to.startsWith('lost-') && !lostOnce.has(mail.to)) {
          lostOnce.add(mail.to);
          throw new Error('worker lost after the SMTP server took the message');
        }
        return sent;
      },
    });
    t = await startTestApp({ env: { SMTP_URL: smtp.url }, activities: { mailer: crashing } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const address = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}@partner.example`;
  const linkOf = (text: string) => /\/invite\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];

  it('R-I9 a retried send delivers the same message: same Message-ID, same link, and that link works', async () => {
    const { token, ws } = await anInviter(t);
    const email = address('lost');
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect(res.status).toBe(202);
    await smtp.waitFor(() => smtp.to(email).length === 2);
    const [first, retried] = smtp.to(email);
    expect(retried.messageId).toBe(first.messageId);
    expect(linkOf(retried.text)).toBe(linkOf(first.text));
    expect((await t.http.get(linkOf(first.text)!)).status).toBe(200);
    const row = await t.orm.em.fork().findOneOrFail(Invitation, res.body.items[0].invitationId);
    expect(row).toMatchObject({ sendCount: 1, deliveredSend: 1, status: 'pending' });
  });

  it('R-I9 a permanent refusal (550) ends the invitation undeliverable: listed, audited, in the progress, no further attempts', async () => {
    const { token, ws } = await anInviter(t);
    const good = address('fine');
    const bad = address('bounce');
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [good, bad], ...annotationPartner });
    expect(res.status).toBe(202);
    const badId = res.body.items[1].invitationId;
    await smtp.waitFor(() => smtp.to(good).length === 1);
    let row = await t.orm.em.fork().findOneOrFail(Invitation, badId);
    for (let i = 0; i < 100 && row.status !== 'undeliverable'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await t.orm.em.fork().findOneOrFail(Invitation, badId);
    }
    expect(row.status).toBe('undeliverable');
    expect(row.lastSentAt).toBeNull();
    const listed = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?status=undeliverable`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([badId]);
    expect(await t.orm.em.fork().count(AuditEntry, { workspaceId: ws.id, action: 'invitation.undeliverable' })).toBe(1);
    const op = (await t.http.as(token).get(`/operations/${res.body.items[0].operationId}`)).body;
    expect(op.progress.counts).toMatchObject({ undeliverable: 1, pending: 1 });
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.refusals.filter((a) => a === bad)).toHaveLength(1);
  });

  it('R-I9 a temporary refusal (451) is retried with backoff and then delivered once', async () => {
    const { token, ws } = await anInviter(t);
    const email = address('flaky');
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    await smtp.waitFor(() => smtp.to(email).length === 1);
    expect(smtp.refusals.filter((a) => a === email)).toHaveLength(1);
    const row = await t.orm.em.fork().findOneOrFail(Invitation, res.body.items[0].invitationId);
    expect(row).toMatchObject({ status: 'pending', deliveredSend: 1 });
    await t.http.as(token).post(`/invitations/${row.id}/revoke`);
    expect((await waitForOperation(t.http, token, res.body.items[0].operationId, 15_000)).result.invitations[0]).toMatchObject({ outcome: 'revoked' });
  });
});
