import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../libs/net/free-port';
import { DevServer, startDevServer } from '../../libs/temporal/dev-server';
import { resolveTemporalCli } from '../../libs/temporal/temporal-cli';
import { Invitation, OperationGuard, WorkspaceMember } from '../../libs/persistence/entities';
import { aWorkspaceWithPartner, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { eventually } from '../support/eventually';
import { expectUnavailable } from './outage-helpers';

/**
 * R-O2: with the Temporal server stopped (SIGTERM, then kill -9), every request that
 * needs it answers 503 with Retry-After (its client calls carry a deadline, so no
 * 10–20 s of SDK retries), writes nothing, and the same API and worker recover by
 * themselves once the server is back (it keeps its state in a file across the restart).
 */
describe('Temporal stopped and restarted (R-O2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collab-fault-temporal-'));
  let port: number;
  let temporal: DevServer;
  let t: TestApp;
  const start = () =>
    startDevServer({ cli: resolveTemporalCli(), port, headless: true, dbFilename: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });

  beforeAll(async () => {
    port = await freePort();
    temporal = await start();
    t = await startTestApp({ env: { TEMPORAL_ADDRESS: temporal.address } });
  });
  afterAll(async () => {
    await t.close();
    await temporal.stop();
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('R-O2 Temporal stopped by %s: 503 with Retry-After, nothing written, recovery by itself', async (signal) => {
    const { partner, token, as, ws, invited } = await aWorkspaceWithPartner(t, 3);
    const collaborator = `/workspaces/${ws.id}/collaborators/${partner.organisation.id}`;

    if (signal === 'SIGTERM') await temporal.stop();
    else {
      temporal.process.kill('SIGKILL');
      await new Promise((r) => temporal.process.once('exit', r));
    }

    const during = {
      operation: await as.get(`/operations/${invited.body.operationId}`),
      addAllUsers: await as.post(`${collaborator}/add-all-users`, {}),
      edit: await as.patch(collaborator, { autoInvite: false }),
      invitations: await as.post(`/workspaces/${ws.id}/invitations`, {
        emails: [`x-${Date.now()}@partner.example`],
        types: ['AnnotationPartner'],
        role: 'AnnotationManager',
        projectAccess: { mode: 'full' },
      }),
    };
    for (const reply of Object.values(during)) expectUnavailable(reply, /Temporal/);
    // Nothing half-written: no operation holds the collaborator's lock, nobody was added.
    const em = t.orm.em.fork();
    expect(
      (await em.find(OperationGuard, { scope: `collaborator:${ws.id}:${partner.organisation.id}` }))
        .map((g) => g.operationId)
        .filter((id) => id && id !== invited.body.operationId),
    ).toEqual([]);
    expect(await em.count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id })).toBe(0);
    expect(await em.count(Invitation, { workspace: ws.id })).toBe(0);

    temporal = await start();
    const back = await eventually(
      () => as.get(`/operations/${invited.body.operationId}`),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
    const added = await eventually(
      () => as.post(`${collaborator}/add-all-users`, {}),
      (r) => r.status === 202,
    );
    expect(added.status).toBe(202);
    expect(await waitForOperation(t.http, token, added.body.operationId, 180_000)).toMatchObject({
      status: 'succeeded',
      result: { added: 3, alreadyMembers: 0, total: 3 },
    });
  });
});
