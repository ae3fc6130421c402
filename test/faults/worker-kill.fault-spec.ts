import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace, grantWorkforceAccess, manyUsers, waitForOperation } from '../support/factories';
import { TEST_AUTH_SECRET, TestApp, startTestApp } from '../support/test-app';

const USERS = Number(process.env.FAULT_USERS ?? 100_000);
const KILLS = 5;

/**
 * Issue 13, points 3 and 4: the worker process killed (kill -9) five times during an
 * add-all-users: the result, the rows and the audit entry are exact, and each kill costs
 * about the batch heartbeat timeout plus a worker start (reported, never asserted).
 */
describe('the worker killed during add-all-users (R-O3)', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    stopping = true;
    worker?.kill('SIGKILL');
    await t.close();
  });

  let stopping = false;
  let starts = 0;

  /** The worker process, restarted whenever it exits, as a process supervisor would. */
  function startWorker(): ChildProcess {
    const db = t.config.database;
    const child = spawn(process.execPath, ['dist/apps/worker/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        TEMPORAL_ADDRESS: t.config.temporal.address,
        TEMPORAL_TASK_QUEUE: t.config.temporal.taskQueue,
        WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE,
        DATABASE_URL: db.driver === 'postgresql' ? db.url : '',
        SQLITE_PATH: db.driver === 'sqlite' ? db.path : '',
        DATABASE_MIGRATE: 'false',
        AUTH_HS256_SECRET: TEST_AUTH_SECRET,
        SMTP_URL: 'smtp://127.0.0.1:1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    starts++;
    child.once('exit', () => {
      if (!stopping && worker === child) worker = startWorker();
    });
    return child;
  }

  /** kill -9 of the running worker; the supervisor starts the next one. */
  async function killWorker(): Promise<void> {
    const victim = worker!;
    if (victim.exitCode === null && victim.signalCode === null) {
      const exited = new Promise((r) => victim.once('exit', r));
      victim.kill('SIGKILL');
      await exited;
    }
  }

  interface Scenario {
    token: string;
    wsId: string;
    partnerId: string;
  }

  /** Users seeded straight in the database, before any HTTP request (a long synchronous seed would reset kept-alive sockets). */
  async function seedPartner(): Promise<{
    ownerId: string;
    partnerId: string;
    owner: Awaited<ReturnType<typeof anOrganisation>>;
    partner: Awaited<ReturnType<typeof anOrganisation>>;
  }> {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm, { users: 0 });
    await manyUsers(t.orm, partner.organisation, USERS);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    return { ownerId: owner.organisation.id, partnerId: partner.organisation.id, owner, partner };
  }

  async function collaboratorOf(seeded: Awaited<ReturnType<typeof seedPartner>>): Promise<Scenario> {
    const token = await t.tokenFor(seeded.owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    const invited = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: seeded.partnerId, types: ['ProducerPartner'], projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, token, invited.body.operationId, 120_000)).status).toBe('succeeded');
    return { token, wsId: ws.id, partnerId: seeded.partnerId };
  }

  async function run(kills: number, s: Scenario): Promise<{ ms: number; result: unknown; rows: number; audit: number }> {
    const { token } = s;
    const ws = { id: s.wsId };
    const partner = { organisation: { id: s.partnerId } };
    const started = Date.now();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators/${partner.organisation.id}/add-all-users`, { role: 'AnnotationManager' });
    expect(res.status).toBe(202);
    for (let k = 0; k < kills; k++) {
      // Kill once the next fifth of the users is in: spread over the run, always mid-run.
      const target = Math.floor(((k + 1) * USERS) / (kills + 1));
      for (;;) {
        const op = await t.http.as(token).get(`/operations/${res.body.operationId}`);
        if (op.body.status !== 'running' || (op.body.progress?.done ?? 0) >= target) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await killWorker();
    }
    const op = await waitForOperation(t.http, token, res.body.operationId, 900_000);
    const ms = Date.now() - started;
    const rows = await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id });
    const audit = (await t.http.as(token).get(`/workspaces/${ws.id}/audit?limit=200`)).body.items.filter(
      (e: { action: string }) => e.action === 'collaborator.all-users-added',
    );
    expect(op.status).toBe('succeeded');
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject(op.result);
    return { ms, result: op.result, rows, audit: audit.length };
  }

  it(`R-O3 ${KILLS} kills -9 during add-all-users of ${USERS.toLocaleString('en')} users: exact result, rows and one audit entry`, async () => {
    const seeded = [await seedPartner(), await seedPartner()];
    worker = startWorker();
    const calm = await run(0, await collaboratorOf(seeded[0]));
    const killed = await run(KILLS, await collaboratorOf(seeded[1]));
    for (const r of [calm, killed]) {
      expect(r.result).toEqual({ added: USERS, alreadyMembers: 0, total: USERS });
      expect(r.rows).toBe(USERS);
    }
    const figure = {
      users: USERS,
      kills: KILLS,
      workerStarts: starts,
      database: t.config.database.driver,
      withoutKillsMs: calm.ms,
      withKillsMs: killed.ms,
      perKillMs: Math.round((killed.ms - calm.ms) / KILLS),
    };
    mkdirSync(join('test', 'artifacts'), { recursive: true });
    writeFileSync(join('test', 'artifacts', `worker-kill-${figure.database}.json`), JSON.stringify(figure, null, 2));
    console.log(`worker kills: ${JSON.stringify(figure)}`);
  });
});
