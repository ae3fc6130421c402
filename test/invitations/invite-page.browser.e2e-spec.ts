import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { User, WorkspaceMember } from '../../libs/persistence/entities';
import { launchChromium, nextPage } from '../support/browser';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, linkIn, waitForMailTo } from './invitation-helpers';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** R-I2, R-I3 as a person sees them: the link from a real email, in headless Chromium. */
describe('the invitation page in a browser (R-I2, R-I3)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it('R-I2 opens the emailed link, fills the form, accepts, sees the confirmation; R-I3 opening it again shows the 410 page', async () => {
    const { token, ws, inviter } = await anInviter(t);
    const email = anEmail();
    expect((await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner })).status).toBe(202);
    const link = linkIn(t, await waitForMailTo(t, email));

    const page = await browser.newPage();
    try {
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toContain(ws.name);
      const details = await page.locator('table').innerText();
      expect(details).toContain(inviter.name);
      expect(details).toContain(email);
      expect(details).toContain('Annotation partner');
      expect(details).toContain('Annotation manager');
      await page.screenshot({ path: join(ARTIFACTS, 'invitation-page.png'), fullPage: true });

      await page.fill('#name', 'Browser Person');
      await page.fill('#organisationName', 'Browser Org');
      const [accepted] = await Promise.all([nextPage(page), page.click('button:has-text("Accept")')]);
      expect(accepted.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe(`Welcome to “${ws.name}”`);
      expect(await page.locator('main').innerText()).toContain(ws.name);
      // A next step: sign in, at the configured APP_URL.
      expect(await page.locator('a:has-text("Sign in")').getAttribute('href')).toBe(t.config.invitations.appUrl);
      await page.screenshot({ path: join(ARTIFACTS, 'invitation-accepted.png'), fullPage: true });

      const again = await page.goto(link);
      expect(again?.status()).toBe(410);
      await expect(page.locator('h1').textContent()).resolves.toBe('This invitation link is no longer valid');
      expect(await page.locator('main').innerText()).toContain('If you already accepted this invitation, sign in');
      await page.screenshot({ path: join(ARTIFACTS, 'invitation-gone.png'), fullPage: true });
    } finally {
      await page.close();
    }
    const user = await t.orm.em.fork().findOneOrFail(User, { email }, { populate: ['organisation'] });
    expect(user.organisation.name).toBe('Browser Org');
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, user: user.id })).toBe(1);
  });

  it('R-I7 the invitee clicks Decline beside Accept and is told the inviter will see it', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    const link = linkIn(t, await waitForMailTo(t, email));
    const page = await browser.newPage();
    try {
      await page.goto(link);
      const [declined] = await Promise.all([nextPage(page), page.click('button:has-text("Decline")')]);
      expect(declined.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('You declined the invitation');
      await page.screenshot({ path: join(ARTIFACTS, 'invitation-declined.png'), fullPage: true });
    } finally {
      await page.close();
    }
    expect((await t.http.as(token).get(`/invitations/${res.body.items[0].invitationId}`)).body.status).toBe('declined');
  });
});
