import { createServer, Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DevOidcProvider, startDevOidcProvider } from '../../libs/auth/dev-oidc-provider';
import { DEFAULT_AUDIENCE } from '../../libs/config/app-config';
import { freePort } from '../../libs/net/free-port';
import { User } from '../../libs/persistence/entities';
import { payloadCodecFor } from '../../libs/temporal/data-converter';
import { toJsonPayloads } from '../../apps/api/codec/codec.dto';
import { launchChromium } from '../support/browser';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

const PASSWORD = 'correct horse';

/**
 * R-A2 in headless Chromium: an operator signs in at /codec/sign-in through the running
 * OpenID provider, and the Temporal UI's page (its origin, the same site as the API) then
 * decodes payloads with `credentials: 'include'`, as the UI does with "Include cross-origin
 * credentials". The UI here is a stand-in page on the UI's origin: the dev server's UI
 * cannot be told to send credentials (see docs/decisions.md, #10).
 */
describe('the Temporal UI decodes through the operator session (R-A2)', () => {
  let dir: string;
  let provider: DevOidcProvider;
  let t: TestApp;
  let browser: Browser;
  let ui: Server;
  let uiOrigin: string;
  let operator: User;
  let other: User;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'codec-sign-in-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const uiPort = await freePort();
    uiOrigin = `http://127.0.0.1:${uiPort}`;
    ui = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Temporal UI</title><p>UI'));
    await new Promise<void>((r) => ui.listen(uiPort, '127.0.0.1', r));
    provider = await startDevOidcProvider({
      port: await freePort(),
      usersFile: join(dir, 'users.json'),
      redirectUris: [`${base}/auth/callback`],
      audience: DEFAULT_AUDIENCE,
    });
    // The operator's address must be known before the app starts (TEMPORAL_CODEC_OPERATORS).
    const probe = await startTestApp({ worker: false });
    [operator, other] = (await anOrganisation(probe.orm, { users: [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['OrgAdmin'] }] })).users;
    await probe.close();
    writeFileSync(join(dir, 'users.json'), JSON.stringify([operator, other].map((u) => ({ email: u.email, name: u.name, password: PASSWORD }))));
    t = await startTestApp({
      worker: false,
      env: {
        HTTP_PORT: String(port),
        PUBLIC_BASE_URL: base,
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: provider.issuer,
        AUTH_JWKS_URL: provider.jwksUrl,
        AUTH_OIDC_CLIENT_ID: provider.clientId,
        TEMPORAL_UI_ORIGIN: uiOrigin,
        TEMPORAL_CODEC_OPERATORS: operator.email,
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
    await provider.stop();
    await new Promise((r) => ui.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  /** An encrypted payload holding personal data, in the JSON form the UI posts. */
  const encrypted = async (secret: string) => ({
    payloads: toJsonPayloads(
      await payloadCodecFor(t.config).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify({ secret })) }]),
    ),
  });

  /** The UI's request: from its origin, with its namespace header, credentials as asked. */
  const decodeFromUi = (page: Page, body: unknown, credentials: 'include' | 'omit') =>
    page.evaluate(
      async ({ url, body, credentials }) => {
        const res = await fetch(url, {
          method: 'POST',
          credentials,
          headers: { 'content-type': 'application/json', 'x-namespace': 'default' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: res.status === 200 ? ((await res.json()) as { payloads: Array<{ data: string }> }) : undefined };
      },
      { url: `${t.config.http.publicBaseUrl}/codec/decode`, body, credentials },
    );

  const signIn = async (page: Page, user: User) => {
    await page.goto(`${t.config.http.publicBaseUrl}/codec/sign-in`);
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.fill('#email', user.email);
    await page.fill('#password', PASSWORD);
    const [callback] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${t.config.http.publicBaseUrl}/auth/callback`)),
      page.click('button[type=submit]'),
    ]);
    return callback.status();
  };

  it('R-A2 an operator signs in, then the UI origin decodes with credentials; anonymous gets 401', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(uiOrigin);
      const body = await encrypted('erin@globex.test');
      expect((await decodeFromUi(page, body, 'include')).status).toBe(401);

      expect(await signIn(page, operator)).toBe(303);
      await page.waitForURL(`${uiOrigin}/`);
      const session = (await page.context().cookies()).find((c) => c.name === 'collab_codec_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/codec' });
      expect(session!.expires * 1000 - Date.now()).toBeLessThanOrEqual(60 * 60_000 + 5_000);

      const decoded = await decodeFromUi(page, body, 'include');
      expect(decoded.status).toBe(200);
      expect(JSON.parse(Buffer.from(decoded.body!.payloads[0].data, 'base64').toString('utf8'))).toEqual({ secret: 'erin@globex.test' });
      // Without the cookie, anonymous: 401.
      expect((await decodeFromUi(page, body, 'omit')).status).toBe(401);
      // The cookie sent from another origin of the same site is not honoured.
      const elsewhere = await page.context().request.post(`${t.config.http.publicBaseUrl}/codec/decode`, { data: body, headers: { origin: provider.issuer } });
      expect(elsewhere.status()).toBe(401);
    } finally {
      await page.close();
    }
  });

  it('R-A2 somebody who is not an operator gets no codec session (403 at sign-in)', async () => {
    const page = await browser.newPage();
    try {
      expect(await signIn(page, other)).toBe(403);
      expect((await page.context().cookies()).find((c) => c.name === 'collab_codec_session')).toBeUndefined();
      await page.goto(uiOrigin);
      expect((await decodeFromUi(page, await encrypted('x'), 'include')).status).toBe(401);
    } finally {
      await page.close();
    }
  });
});
