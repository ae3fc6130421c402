import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { ApiModule } from '../apps/api/api.module';
import { configureHttp } from '../apps/api/http/configure-http';
import { LoggingModule } from '../apps/api/http/logging.module';
import { secureExpressAdapter } from '../apps/api/http/security-headers';
import { createWorker } from '../apps/worker/create-worker';
import { WorkerModule } from '../apps/worker/worker.module';
import { ConfigModule } from '../libs/config/config.module';
import { freePort } from '../libs/net/free-port';
import { BENCH_SECRET } from './service-env';

/** The add-all-users bench's service: the API and a worker in one process, and its HTTP calls. */
export interface Stack {
  app: INestApplication;
  orm: MikroORM;
  baseUrl: string;
  close(): Promise<void>;
}

/** The API and a worker in this process, as test/support/test-app.ts builds them. */
export async function startStack(env: Record<string, string>, bundle: { code: string }): Promise<Stack> {
  const port = await freePort();
  @Module({
    imports: [
      ConfigModule.forRoot({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        HTTP_PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        AUTH_HS256_SECRET: BENCH_SECRET,
        TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
        ...env,
      }),
      LoggingModule.forRoot(new Writable({ write: (_c, _e, done) => done() })),
      ApiModule,
      WorkerModule,
    ],
  })
  class BenchRootModule {}
  const app = await NestFactory.create(BenchRootModule, secureExpressAdapter(), { logger: ['error'] });
  configureHttp(app);
  await app.listen(port, '127.0.0.1');
  const { worker, connection } = await createWorker(app, { workflowBundle: bundle });
  const running = worker.run();
  return {
    app,
    orm: app.get(MikroORM),
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      shutdown(worker);
      await running;
      await connection.close();
      await app.close();
    },
  };
}

function shutdown(worker: Worker): void {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}

export async function untilDone(stack: Stack, token: string, operationId: string): Promise<any> {
  for (;;) {
    const op = await call(stack, token, 'GET', `/operations/${encodeURIComponent(operationId)}`);
    if (op.status !== 'running') return op;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function call(stack: Stack, token: string, method: string, path: string, body?: unknown, attempt = 1): Promise<any> {
  let res: Response;
  try {
    res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    // A kept-alive connection the server closed while we were seeding: try once more.
    if (attempt < 3) return call(stack, token, method, path, body, attempt + 1);
    throw e;
  }
  const json = await res.json();
  if (res.status === 503 && attempt < 20) {
    await new Promise((r) => setTimeout(r, 500));
    return call(stack, token, method, path, body, attempt + 1);
  }
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}
