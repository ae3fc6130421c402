import { createHash, randomBytes } from 'node:crypto';

/**
 * Authorization code + PKCE against an OpenID provider, driven over HTTP as a browser
 * would (cookies, redirects, the sign-in form). `npm start` prints a ready token with it
 * and tests sign users in with it; the browser "Sign in to accept" takes the same steps.
 */
export interface CodeFlowSignIn {
  issuer: string;
  clientId: string;
  redirectUri: string;
  email: string;
  password: string;
}

export interface SignedIn {
  accessToken: string;
  idToken: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function signInWithCodeFlow(opts: CodeFlowSignIn): Promise<SignedIn> {
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const auth = new URL(`${opts.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    response_type: 'code',
    scope: 'openid email profile api',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();

  let res = await request(auth.toString());
  let location = res.headers.get('location');
  for (let hops = 0; location && !location.startsWith(opts.redirectUri) && hops < 10; hops++) {
    const url = new URL(location, opts.issuer).toString();
    res = url.includes('/interaction/')
      ? await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: opts.email, password: opts.password }).toString(),
        })
      : await request(url);
    location = res.headers.get('location');
  }
  if (!location?.startsWith(opts.redirectUri)) throw new Error(`sign-in at ${opts.issuer} failed (${res.status}): ${(await res.text()).slice(0, 300)}`);
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error('the provider answered another state');
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`the provider refused: ${back.searchParams.get('error_description') ?? back.searchParams.get('error')}`);
  return exchangeCode({ issuer: opts.issuer, clientId: opts.clientId, redirectUri: opts.redirectUri, code, verifier });
}

export async function exchangeCode(opts: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  code: string;
  verifier: string;
  tokenEndpoint?: string;
}): Promise<SignedIn> {
  const res = await fetch(opts.tokenEndpoint ?? `${opts.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: opts.code,
      redirect_uri: opts.redirectUri,
      client_id: opts.clientId,
      code_verifier: opts.verifier,
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string; id_token?: string; error_description?: string };
  if (!res.ok || !body.access_token || !body.id_token) throw new Error(`the token endpoint refused (${res.status}): ${body.error_description ?? ''}`);
  return { accessToken: body.access_token, idToken: body.id_token };
}
