import { NativeConnection, Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { createWorker } from '../../apps/worker/create-worker';
import { BATCH_HEARTBEAT_TIMEOUT, MEMBER_BATCH_SIZE } from '../../libs/operations/workspace-operations';
import { WorkspaceMember } from '../../libs/persistence/entities';
import { aWorkspaceWithPartner, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * R-O3: results and audit entries are exact whatever was retried. A batch whose commit
 * landed but whose completion never reached the workflow (a worker or Temporal lost it)
 * is retried; it must count its own rows as added, not as already members.
 */
describe('exact results after retries (R-O3)', () => {
  let t: TestApp;
  let worker: { worker: Worker; run: Promise<void>; connection: NativeConnection } | undefined;
  const lost: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    // The app's own worker wiring (codec, activities), plus an interceptor that loses completions.
    const { worker: w, connection } = await createWorker(t.app, {
      workflowBundle: { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') },
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: {
              // The batch commits, then its completion is lost: the first attempt of every batch fails afterwards.
              async execute(input, next) {
                const result = await next(input);
                if (ctx.info.activityType === 'addMembersBatch' && ctx.info.attempt === 1) {
                  lost.push(ctx.info.activityId);
                  throw new Error('test: the completion of this committed batch is lost');
                }
                return result;
              },
            },
          }),
        ],
      },
    });
    worker = { worker: w, run: w.run(), connection };
  });
  afterAll(async () => {
    if (worker) {
      worker.worker.shutdown();
      await worker.run;
      await worker.connection.close();
    }
    await t.close();
  });

  it('R-O3 add-all-users whose every batch committed and was retried reports exactly who it added, in its result and its audit entry', async () => {
    const USERS = 2 * MEMBER_BATCH_SIZE + 1_000;
    const { token, ws, partner, as, addAllUsersPath } = await aWorkspaceWithPartner(t, USERS);

    const started = await as.post(addAllUsersPath, { role: 'AnnotationManager' });
    expect(started.status).toBe(202);
    const op = await waitForOperation(t.http, token, started.body.operationId, 120_000);
    expect(lost.length).toBeGreaterThanOrEqual(3); // every batch was retried after its commit
    expect(op).toMatchObject({ status: 'succeeded', result: { added: USERS, alreadyMembers: 0, total: USERS } });
    expect(await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id })).toBe(USERS);
    const audit = await t.http.as(token).get(`/workspaces/${ws.id}/audit?limit=200`);
    const entries = audit.body.items.filter((e: { action: string }) => e.action === 'collaborator.all-users-added');
    expect(entries).toHaveLength(1);
    expect(entries[0].details).toMatchObject({ added: USERS, alreadyMembers: 0, total: USERS });

    // Issue 13, point 4: each batch heartbeats under a heartbeat timeout of a few seconds.
    const history = await t.client.workflow.getHandle(started.body.operationId).fetchHistory();
    const scheduled = history.events!.map((e) => e.activityTaskScheduledEventAttributes).filter((a) => a?.activityType?.name === 'addMembersBatch');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const a of scheduled) expect(Number(a!.heartbeatTimeout?.seconds ?? 0)).toBe(parseInt(BATCH_HEARTBEAT_TIMEOUT, 10));
  });
});
