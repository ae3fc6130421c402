import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { AccessExpiryInput, ExpiryTarget, expiryOperationId } from '../../libs/operations/expiry-operations';
import { accessExpiryWorkflow, rescheduleSignal } from '../../workflows/access-expiry.workflow';
import { AccessRow, DAY, startTimeSkipping, workflowBundle } from './time-skipping';

/** R-E1: the durable timer of an end date, through months in seconds on the time-skipping test server. */
describe('access expiry timer (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkipping();
  });
  afterAll(() => env.teardown());

  const target = (): ExpiryTarget => ({ kind: 'member', workspaceId: randomUUID(), userId: randomUUID() });
  const iso = (ms: number) => new Date(ms).toISOString();

  /** No workflow cache (so no sticky queue): the next task of any run goes to whichever worker polls, as after a crash. */
  async function worker(row: AccessRow, taskQueue: string): Promise<Worker> {
    return Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: row.activities(),
      maxCachedWorkflows: 0,
    });
  }

  async function start(row: AccessRow, taskQueue: string, t = target()) {
    const input: AccessExpiryInput = { target: t, expiresAt: row.expiresAt, warningMs: 7 * DAY };
    return env.client.workflow.start(accessExpiryWorkflow, { taskQueue, workflowId: expiryOperationId(t), args: [input] });
  }

  it('R-E1 warns 7 days before the end date, then removes the access at the date, 90 days on', async () => {
    const now = await env.currentTimeMs();
    const row = new AccessRow(iso(now + 90 * DAY));
    const taskQueue = `expiry-${randomUUID()}`;
    const w = await worker(row, taskQueue);
    const result = await w.runUntil(async () => (await start(row, taskQueue)).result());
    expect(result).toEqual({ outcome: 'removed', expiresAt: row.expiresAt, warningsSent: 1 });
    expect(row.calls.map((c) => c.step)).toEqual(['warn', 'expire']);
    expect(row.calls[0].at).toBeGreaterThanOrEqual(now + 83 * DAY);
    expect(row.calls[0].at).toBeLessThan(now + 83 * DAY + 60_000);
    expect(row.calls[1].at).toBeGreaterThanOrEqual(now + 90 * DAY);
  });

  it('R-E1 a moved date reschedules the same timer: a warning for each date, removal only at the new one', async () => {
    const now = await env.currentTimeMs();
    const row = new AccessRow(iso(now + 30 * DAY));
    const taskQueue = `expiry-${randomUUID()}`;
    const w = await worker(row, taskQueue);
    const result = await w.runUntil(async () => {
      const handle = await start(row, taskQueue);
      await env.sleep(25 * DAY); // past the first warning
      row.expiresAt = iso(now + 120 * DAY);
      await handle.signal(rescheduleSignal, row.expiresAt);
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'removed', expiresAt: row.expiresAt, warningsSent: 2 });
    expect(row.calls.map((c) => [c.step, c.expiresAt])).toEqual([
      ['warn', iso(now + 30 * DAY)],
      ['warn', row.expiresAt],
      ['expire', row.expiresAt],
    ]);
    expect(row.calls[1].at).toBeGreaterThanOrEqual(now + 113 * DAY);
    expect(row.calls[2].at).toBeGreaterThanOrEqual(now + 120 * DAY);
  });

  it('R-E1 a cleared date ends the timer without a warning or a removal', async () => {
    const now = await env.currentTimeMs();
    const row = new AccessRow(iso(now + 60 * DAY));
    const taskQueue = `expiry-${randomUUID()}`;
    const w = await worker(row, taskQueue);
    const result = await w.runUntil(async () => {
      const handle = await start(row, taskQueue);
      await env.sleep(10 * DAY);
      row.expiresAt = null;
      await handle.signal(rescheduleSignal, null);
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'cleared', expiresAt: null, warningsSent: 0 });
    expect(row.calls).toEqual([]);
    expect(row.exists).toBe(true);
  });

  it('R-E1 follows the date the database holds when a signal was lost (moved earlier without one)', async () => {
    const now = await env.currentTimeMs();
    const row = new AccessRow(iso(now + 40 * DAY));
    const taskQueue = `expiry-${randomUUID()}`;
    const w = await worker(row, taskQueue);
    const result = await w.runUntil(async () => {
      const handle = await start(row, taskQueue);
      row.expiresAt = iso(now + 50 * DAY); // the signal never came: the warning wake-up finds the new date
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'removed', expiresAt: row.expiresAt, warningsSent: 1 });
    expect(row.calls.map((c) => [c.step, c.expiresAt])).toEqual([
      ['warn', row.expiresAt],
      ['expire', row.expiresAt],
    ]);
  });

  it('R-E1 a worker restart between the warning and the end date changes nothing', async () => {
    const now = await env.currentTimeMs();
    const row = new AccessRow(iso(now + 200 * DAY));
    const taskQueue = `expiry-${randomUUID()}`;
    const handle = await start(row, taskQueue);
    const first = await worker(row, taskQueue);
    await first.runUntil(env.sleep(195 * DAY)); // warned at day 193, then the worker goes away
    expect(row.calls.map((c) => c.step)).toEqual(['warn']);
    const second = await worker(row, taskQueue);
    const result = await second.runUntil(handle.result());
    expect(result).toEqual({ outcome: 'removed', expiresAt: row.expiresAt, warningsSent: 1 });
    expect(row.calls.map((c) => c.step)).toEqual(['warn', 'expire']);
    expect(row.calls[1].at).toBeGreaterThanOrEqual(now + 200 * DAY);
  });
});
