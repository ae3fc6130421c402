import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Browser, Page, Response, chromium } from 'playwright-core';

/**
 * The one place tests start a browser. A system Chromium (`/usr/bin/chromium`, else
 * `chromium` on PATH) when there is one; otherwise the headless Chromium that ships inside
 * the `@sparticuz/chromium` devDependency, so `npm install && npm test` needs no apt.
 * BROWSER_EXECUTABLE=bundled forces the bundled one (to prove the fallback); any other
 * value is taken as the path of a Chromium to use.
 */
export const BUNDLED = 'bundled';
const SYSTEM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * Flags of the serverless preset we drop: two make the page behave unlike a user's browser,
 * and `--single-process` (needed only inside AWS Lambda) ends the browser when a test closes
 * its first page, so the next `newPage()` finds it gone.
 */
const REFUSED_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

export interface ChromiumChoice {
  source: 'system' | 'bundled';
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const onPath = (name: string) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);

/**
 * `@sparticuz/chromium` is an ES module (jest here runs CommonJS), so a short Node process
 * inflates the browser (into the OS temp dir, once) and prints its path and flags.
 */
const bundled = (): ChromiumChoice => {
  const script = "const c = (await import('@sparticuz/chromium')).default; console.log(JSON.stringify({ path: await c.executablePath(), args: c.args }));";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  const { path, args } = JSON.parse(out.trim().split('\n').pop() ?? '') as { path: string; args: string[] };
  return {
    source: 'bundled',
    executablePath: path,
    args: args.filter((flag) => !REFUSED_FLAGS.has(flag)),
    env: { FONTCONFIG_PATH: join(tmpdir(), 'fonts') },
  };
};

export function chooseChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const wanted = env.BROWSER_EXECUTABLE?.trim();
  if (wanted === BUNDLED) return bundled();
  if (wanted) {
    if (!executable(wanted)) throw new Error(`BROWSER_EXECUTABLE=${wanted} is not an executable file`);
    return { source: 'system', executablePath: wanted, args: SYSTEM_FLAGS };
  }
  const system = executable('/usr/bin/chromium') ? '/usr/bin/chromium' : onPath('chromium');
  return system ? { source: 'system', executablePath: system, args: SYSTEM_FLAGS } : bundled();
}

let chosen: ChromiumChoice | undefined;

/** Launches headless Chromium for a browser test; the choice is made once per jest worker. */
export async function launchChromium(): Promise<Browser> {
  chosen ??= chooseChromium();
  const { executablePath, args, env } = chosen;
  return chromium.launch({ executablePath, args, headless: true, env: env ? { ...process.env, ...env } : undefined });
}

/**
 * The response that ends the next top-level navigation, after its redirects: what
 * `page.waitForNavigation()` answered, which Playwright deprecates as racy. Start it
 * together with the action that navigates (`Promise.all`).
 */
export function nextPage(page: Page): Promise<Response> {
  return page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
}
