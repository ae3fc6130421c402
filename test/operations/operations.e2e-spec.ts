import { randomUUID } from 'node:crypto';
import { Collaborator } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import type { TestFaults } from '../support/faults';
import { startRefusedInviteOrganisation } from '../support/refused-operation';
import { TestApp, startTestApp } from '../support/test-app';

describe('operations', () => {
  const faults: TestFaults = {};
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ faults });
  });
  afterAll(() => t.close());

  it('R-W4 is checked again by the activity: a request that slipped past the API fails with the rule, writing nothing', async () => {
    const owner = await anOrganisation(t.orm, { users: 2 });
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    const workflowId = await startRefusedInviteOrganisation(t, ws.id, owner, partner);
    const op = await waitForOperation(t.http, adminToken, workflowId);
    expect(op).toMatchObject({ status: 'failed', error: { error: 'forbidden', rule: 'R-W4', field: 'types' } });
    expect(await t.orm.em.fork().count(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).toBe(0);
  });

  it('shows no progress before a worker picks the operation up, its progress while running, and the result when done', async () => {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    await t.stopWorker();
    const res = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['AnnotationPartner'], projectAccess: { mode: 'full' } });
    const pending = await t.http.as(token).get(res.body.href);
    expect(pending.body).toMatchObject({ status: 'running', progress: null });

    // The second step (the audit entry) is held until the test has seen the operation's progress.
    let release!: () => void;
    faults.holdStep = { step: 'recordAudit', at: 'start', until: new Promise<void>((resolve) => (release = resolve)) };
    try {
      await t.startWorker();
      let seen: { status?: string; progress?: { step?: string } | null } = {};
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        seen = (await t.http.as(token).get(res.body.href)).body;
        if (seen.status !== 'running' || seen.progress?.step === 'recordAudit') break;
      }
      expect(seen).toMatchObject({ status: 'running', progress: { step: 'recordAudit', done: 1, total: 2 } });
    } finally {
      release();
      faults.holdStep = undefined;
    }
    const done = await waitForOperation(t.http, token, res.body.operationId);
    expect(done).toMatchObject({ status: 'succeeded', result: { collaboratorId: expect.any(String) } });
  });

  it('R-T1 answers 404 for an operation id that does not exist', async () => {
    const { users } = await anOrganisation(t.orm);
    const res = await t.http.as(await t.tokenFor(users[0])).get(`/operations/invite-organisation.${randomUUID()}.${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found', message: 'operation not found', status: 404, detail: 'operation not found' });
  });
});
