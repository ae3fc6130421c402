import { EntityManager } from '@mikro-orm/core';
import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../domain/errors';
import { User, normaliseEmail } from '../persistence/entities';
import { Caller } from './caller';
import { TokenVerifier } from './token-verifier';

const PUBLIC = Symbol('public-route');
/** Health and the invitation page/accept endpoints answer without a bearer token. */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthedRequest = Request & { caller?: Caller };

/** The authenticated caller; use on routes that are not @Public(). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthedRequest>().caller;
  if (!caller) throw new DomainError('unauthenticated', 'a bearer token is required');
  return caller;
});

/** Reads the caller of a @Public() route that may also carry a bearer token (R-I3 accept). */
export const OptionalCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller | undefined => ctx.switchToHttp().getRequest<AuthedRequest>().caller);

/**
 * Global guard: every route needs `Authorization: Bearer <JWT>` unless @Public(). The
 * user is found by the token's `sub`, or by its email on first sight (then bound to the sub).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly em: EntityManager,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    if (!header) {
      if (isPublic) return true;
      throw new DomainError('unauthenticated', 'a bearer token is required (Authorization: Bearer <JWT>)');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <JWT>"');
    request.caller = await this.resolve(match[1]);
    return true;
  }

  private async resolve(token: string): Promise<Caller> {
    const verified = await this.verifier.verify(token);
    const em = this.em.fork();
    let user = await em.findOne(User, { subject: verified.sub });
    if (!user && verified.email) {
      user = await em.findOne(User, { email: normaliseEmail(verified.email), subject: null });
      if (user) {
        user.subject = verified.sub;
        await em.flush();
      }
    }
    if (!user) throw new DomainError('unauthenticated', 'the token does not belong to a known user');
    return { userId: user.id, organisationId: user.organisation.id, email: user.email, orgRoles: user.orgRoles };
  }
}
