import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { exchangeCode } from '../../../libs/auth/code-flow-client';
import { IdentityResolver } from '../../../libs/auth/identity-resolver';
import { CLOCK_SKEW_S, requiredClaims } from '../../../libs/auth/token-verifier';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/**
 * The API as an OpenID relying party for the browser sign-in (R-I8): the provider's
 * endpoints from its discovery document, the ID token verified (RS256 from its JWKS,
 * issuer, audience = our client id, nonce, age) and bound by the same rules as a bearer
 * token (R-A1: verified email on first sight, never re-bound).
 */
@Injectable()
export class OidcRelyingParty {
  private discovery?: Promise<{ doc: Discovery; jwks: JWTVerifyGetKey }>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly identities: IdentityResolver,
  ) {}

  get enabled(): boolean {
    return this.config.auth.mode === 'oidc' && Boolean(this.config.auth.oidcClientId);
  }

  /** Only reached when `enabled` (the sign-in routes answer 404 otherwise). */
  private get clientId(): string {
    const id = this.config.auth.oidcClientId;
    if (!id) throw new DomainError('not_found', 'browser sign-in is not configured');
    return id;
  }

  async authorizationUrl(p: { state: string; nonce: string; challenge: string; redirectUri: string }): Promise<string> {
    const { doc } = await this.discover();
    const url = new URL(doc.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: p.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: p.state,
      nonce: p.nonce,
      code_challenge: p.challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async signIn(p: { code: string; verifier: string; nonce: string; redirectUri: string }): Promise<{ userId: string; sub: string }> {
    const { doc, jwks } = await this.discover();
    const tokens = await exchangeCode({
      issuer: doc.issuer,
      clientId: this.clientId,
      redirectUri: p.redirectUri,
      code: p.code,
      verifier: p.verifier,
      tokenEndpoint: doc.token_endpoint,
    });
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(tokens.idToken, jwks, {
        algorithms: ['RS256'],
        issuer: this.config.auth.issuer,
        audience: this.clientId,
        clockTolerance: CLOCK_SKEW_S,
        maxTokenAge: this.config.auth.maxTokenAgeS,
        requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
      }));
    } catch {
      throw new DomainError('unauthenticated', 'the sign-in could not be verified', 'R-A1');
    }
    if (claims.nonce !== p.nonce) throw new DomainError('unauthenticated', 'the sign-in could not be verified', 'R-A1');
    const { sub } = requiredClaims(claims);
    const caller = await this.identities.bind({
      sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      emailVerified: claims.email_verified === true,
    });
    return { userId: caller.userId, sub };
  }

  private discover(): Promise<{ doc: Discovery; jwks: JWTVerifyGetKey }> {
    this.discovery ??= (async () => {
      const res = await fetch(`${this.config.auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
      if (!res.ok) throw new DomainError('unauthenticated', 'the sign-in service is not reachable; try again shortly');
      const doc = (await res.json()) as Discovery;
      return { doc, jwks: createRemoteJWKSet(new URL(doc.jwks_uri)) };
    })().catch((e: unknown) => {
      this.discovery = undefined;
      throw e;
    });
    return this.discovery;
  }
}
