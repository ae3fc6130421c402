import { MEMBER_BATCH_SIZE } from '../../libs/operations/workspace-operations';
import { AuditEntry, WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspaceWithPartner, waitForOperation } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { cancelOperation, holdBefore, withHeldSteps, problemOf, temporalView } from './cancel-helpers';

/**
 * R-O4: add-all-users stops after the batch in flight and says exactly how many it added,
 * in GET /operations/{id}, in the audit log and in the Temporal UI. Runs on the database
 * of DATABASE_URL (SQLite by default, PostgreSQL when set).
 */
describe('stopping add-all-users (R-O4)', () => {
  const { faults, app } = withHeldSteps();
  let t: TestApp;
  beforeAll(() => (t = app()));

  /** The shared R-W10 set-up, the owner with a second (non-Admin) user, and the add-all-users call. */
  async function aCancellableAddAll(partnerUsers: number) {
    const w = await aWorkspaceWithPartner(t, partnerUsers, [{ orgRoles: ['OrgAdmin'] }, { orgRoles: ['Member'] }]);
    const addAll = () => w.as.post(w.addAllUsersPath, { role: 'AnnotationManager' });
    const members = () => t.orm.em.fork().count(WorkspaceMember, { workspace: w.ws.id, organisationId: w.partner.organisation.id });
    return { ...w, addAll, members };
  }

  it('R-O4 a cancel during the first batch stops after it: cancelled, exactly one batch added, in the result, the audit log and the Temporal UI', async () => {
    const w = await aCancellableAddAll(MEMBER_BATCH_SIZE + 7);
    const hold = holdBefore(faults, 'addMembersBatch', 'activity');
    const started = await w.addAll();
    expect(started.status).toBe(202);
    await hold.reached();

    const cancel = await cancelOperation(t.http, w.token, started.body.operationId);
    expect(cancel.status).toBe(202);
    expect(cancel.headers.get('location')).toBe(started.body.href);
    // Asked twice: the same answer (idempotent).
    expect((await cancelOperation(t.http, w.token, started.body.operationId)).status).toBe(202);
    hold.release();

    const op = await waitForOperation(t.http, w.token, started.body.operationId, 120_000);
    expect(op).toMatchObject({ status: 'cancelled', result: { added: MEMBER_BATCH_SIZE, alreadyMembers: 0, total: MEMBER_BATCH_SIZE } });
    expect(await w.members()).toBe(MEMBER_BATCH_SIZE);
    const audit = (await t.http.as(w.token).get(`/workspaces/${w.ws.id}/audit?limit=50`)).body.items as Array<{
      action: string;
      actorId: string;
      details: any;
    }>;
    expect(audit.filter((e) => e.action === 'collaborator.all-users-added')).toEqual([]);
    expect(audit.filter((e) => e.action === 'operation.cancelled').map((e) => e.details)).toEqual([
      expect.objectContaining({ kind: 'add-all-users', result: { added: MEMBER_BATCH_SIZE, alreadyMembers: 0, total: MEMBER_BATCH_SIZE } }),
    ]);
    expect(audit.filter((e) => e.action === 'operation.cancel_requested').map((e) => e.actorId)).toContain(w.owner.users[0].id);
    expect(await temporalView(t.client, started.body.operationId)).toEqual({ status: 'CANCELLED', cancelRequested: true });

    // Cancelled is final: asking again answers 202 with the status it ended in.
    const again = await cancelOperation(t.http, w.token, started.body.operationId);
    expect({ status: again.status, body: again.body.status }).toEqual({ status: 202, body: 'cancelled' });
    // The operation can be run again and adds the rest.
    const rerun = await waitForOperation(t.http, w.token, (await w.addAll()).body.operationId, 120_000);
    expect(rerun).toMatchObject({ status: 'succeeded', result: { added: 7, alreadyMembers: MEMBER_BATCH_SIZE } });
  });

  it('R-O4 a finished operation answers 409 saying so, and changes nothing', async () => {
    const w = await aCancellableAddAll(3);
    const started = await w.addAll();
    expect((await waitForOperation(t.http, w.token, started.body.operationId)).status).toBe('succeeded');
    const res = await cancelOperation(t.http, w.token, started.body.operationId);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ error: 'conflict', rule: 'R-O4', message: expect.stringContaining('already succeeded') });
    expect((await t.http.as(w.token).get(`/operations/${started.body.operationId}`)).body.status).toBe('succeeded');
    expect(await t.orm.em.fork().count(AuditEntry, { operationId: started.body.operationId, action: { $like: 'operation.%' } })).toBe(0);
  });

  it('R-O4 R-T1 a stranger gets the 404 of GET /operations/{id}; a member who is neither actor nor Admin gets 403', async () => {
    const w = await aCancellableAddAll(MEMBER_BATCH_SIZE + 1);
    const hold = holdBefore(faults, 'addMembersBatch', 'activity');
    const started = await w.addAll();
    await hold.reached();
    try {
      const stranger = await t.tokenFor((await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] })).users[0]);
      const id = encodeURIComponent(started.body.operationId);
      const refused = await cancelOperation(t.http, stranger, started.body.operationId);
      expect(problemOf(refused)).toEqual(problemOf(await t.http.as(stranger).get(`/operations/${id}`)));
      expect(problemOf(refused)).toEqual(problemOf(await t.http.as(stranger).get(`/operations/no-such-operation`)));
      expect(refused.status).toBe(404);

      await aMember(t.orm, w.ws.id, w.owner.users[1], ['Developer']);
      const member = await t.tokenFor(w.owner.users[1]);
      expect((await t.http.as(member).get(`/operations/${id}`)).status).toBe(200);
      const forbidden = await cancelOperation(t.http, member, started.body.operationId);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.rule).toBe('R-O4');
    } finally {
      hold.release();
    }
    expect((await waitForOperation(t.http, w.token, started.body.operationId, 120_000)).status).toBe('succeeded');
    expect(await w.members()).toBe(MEMBER_BATCH_SIZE + 1);
  });
});
