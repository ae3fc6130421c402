import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DevOidcProviderOptions {
  port: number;
  usersFile: string;
  keysFile?: string;
  redirectUris: string[];
  audience: string;
  clientId?: string;
  cookieSecret?: string;
  logFile?: string;
}

export interface DevOidcProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const DEV_OIDC_CLIENT_ID = 'collaboration-web';

/** scripts/dev-oidc-provider.mjs, from the sources (tests) or from dist/ (npm start). */
export function devOidcProviderScript(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'scripts', 'dev-oidc-provider.mjs');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('scripts/dev-oidc-provider.mjs not found');
}

/** Starts the development OpenID provider (the `oidc-provider` package) as a child process; resolves when it listens. */
export async function startDevOidcProvider(opts: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = opts.clientId ?? DEV_OIDC_CLIENT_ID;
  const child = spawn(process.execPath, [devOidcProviderScript()], {
    env: {
      PATH: process.env.PATH,
      OIDC_PORT: String(opts.port),
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: opts.audience,
      OIDC_CLIENT_ID: clientId,
      OIDC_REDIRECT_URIS: opts.redirectUris.join(','),
      OIDC_USERS_FILE: opts.usersFile,
      ...(opts.keysFile ? { OIDC_KEYS_FILE: opts.keysFile } : {}),
      ...(opts.cookieSecret ? { OIDC_COOKIE_SECRET: opts.cookieSecret } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('oidc-provider ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited with code ${code}:\n${output}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
