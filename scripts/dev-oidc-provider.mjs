/**
 * The development and test OpenID provider (issue 10): the certified `oidc-provider` package
 * as a local process. RS256 keys served by JWKS (rotated by restarting with a new key first),
 * the API as a resource (JWT access tokens with its audience and the user's verified email),
 * a public web client with authorization code + PKCE, and a sign-in page for the users of
 * OIDC_USERS_FILE (re-read at every sign-in, so tests add users while it runs).
 *
 * Env: OIDC_PORT, OIDC_ISSUER (default http://127.0.0.1:PORT), OIDC_AUDIENCE, OIDC_CLIENT_ID,
 * OIDC_REDIRECT_URIS (comma-separated), OIDC_KEYS_FILE (private JWKS, newest key first; made
 * with one key when missing), OIDC_USERS_FILE ([{ email, name, password }]), OIDC_COOKIE_SECRET.
 * `node dev-oidc-provider.mjs rotate-keys` puts a new key first in OIDC_KEYS_FILE and keeps the
 * previous one, so tokens it signed still verify until they expire.
 */
import Provider, { errors } from 'oidc-provider';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const env = process.env;
const port = Number(env.OIDC_PORT ?? 4400);
const issuer = env.OIDC_ISSUER ?? `http://127.0.0.1:${port}`;
const audience = env.OIDC_AUDIENCE ?? 'collaboration-api';
// The API as a resource indicator (RFC 8707 wants an absolute URI); its tokens carry `audience`.
const resource = 'urn:collaboration-service:api';
const clientId = env.OIDC_CLIENT_ID ?? 'collaboration-web';
const keysFile = env.OIDC_KEYS_FILE;
const usersFile = env.OIDC_USERS_FILE;
const cookieSecret = env.OIDC_COOKIE_SECRET ?? 'development-only-oidc-cookie-secret';

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`, alg: 'RS256', use: 'sig' };
}

function loadKeys() {
  if (!keysFile) return [newKey()];
  if (!existsSync(keysFile)) writeFileSync(keysFile, JSON.stringify({ keys: [newKey()] }), { mode: 0o600 });
  return JSON.parse(readFileSync(keysFile, 'utf8')).keys;
}

if (process.argv[2] === 'rotate-keys') {
  if (!keysFile) throw new Error('OIDC_KEYS_FILE is not set');
  const keys = [newKey(), ...loadKeys()].slice(0, 2);
  writeFileSync(keysFile, JSON.stringify({ keys }), { mode: 0o600 });
  console.log(`signing key now ${keys[0].kid}; ${keys[1].kid} still verifies; restart the provider`);
  process.exit(0);
}

/** The seeded users; the subject is a keyed digest of the email, stable across restarts. */
function users() {
  const list = usersFile && existsSync(usersFile) ? JSON.parse(readFileSync(usersFile, 'utf8')) : [];
  return list.map((u) => ({
    ...u,
    email: u.email.toLowerCase(),
    sub: createHmac('sha256', cookieSecret).update(u.email.toLowerCase()).digest('base64url').slice(0, 22),
  }));
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: (env.OIDC_REDIRECT_URIS ?? 'http://localhost:3000/auth/callback').split(','),
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: loadKeys() },
  cookies: { keys: [cookieSecret] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  conformIdTokenClaims: false,
  ttl: { AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  async findAccount(_ctx, sub) {
    const user = users().find((u) => u.sub === sub);
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }) };
  },
  async extraTokenClaims(_ctx, token) {
    const user = users().find((u) => u.sub === token.accountId);
    return user ? { email: user.email, email_verified: true } : undefined;
  },
  // First-party client: no consent screen; the grant covers the API and the ID token's claims.
  async loadExistingGrant(ctx) {
    const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    grant.addResourceScope(resource, 'api');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== resource) throw new errors.InvalidTarget();
        return { scope: 'api', audience, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
});
provider.proxy = true;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (uid, error) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body><main>
<h1>Sign in</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}"><label>Email <input id="email" name="email" type="email" autocomplete="username" required></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></main></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    const send = (status, html) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    if (details.prompt.name !== 'login')
      return send(501, `only sign-in is an interaction here (${details.prompt.name}: ${JSON.stringify(details.prompt.details)})`);
    if (req.method === 'GET') return send(200, page(details.uid));
    const form = await readForm(req);
    const user = users().find(
      (u) =>
        u.email ===
        String(form.get('email') ?? '')
          .trim()
          .toLowerCase(),
    );
    if (!user || !user.password || user.password !== form.get('password')) return send(401, page(details.uid, 'Unknown email or wrong password.'));
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  } catch (e) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(e instanceof Error ? e.message : 'bad interaction');
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider ready at ${issuer}`));
