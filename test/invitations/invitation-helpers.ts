import { randomUUID } from 'node:crypto';
import type { CaughtMail } from '../../libs/mail/mail-catcher';
import { anOrganisation, aWorkspace } from '../support/factories';
import type { TestApp } from '../support/test-app';

/** Helpers of the invitation tests: read links out of real mail, as an invitee would. */
export function linkIn(t: TestApp, mail: CaughtMail): string {
  const base = t.config.http.publicBaseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${base}/invite/[A-Za-z0-9_-]+`).exec(mail.text);
  if (!match) throw new Error(`no invitation link in mail "${mail.subject}"`);
  expect(mail.html).toContain(match[0]);
  return match[0];
}

export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

/** Path (without host) of a link, for the Http client. */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

export function anEmail(): string {
  return `invitee-${randomUUID().slice(0, 8)}@partner.example`;
}

export async function anInviter(t: TestApp) {
  const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'], name: `Ada ${randomUUID().slice(0, 4)}` }] });
  const token = await t.tokenFor(owner.users[0]);
  const ws = await aWorkspace(t.http, token);
  return { owner, inviter: owner.users[0], token, ws };
}

export const annotationPartner = { types: ['AnnotationPartner'], role: 'AnnotationManager', projectAccess: { mode: 'full' } };

export function mailsTo(t: TestApp, email: string, afterId = 0): CaughtMail[] {
  return t.mail.mails.filter((m) => m.to.includes(email) && m.id > afterId);
}

export function waitForMailTo(t: TestApp, email: string, opts: { afterId?: number; subject?: RegExp; timeoutMs?: number } = {}): Promise<CaughtMail> {
  return t.mail.waitFor((m) => m.to.includes(email) && m.id > (opts.afterId ?? 0) && (!opts.subject || opts.subject.test(m.subject)), opts.timeoutMs ?? 20_000);
}

/** Every token ever mailed by this app. */
export function mailedTokens(t: TestApp): string[] {
  return t.mail.mails.flatMap((m) => [...m.text.matchAll(/\/invite\/([A-Za-z0-9_-]{43})/g)].map((x) => x[1]));
}

/** A workflow's whole history as text, payloads decoded (R-I3: no token in it). */
export async function historyText(t: TestApp, workflowId: string): Promise<string> {
  const history = await t.client.workflow.getHandle(workflowId).fetchHistory();
  return JSON.stringify(history, (_k, v) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('utf8');
    return v;
  });
}

/** An inviter's invitation of one address (annotation partner unless `body` says otherwise), its 202 and the mail it sent. */
export async function anInvitation(t: TestApp, opts: { email?: string; body?: Record<string, unknown> } = {}) {
  const setup = await anInviter(t);
  const email = opts.email ?? anEmail();
  const res = await t.http.as(setup.token).post(`/workspaces/${setup.ws.id}/invitations`, { emails: [email], ...annotationPartner, ...opts.body });
  expect(res.status).toBe(202);
  const mail = await waitForMailTo(t, email.toLowerCase());
  return { ...setup, email, res, item: res.body.items[0], mail, link: linkIn(t, mail) };
}
