import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { BUNDLED, chooseChromium } from '../support/browser';

/**
 * The fallback a fresh machine takes: no system Chromium, so the browser shipped inside the
 * `@sparticuz/chromium` devDependency runs the page tests. Forced here so every run proves it.
 */
describe('the bundled Chromium (fresh machine, no system browser)', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('is chosen when forced, launches with playwright-core and renders pages in several tabs', async () => {
    const choice = chooseChromium({ BROWSER_EXECUTABLE: BUNDLED });
    expect(choice.source).toBe('bundled');
    expect(choice.args).not.toContain('--single-process');
    expect(choice.args).not.toContain('--disable-web-security');

    browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args, env: { ...process.env, ...choice.env } });
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string };
    expect(browser.version().split('.')[0]).toBe(pkg.version.split('.')[0]);

    for (const word of ['first', 'second']) {
      const page = await browser.newPage();
      await page.setContent(`<h1>${word} tab</h1>`);
      await expect(page.locator('h1').innerText()).resolves.toBe(`${word} tab`);
      await page.close();
    }
  });

  it('refuses a BROWSER_EXECUTABLE that is not an executable file', () => {
    expect(() => chooseChromium({ BROWSER_EXECUTABLE: '/nonexistent/chromium' })).toThrow('BROWSER_EXECUTABLE=/nonexistent/chromium is not an executable file');
  });
});
