import type { InvitationMailReason } from '../operations/invitation-operations';
import type { OutgoingMail } from './mailer';

export interface InvitationEmailDetails {
  to: string;
  reason: InvitationMailReason;
  inviterName: string;
  inviterOrganisation: string;
  workspaceName: string;
  types: readonly string[];
  role: string | null;
  expiresAt: Date;
  /** `${publicBaseUrl}/invite/${token}`: exists only in this message, never stored or logged. */
  link: string;
}

const TYPE_LABELS: Record<string, string> = {
  DataPartner: 'Data partner',
  ProducerPartner: 'Producer partner',
  AnnotationPartner: 'Annotation partner',
  Owner: 'Owner',
};
const ROLE_LABELS: Record<string, string> = {
  Admin: 'Admin',
  Developer: 'Developer',
  ProjectManager: 'Project manager',
  AnnotationManager: 'Annotation manager',
};

export const typeLabel = (t: string) => TYPE_LABELS[t] ?? t;
export const roleLabel = (r: string | null) => (r ? (ROLE_LABELS[r] ?? r) : 'member');

/** R-I1, R-I2: who invites whom, to which workspace, with which types and role, until when; HTML and plain text. */
export function renderInvitationEmail(d: InvitationEmailDetails, now = new Date()): OutgoingMail {
  const until = expiryPhrase(d.expiresAt, now);
  const types = d.types.map(typeLabel).join(', ');
  const role = roleLabel(d.role);
  const prefix = d.reason === 'reminder' ? 'Reminder: ' : '';
  const subject = `${prefix}${d.inviterName} invited you to the workspace "${d.workspaceName}"`;
  const lead =
    d.reason === 'reminder'
      ? 'A reminder: your invitation is still waiting for you. Use the link in this email; the link in the earlier email no longer works.'
      : d.reason === 'resend'
        ? 'Your invitation was sent again. Use the link in this email; links in earlier emails no longer work.'
        : '';
  const text = [
    `${d.inviterName} (${d.inviterOrganisation}) invited you to collaborate in the workspace "${d.workspaceName}".`,
    `This invitation is for ${d.to}.`,
    ...(lead ? [lead] : []),
    `Collaboration type(s): ${types}`,
    `Workspace role: ${role}`,
    `The invitation expires ${until}.`,
    '',
    `Open this link to see the invitation, then accept or decline it:`,
    d.link,
    '',
    `If you did not expect this invitation, you can ignore this email or decline it on that page.`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:36rem">
<p><strong>${esc(d.inviterName)}</strong> (${esc(d.inviterOrganisation)}) invited you to collaborate in the workspace <strong>${esc(d.workspaceName)}</strong>.</p>
<p>This invitation is for <strong>${esc(d.to)}</strong>.</p>
${lead ? `<p>${esc(lead)}</p>` : ''}
<table>
<tr><th align="left">Collaboration type(s)</th><td>${esc(types)}</td></tr>
<tr><th align="left">Workspace role</th><td>${esc(role)}</td></tr>
<tr><th align="left">Expires</th><td>${esc(until)}</td></tr>
</table>
<p><a href="${esc(d.link)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1f6feb;color:#fff;text-decoration:none;border-radius:.3rem">View the invitation</a></p>
<p style="color:#555;font-size:.9rem">Or copy this address into your browser:<br><span style="word-break:break-all">${esc(d.link)}</span></p>
<p style="color:#555">If you did not expect this invitation, you can ignore this email or decline it on that page.</p>
</body></html>`;
  return { to: d.to, subject, text, html };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "in 7 days (1 December 2026, 11:20 UTC)": when, for a person, and exactly. */
export function expiryPhrase(expiresAt: Date, now = new Date()): string {
  const ms = expiresAt.getTime() - now.getTime();
  const days = Math.round(ms / 86_400_000);
  const hours = Math.round(ms / 3_600_000);
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const relative = days >= 2 ? `in ${days} days` : hours >= 2 ? `in ${hours} hours` : `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${relative} (${formatDay(expiresAt)})`;
}

/** "1 December 2026, 11:20 UTC" */
export function formatDay(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for the mails and the pages. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
