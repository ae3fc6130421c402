import { signInToAcceptLink } from '../auth/sign-in-to-accept.html';
import { esc, formatUtc, roleLabel, typeLabel } from '../../../libs/mail/invitation-email';
import type { InvitationAcceptance } from './dto/invitation.dto';
import type { InvitationPageModel } from './invitations.service';

/** Server-rendered pages of the invitation link (R-I2, R-I3). No framework, no script. */
const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem 2.2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}th{text-align:left;padding:.25rem 1rem .25rem 0;color:#555;font-weight:500}td{padding:.25rem 0}
label{display:block;margin:1rem 0 .3rem}input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #bbb;border-radius:.3rem}
button{margin-top:1.4rem;padding:.6rem 1.6rem;font-size:1rem;background:#1f6feb;color:#fff;border:0;border-radius:.3rem;cursor:pointer}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem .8rem;border-radius:.3rem}.muted{color:#666;font-size:.9rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function renderInvitePage(model: InvitationPageModel, token: string, error?: string): string {
  const i = model.invitation;
  const rows: Array<[string, string]> = [
    ['Invited by', `${model.inviterName} (${model.inviterOrganisation})`],
    ['Invitee', i.email + (model.organisationName ? ` (${model.organisationName})` : '')],
    ['Workspace', model.workspaceName],
    ['Collaboration type(s)', i.types.map(typeLabel).join(', ')],
    ['Workspace role', roleLabel(i.role)],
    ['Valid until', formatUtc(i.expiresAt)],
  ];
  const fields = [
    model.needsName ? `<label for="name">Your name</label><input type="text" id="name" name="name" required maxlength="200" autocomplete="name">` : '',
    model.needsOrganisationName
      ? `<label for="organisationName">Your organisation's name</label><input type="text" id="organisationName" name="organisationName" required maxlength="200" autocomplete="organization"><p class="muted">Your organisation is new here; it is created when you accept.</p>`
      : '',
  ].join('');
  return layout(
    `Invitation to ${model.workspaceName}`,
    `<h1>You are invited to the workspace “${esc(model.workspaceName)}”</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${model.needsName ? '' : signInToAcceptLink(token)}
<form method="post" action="/invite/${encodeURIComponent(token)}/accept">${fields}<button type="submit">Accept</button></form>
<p class="muted">Opening this page changes nothing; only Accept does.</p>`,
  );
}

export function renderAcceptedPage(model: InvitationPageModel, result: InvitationAcceptance): string {
  return layout(
    'Invitation accepted',
    `<h1>Invitation accepted</h1>
<p>You are now a member of the workspace <strong>${esc(model.workspaceName)}</strong> as ${esc(roleLabel(model.invitation.role))}.</p>
${result.created.user ? '<p>Your account has been created; sign in with your organisation’s identity provider using this email address.</p>' : ''}
${result.created.organisation ? '<p>Your organisation has been created, and you are its administrator.</p>' : ''}`,
  );
}

/** R-I3: one page for used, revoked, expired and unknown links alike. */
export function renderGonePage(): string {
  return layout(
    'Invitation link no longer valid',
    `<h1>This invitation link is no longer valid</h1>
<p>It may have been used already, revoked, replaced by a newer email, or it expired.</p>
<p>Ask the person who invited you to send the invitation again.</p>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p class="error" role="alert">${esc(message)}</p>`);
}
