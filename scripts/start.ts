/**
 * `npm start`: the whole service on embedded defaults, for a newcomer on a fresh machine.
 *   Temporal dev server (persisted to .data/temporal.sqlite) with its UI,
 *   SQLite (.data/app.sqlite), MailDev (HTML, text, source and headers of every mail, kept
 *   in .data/mail across restarts), the development OpenID provider (oidc-provider; people
 *   sign in through it unless AUTH_MODE=local), the API and the worker.
 * Prints where everything is and a ready-to-use token. Ctrl-C stops all of it.
 * Every port can be moved by env: HTTP_PORT, TEMPORAL_PORT, TEMPORAL_UI_PORT, SMTP_PORT, MAIL_UI_PORT, OIDC_PORT, WORKER_METRICS_PORT.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../libs/config/app-config';
import { signInWithCodeFlow } from '../libs/auth/code-flow-client';
import { DEV_OIDC_CLIENT_ID, DevOidcProvider, startDevOidcProvider } from '../libs/auth/dev-oidc-provider';
import { signLocalToken } from '../libs/auth/local-tokens';
import { waitForHealth } from '../libs/net/wait-for-health';
import { migrate } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';
import { seedDemoData } from '../libs/persistence/seed';
import { startDevServer, stopProcess } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import { loadOrBundleWorkflows } from '../libs/temporal/workflow-bundle';

const root = resolve(__dirname, '..', '..');
const dataDir = join(root, '.data');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  process.env.TEMPORAL_VERSION_CHECK_DISABLED = '1';
  const ports = {
    http: port('HTTP_PORT', 3000),
    temporal: port('TEMPORAL_PORT', 7233),
    temporalUi: port('TEMPORAL_UI_PORT', 8233),
    smtp: port('SMTP_PORT', 1025),
    mailUi: port('MAIL_UI_PORT', 1080),
    oidc: port('OIDC_PORT', 4400),
  };
  const oidcMode = (process.env.AUTH_MODE ?? 'oidc') === 'oidc';
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://localhost:${ports.http}`;

  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    HTTP_PORT: String(ports.http),
    PUBLIC_BASE_URL: publicBaseUrl,
    // Issue 10: people sign in through the development OpenID provider by default.
    ...(oidcMode
      ? {
          AUTH_MODE: 'oidc',
          AUTH_OIDC_CLIENT_ID: DEV_OIDC_CLIENT_ID,
          AUTH_ISSUER: `http://127.0.0.1:${ports.oidc}`,
          AUTH_JWKS_URL: `http://127.0.0.1:${ports.oidc}/jwks`,
        }
      : { AUTH_MODE: 'local' }),
    AUTH_HS256_SECRET: process.env.AUTH_HS256_SECRET ?? devSecret(),
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
    SQLITE_PATH: process.env.SQLITE_PATH ?? join(dataDir, 'app.sqlite'),
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    WORKFLOW_BUNDLE_PATH: join(root, 'dist', 'workflow-bundle.js'),
    DATABASE_MIGRATE: 'false',
    WORKER_METRICS_ADDRESS: `127.0.0.1:${port('WORKER_METRICS_PORT', 9464)}`,
    // R-A2: the Temporal UI decodes payloads through the API's codec endpoint, for Alice only.
    TEMPORAL_UI_ORIGIN: process.env.TEMPORAL_UI_ORIGIN ?? `http://localhost:${ports.temporalUi}`,
    TEMPORAL_CODEC_OPERATORS: process.env.TEMPORAL_CODEC_OPERATORS ?? 'alice@acme.test',
  };
  const config = loadConfig(env);

  step('mail catcher (MailDev; mail kept in .data/mail across restarts)');
  // Started first: it takes a few seconds and runs beside the other steps.
  const mail = spawn(
    process.execPath,
    [
      join(root, 'node_modules/maildev/dist/bin/maildev.js'),
      '--smtp',
      String(ports.smtp),
      '--ip',
      '127.0.0.1',
      '--web',
      String(ports.mailUi),
      '--web-ip',
      '127.0.0.1',
      '--mail-directory',
      join(dataDir, 'mail'),
      '--max-emails',
      '1000',
      '--silent',
    ],
    { stdio: 'inherit' },
  );
  const mailReady = waitForHealth(`http://127.0.0.1:${ports.mailUi}/api/email`, 60_000);

  step('Temporal dev server');
  const temporal = await startDevServer({
    cli: resolveTemporalCli(root),
    port: ports.temporal,
    uiPort: ports.temporalUi,
    dbFilename: join(dataDir, 'temporal.sqlite'),
    logFile: join(dataDir, 'temporal.log'),
    uiCodecEndpoint: `${config.http.publicBaseUrl}/codec`,
  });
  const children: ChildProcess[] = [temporal.process, mail];

  step(`database (${config.database.driver}): migrations and demo data`);
  const orm = await MikroORM.init(ormOptions(config.database));
  await migrate(orm);
  const seed = await seedDemoData(orm.em.fork());
  await orm.close();

  step('OpenID provider (oidc-provider)');
  const oidc = await startOidc(ports.oidc, Object.values(seed.users), `${publicBaseUrl}/auth/callback`, config.auth.audience);
  children.push(oidc.process);

  step('workflow bundle');
  await loadOrBundleWorkflows(env.WORKFLOW_BUNDLE_PATH);

  step('API and worker');
  const api = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], { env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, stdio: 'inherit' });
  await mailReady;
  const worker = spawn(process.execPath, [join(root, 'dist/apps/worker/main.js')], {
    env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: 'inherit',
  });
  children.push(api, worker);

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await Promise.all([stopProcess(api), stopProcess(worker)]);
    await Promise.all([stopProcess(temporal.process), stopProcess(mail)]);
    await oidc.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const child of [api, worker, temporal.process, mail])
    child.once('exit', (code) => !stopping && (console.error(`a process exited (code ${code}); stopping everything`), void stop(1)));

  await waitForHealth(`http://127.0.0.1:${ports.http}/health`, 60_000);
  const token = oidcMode
    ? (
        await signInWithCodeFlow({
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          redirectUri: `${publicBaseUrl}/auth/callback`,
          email: seed.users.alice.email,
          password: DEV_PASSWORD,
        })
      ).accessToken
    : await signLocalToken(env.AUTH_HS256_SECRET, { sub: seed.users.alice.id, email: seed.users.alice.email });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Collaboration service is up (${seconds} s).

  API            ${config.http.publicBaseUrl}            health: ${config.http.publicBaseUrl}/health
  OpenAPI        ${config.http.publicBaseUrl}/docs
  Temporal UI    ${temporal.uiUrl}           (server ${temporal.address})
  Decoded payloads in the UI: sign in at ${config.http.publicBaseUrl}/codec/sign-in${oidcMode ? '' : ' (needs AUTH_MODE=oidc)'}, then in the UI's
                 Codec Server settings use the browser setting and tick "Include cross-origin credentials" (README)
  Mail catcher   http://localhost:${ports.mailUi}           (SMTP ${ports.smtp}; MailDev, kept in .data/mail)
  Metrics        ${config.http.publicBaseUrl}/metrics (with the token)   worker: http://${env.WORKER_METRICS_ADDRESS}/metrics
  OpenID provider ${oidc.issuer}          (${oidcMode ? 'signs people in' : 'AUTH_MODE=local: not used for bearer tokens'}; seeded users' password: ${DEV_PASSWORD})
  Database       ${env.SQLITE_PATH}

  Signed in as Alice (OrgAdmin of ${seed.acme.name}; manages the workforce of ${seed.globex.name}):
  export TOKEN=${token}
  export GLOBEX=${seed.globex.id}   # ${seed.globex.name}, an organisation Alice may invite
  curl -s -H "Authorization: Bearer $TOKEN" ${config.http.publicBaseUrl}/organisations/me

  Another user's token: npm run token -- dave@globex.test
  Ctrl-C stops everything.
`);
}

/** The development password of every seeded user at the development OpenID provider. */
const DEV_PASSWORD = 'collab-dev';

/** The provider knows the seeded users; its keys persist in .data (rotate: see docs/decisions.md, issue 10). */
async function startOidc(port: number, users: Array<{ email: string; name: string }>, redirectUri: string, audience: string): Promise<DevOidcProvider> {
  const usersFile = join(dataDir, 'oidc-users.json');
  writeFileSync(usersFile, JSON.stringify(users.map((u) => ({ email: u.email, name: u.name, password: DEV_PASSWORD }))), { mode: 0o600 });
  const provider = await startDevOidcProvider({
    port,
    usersFile,
    keysFile: join(dataDir, 'oidc-keys.json'),
    redirectUris: [redirectUri],
    audience,
    cookieSecret: devSecret(),
  });
  writeFileSync(join(dataDir, 'oidc.json'), JSON.stringify({ issuer: provider.issuer, clientId: DEV_OIDC_CLIENT_ID, redirectUri, password: DEV_PASSWORD }));
  return provider;
}

function devSecret(): string {
  const file = join(dataDir, 'dev-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function step(what: string): void {
  console.log(`• starting ${what}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
