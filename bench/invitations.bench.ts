/**
 * Invitations end to end (section 5): 1,000 invitations from `POST /workspaces/{id}/invitations`
 * (10 bulk requests of 100, all in flight) until the SMTP server has received every email.
 * The service runs as deployed: the API process and the worker process (as `npm start`
 * runs them), the Temporal dev server, the database, and the SMTP server in this process.
 *
 * Baseline, same run: the same requests to a request handler of the same API process that
 * does the same work directly, without Temporal (bench/direct-invitations.controller.ts):
 * the API's checks, then the very code of the two first workflow steps, 100 at a time.
 * The direct path mails in the workflow's steps of 5, at most 100 steps at once in the whole
 * process (the worker's activity slots): the workflow path's effective concurrency.
 * Figure: invitations per second; ratio = workflow rate / baseline rate (goal ≥ 0.5), the
 * median of BENCH_RUNS (3) runs of both paths, alternating, each run printed (0: latency only).
 * One database per invocation: SQLite, or a scratch PostgreSQL database when DATABASE_URL
 * is set. Figures `invitations.<driver>.…`; `invitations.end-to-end` is SQLite's.
 *
 * Also: single-invitation latency (request → mail received) p50/p99 at 5 requests/s for
 * BENCH_LATENCY_SECONDS (60; 0 skips it) against the direct path, and CPU seconds per 1,000
 * invitations of the API and worker processes (from /proc) against the direct path's.
 *
 * Beside it, for reading that ratio: `invitations.temporal-only`, 1,000 starts of a workflow
 * of the same shape whose local activities do nothing (bench/temporal-only.workflow.ts),
 * client and worker in this process: what Temporal alone costs on this machine.
 */
import 'reflect-metadata';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signLocalToken } from '../libs/auth/local-tokens';
import { MailCatcher } from '../libs/mail/mail-catcher';
import { freePort } from '../libs/net/free-port';
import { waitForHealth } from '../libs/net/wait-for-health';
import { startDevServer, stopProcess } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import { loadOrBundleWorkflows } from '../libs/temporal/workflow-bundle';
import { DIRECT_CONCURRENCY } from './direct-invitations.controller';
import { type Bench, type BenchFigure, median } from './figures';
import { cpuSeconds, latencies, latencyFigures } from './invitation-latency';
import { aWorkspace, inviteAll, measure, migrateAndSeedInviter, temporalOnly } from './invitation-load';
import { scratchDatabase } from './scratch-database';
import { BENCH_SECRET, deployedServiceEnv } from './service-env';

const COUNT = Number(process.env.BENCH_INVITATIONS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
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
  const driver = database ? 'postgresql' : 'sqlite';
  const port = await freePort();
  const env: Record<string, string> = {
    ...deployedServiceEnv(port, temporal.address, 'bench'),
    ...(database ? { DATABASE_URL: database.url } : { SQLITE_PATH: join(dir, 'bench.sqlite') }),
    SMTP_URL: mail.smtpUrl,
    WORKFLOW_BUNDLE_PATH: join(dir, 'workflow-bundle.js'),
    INVITATION_RATE_LIMIT_PER_HOUR: String(COUNT * (RUNS + 2) * 2 + 1000),
    INVITATION_RECIPIENT_LIMIT_PER_DAY: '1000',
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
    console.log(
      `  ${driver}; direct path: at most ${DIRECT_CONCURRENCY} mail steps of 5 at once per process (the worker's activity slots)${database ? '; PostgreSQL pool: 10 connections per process' : ''}`,
    );

    // Warm-up: a few invitations through every layer (the worker is polling once they arrive), so no figure pays for first use.
    await inviteAll(viaWorkflows, 202, token, emails('warmup-wf', 5), mail);
    await inviteAll(direct, 200, token, emails('warmup-direct', 5), mail);

    const [api, worker] = processes;
    const cpu = { api: 0, worker: 0, direct: 0 };
    const wfSeconds: number[] = [];
    const directSeconds: number[] = [];
    for (let r = 1; r <= RUNS; r++) {
      const cpu0 = [cpuSeconds(api), cpuSeconds(worker)];
      wfSeconds.push(await measure(() => inviteAll(viaWorkflows, 202, token, emails(`wf${r}`), mail)));
      const cpu1 = [cpuSeconds(api), cpuSeconds(worker)];
      directSeconds.push(await measure(() => inviteAll(direct, 200, token, emails(`direct${r}`), mail)));
      const cpu2 = [cpuSeconds(api), cpuSeconds(worker)];
      Object.assign(cpu, {
        api: cpu.api + cpu1[0] - cpu0[0],
        worker: cpu.worker + cpu1[1] - cpu0[1],
        direct: cpu.direct + cpu2[0] - cpu1[0] + cpu2[1] - cpu1[1],
      });
      const [wf, dr] = [COUNT / wfSeconds[r - 1], COUNT / directSeconds[r - 1]];
      console.log(`  ${driver} run ${r}: ${wf.toFixed(1)} invitations/s via workflows, ${dr.toFixed(1)}/s direct, ratio ${(wf / dr).toFixed(2)}`);
    }
    const per1000 = (s: number) => (s * 1000) / (COUNT * RUNS);
    const [cpuApi, cpuWorker, cpuDirect] = [per1000(cpu.api), per1000(cpu.worker), per1000(cpu.direct)];
    if (RUNS > 0)
      console.log(
        `  CPU seconds per 1,000 invitations: API ${cpuApi.toFixed(2)} + worker ${cpuWorker.toFixed(2)} via workflows; API ${cpuDirect.toFixed(2)} direct`,
      );
    const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 60);
    const latency = latencySeconds > 0 && {
      wf: await latencies(viaWorkflows, 202, token, mail, 'lat-wf', 5, latencySeconds),
      direct: await latencies(direct, 200, token, mail, 'lat-direct', 5, latencySeconds),
    };
    if (RUNS === 0 && latency) {
      const figures = latencyFigures(latency.wf, latency.direct);
      return figures.map((f) => ({ ...f, name: f.name.replace('invitations.', `invitations.${driver}.`) }));
    }
    const temporalOnlySeconds = await temporalOnly(temporal.address, env.TEMPORAL_TASK_QUEUE, workspaceId, COUNT);

    const baseline = COUNT / median(directSeconds);
    const figure = (name: string, seconds: number, target?: number): BenchFigure => {
      const value = COUNT / seconds;
      const ratio = value / baseline;
      return { name, value, baseline, ratio, unit: 'invitations/s', ...(target ? { target: `ratio >= ${target}`, met: ratio >= target } : {}) };
    };
    const endToEnd = figure(`invitations.${driver}.end-to-end`, median(wfSeconds), 0.5);
    const figures: BenchFigure[] = [
      endToEnd,
      figure(`invitations.${driver}.temporal-only`, temporalOnlySeconds),
      ...(latency ? latencyFigures(latency.wf, latency.direct).map((f) => ({ ...f, name: f.name.replace('invitations.', `invitations.${driver}.`) })) : []),
      {
        name: `invitations.${driver}.cpu-per-1000`,
        value: cpuApi + cpuWorker,
        baseline: cpuDirect,
        ratio: (cpuApi + cpuWorker) / cpuDirect,
        unit: 'CPU s (API + worker) per 1,000',
      },
    ];
    return driver === 'sqlite' ? [{ ...endToEnd, name: 'invitations.end-to-end' }, ...figures] : figures;
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
