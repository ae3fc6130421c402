import type { Request } from 'express';
import type { Caller } from '../../../libs/auth/caller';
import { IdentityResolver } from '../../../libs/auth/identity-resolver';
import { CODEC_SESSION_COOKIE, CODEC_SESSION_TTL_S, cookieHeader, openCookie, readCookie, sealCookie } from '../../../libs/auth/session-cookies';
import type { AppConfig } from '../../../libs/config/app-config';

/** Where the sign-in callback goes for an operator (invite-sign-in.controller.ts), instead of an invitation page. */
export const CODEC_SIGN_IN_RETURN = '/codec';

export function isCodecOperator(config: AppConfig, caller: Pick<Caller, 'email'>): boolean {
  return config.codec.operators.includes(caller.email.toLowerCase());
}

/**
 * R-A2: the operator's codec session, a signed cookie of its own: HttpOnly, SameSite=Lax
 * (the Temporal UI and the API are the same site: localhost or one domain), Path=/codec,
 * an hour. Sent by the UI with "Include cross-origin credentials".
 */
export function codecSessionCookie(config: AppConfig, session: { userId: string; sub: string }): string {
  return cookieHeader(CODEC_SESSION_COOKIE, sealCookie(config.auth.sessionSecret, CODEC_SESSION_COOKIE, session, CODEC_SESSION_TTL_S), {
    maxAgeS: CODEC_SESSION_TTL_S,
    path: '/codec',
    secure: config.http.publicBaseUrl.startsWith('https:'),
  });
}

/**
 * The operator behind the codec session cookie, only on a request from the Temporal UI's
 * origin (or our own): another page of the same site gets the cookie sent but not honoured.
 */
export async function codecSessionCaller(config: AppConfig, identities: IdentityResolver, req: Request): Promise<Caller | undefined> {
  const session = openCookie<{ userId: string; sub: string }>(
    config.auth.sessionSecret,
    CODEC_SESSION_COOKIE,
    readCookie(req.headers.cookie, CODEC_SESSION_COOKIE),
  );
  if (!session) return undefined;
  const origin = req.headers.origin;
  const fromUi = origin !== undefined && origin === config.codec.uiOrigin;
  const ownOrigin = req.headers['sec-fetch-site'] === 'same-origin' || origin === new URL(config.http.publicBaseUrl).origin;
  if (!fromUi && !ownOrigin) return undefined;
  return identities.fromSession(session);
}
