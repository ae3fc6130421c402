import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short signed cookies for the browser sign-in (R-I8): stateless, HMAC-SHA256 with
 * AUTH_SESSION_SECRET, an expiry inside the signed part. Nothing secret is inside (ids
 * and a PKCE verifier that is useless without the provider's one-time code).
 */
export const SESSION_COOKIE = 'collab_session';
export const SIGN_IN_COOKIE = 'collab_sign_in';
export const SESSION_TTL_S = 15 * 60;
export const SIGN_IN_TTL_S = 10 * 60;
/** R-A2: an operator's session for the codec endpoint only (Path=/codec), read nowhere else. */
export const CODEC_SESSION_COOKIE = 'collab_codec_session';
export const CODEC_SESSION_TTL_S = 60 * 60;

export function sealCookie(secret: string, purpose: string, value: object, ttlS: number): string {
  const body = Buffer.from(JSON.stringify({ ...value, exp: Math.floor(Date.now() / 1000) + ttlS })).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

// The value was sealed by us (HMAC-checked below): its type is what the caller sealed.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function openCookie<T>(secret: string, purpose: string, sealed: string | undefined): T | undefined {
  if (!sealed) return undefined;
  const [body, tag] = sealed.split('.');
  if (!body || !tag) return undefined;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp: number };
    return value.exp > Date.now() / 1000 ? value : undefined;
  } catch {
    return undefined;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

export function cookieHeader(name: string, value: string, opts: { maxAgeS: number; path: string; secure: boolean }): string {
  // HttpOnly: no script reads it. SameSite=Lax: not sent on another site's POST (CSRF), yet
  // sent on the top-level redirect back from the provider.
  return `${name}=${encodeURIComponent(value)}; Max-Age=${opts.maxAgeS}; Path=${opts.path}; HttpOnly; SameSite=Lax${opts.secure ? '; Secure' : ''}`;
}

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}.${body}`).digest('base64url');
}
