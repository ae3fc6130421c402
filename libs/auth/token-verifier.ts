import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, createRemoteJWKSet, jwtVerify } from 'jose';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../domain/errors';
import { LOCAL_ISSUER } from './local-tokens';

export interface VerifiedToken {
  sub: string;
  email?: string;
}

/**
 * Verifies bearer tokens: RS256 from the OIDC provider's JWKS in production, HS256 with
 * the local secret in development. The service stores no passwords.
 */
@Injectable()
export class TokenVerifier {
  private readonly verifyJwt: (token: string) => Promise<JWTPayload>;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const auth = config.auth;
    if (auth.mode === 'local') {
      const key = new TextEncoder().encode(auth.hs256Secret);
      this.verifyJwt = async (token) => (await jwtVerify(token, key, { algorithms: ['HS256'], issuer: LOCAL_ISSUER })).payload;
    } else {
      const jwks = createRemoteJWKSet(new URL(auth.jwksUrl));
      this.verifyJwt = async (token) =>
        (await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer: auth.issuer, audience: auth.audience })).payload;
    }
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      payload = await this.verifyJwt(token);
    } catch {
      throw new DomainError('unauthenticated', 'the bearer token is invalid or expired');
    }
    if (!payload.sub) throw new DomainError('unauthenticated', 'the bearer token has no subject');
    return { sub: payload.sub, email: typeof payload.email === 'string' ? payload.email : undefined };
  }
}
