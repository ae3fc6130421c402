/**
 * Invitations end to end (section 5): 1,000 invitations from `POST /workspaces/{id}/invitations`
 * (10 bulk requests of 100, all in flight) until the SMTP server has received every email.
 * The service runs as deployed: the API process and the worker process (as `npm start`
 * runs them), the Temporal dev server, the database, and the SMTP server in this process.
 *
 * Baseline, same run: the same requests to a request handler of the same API process that
 * does the same work directly, without Temporal (bench/direct-invitations.controller.ts):
 * the API's checks, then the very code of the two first workflow steps, 100 at a time.
 * Figure: invitations per second; ratio = workflow rate / baseline rate (goal ≥ 0.5).
 *
 * Also: single-invitation latency (request → mail received) p50/p99 at 5 requests/s for
 * BENCH_LATENCY_SECONDS (60) against the direct path, and CPU seconds per 1,000 invitations
 * of the API and worker processes (from /proc) against the direct path's.
 *
 * Beside it, for reading that ratio: `invitations.temporal-only`, 1,000 starts of a workflow
 * of the same shape whose local activities do nothing (bench/temporal-only.workflow.ts),
 * client and worker in this process: what Temporal alone costs on this machine.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signLocalToken } from '../libs/auth/local-tokens';
import { loadConfig } from '../libs/config/app-config';
import { MailCatcher } from '../libs/mail/mail-catcher';
import { freePort } from '../libs/net/free-port';
import { waitForHealth } from '../libs/net/wait-for-health';
import { SearchAttr } from '../libs/operations/search-attributes';
import { Organisation, User } from '../libs/persistence/entities';
import { migrate } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';
import { startDevServer, stopProcess } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import { loadOrBundleWorkflows, quietBundleLogger } from '../libs/temporal/workflow-bundle';
import type { Bench, BenchFigure } from './figures';
import { cpuSeconds, latencies, latencyFigures, waitForAll } from './invitation-latency';
import { scratchDatabase } from './scratch-database';
import { BENCH_SECRET, deployedServiceEnv } from './service-env';
import { temporalOnlyWorkflow } from './temporal-only.workflow';

const COUNT = Number(process.env.BENCH_INVITATIONS ?? 1000);
const BATCH = 100;
const INVITE_BODY = { types: ['AnnotationPartner'], role: 'AnnotationManager', projectAccess: { mode: 'full' } };
const dist = resolve(__dirname, '..');

export function invitationsBench(): Bench {
  return { name: 'invitations', run };
}

async function run(): Promise<BenchFigure[]> {
  process.env.TEMPORAL_VERSION_CHECK_DISABLED = '1';
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // another bench of this run installed it
  }
  const dir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
  const temporal = await startDevServer({ cli: resolveTemporalCli(), port: await freePort(), headless: true, logFile: join(dir, 'temporal.log') });
  const mail = await new MailCatcher().start({ httpPort: null });
  const database = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    ...deployedServiceEnv(port, temporal.address, 'bench'),
    ...(database ? { DATABASE_URL: database.url } : { SQLITE_PATH: join(dir, 'bench.sqlite') }),
    SMTP_URL: mail.smtpUrl,
    WORKFLOW_BUNDLE_PATH: join(dir, 'workflow-bundle.js'),
    INVITATION_RATE_LIMIT_PER_HOUR: String(COUNT * 10),
  };
  const processes: ChildProcess[] = [];
  try {
    const inviter = await migrateAndSeedInviter(env);
    await loadOrBundleWorkflows(env.WORKFLOW_BUNDLE_PATH);
    const log = createWriteStream(join(dir, 'service.log'));
    for (const main of ['bench/bench-api.js', 'apps/worker/main.js']) {
      const child = spawn(process.execPath, [join(dist, main)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
      processes.push(child);
    }
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health`, 60_000);
    const token = await signLocalToken(BENCH_SECRET, { sub: inviter.id, email: inviter.email });
    const workspaceId = await aWorkspace(base, token);
    const viaWorkflows = `${base}/workspaces/${workspaceId}/invitations`;
    const direct = `${base}/bench/workspaces/${workspaceId}/direct-invitations`;
    const emails = (prefix: string, count = COUNT) => Array.from({ length: count }, (_, i) => `${prefix}-${i}-${randomUUID().slice(0, 6)}@bench.example`);

    // Warm-up: a few invitations through every layer (the worker is polling once they arrive), so no figure pays for first use.
    await inviteAll(viaWorkflows, 202, token, emails('warmup-wf', 5), mail);
    await inviteAll(direct, 200, token, emails('warmup-direct', 5), mail);

    const [api, worker] = processes;
    const cpu0 = [cpuSeconds(api), cpuSeconds(worker)];
    const workflowSeconds = await measure(() => inviteAll(viaWorkflows, 202, token, emails('wf'), mail));
    const cpu1 = [cpuSeconds(api), cpuSeconds(worker)];
    const directSeconds = await measure(() => inviteAll(direct, 200, token, emails('direct'), mail));
    const cpu2 = [cpuSeconds(api), cpuSeconds(worker)];
    const per1000 = (s: number) => (s * 1000) / COUNT;
    const cpu = { api: per1000(cpu1[0] - cpu0[0]), worker: per1000(cpu1[1] - cpu0[1]), direct: per1000(cpu2[0] - cpu1[0] + cpu2[1] - cpu1[1]) };
    console.log(
      `  CPU seconds per 1,000 invitations: API ${cpu.api.toFixed(2)} + worker ${cpu.worker.toFixed(2)} via workflows; API ${cpu.direct.toFixed(2)} direct`,
    );
    const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 60);
    const latencyWf = await latencies(viaWorkflows, 202, token, mail, 'lat-wf', 5, latencySeconds);
    const latencyDirect = await latencies(direct, 200, token, mail, 'lat-direct', 5, latencySeconds);
    const temporalOnlySeconds = await temporalOnly(temporal.address, env.TEMPORAL_TASK_QUEUE, workspaceId);

    const baseline = COUNT / directSeconds;
    const figure = (name: string, seconds: number, target?: number): BenchFigure => {
      const value = COUNT / seconds;
      const ratio = value / baseline;
      return { name, value, baseline, ratio, unit: 'invitations/s', ...(target ? { target: `ratio >= ${target}`, met: ratio >= target } : {}) };
    };
    return [
      figure('invitations.end-to-end', workflowSeconds, 0.5),
      figure('invitations.temporal-only', temporalOnlySeconds),
      ...latencyFigures(latencyWf, latencyDirect),
      {
        name: 'invitations.cpu-per-1000',
        value: cpu.api + cpu.worker,
        baseline: cpu.direct,
        ratio: (cpu.api + cpu.worker) / cpu.direct,
        unit: 'CPU s (API + worker) per 1,000',
      },
    ];
  } catch (e) {
    // The service's own output goes with the scratch folder: show its end first.
    const log = join(dir, 'service.log');
    if (existsSync(log)) console.error(`the API and worker wrote:\n${readFileSync(log, 'utf8').slice(-4000)}`);
    throw e;
  } finally {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await mail.stop();
    await temporal.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Migrates the bench's database and creates an OrgAdmin to invite with, as `npm start` seeds its own. */
async function migrateAndSeedInviter(env: Record<string, string>): Promise<User> {
  const orm = await MikroORM.init(ormOptions(loadConfig(env).database));
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const organisation = new Organisation('Bench Org');
    const user = new User({ email: `inviter-${randomUUID().slice(0, 8)}@bench.example`, name: 'Bench Inviter', organisation, orgRoles: ['OrgAdmin'] });
    await em.persist([organisation, user]).flush();
    return user;
  } finally {
    await orm.close();
  }
}

async function aWorkspace(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Bench workspace' }),
  });
  if (res.status !== 201) throw new Error(`POST /workspaces answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Seconds for COUNT starts (in bulks of 100, all in flight) of a workflow shaped like the
 * invitation's first task, with the same search attributes, until its second local
 * activity has run for every one: Temporal's own cost here. Its own bundle and task queue.
 */
async function temporalOnly(address: string, taskQueuePrefix: string, workspaceId: string): Promise<number> {
  let done = 0;
  let allDone!: () => void;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const taskQueue = `${taskQueuePrefix}-temporal-only`;
  const native = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./temporal-only.workflow'), logger: quietBundleLogger }),
    activities: {
      async firstStep(): Promise<void> {},
      secondStep(): Promise<void> {
        if (++done === COUNT) allDone();
        return Promise.resolve();
      },
    },
  });
  const running = worker.run();
  try {
    const client = new Client({ connection });
    const start = (i: number) =>
      client.workflow.start(temporalOnlyWorkflow, {
        taskQueue,
        workflowId: `bench.temporal-only.${randomUUID()}.${i}`,
        args: [],
        typedSearchAttributes: [
          { key: SearchAttr.operationKind, value: 'bench' },
          { key: SearchAttr.actorId, value: randomUUID() },
          { key: SearchAttr.workspaceId, value: workspaceId },
          { key: SearchAttr.invitationState, value: 'pending' },
        ],
      });
    return await measure(async () => {
      await Promise.all(Array.from({ length: COUNT / BATCH }, (_, b) => Promise.all(Array.from({ length: BATCH }, (_, i) => start(b * BATCH + i)))));
      await finished;
    });
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
  }
}

/** Bulk requests of 100 to `url`, all in flight together; done when every email has arrived. */
async function inviteAll(url: string, status: number, token: string, emails: string[], mail: MailCatcher): Promise<void> {
  const arrived = waitForAll(mail, new Set(emails));
  const batches = Array.from({ length: Math.ceil(emails.length / BATCH) }, (_, i) => emails.slice(i * BATCH, (i + 1) * BATCH));
  const started = process.hrtime.bigint();
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
  await Promise.all(
    batches.map(async (batch) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ emails: batch, ...INVITE_BODY }),
      });
      if (res.status !== status) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
    }),
  );
  const answered = seconds();
  await arrived;
  if (emails.length >= BATCH)
    console.log(`  ${emails.length} invitations to ${new URL(url).pathname}: every answer after ${answered} s, every email after ${seconds()} s`);
}

async function measure(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
