import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../config/app-config';

export { LOCAL_ISSUER };

export interface LocalClaims {
  sub: string;
  email: string;
  /** The local provider vouches for the addresses of its own users (R-A1). */
  email_verified?: boolean;
}

/**
 * Mints an HS256 token as the local/dev identity provider would (`npm run token`, tests):
 * issuer, audience, iat and exp always set (R-A1), so it passes the same checks as an
 * OpenID provider's token.
 */
export async function signLocalToken(secret: string, claims: LocalClaims, expiresIn = '12h', audience = DEFAULT_AUDIENCE): Promise<string> {
  return new SignJWT({ email: claims.email, email_verified: claims.email_verified ?? true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
