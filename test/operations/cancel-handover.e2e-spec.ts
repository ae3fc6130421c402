import { AuditEntry, Project, Share } from '../../libs/persistence/entities';
import { aProject, waitForOperation, workspaceMembers } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { aProjectWorld } from '../projects/project-world';
import { cancelOperation, holdBefore, withHeldSteps, temporalView } from './cancel-helpers';

/**
 * R-O4, R-S7: a cancelled ownership handover undoes what it did: owner and shares end
 * exactly as before, the operation `cancelled`, in the audit log and the Temporal UI.
 * Runs on the database of DATABASE_URL (SQLite by default, PostgreSQL when set).
 */
describe('stopping an ownership handover (R-O4, R-S7)', () => {
  const { faults, app } = withHeldSteps();
  let t: TestApp;
  beforeAll(() => (t = app()));

  async function stateOf(projectId: string) {
    const em = t.orm.em.fork();
    const project = await em.findOneOrFail(Project, projectId);
    const shares = await em.find(Share, { project: projectId });
    return { ownerId: project.owner.id, shares: Object.fromEntries(shares.map((s) => [s.user.id, s.permissions])) };
  }

  /** A project of admin (a workspace Admin) with a share for `other`, and optionally for the new owner. */
  async function aHandover(opts: { newOwnerShare?: boolean; leave?: boolean } = {}) {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member, w.other]);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id);
    await t.http.as(token).post(`/projects/${project.id}/shares`, { userId: w.other.id, permissions: ['view', 'share'] });
    if (opts.newOwnerShare) await t.http.as(token).post(`/projects/${project.id}/shares`, { userId: w.member.id, permissions: ['view', 'edit'] });
    const before = await stateOf(project.id);
    const start = () =>
      t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id, permissions: ['view'], leave: opts.leave ?? false });
    return { ...w, ownerToken: token, project, before, start };
  }

  const cases: Array<{ step: string; leave: boolean; newOwnerShare: boolean }> = [
    { step: 'readOwnershipSnapshot', leave: false, newOwnerShare: false },
    { step: 'ensureNewOwnerShare', leave: false, newOwnerShare: false },
    { step: 'moveOwnership', leave: false, newOwnerShare: false },
    { step: 'moveOwnership', leave: true, newOwnerShare: true },
    { step: 'grantPreviousOwnerShare', leave: false, newOwnerShare: false },
    { step: 'removePreviousOwnerShare', leave: true, newOwnerShare: false },
  ];
  for (const c of cases) {
    it(`R-O4 R-S7 a cancel during ${c.step} ends cancelled with owner and shares exactly as before (leave: ${c.leave}, new owner had a share: ${c.newOwnerShare})`, async () => {
      const w = await aHandover(c);
      const hold = holdBefore(faults, c.step, 'activity');
      const started = await w.start();
      expect(started.status).toBe(202);
      await hold.reached();
      const cancel = await cancelOperation(t.http, w.ownerToken, started.body.operationId);
      expect(cancel.status).toBe(202);
      hold.release();

      const op = await waitForOperation(t.http, w.ownerToken, started.body.operationId);
      expect(op).toMatchObject({ status: 'cancelled', result: { ownerId: w.admin.id, newOwnerId: w.member.id } });
      expect(await stateOf(w.project.id)).toEqual(w.before);
      const audit = (await t.http.as(w.ownerToken).get(`/projects/${w.project.id}/audit?limit=50`)).body.items as Array<{ action: string }>;
      const actions = audit.map((e) => e.action);
      expect(actions).not.toContain('project.ownership_transferred');
      expect(actions.filter((a) => a.startsWith('operation.')).sort()).toEqual(['operation.cancel_requested', 'operation.cancelled']);
      expect(await temporalView(t.client, started.body.operationId)).toEqual({ status: 'CANCELLED', cancelRequested: true });
      // Nothing is left locked: the same handover runs to its end afterwards.
      const again = await waitForOperation(t.http, w.ownerToken, (await w.start()).body.operationId);
      expect(again.status).toBe('succeeded');
      expect((await stateOf(w.project.id)).ownerId).toBe(w.member.id);
    });
  }

  it('R-O4 once the handover is being recorded it is too late: 409 saying why, and it completes', async () => {
    const w = await aHandover();
    const hold = holdBefore(faults, 'recordOwnershipTransfer', 'activity');
    const started = await w.start();
    await hold.reached();
    const res = await cancelOperation(t.http, w.ownerToken, started.body.operationId);
    hold.release();
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'conflict', rule: 'R-O4', message: expect.stringContaining('too late') });
    expect((await waitForOperation(t.http, w.ownerToken, started.body.operationId)).status).toBe('succeeded');
    expect((await stateOf(w.project.id)).ownerId).toBe(w.member.id);
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: { $like: 'operation.%' } })).toBe(0);
  });

  it('R-O4 someone who sees the project but is neither the actor nor a workspace Admin gets 403; the handover goes on', async () => {
    const w = await aHandover();
    const hold = holdBefore(faults, 'moveOwnership', 'activity');
    const started = await w.start();
    await hold.reached();
    try {
      const other = await w.token(w.other); // a Developer with a share on the project
      expect((await t.http.as(other).get(`/operations/${encodeURIComponent(started.body.operationId)}`)).status).toBe(200);
      const res = await cancelOperation(t.http, other, started.body.operationId);
      expect({ status: res.status, rule: res.body.rule }).toEqual({ status: 403, rule: 'R-O4' });
    } finally {
      hold.release();
    }
    expect((await waitForOperation(t.http, w.ownerToken, started.body.operationId)).status).toBe('succeeded');
  });
});
