import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../domain/errors';
import { User, normaliseEmail } from '../persistence/entities';
import { Caller } from './caller';
import { TokenVerifier, VerifiedToken } from './token-verifier';

/**
 * R-A1 identity binding. A user is found by the token's subject. On first sight (no user
 * holds that subject) by email, and only when the provider says `email_verified: true`;
 * the subject is then bound with a conditional update, so of two racing first sights only
 * one wins. A user already bound to another subject is never re-bound: that token is
 * refused (a takeover by anyone who can mint a token for a victim's address).
 */
@Injectable()
export class IdentityResolver {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly em: EntityManager,
  ) {}

  /** The caller of an Authorization header; undefined when there is none; 401 when it is bad. */
  async fromHeader(header: string | undefined): Promise<Caller | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <JWT>"');
    return this.fromToken(match[1]);
  }

  async fromToken(token: string): Promise<Caller> {
    return this.bind(await this.verifier.verify(token));
  }

  /** Also used by the browser sign-in (apps/api/auth), whose ID token is verified there. */
  async bind(verified: VerifiedToken): Promise<Caller> {
    const em = this.em.fork();
    let user = await em.findOne(User, { subject: verified.sub });
    if (!user) user = await this.firstSight(em, verified);
    return { userId: user.id, organisationId: user.organisation.id, email: user.email, orgRoles: user.orgRoles };
  }

  /** The user of a browser session (R-I8), while it is still bound to the subject that signed in. */
  async fromSession(session: { userId: string; sub: string }): Promise<Caller | undefined> {
    const user = await this.em.fork().findOne(User, { id: session.userId, subject: session.sub });
    return user ? { userId: user.id, organisationId: user.organisation.id, email: user.email, orgRoles: user.orgRoles } : undefined;
  }

  private async firstSight(em: EntityManager, verified: VerifiedToken): Promise<User> {
    if (!verified.email) throw new DomainError('unauthenticated', 'the token does not belong to a known user', 'R-A1');
    const user = await em.findOne(User, { email: normaliseEmail(verified.email) });
    if (!user) throw new DomainError('unauthenticated', 'the token does not belong to a known user', 'R-A1');
    if (!verified.emailVerified) {
      throw new DomainError(
        'unauthenticated',
        'the identity provider has not verified this email address (email_verified), so it cannot be linked to an account',
        'R-A1',
      );
    }
    const bound = user.subject === null ? await em.nativeUpdate(User, { id: user.id, subject: null }, { subject: verified.sub }) : 0;
    if (bound !== 1) {
      throw new DomainError('unauthenticated', 'this account is already linked to another sign-in identity; sign in with that one', 'R-A1');
    }
    user.subject = verified.sub;
    return user;
  }
}
