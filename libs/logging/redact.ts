/**
 * R-I3 and the "nothing secret or personal in a log" rule: every log line (request, error,
 * worker) passes through redactText before it is written, whatever the case of the path
 * and however it is encoded. What it cuts: invitation tokens in /invite/<token> paths,
 * OAuth codes, states and tokens in query strings, bearer tokens, and email addresses.
 */
const INVITE_PATH = /((?:\/|%2f)invite(?:\/|%2f))(?!\[redacted\])[^/?#\s"'\\]+?(?=\/|%2f|[?#\s"'\\]|$)/gi;
const SECRET_PARAMS = /([?&](?:code|state|token|id_token|access_token|refresh_token|code_verifier|session_state)=)[^&#\s"'\\]+/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9\-_.~+/]+=*/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function redactText(text: string): string {
  return text.replace(INVITE_PATH, '$1[redacted]').replace(SECRET_PARAMS, '$1[redacted]').replace(BEARER, '$1[redacted]').replace(EMAIL, '[email]');
}

export function redactUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactText(url);
}
