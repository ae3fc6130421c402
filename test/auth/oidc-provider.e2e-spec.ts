import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { signInWithCodeFlow } from '../../libs/auth/code-flow-client';
import { DevOidcProvider, devOidcProviderScript, startDevOidcProvider } from '../../libs/auth/dev-oidc-provider';
import { DEFAULT_AUDIENCE } from '../../libs/config/app-config';
import { User } from '../../libs/persistence/entities';
import { freePort } from '../../libs/net/free-port';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

const REDIRECT = 'http://127.0.0.1:1/callback';

/** AUTH_MODE=oidc against a real OpenID provider process (oidc-provider): RS256 via JWKS, issuer, audience, key rotation (R-A1). */
describe('AUTH_MODE=oidc with the real OpenID provider (R-A1)', () => {
  let dir: string;
  let port: number;
  let provider: DevOidcProvider;
  let t: TestApp;
  const files = () => ({ usersFile: join(dir, 'users.json'), keysFile: join(dir, 'keys.json') });
  const start = () => startDevOidcProvider({ port, ...files(), redirectUris: [REDIRECT], audience: DEFAULT_AUDIENCE });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oidc-'));
    port = await freePort();
    provider = await start();
    t = await startTestApp({ worker: false, env: { AUTH_MODE: 'oidc', AUTH_ISSUER: provider.issuer, AUTH_JWKS_URL: provider.jwksUrl } });
  });
  afterAll(async () => {
    await t.close();
    await provider.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const aProviderUser = async () => {
    const { users } = await anOrganisation(t.orm);
    writeFileSync(files().usersFile, JSON.stringify(users.map((u) => ({ email: u.email, name: u.name, password: 'correct horse' }))));
    return users[0];
  };
  const signIn = (email: string, password = 'correct horse') =>
    signInWithCodeFlow({ issuer: provider.issuer, clientId: provider.clientId, redirectUri: REDIRECT, email, password });
  const me = (token: string) => t.http.as(token).get('/organisations/me');

  it('R-A1 a user signs in through the provider (code + PKCE); its RS256 access token is accepted and binds the subject', async () => {
    const user = await aProviderUser();
    const { accessToken } = await signIn(user.email);
    expect(decodeProtectedHeader(accessToken).alg).toBe('RS256');
    const res = await me(accessToken);
    expect(res.status).toBe(200);
    expect(res.body.me.email).toBe(user.email);
    expect((await t.orm.em.fork().findOneOrFail(User, user.id)).subject).toMatch(/^[\w-]{22}$/);
    await expect(signIn(user.email, 'wrong')).rejects.toThrow('sign-in');
  });

  it('R-A1 the ID token (audience: the web client) and a local HS256 token are refused as bearer tokens', async () => {
    const user = await aProviderUser();
    const { idToken } = await signIn(user.email);
    expect((await me(idToken)).status).toBe(401);
    expect((await me(await t.tokenFor(user))).status).toBe(401);
  });

  it('R-A1 key rotation: after the provider signs with a new key, old and new tokens are both accepted without restarting the API', async () => {
    const user = await aProviderUser();
    const before = (await signIn(user.email)).accessToken;
    expect((await me(before)).status).toBe(200);
    await provider.stop();
    execFileSync(process.execPath, [devOidcProviderScript(), 'rotate-keys'], { env: { PATH: process.env.PATH, OIDC_KEYS_FILE: files().keysFile } });
    provider = await start();
    const after = (await signIn(user.email)).accessToken;
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    // The API refetches the JWKS for an unknown key id, at most once per 10 s cool-down.
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++) {
      status = (await me(after)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(status).toBe(200);
    expect((await me(before)).status).toBe(200);
  });
});
