import type { ExpiryKind } from '../operations/expiry-operations';
import { esc, expiryPhrase, formatDay } from './invitation-email';
import type { OutgoingMail } from './mailer';

export interface ExpiryWarningDetails {
  to: string;
  kind: ExpiryKind;
  /** The workspace (member, collaborator) or project (share) whose access ends. */
  placeName: string;
  /** For a collaborator: the organisation whose access ends (the mail goes to the workspace's Admins). */
  organisationName?: string;
  expiresAt: Date;
}

/** R-E1: the warning before an end date: what ends, exactly when, and who can move it. */
export function renderExpiryWarning(d: ExpiryWarningDetails, now = new Date()): OutgoingMail {
  const when = expiryPhrase(d.expiresAt, now);
  const day = formatDay(d.expiresAt);
  const what =
    d.kind === 'member'
      ? `Your membership of the workspace "${d.placeName}"`
      : d.kind === 'share'
        ? `Your access to the project "${d.placeName}"`
        : `The access of the organisation "${d.organisationName}" to the workspace "${d.placeName}"`;
  const subject =
    d.kind === 'collaborator' ? `${d.organisationName}'s access to "${d.placeName}" ends on ${day}` : `Your access to "${d.placeName}" ends on ${day}`;
  const who =
    d.kind === 'collaborator'
      ? 'Every member of that organisation leaves the workspace then. As an Admin of the workspace you can move or clear the end date.'
      : 'An Admin of the workspace (or the project owner, for a share) can move or clear the end date if you still need access.';
  const text = [`${what} ends ${when}.`, who].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:36rem">
<p>${esc(what)} ends <strong>${esc(when)}</strong>.</p>
<p>${esc(who)}</p>
</body></html>`;
  return { to: d.to, subject, text, html };
}

/** One Message-ID per access, end date and recipient: a retried send is the same message. */
export function expiryWarningMessageId(operationId: string, expiresAt: Date, recipientId: string, domain: string): string {
  return `<${operationId}.${expiresAt.getTime()}.${recipientId}@${domain}>`;
}
