import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { signInWithCodeFlow } from '../../libs/auth/code-flow-client';
import { DevOidcProvider, startDevOidcProvider } from '../../libs/auth/dev-oidc-provider';
import { DEFAULT_AUDIENCE } from '../../libs/config/app-config';
import { User, WorkspaceMember } from '../../libs/persistence/entities';
import { freePort } from '../../libs/net/free-port';
import { annotationPartner, linkIn, waitForMailTo } from '../invitations/invitation-helpers';
import { anOrganisation, aWorkspace } from '../support/factories';
import { launchChromium, nextPage } from '../support/browser';
import { TestApp, startTestApp } from '../support/test-app';

const PASSWORD = 'correct horse';

/** R-I8 in headless Chromium against the running OpenID provider: an existing user signs in to accept. */
describe('Sign in to accept (R-I8)', () => {
  let dir: string;
  let provider: DevOidcProvider;
  let t: TestApp;
  let browser: Browser;
  const usersFile = () => join(dir, 'users.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sign-in-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startDevOidcProvider({
      port: await freePort(),
      usersFile: usersFile(),
      redirectUris: [`${base}/auth/callback`],
      audience: DEFAULT_AUDIENCE,
    });
    t = await startTestApp({
      env: {
        HTTP_PORT: String(port),
        PUBLIC_BASE_URL: base,
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: provider.issuer,
        AUTH_JWKS_URL: provider.jwksUrl,
        AUTH_OIDC_CLIENT_ID: provider.clientId,
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
    await provider.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const knownToProvider = (users: User[]) =>
    writeFileSync(usersFile(), JSON.stringify(users.map((u) => ({ email: u.email, name: u.name, password: PASSWORD }))));

  const signInAt = async (page: Page, email: string) => {
    await page.click('#sign-in-to-accept');
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${t.config.http.publicBaseUrl}/invite/**`), page.click('button[type=submit]')]);
  };

  const invite = async (invitee: User) => {
    const inviter = (await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] })).users[0];
    knownToProvider([inviter, invitee, ...extra]);
    const token = (
      await signInWithCodeFlow({
        issuer: provider.issuer,
        clientId: provider.clientId,
        redirectUri: `${t.config.http.publicBaseUrl}/auth/callback`,
        email: inviter.email,
        password: PASSWORD,
      })
    ).accessToken;
    const ws = await aWorkspace(t.http, token);
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [invitee.email], ...annotationPartner });
    expect(res.status).toBe(202);
    return { ws, link: linkIn(t, await waitForMailTo(t, invitee.email)) };
  };
  let extra: User[] = [];

  it('R-I8 an existing user opens the link, signs in at the provider (code + PKCE), accepts, and becomes the member', async () => {
    const erin = (await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'], name: 'Erin Engineer' }] })).users[0];
    extra = [];
    const { ws, link } = await invite(erin);
    const page = await browser.newPage();
    try {
      expect((await page.goto(link))?.status()).toBe(200);
      await signInAt(page, erin.email);
      expect(page.url()).toBe(link);
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === 'collab_session')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(session.expires * 1000 - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
      const [accepted] = await Promise.all([nextPage(page), page.click('button[type=submit]')]);
      expect(accepted.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe(`Welcome to “${ws.name}”`);
    } finally {
      await page.close();
    }
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, user: erin.id })).toBe(1);
    expect((await t.orm.em.fork().findOneOrFail(User, erin.id)).subject).not.toBeNull();
  });

  it('R-I8 signed in as somebody else, the invitation is not accepted', async () => {
    const erin = (await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] })).users[0];
    const mallory = (await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] })).users[0];
    extra = [mallory];
    const { ws, link } = await invite(erin);
    const page = await browser.newPage();
    try {
      await page.goto(link);
      await signInAt(page, mallory.email);
      const [answer] = await Promise.all([nextPage(page), page.click('button[type=submit]')]);
      expect(answer.status()).toBe(403);
    } finally {
      await page.close();
    }
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, user: { $in: [erin.id, mallory.id] } })).toBe(0);
  });

  it('R-I8 CSRF: a form another origin posts to the accept URL does not carry the sign-in session', async () => {
    const erin = (await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] })).users[0];
    const mallory = (await anOrganisation(t.orm, { users: [{ orgRoles: ['Member'] }] })).users[0];
    extra = [mallory];
    const { link } = await invite(erin);
    const page = await browser.newPage();
    try {
      await page.goto(link);
      await signInAt(page, mallory.email);
      // Another origin of the same site (the provider's port): the Lax cookie travels, Sec-Fetch-Site says same-site.
      await page.goto(`${provider.issuer}/.well-known/openid-configuration`);
      const [answer] = await Promise.all([
        nextPage(page),
        page.evaluate(
          `(() => { const f = document.createElement('form'); f.method = 'post'; f.action = ${JSON.stringify(`${link}/accept`)}; document.body.appendChild(f); f.submit(); })()`,
        ),
      ]);
      // Had the session counted, Mallory would have been refused as the wrong person (403).
      expect(answer.status()).not.toBe(403);
    } finally {
      await page.close();
    }
    expect(await t.orm.em.fork().count(WorkspaceMember, { user: mallory.id })).toBe(0);
  });
});
