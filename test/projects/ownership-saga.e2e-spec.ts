import { AuditEntry, Project, Share } from '../../libs/persistence/entities';
import { aProject, waitForOperation, workspaceMembers } from '../support/factories';
import type { TestFaults } from '../support/faults';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

/**
 * R-S7: the ownership handover is a saga. Each step is made to fail permanently in turn
 * (test-only fault injection into the real activities on the real worker); owner and
 * shares must end exactly as before.
 */
describe('ownership handover is all or nothing (R-S7)', () => {
  const faults: TestFaults = {};
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ faults });
  });
  afterEach(() => {
    faults.failStep = undefined;
  });
  afterAll(() => t.close());

  async function stateOf(projectId: string) {
    const em = t.orm.em.fork();
    const project = await em.findOneOrFail(Project, projectId);
    const shares = await em.find(Share, { project: projectId });
    return { ownerId: project.owner.id, shares: Object.fromEntries(shares.map((s) => [s.user.id, s.permissions])) };
  }

  /** A personal project of admin, with a share for `other` and, optionally, for the new owner and for admin itself. */
  async function projectWithShares(opts: { newOwnerShare?: boolean } = {}) {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member, w.other]);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id);
    await t.http.as(token).post(`/projects/${project.id}/shares`, { userId: w.other.id, permissions: ['view', 'share'] });
    if (opts.newOwnerShare) await t.http.as(token).post(`/projects/${project.id}/shares`, { userId: w.member.id, permissions: ['view', 'edit'] });
    return { ...w, ownerToken: token, project };
  }

  const cases: Array<{ step: string; leave: boolean; newOwnerShare: boolean }> = [
    { step: 'ensureNewOwnerShare', leave: false, newOwnerShare: false },
    { step: 'moveOwnership', leave: false, newOwnerShare: false },
    { step: 'moveOwnership', leave: false, newOwnerShare: true },
    { step: 'grantPreviousOwnerShare', leave: false, newOwnerShare: false },
    { step: 'removePreviousOwnerShare', leave: true, newOwnerShare: true },
    { step: 'recordOwnershipTransfer', leave: false, newOwnerShare: false },
    { step: 'recordOwnershipTransfer', leave: true, newOwnerShare: false },
  ];

  for (const c of cases) {
    it(`R-S7 leaves owner and shares exactly as before when ${c.step} fails (leave: ${c.leave}, new owner had a share: ${c.newOwnerShare})`, async () => {
      const w = await projectWithShares({ newOwnerShare: c.newOwnerShare });
      const before = await stateOf(w.project.id);
      faults.failStep = c.step;
      const res = await t.http
        .as(w.ownerToken)
        .post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id, permissions: ['view'], leave: c.leave });
      expect(res.status).toBe(202);
      const op = await waitForOperation(t.http, w.ownerToken, res.body.operationId);
      expect(op.status).toBe('failed');
      expect(await stateOf(w.project.id)).toEqual(before);
      expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: 'project.ownership_transferred' })).toBe(0);

      // Once the fault is gone, the same handover succeeds.
      faults.failStep = undefined;
      const again = await waitForOperation(
        t.http,
        w.ownerToken,
        (await t.http.as(w.ownerToken).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id, leave: c.leave })).body.operationId,
      );
      expect(again.status).toBe('succeeded');
      expect((await stateOf(w.project.id)).ownerId).toBe(w.member.id);
    });
  }

  it('R-S7 a compensation that runs for a step that never committed changes nothing (a failure inside moveOwnership rolls back its own write)', async () => {
    const w = await projectWithShares();
    const before = await stateOf(w.project.id);
    faults.failStep = 'moveOwnership';
    const op = await waitForOperation(
      t.http,
      w.ownerToken,
      (await t.http.as(w.ownerToken).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id })).body.operationId,
    );
    expect(op.status).toBe('failed');
    expect(await stateOf(w.project.id)).toEqual(before);
    expect((await t.http.as(w.ownerToken).get(`/projects/${w.project.id}/shares`)).body).toMatchObject({
      owner: { id: w.admin.id },
      shares: [{ userId: w.other.id, permissions: ['view', 'share'] }],
    });
  });

  it('R-S7 refuses share changes and a different handover while a handover of the project runs (409); a duplicate joins it', async () => {
    const paused = await startTestApp({ worker: false });
    try {
      const w = await aProjectWorld(paused);
      await workspaceMembers(paused.orm, w.ws.id, [w.member, w.other]);
      const token = await w.token(w.admin);
      const project = await aProject(paused.http, token, w.ws.id);
      const started = await paused.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id });
      expect(started.status).toBe(202);
      // The same request again joins the running handover; a different one is refused rather than silently joined.
      const duplicate = await paused.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id });
      expect({ status: duplicate.status, operationId: duplicate.body.operationId }).toEqual({ status: 202, operationId: started.body.operationId });
      const different = await paused.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.other.id });
      expect(different.status).toBe(409);
      expect(different.body.rule).toBe('R-S7');
      const refused = await paused.http.as(token).post(`/projects/${project.id}/shares`, { userId: w.other.id, permissions: ['view'] });
      expect(refused.status).toBe(409);
      expect(refused.body.rule).toBe('R-S7');
      await paused.startWorker();
      expect((await waitForOperation(paused.http, token, started.body.operationId)).status).toBe('succeeded');
      expect((await paused.http.as(await w.token(w.member)).post(`/projects/${project.id}/shares`, { userId: w.other.id, permissions: ['view'] })).status).toBe(
        201,
      );
    } finally {
      await paused.close();
    }
  });
});
