import { MikroORM } from '@mikro-orm/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../libs/config/app-config';
import type { MailCatcher } from '../libs/mail/mail-catcher';
import { SearchAttr } from '../libs/operations/search-attributes';
import { Organisation, User } from '../libs/persistence/entities';
import { migrate } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';
import { quietBundleLogger } from '../libs/temporal/workflow-bundle';
import { waitForAll } from './invitation-latency';
import { temporalOnlyWorkflow } from './temporal-only.workflow';

/** The load of bench/invitations.bench.ts: its seed, its bulk requests, and the Temporal-only comparison. */
export const BATCH = 100;
export const INVITE_BODY = { types: ['AnnotationPartner'], role: 'AnnotationManager', projectAccess: { mode: 'full' } };

/** Migrates the bench's database and creates an OrgAdmin to invite with, as `npm start` seeds its own. */
export async function migrateAndSeedInviter(env: Record<string, string>): Promise<User> {
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

export async function aWorkspace(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Bench workspace' }),
  });
  if (res.status !== 201) throw new Error(`POST /workspaces answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Seconds for `count` starts (in bulks of 100, all in flight) of a workflow shaped like the
 * invitation's first task, with the same search attributes, until its second local
 * activity has run for every one: Temporal's own cost here. Its own bundle and task queue.
 */
export async function temporalOnly(address: string, taskQueuePrefix: string, workspaceId: string, count: number): Promise<number> {
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
      firstStep: (): Promise<void> => Promise.resolve(),
      secondStep: (): Promise<void> => {
        if (++done === count) allDone();
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
      await Promise.all(Array.from({ length: count / BATCH }, (_, b) => Promise.all(Array.from({ length: BATCH }, (_, i) => start(b * BATCH + i)))));
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
export async function inviteAll(url: string, status: number, token: string, emails: string[], mail: MailCatcher): Promise<void> {
  const arrived = waitForAll(mail, new Set(emails));
  const batches = Array.from({ length: Math.ceil(emails.length / BATCH) }, (_, i) => emails.slice(i * BATCH, (i + 1) * BATCH));
  const started = process.hrtime.bigint();
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
  let retried = 0;
  await Promise.all(
    batches.map(async (batch) => {
      retried += await postRetrying503(url, status, token, { emails: batch, ...INVITE_BODY });
    }),
  );
  const answered = seconds();
  await arrived;
  if (emails.length >= BATCH)
    console.log(
      `  ${emails.length} invitations to ${new URL(url).pathname}: every answer after ${answered} s, every email after ${seconds()} s${retried ? ` (${retried} request(s) answered 503 and were sent again)` : ''}`,
    );
}

export async function measure(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * POSTs `body`; a 503 (a dependency slower than the API's deadline on this shared machine)
 * is sent again after its Retry-After, as a client should: the API wrote nothing for it.
 * Answers how many 503s and resets there were; the time they cost stays in the figure.
 */
export async function postRetrying503(url: string, status: number, token: string, body: unknown): Promise<number> {
  const post = () =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  for (let refused = 0; ; refused++) {
    // A socket reset under load (ECONNRESET) is sent again too: the same addresses join what was written (R-I5).
    const res = await post().catch((e: unknown) => (refused < 5 ? undefined : Promise.reject(e instanceof Error ? e : new Error(String(e)))));
    if (res?.status === status) return refused;
    if (res && (res.status !== 503 || refused >= 5)) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
    await new Promise((r) => setTimeout(r, Number(res?.headers.get('retry-after') ?? 1) * 1000));
  }
}
