/**
 * Reads that scale (issue 16): every route's page of 50 costs the same behind a workspace of
 * 100,000 members, 1,000 collaborator organisations, 5,000 projects with shares, 50,000 audit
 * entries and 10,000 invitations as behind a fresh one in the same database. Both are
 * inserted in bulk (bench/reads-seed.ts); the API runs as deployed (apps/api/main.js, its
 * own process, so its peak memory is its own), with the Temporal dev server behind it.
 *
 * Each route is called at concurrency 1 and 10, three runs each, fresh and large runs
 * interleaved; a run's p99 is its 99th percentile, and the figure takes the median of the
 * three. Figure `reads.<driver>.<route>.growth`: value = large p99, baseline = fresh p99,
 * ratio = value / baseline, of the concurrency where that ratio is worse; target ratio ≤ 2.
 * Beside them: req/s at 10 concurrent on the large workspace (members, audit) and the API's
 * peak resident memory (VmHWM). SQLite always; PostgreSQL too when DATABASE_URL is set.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeCursor } from '../apps/api/http/pagination';
import { signLocalToken } from '../libs/auth/local-tokens';
import { loadConfig } from '../libs/config/app-config';
import { freePort } from '../libs/net/free-port';
import { waitForHealth } from '../libs/net/wait-for-health';
import { SearchAttr } from '../libs/operations/search-attributes';
import { workspaceOperationIds } from '../libs/operations/workspace-operations';
import { migrate } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';
import { startDevServer, stopProcess } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import type { Bench, BenchFigure } from './figures';
import { FRESH, LARGE, World, WorldSize, seedWorld } from './reads-seed';
import { Sample, interleavedRuns, median } from './reads-load';
import { onEachDatabase } from './scratch-database';
import { BENCH_SECRET, deployedServiceEnv } from './service-env';

const MAX_GROWTH = 2;
/** BENCH_READS_DRIVERS=postgresql to measure one database only. */
const DRIVERS = (process.env.BENCH_READS_DRIVERS ?? 'sqlite,postgresql').split(',');
const dist = resolve(__dirname, '..');

export function readsBench(): Bench {
  return { name: 'reads', run };
}

async function run(): Promise<BenchFigure[]> {
  process.env.TEMPORAL_VERSION_CHECK_DISABLED = '1';
  const dir = mkdtempSync(join(tmpdir(), 'collab-bench-reads-'));
  const temporal = await startDevServer({ cli: resolveTemporalCli(), port: await freePort(), headless: true, logFile: join(dir, 'temporal.log') });
  const figures: BenchFigure[] = [];
  try {
    figures.push(...(await onEachDatabase(dir, (driver, dbEnv) => measureDriver(driver, dbEnv, temporal.address, dir), DRIVERS)));
  } finally {
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

interface Route {
  name: string;
  path(w: World): string;
}

const ROUTES: Route[] = [
  { name: 'members', path: (w) => `/workspaces/${w.workspaceId}/members?limit=50` },
  { name: 'members-deep', path: (w) => `/workspaces/${w.workspaceId}/members?limit=50&cursor=${encodeCursor(w.deepMember)}` },
  { name: 'audit', path: (w) => `/workspaces/${w.workspaceId}/audit?limit=50` },
  { name: 'projects', path: (w) => `/workspaces/${w.workspaceId}/projects?limit=50` },
  { name: 'project', path: (w) => `/projects/${w.sharedProjectId}` },
  { name: 'invitations', path: (w) => `/workspaces/${w.workspaceId}/invitations?limit=50` },
  { name: 'collaborators', path: (w) => `/workspaces/${w.workspaceId}/collaborators?limit=50` },
  { name: 'operation', path: (w) => `/operations/${encodeURIComponent(workspaceOperationIds.assignRoles(w.workspaceId, w.admin.id))}` },
  { name: 'workspaces', path: () => `/workspaces?limit=50` },
];

async function measureDriver(driver: 'sqlite' | 'postgresql', dbEnv: Record<string, string>, temporalAddress: string, dir: string): Promise<BenchFigure[]> {
  const port = await freePort();
  const env: Record<string, string> = { ...deployedServiceEnv(port, temporalAddress, 'bench-reads'), ...dbEnv };
  if (driver === 'sqlite') delete env.DATABASE_URL;
  const started = performance.now();
  const [fresh, large] = await seed(env, [FRESH, LARGE]);
  console.log(`  ${driver}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await startOperations(temporalAddress, env.TEMPORAL_TASK_QUEUE, [fresh, large]);

  const log = join(dir, `api-${driver}.log`);
  const out = createWriteStream(log);
  const api: ChildProcess = spawn(process.execPath, [join(dist, 'apps/api/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  api.stdout?.pipe(out);
  api.stderr?.pipe(out);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health`, 60_000);
    const tokens = { fresh: await tokenFor(fresh), large: await tokenFor(large) };
    const figures: BenchFigure[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const route of ROUTES) {
      const runs = await interleavedRuns({
        fresh: { url: base + route.path(fresh), token: tokens.fresh },
        large: { url: base + route.path(large), token: tokens.large },
      });
      const worst = ([1, 10] as const)
        .map((c) => ({ c, fresh: medianOf(runs.fresh[c]), large: medianOf(runs.large[c]) }))
        .reduce((a, b) => (b.large.p99 / b.fresh.p99 > a.large.p99 / a.fresh.p99 ? b : a));
      const ratio = worst.large.p99 / worst.fresh.p99;
      console.log(
        `  ${driver} ${route.name}: large p99 ${worst.large.p99.toFixed(1)} ms, fresh p99 ${worst.fresh.p99.toFixed(1)} ms at concurrency ${worst.c}: growth ${ratio.toFixed(2)}`,
      );
      figures.push({
        name: `reads.${driver}.${route.name}.growth`,
        value: worst.large.p99,
        baseline: worst.fresh.p99,
        ratio,
        unit: 'ms',
        target: `ratio <= ${MAX_GROWTH}`,
        met: ratio <= MAX_GROWTH,
      });
      for (const c of [1, 10] as const) {
        const f = medianOf(runs.fresh[c]);
        const l = medianOf(runs.large[c]);
        rows.push({
          route: route.name,
          c,
          'fresh p50': f.p50,
          'fresh p99': f.p99,
          'large p50': l.p50,
          'large p99': l.p99,
          'large req/s': l.rps,
          runs: runs.large[c].map((s) => `${s.p50.toFixed(1)}/${s.p99.toFixed(1)}`).join(' '),
        });
        if (c === 10 && (route.name === 'members' || route.name === 'audit')) {
          figures.push({ name: `reads.${driver}.${route.name}.throughput`, value: l.rps, baseline: f.rps, ratio: l.rps / f.rps, unit: 'req/s' });
        }
      }
    }
    console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v]))));
    const memory = peakMemoryMiB(api.pid!);
    console.log(`  ${driver}: API resident memory ${memory.now.toFixed(0)} MiB now, peak ${memory.peak.toFixed(0)} MiB`);
    figures.push({ name: `reads.${driver}.api-peak-memory`, value: memory.peak, baseline: memory.now, ratio: memory.peak / memory.now, unit: 'MiB' });
    return figures;
  } catch (e) {
    if (existsSync(log)) console.error(`the API wrote:\n${readFileSync(log, 'utf8').slice(-4000)}`);
    throw e;
  } finally {
    await stopProcess(api);
  }

  function tokenFor(world: World): Promise<string> {
    return signLocalToken(BENCH_SECRET, { sub: world.admin.id, email: world.admin.email });
  }
}

async function seed(env: Record<string, string>, sizes: WorldSize[]): Promise<World[]> {
  const orm = await MikroORM.init(ormOptions(loadConfig(env).database));
  try {
    await migrate(orm);
    const worlds: World[] = [];
    for (const [i, size] of sizes.entries()) worlds.push(await orm.em.fork().transactional((em) => seedWorld(em, size, `bench-${i}`)));
    return worlds;
  } finally {
    await orm.close();
  }
}

/**
 * One operation per workspace for GET /operations/{id}: a workflow with the operation's id and
 * search attributes on a task queue no worker polls, so it stays running (no progress query).
 */
async function startOperations(address: string, taskQueue: string, worlds: World[]): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    for (const w of worlds) {
      await client.workflow.start('assignRolesWorkflow', {
        taskQueue: `${taskQueue}-idle`,
        workflowId: workspaceOperationIds.assignRoles(w.workspaceId, w.admin.id),
        args: [],
        typedSearchAttributes: [
          { key: SearchAttr.operationKind, value: 'assign-roles' },
          { key: SearchAttr.workspaceId, value: w.workspaceId },
          { key: SearchAttr.actorId, value: w.admin.id },
        ],
      });
    }
  } finally {
    await connection.close();
  }
}

function medianOf(samples: Sample[]): Sample {
  return { p50: median(samples.map((s) => s.p50)), p99: median(samples.map((s) => s.p99)), rps: median(samples.map((s) => s.rps)) };
}

function peakMemoryMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}
