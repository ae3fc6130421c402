import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller } from '../../../libs/auth/caller';
import { IdentityResolver } from '../../../libs/auth/identity-resolver';
import { CODEC_SESSION_COOKIE, CODEC_SESSION_TTL_S, cookieHeader, openCookie, readCookie, sealCookie } from '../../../libs/auth/session-cookies';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';

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

/**
 * The codec's caller, decided before the body is validated (401 before 400, as on every
 * route): a bearer token's when there is an Authorization header (a bad one is no caller),
 * else the operator session. Runs after the global guard, which read the bearer token.
 */
@Injectable()
export class CodecCallerGuard implements CanActivate {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly identities: IdentityResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { caller?: Caller; codecCaller?: Caller }>();
    req.codecCaller = req.headers.authorization ? req.caller : await codecSessionCaller(this.config, this.identities, req);
    if (!req.codecCaller) {
      corsFor(this.config, req, context.switchToHttp().getResponse());
      throw new DomainError('unauthenticated', 'a bearer token, or an operator session from GET /codec/sign-in, is required');
    }
    return true;
  }
}

/** CORS for the Temporal UI's origin only, with credentials (the operator session cookie). */
export function corsFor(config: AppConfig, req: Request, res: { set(headers: Record<string, string>): unknown }): void {
  const origin = req.headers.origin;
  if (!origin || origin !== config.codec.uiOrigin) return;
  res.set({
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, x-namespace',
    'access-control-max-age': '600',
    vary: 'Origin',
  });
}
