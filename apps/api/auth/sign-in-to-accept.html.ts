/**
 * R-I8: the invitation page's "Sign in to accept" for an invitation addressed to an
 * existing user (apps/api/auth/invite-sign-in.controller.ts). A link, not a form: the
 * page's CSP (form-action 'self') would block a form redirected to the provider.
 */
export function signInToAcceptLink(token: string): string {
  return `<p><a class="button" id="sign-in-to-accept" href="/invite/${encodeURIComponent(token)}/sign-in">Sign in to accept</a></p>
<p class="muted">This invitation is for an existing account: sign in with it, then Accept.</p>`;
}
