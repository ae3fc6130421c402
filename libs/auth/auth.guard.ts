import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../domain/errors';
import { Caller } from './caller';
import { IdentityResolver } from './identity-resolver';
import { SESSION_COOKIE, SessionCookie, openCookie, readCookie } from './session-cookies';

const PUBLIC = Symbol('public-route');
/** Health and the invitation page/accept endpoints answer without a bearer token (and ignore a bad one). */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthedRequest = Request & { caller?: Caller };

/** The authenticated caller; use on routes that are not @Public(). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthedRequest>().caller;
  if (!caller) throw new DomainError('unauthenticated', 'a bearer token is required');
  return caller;
});

/** Reads the caller of a @Public() route that may also carry a bearer token (R-I3 accept). */
export const OptionalCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller | undefined => ctx.switchToHttp().getRequest<AuthedRequest>().caller,
);

/**
 * Global guard: every route needs `Authorization: Bearer <JWT>` unless @Public(). A public
 * route ignores a missing or bad header (a stale token must not break /health or the
 * invitation page) but still reads a good one (R-I3, R-I8 accept with a bearer token).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identities: IdentityResolver,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) {
      request.caller = request.headers.authorization
        ? await this.identities.fromHeader(request.headers.authorization).catch(() => undefined)
        : await this.fromSession(request);
      return true;
    }
    request.caller = await this.identities.fromHeader(request.headers.authorization);
    if (!request.caller) throw new DomainError('unauthenticated', 'a bearer token is required (Authorization: Bearer <JWT>)');
    return true;
  }

  /**
   * R-I8: a public page (the invitation) also knows the browser's short sign-in session.
   * Only there, never on the bearer API. CSRF: the cookie is SameSite=Lax, and a request
   * that changes something must come from our own origin (Origin or Sec-Fetch-Site).
   */
  private async fromSession(request: AuthedRequest): Promise<Caller | undefined> {
    const session = openCookie(this.config.auth.sessionSecret, SESSION_COOKIE, readCookie(request.headers.cookie, SESSION_COOKIE), SessionCookie);
    if (!session) return undefined;
    if (!['GET', 'HEAD'].includes(request.method) && !sameOrigin(request, this.config.http.publicBaseUrl)) return undefined;
    return this.identities.fromSession(session);
  }
}

/** Fetch metadata first (a no-referrer page makes browsers send `Origin: null`), else the Origin header. */
function sameOrigin(request: Request, publicBaseUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'same-origin';
  return request.headers.origin === new URL(publicBaseUrl).origin;
}
