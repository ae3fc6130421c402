import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Runtime, Worker } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { ActivityDependencies } from '../../activities';
import { ApiModule } from '../../apps/api/api.module';
import { configureHttp } from '../../apps/api/http/configure-http';
import { secureExpressAdapter } from '../../apps/api/http/security-headers';
import { LoggingModule } from '../../apps/api/http/logging.module';
import { createWorker } from '../../apps/worker/create-worker';
import { WorkerModule } from '../../apps/worker/worker.module';
import { AppConfig, loadConfig } from '../../libs/config/app-config';
import { ConfigModule } from '../../libs/config/config.module';
import { signLocalToken } from '../../libs/auth/local-tokens';
import { createLogger } from '../../libs/logging/pino';
import { PinoTemporalLogger } from '../../libs/logging/temporal-logger';
import { MailCatcher } from '../../libs/mail/mail-catcher';
import { User } from '../../libs/persistence/entities';
import { freePort } from '../../libs/net/free-port';
import { startTracing } from '../../libs/tracing/tracing';
import { TestFaults, injectFaults, stepInterceptors } from './faults';
import { Http } from './http';

export const TEST_AUTH_SECRET = 'test-only-secret-of-at-least-32-characters';

export interface TestApp {
  app: INestApplication;
  orm: MikroORM;
  config: AppConfig;
  client: Client;
  http: Http;
  mail: MailCatcher;
  /** Every log line the API wrote, as text (R-I3 checks no token leaks into them). */
  logs: string[];
  /** The lines the Temporal SDK's loggers (runtime, workflows, activities) wrote since this app started. */
  workerLogs(): string[];
  /** Where the worker's Prometheus metrics are (undefined when an earlier file installed the Runtime without them). */
  workerMetricsUrl?: string;
  worker?: Worker;
  tokenFor(user: Pick<User, 'id' | 'email'>): Promise<string>;
  /** Stops the worker only (to test a crash half-way); startWorker() brings one back. */
  stopWorker(): Promise<void>;
  startWorker(overrides?: Partial<ActivityDependencies>): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * The real API and a real worker in this process, on the run's Temporal dev server and
 * database, with a task queue of its own and a real SMTP server that catches mail.
 * `faults` injects test-only failures and pauses into the real activities (./faults.ts).
 */
export async function startTestApp(
  opts: { env?: Record<string, string>; activities?: Partial<ActivityDependencies>; worker?: boolean; faults?: TestFaults } = {},
): Promise<TestApp> {
  if (!runtimeInstalled) {
    try {
      // As in the worker process (apps/worker/main.ts): the SDK's loggers write pino JSON, here into memory,
      // and its metrics (with the operations') are served for Prometheus on a port of this run.
      const metricsAddress = `127.0.0.1:${await freePort()}`;
      Runtime.install({
        logger: new PinoTemporalLogger(createLogger('worker', 'info', workerLogStream)),
        telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } },
      });
      (globalThis as { __collabWorkerMetricsUrl?: string }).__collabWorkerMetricsUrl = `http://${metricsAddress}/metrics`;
    } catch {
      // already installed by an earlier test file in this process
    }
    runtimeInstalled = true;
  }
  const workerLogsFrom = workerLogSink().length;
  const mail = await new MailCatcher().start({ httpPort: null });
  // A test that must know the URL before the app starts (an OpenID provider's redirect URI) passes HTTP_PORT.
  const port = opts.env?.HTTP_PORT ? Number(opts.env.HTTP_PORT) : await freePort();
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HTTP_PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_HS256_SECRET: TEST_AUTH_SECRET,
    TEMPORAL_ADDRESS: required('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    SQLITE_PATH: process.env.TEST_SQLITE_PATH,
    SMTP_URL: mail.smtpUrl,
    ...opts.env,
  };
  // As in serve-api.ts: tracing (when OTEL_* is configured) before the Temporal client is made.
  startTracing(loadConfig(env).observability.tracing, 'api');
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(env), LoggingModule.forRoot(logStream), ApiModule, WorkerModule],
  }).compile();
  const app = moduleRef.createNestApplication(secureExpressAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  await app.listen(port, '127.0.0.1');

  const config = app.get(AppConfig);
  if (opts.faults) injectFaults(app.get(MikroORM), opts.faults);
  const bundle = { code: readFileSync(required('TEST_WORKFLOW_BUNDLE'), 'utf8') };
  let running: { worker: Worker; run: Promise<void>; close: () => Promise<void> } | undefined;

  const testApp: TestApp = {
    app,
    orm: app.get(MikroORM),
    config,
    client: app.get(Client),
    http: new Http(`http://127.0.0.1:${port}`),
    mail,
    logs,
    workerLogs: () => workerLogSink().slice(workerLogsFrom),
    workerMetricsUrl: (globalThis as { __collabWorkerMetricsUrl?: string }).__collabWorkerMetricsUrl,
    tokenFor: (user) => signLocalToken(TEST_AUTH_SECRET, { sub: user.id, email: user.email }),
    async startWorker(overrides) {
      const { worker, connection } = await createWorker(app, {
        workflowBundle: bundle,
        overrides: { ...opts.activities, ...overrides },
        interceptors: opts.faults ? stepInterceptors(opts.faults) : undefined,
      });
      running = { worker, run: worker.run(), close: () => connection.close() };
      testApp.worker = worker;
    },
    async stopWorker() {
      if (!running) return;
      const r = running;
      running = undefined;
      testApp.worker = undefined;
      r.worker.shutdown();
      await r.run;
      await r.close();
    },
    async close() {
      await testApp.stopWorker();
      await app.close();
      await mail.stop();
    },
  };
  if (opts.worker !== false) await testApp.startWorker();
  return testApp;
}

/** The SDK's Runtime is installed once per jest process and outlives module registries: its lines go to a global. */
function workerLogSink(): string[] {
  const g = globalThis as { __collabWorkerLogs?: string[] };
  g.__collabWorkerLogs ??= [];
  if (g.__collabWorkerLogs.length > 20_000) g.__collabWorkerLogs.splice(0, 10_000);
  return g.__collabWorkerLogs;
}

const workerLogStream = new Writable({
  write(chunk, _enc, done) {
    workerLogSink().push(String(chunk));
    done();
  },
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run through jest's globalSetup (npm test)`);
  return value;
}
