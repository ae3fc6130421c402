import { SignJWT } from 'jose';

export const LOCAL_ISSUER = 'collaboration-service-local';

/** Mints an HS256 token as the local/dev identity provider would (`npm run token`). */
export async function signLocalToken(secret: string, claims: { sub: string; email: string }, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
