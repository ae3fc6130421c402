import { JWTPayload, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../../libs/config/app-config';
import { TEST_AUTH_SECRET } from './test-app';

/**
 * Hand-made bearer tokens for the refusal tests: the local issuer and audience with
 * whatever claims a test overrides. `undefined` in `claims` leaves that claim out.
 */
export async function aToken(claims: JWTPayload & Record<string, unknown>, secret = TEST_AUTH_SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const all: Record<string, unknown> = { iss: LOCAL_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600, email_verified: true, ...claims };
  // A claim given as undefined is left out of the token (to test its absence).
  const payload = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`) with the given claims. */
export function anUnsignedToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: LOCAL_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600, email_verified: true, ...claims })}.`;
}
