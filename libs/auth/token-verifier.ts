import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../domain/errors';

export interface VerifiedToken {
  sub: string;
  email?: string;
  /** R-A1: only a provider that vouches for the address may bind it on first sight. */
  emailVerified: boolean;
}

/** R-A1: 60 s of clock skew between the provider and us. */
export const CLOCK_SKEW_S = 60;

/**
 * Verifies bearer tokens: RS256 from the OIDC provider's JWKS in production, HS256 with
 * the local secret in development. In every mode (R-A1): the issuer, the audience, `exp`
 * and `iat` are required, and a token may not live longer than the maximum age (24 h by
 * default) — neither since it was issued nor by its own `exp`. The service stores no passwords.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    const auth = config.auth;
    if (auth.mode === 'local') {
      this.key = new TextEncoder().encode(auth.hs256Secret);
      this.algorithms = ['HS256'];
    } else {
      // jose refetches the JWKS when a token names a key id it does not know: keys rotate without a restart.
      this.key = createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 10_000 });
      this.algorithms = ['RS256'];
    }
  }

  async verify(token: string): Promise<VerifiedToken> {
    const auth = this.config.auth;
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: CLOCK_SKEW_S,
        maxTokenAge: auth.maxTokenAgeS,
        requiredClaims: ['exp', 'iat', 'sub'],
      };
      payload = typeof this.key === 'function' ? (await jwtVerify(token, this.key, options)).payload : (await jwtVerify(token, this.key, options)).payload;
    } catch {
      throw new DomainError('unauthenticated', 'the bearer token is invalid or expired', 'R-A1');
    }
    const { sub, exp, iat } = requiredClaims(payload);
    if (exp - iat > auth.maxTokenAgeS + CLOCK_SKEW_S) {
      throw new DomainError('unauthenticated', `the bearer token lives longer than the ${auth.maxTokenAgeS} s this service accepts`, 'R-A1');
    }
    return {
      sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      emailVerified: payload.email_verified === true,
    };
  }
}

/** jose's `requiredClaims` has checked these are there; this says so to the type checker. */
export function requiredClaims(payload: JWTPayload): { sub: string; exp: number; iat: number } {
  const { sub, exp, iat } = payload;
  if (sub === undefined || exp === undefined || iat === undefined) throw new DomainError('unauthenticated', 'the token lacks sub, exp or iat', 'R-A1');
  return { sub, exp, iat };
}
