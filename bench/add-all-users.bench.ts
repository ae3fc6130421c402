/**
 * R-W10 add-all-users end to end (REST call → operation succeeded; real API, Temporal dev
 * server and worker in this process) for 10,000 and 100,000 users, against a baseline of
 * the same run and database: one raw bulk insert (one transaction of multi-row INSERTs) of
 * the same membership rows. SQLite always; PostgreSQL too when DATABASE_URL is set (in a
 * fresh database of its own). Figures per driver, each the median of three runs:
 * `<driver>.10k`, `<driver>.100k` (operation ms / raw insert ms, target <= 2.5) and
 * `<driver>.scaling` (100k ms / 10k ms, target <= 11: keyset batches keep it linear).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeOrderedUuid } from '../activities/time-ordered-id';
import { signLocalToken } from '../libs/auth/local-tokens';
import { Organisation, User, WorkforceAccess, Workspace, WorkspaceMember } from '../libs/persistence/entities';
import { startDevServer } from '../libs/temporal/dev-server';
import { resolveTemporalCli } from '../libs/temporal/temporal-cli';
import { loadOrBundleWorkflows } from '../libs/temporal/workflow-bundle';
import { Stack, call, startStack, untilDone } from './bench-stack';
import { Bench, BenchFigure, figure, median } from './figures';
import { onEachDatabase } from './scratch-database';
import { BENCH_SECRET } from './service-env';
import { freePort } from '../libs/net/free-port';

/** BENCH_SIZES=10000,20000 for a quick look; the figures' names follow the sizes. */
const SIZES = (process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [10_000, 100_000]) as readonly number[];
/** knex writes SQLite multi-row inserts as a compound SELECT, capped at 500 terms. */
const SQLITE_ROWS_PER_STATEMENT = 500;
/** PostgreSQL: 65,535 bind parameters a statement, 6 per membership row. */
const POSTGRES_ROWS_PER_STATEMENT = 5_000;

export default function addAllUsersBench(): Bench {
  return { name: 'add-all-users', run };
}

async function run(): Promise<BenchFigure[]> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already
  }
  const dir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
  const temporal = await startDevServer({ cli: resolveTemporalCli(), port: await freePort(), headless: true, logFile: join(dir, 'temporal.log') });
  const bundle = await loadOrBundleWorkflows(join(dir, 'workflow-bundle.js'));
  const figures: BenchFigure[] = [];
  try {
    figures.push(...(await onEachDatabase(dir, (driver, dbEnv) => measure(driver, dbEnv, temporal.address, bundle))));
  } finally {
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** Each figure is the median of this many runs (issue 13): one run is at the mercy of the machine. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function measure(
  driver: 'sqlite' | 'postgresql',
  dbEnv: Record<string, string>,
  temporalAddress: string,
  bundle: { code: string },
): Promise<BenchFigure[]> {
  const stack = await startStack({ ...dbEnv, TEMPORAL_ADDRESS: temporalAddress }, bundle);
  try {
    const times: Record<number, { op: number; raw: number }> = {};
    for (const size of SIZES) {
      const partner = await seedUsers(stack, size);
      const ops: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        raws.push(await rawBulkInsert(stack.orm, driver, partner.partnerId, size));
        ops.push(await addAllUsers(stack, await aCollaboratorWorkspace(stack, partner, size), size));
        console.log(
          `  ${driver} ${size.toLocaleString('en')} users, run ${i + 1}: add-all-users ${ops[i].toFixed(0)} ms, raw bulk insert ${raws[i].toFixed(0)} ms (${(ops[i] / raws[i]).toFixed(2)}×)`,
        );
      }
      times[size] = { op: median(ops), raw: median(raws) };
      console.log(
        `  ${driver} ${size.toLocaleString('en')} users, median of ${RUNS}: add-all-users ${times[size].op.toFixed(0)} ms, raw bulk insert ${times[size].raw.toFixed(0)} ms (${(times[size].op / times[size].raw).toFixed(2)}×)`,
      );
    }
    const [small, large] = SIZES;
    return [
      ...SIZES.map((size) => figure(`add-all-users.${driver}.${size / 1000}k`, times[size].op, times[size].raw, 'ms', 2.5)),
      figure(`add-all-users.${driver}.scaling`, times[large].op, times[small].op, 'ms', 11),
    ];
  } finally {
    await stack.close();
  }
}

interface Scenario {
  workspaceId: string;
  partnerId: string;
  token: string;
}

/** An owner and a partner organisation of `size` users, the owner managing the partner's workforce. */
async function seedUsers(stack: Stack, size: number): Promise<{ partnerId: string; token: string }> {
  const em = stack.orm.em.fork() as unknown as EntityManager;
  const owner = new Organisation(`Bench owner ${randomUUID().slice(0, 8)}`);
  const partner = new Organisation(`Bench partner ${randomUUID().slice(0, 8)}`);
  const admin = new User({ email: `admin-${randomUUID()}@bench.test`, name: 'Admin', organisation: owner, orgRoles: ['OrgAdmin'] });
  em.persist([owner, partner, admin, new WorkforceAccess(owner, partner)]);
  await em.flush();
  const tag = randomUUID().slice(0, 8);
  const now = new Date();
  await em.transactional(async (tx) => {
    for (let from = 0; from < size; from += SQLITE_ROWS_PER_STATEMENT) {
      const rows = Array.from({ length: Math.min(SQLITE_ROWS_PER_STATEMENT, size - from) }, (_, k) => ({
        id: randomUUID(),
        email: `u${from + k}-${tag}@bench.test`,
        name: `User ${from + k}`,
        organisation: partner.id,
        orgRoles: ['Member' as const],
        createdAt: now,
      }));
      await tx.createQueryBuilder(User).insert(rows).execute('run');
    }
  });
  return { partnerId: partner.id, token: await signLocalToken(BENCH_SECRET, { sub: admin.id, email: admin.email }) };
}

/** A fresh workspace with the partner invited as collaborator through the API. */
async function aCollaboratorWorkspace(stack: Stack, p: { partnerId: string; token: string }, size: number): Promise<Scenario> {
  const ws = await call(stack, p.token, 'POST', '/workspaces', { name: `Bench ${size}` });
  const invited = await call(stack, p.token, 'POST', `/workspaces/${ws.id}/collaborators`, {
    organisationId: p.partnerId,
    types: ['AnnotationPartner'],
    projectAccess: { mode: 'full' },
  });
  await untilDone(stack, p.token, invited.operationId);
  return { workspaceId: ws.id, partnerId: p.partnerId, token: p.token };
}

/** End to end: the REST call until GET /operations/{id} says succeeded. */
async function addAllUsers(stack: Stack, s: Scenario, size: number): Promise<number> {
  const started = performance.now();
  const accepted = await call(stack, s.token, 'POST', `/workspaces/${s.workspaceId}/collaborators/${s.partnerId}/add-all-users`, {});
  const op = await untilDone(stack, s.token, accepted.operationId);
  const elapsed = performance.now() - started;
  if (op.status !== 'succeeded' || op.result.added !== size) throw new Error(`add-all-users ended ${JSON.stringify(op)}`);
  return elapsed;
}

/**
 * The baseline: the same membership rows (every user of the organisation, into a fresh
 * workspace) in one transaction of multi-row INSERTs, as fast as the driver allows.
 */
async function rawBulkInsert(orm: MikroORM, driver: 'sqlite' | 'postgresql', organisationId: string, size: number): Promise<number> {
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = new Workspace('Baseline', em.getReference(Organisation, organisationId));
  await em.persist(workspace).flush();
  const knex = em.getKnex();
  const users: Array<{ id: string }> = await knex('users').select('id').where('organisation_id', organisationId).orderBy('id');
  const now = driver === 'sqlite' ? Date.now() : new Date();
  const roles = JSON.stringify(['AnnotationManager']);
  const rows = users.map((u) => ({
    id: timeOrderedUuid(),
    workspace_id: workspace.id,
    user_id: u.id,
    organisation_id: organisationId,
    roles,
    created_at: now,
  }));
  const perStatement = driver === 'sqlite' ? SQLITE_ROWS_PER_STATEMENT : POSTGRES_ROWS_PER_STATEMENT;
  const started = performance.now();
  await knex.transaction(async (trx) => {
    for (let from = 0; from < rows.length; from += perStatement) await trx('workspace_members').insert(rows.slice(from, from + perStatement));
  });
  const elapsed = performance.now() - started;
  const inserted = await em.count(WorkspaceMember, { workspace: workspace.id });
  if (inserted !== size) throw new Error(`baseline inserted ${inserted} of ${size}`);
  return elapsed;
}
