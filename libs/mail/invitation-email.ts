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

/** R-I1, R-I2: who invites, to which workspace, with which types and role, until when; HTML and plain text. */
export function renderInvitationEmail(d: InvitationEmailDetails): OutgoingMail {
  const until = formatUtc(d.expiresAt);
  const types = d.types.map(typeLabel).join(', ');
  const role = roleLabel(d.role);
  const prefix = d.reason === 'reminder' ? 'Reminder: ' : '';
  const subject = `${prefix}${d.inviterName} invited you to the workspace "${d.workspaceName}"`;
  const lead =
    d.reason === 'reminder'
      ? 'This is a reminder: your invitation is still waiting. This email carries a fresh link; links in earlier emails no longer work.'
      : d.reason === 'resend'
        ? 'Your invitation was sent again with a fresh link; links in earlier emails no longer work.'
        : '';
  const text = [
    `${d.inviterName} (${d.inviterOrganisation}) invited you to collaborate in the workspace "${d.workspaceName}".`,
    lead,
    `Collaboration type(s): ${types}`,
    `Workspace role: ${role}`,
    `The invitation is valid until ${until}.`,
    '',
    `Open this link to see the invitation and accept it:`,
    d.link,
    '',
    `If you did not expect this invitation, ignore this email; nothing happens until you accept.`,
  ]
    .filter((line, i) => line !== '' || i > 0)
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:36rem">
<p><strong>${esc(d.inviterName)}</strong> (${esc(d.inviterOrganisation)}) invited you to collaborate in the workspace <strong>${esc(d.workspaceName)}</strong>.</p>
${lead ? `<p>${esc(lead)}</p>` : ''}
<table>
<tr><th align="left">Collaboration type(s)</th><td>${esc(types)}</td></tr>
<tr><th align="left">Workspace role</th><td>${esc(role)}</td></tr>
<tr><th align="left">Valid until</th><td>${esc(until)}</td></tr>
</table>
<p><a href="${esc(d.link)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1f6feb;color:#fff;text-decoration:none;border-radius:.3rem">View the invitation</a></p>
<p style="color:#555">If you did not expect this invitation, ignore this email; nothing happens until you accept.</p>
</body></html>`;
  return { to: d.to, subject, text, html };
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
