import { signInToAcceptLink } from '../auth/sign-in-to-accept.html';
import { esc, expiryPhrase, roleLabel, typeLabel } from '../../../libs/mail/invitation-email';
import type { InvitationAcceptance } from './dto/invitation.dto';
import type { InvitationPageModel } from './invitee.service';

/** Server-rendered pages of the invitation link (R-I2, R-I3). No framework, no script. */
const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem 2.2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}th{text-align:left;padding:.25rem 1rem .25rem 0;color:#555;font-weight:500}td{padding:.25rem 0}
label{display:block;margin:1rem 0 .3rem}input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #bbb;border-radius:.3rem}
button{margin-top:1.4rem;padding:.6rem 1.6rem;font-size:1rem;background:#1f6feb;color:#fff;border:0;border-radius:.3rem;cursor:pointer}
button.secondary{background:#fff;color:#1d2330;border:1px solid #bbb}a.button{display:inline-block;margin-top:1rem;padding:.6rem 1.6rem;background:#1f6feb;color:#fff;text-decoration:none;border-radius:.3rem}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem .8rem;border-radius:.3rem}.muted{color:#666;font-size:.9rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function renderInvitePage(model: InvitationPageModel, token: string, error?: string): string {
  const i = model.invitation;
  const rows: Array<[string, string]> = [
    ['Invited by', `${model.inviterName} (${model.inviterOrganisation})`],
    ['Invitation for', i.email + (model.organisationName ? ` (${model.organisationName})` : '')],
    ['Workspace', model.workspaceName],
    ['Collaboration type(s)', i.types.map(typeLabel).join(', ')],
    ['Your role', roleLabel(i.role)],
    ['Expires', expiryPhrase(i.expiresAt)],
  ];
  const fields = [
    model.needsName ? `<label for="name">Your name</label><input type="text" id="name" name="name" required maxlength="200" autocomplete="name">` : '',
    model.needsOrganisationName
      ? `<label for="organisationName">Your organisation's name</label><input type="text" id="organisationName" name="organisationName" required maxlength="200" autocomplete="organization"><p class="muted">Your organisation is new here; it is created when you accept.</p>`
      : '',
  ].join('');
  const action = `/invite/${encodeURIComponent(token)}`;
  return layout(
    `Invitation to ${model.workspaceName}`,
    `<h1>You are invited to the workspace “${esc(model.workspaceName)}”</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${model.existingUser ? `<p class="muted">You already have an account with ${esc(i.email)}: sign in with it to accept.</p>${signInToAcceptLink(token)}` : ''}
<form method="post" action="${action}/accept">${fields}<button type="submit">Accept</button></form>
<form method="post" action="${action}/decline"><button type="submit" class="secondary">Decline</button></form>
<p class="muted">Not for you, or not interested? Decline, and ${esc(model.inviterName)} will see that you declined.</p>`,
  );
}

export function renderAcceptedPage(model: InvitationPageModel, result: InvitationAcceptance, appUrl: string): string {
  return layout(
    'Invitation accepted',
    `<h1>Welcome to “${esc(model.workspaceName)}”</h1>
<p>You are now a member of the workspace <strong>${esc(model.workspaceName)}</strong> as ${esc(roleLabel(model.invitation.role))}.</p>
${result.created.user ? '<p>Your account has been created for this email address.</p>' : ''}
${result.created.organisation ? '<p>Your organisation has been created, and you are its administrator.</p>' : ''}
<p>Next: sign in with ${esc(model.invitation.email)} to start working.</p>
<a class="button" href="${esc(appUrl)}">Sign in</a>`,
  );
}

/** R-I7 */
export function renderDeclinedPage(model: InvitationPageModel): string {
  return layout(
    'Invitation declined',
    `<h1>You declined the invitation</h1>
<p>${esc(model.inviterName)} will see that you declined the invitation to “${esc(model.workspaceName)}”. Nothing else happens; you can close this page.</p>`,
  );
}

/** R-I3: one page for used, revoked, expired and unknown links alike; it reveals nothing about which. */
export function renderGonePage(appUrl: string): string {
  return layout(
    'Invitation link no longer valid',
    `<h1>This invitation link is no longer valid</h1>
<p>If you already accepted this invitation, sign in to continue.</p>
<a class="button" href="${esc(appUrl)}">Sign in</a>
<p>Otherwise the link was replaced by a newer email, withdrawn, or it expired: ask the person who invited you to send it again.</p>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p class="error" role="alert">${esc(message)}</p>`);
}
