import { MikroORM } from '@mikro-orm/core';
import { Client, Connection } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client as Pg } from 'pg';
import { DEFAULT_AUDIENCE, loadConfig } from '../../libs/config/app-config';
import { DevOidcProvider, startDevOidcProvider } from '../../libs/auth/dev-oidc-provider';
import { MailCatcher } from '../../libs/mail/mail-catcher';
import { freePort } from '../../libs/net/free-port';
import { waitForHealth } from '../../libs/net/wait-for-health';
import { ormOptions } from '../../libs/persistence/orm-config';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { stopProcess, waitForTemporal } from '../../libs/temporal/dev-server';
import { Http } from '../support/http';
import { composeEnvironment } from './compose-env';
import { Env, ProcessLogs, Supervised } from './processes';

const root = resolve(__dirname, '..', '..');
const PG = { host: '127.0.0.1', port: 5432, user: 'collab', password: 'collab' };

export const ADMIN = { email: 'root-admin@topology.test', password: 'topology-sign-in', organisation: 'Topology Org' };
export const REDIRECT_URI = 'http://127.0.0.1/auth/callback';
export const PUBLIC_BASE_URL = 'http://collab.topology.test';

export interface Topology {
  apis: Http[];
  workers: Supervised[];
  mail: MailCatcher;
  oidc: DevOidcProvider;
  orm: MikroORM;
  temporal: Client;
  logs: ProcessLogs;
  /** Seconds each phase took, in order. */
  phases: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * What docker-compose.yml starts, as processes on this machine (issue 15 item 6): a
 * PostgreSQL database of its own on the shared cluster, the real Temporal server (built
 * by scripts/topology/provision-temporal-server.sh) with its schema set up by the compose
 * setup job's script and SQL visibility, the namespace job's script, the migrate and
 * bootstrap jobs (their image commands, `node dist/scripts/migrate.js` and `bootstrap.js`), two API and two worker
 * processes, each with the environment compose gives it (AUTH_MODE=oidc, the development
 * OpenID provider standing in for the operator's, a real SMTP receiver for the mail relay).
 */
export async function startTopology(): Promise<Topology> {
  const tag = `topo_${randomUUID().slice(0, 8)}`;
  const logs = new ProcessLogs(join(root, 'test', 'artifacts', 'topology', tag));
  mkdirSync(logs.dir, { recursive: true });
  const phases: Record<string, number> = {};
  const cleanups: Array<() => Promise<unknown>> = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    phases[name] = Math.round((Date.now() - started) / 100) / 10;
    return result;
  };
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: unknown) => console.error(`topology cleanup: ${String(e)}`));
  };

  try {
    await phase('build (tsc, workflow bundle as in the image)', async () => {
      await logs.run('build', 'npm', ['run', 'build', '--silent'], { ...(process.env as Env) });
      const bundle = "require('./dist/libs/temporal/workflow-bundle').loadOrBundleWorkflows('dist/workflow-bundle.js')";
      await logs.run('bundle', process.execPath, ['-e', bundle], { ...(process.env as Env) });
    });
    const tools = await phase('Temporal server binaries (provision script, cached)', async () => {
      const out = await logs.run('provision', 'bash', [join(root, 'scripts/topology/provision-temporal-server.sh')], { ...(process.env as Env) });
      return out.trim().split('\n').pop()!;
    });

    const db = { app: tag, temporal: `${tag}_temporal`, visibility: `${tag}_visibility` };
    cleanups.push(() => dropDatabases(Object.values(db)));
    await phase('application database', () => createDatabase(db.app));
    // What the operator writes into .env next to docker-compose.yml.
    const ports = { smtp: 0, oidc: await freePort() };
    const mail = await new MailCatcher().start({ httpPort: null });
    cleanups.push(() => mail.stop());
    ports.smtp = mail.smtpPort;
    const issuer = `http://127.0.0.1:${ports.oidc}`;
    const dotEnv: Env = {
      POSTGRES_PASSWORD: PG.password,
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      INVITATION_TOKEN_SECRET: randomBytes(32).toString('hex'),
      TEMPORAL_CODEC_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      // The address people reach the API replicas at (a load balancer): one for all of them, as in compose.
      PUBLIC_BASE_URL: PUBLIC_BASE_URL,
      BOOTSTRAP_ORGANISATION: ADMIN.organisation,
      BOOTSTRAP_ADMIN: ADMIN.email,
    };

    await phase('Temporal schema (deploy/temporal/setup-postgres.sh)', () =>
      logs.run('temporal-schema', 'sh', [join(root, 'deploy/temporal/setup-postgres.sh')], {
        ...composeEnvironment('temporal-schema', dotEnv),
        POSTGRES_HOST: PG.host,
        POSTGRES_PORT: String(PG.port),
        TEMPORAL_DB: db.temporal,
        TEMPORAL_VISIBILITY_DB: db.visibility,
        SQL_TOOL: join(tools, 'temporal-sql-tool'),
        SCHEMA_DIR: join(tools, 'schema'),
      }),
    );

    const frontend = await phase('Temporal server start', async () => {
      // Temporal keeps membership ports in a smallint column: below 32768, where the OS hands out no ephemeral ports.
      const p = await Promise.all(Array.from({ length: 9 }, () => freePortBelow32768()));
      const server = logs.spawn('temporal-server', join(tools, 'temporal-server'), ['start'], {
        ...composeEnvironment('temporal', dotEnv),
        POSTGRES_SEEDS: PG.host,
        DB_PORT: String(PG.port),
        DBNAME: db.temporal,
        VISIBILITY_DBNAME: db.visibility,
        BIND_ON_IP: '127.0.0.1',
        DYNAMIC_CONFIG_FILE_PATH: join(root, 'deploy/temporal/dynamicconfig/production.yaml'),
        ...Object.fromEntries(
          [
            'FRONTEND_GRPC',
            'FRONTEND_HTTP',
            'FRONTEND_MEMBERSHIP',
            'HISTORY_GRPC',
            'HISTORY_MEMBERSHIP',
            'MATCHING_GRPC',
            'MATCHING_MEMBERSHIP',
            'WORKER_GRPC',
            'WORKER_MEMBERSHIP',
          ].map((name, i) => [`${name}_PORT`, String(p[i])]),
        ),
        TEMPORAL_VERSION_CHECK_DISABLED: '1',
      });
      cleanups.push(() => stopProcess(server, 15_000));
      const address = `127.0.0.1:${p[0]}`;
      const exited = new Promise<never>((_, reject) =>
        server.once('exit', (code) => reject(new Error(`temporal-server exited with ${code}:\n${logs.tail('temporal-server', 3)}`))),
      );
      await Promise.race([waitForTemporal(address, 120_000), exited]);
      return address;
    });
    await phase('namespace (deploy/temporal/create-namespace.sh)', () =>
      logs.run('temporal-namespace', 'sh', [join(root, 'deploy/temporal/create-namespace.sh')], {
        ...composeEnvironment('temporal-namespace', dotEnv),
        TEMPORAL_ADDRESS: frontend,
        TEMPORAL_CLI: join(root, '.tools', 'temporal'),
        TEMPORAL_VERSION_CHECK_DISABLED: '1',
      }),
    );

    // The application's containers: compose's environment, the container hostnames replaced by this machine's addresses.
    const appEnv = (service: string, extra: Env = {}): Env => ({
      ...composeEnvironment(service, dotEnv),
      DATABASE_URL: `postgres://${PG.user}:${PG.password}@${PG.host}:${PG.port}/${db.app}`,
      TEMPORAL_ADDRESS: frontend,
      WORKFLOW_BUNDLE_PATH: join(root, 'dist', 'workflow-bundle.js'), // the image's ENV
      LOG_LEVEL: 'info',
      ...extra,
    });
    // The jobs' commands as the image runs them (what `npm run migrate` / `npm run bootstrap` run after their build, done once above).
    await phase('migrate job', () => logs.run('migrate', process.execPath, [join(root, 'dist/scripts/migrate.js')], appEnv('migrate')));
    await phase('bootstrap job', () =>
      logs.run(
        'bootstrap',
        process.execPath,
        [join(root, 'dist/scripts/bootstrap.js'), '--organisation', ADMIN.organisation, '--admin', ADMIN.email],
        appEnv('bootstrap'),
      ),
    );

    const oidc = await phase('OpenID provider', async () => {
      const usersFile = join(logs.dir, 'oidc-users.json');
      writeFileSync(usersFile, JSON.stringify([{ email: ADMIN.email, name: 'Root Admin', password: ADMIN.password }]), { mode: 0o600 });
      return startDevOidcProvider({ port: ports.oidc, usersFile, redirectUris: [REDIRECT_URI], audience: DEFAULT_AUDIENCE });
    });
    cleanups.push(() => oidc.stop());

    const workers = await phase('two workers', async () => {
      const started = await Promise.all(
        [1, 2].map(
          async (n) =>
            new Supervised(logs, `worker-${n}`, ['dist/apps/worker/main.js'], appEnv('worker', { WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}` })),
        ),
      );
      for (const w of started) cleanups.push(() => w.stop());
      for (const w of started) w.start();
      return started;
    });
    const apis = await phase('two API processes (ready)', async () => {
      const started = await Promise.all(
        [1, 2].map(async (n) => {
          const port = await freePort();
          const api = new Supervised(logs, `api-${n}`, ['dist/apps/api/main.js'], appEnv('api', { HTTP_PORT: String(port) }));
          cleanups.push(() => api.stop());
          api.start();
          await waitForHealth(`http://127.0.0.1:${port}/health/ready`, 120_000).catch((e: unknown) =>
            Promise.reject(new Error(`${String(e)}\n${logs.tail(`api-${n}`)}`)),
          );
          return new Http(`http://127.0.0.1:${port}`);
        }),
      );
      return started;
    });
    const orm = await MikroORM.init(ormOptions({ driver: 'postgresql', url: appEnv('api').DATABASE_URL, migrate: false, migrationWaitMs: 0 }));
    cleanups.push(() => orm.close());
    const connection = await Connection.connect({ address: frontend });
    cleanups.push(() => connection.close());
    const dataConverter = dataConverterFor(loadConfig(appEnv('api'))); // the services' own: payloads and memos are encrypted (R-A2)
    const temporal = new Client({ connection, namespace: appEnv('api').TEMPORAL_NAMESPACE, dataConverter });
    return { apis, workers, mail, oidc, orm, temporal, logs, phases, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function freePortBelow32768(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function admin<T>(work: (pg: Pg) => Promise<T>): Promise<T> {
  const pg = new Pg({ ...PG, database: 'postgres' });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

async function createDatabase(name: string): Promise<void> {
  await admin((pg) => pg.query(`CREATE DATABASE "${name}" OWNER ${PG.user}`));
}

async function dropDatabases(names: string[]): Promise<void> {
  await admin(async (pg) => {
    for (const name of names) await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
