import { AuditEntry, Project, WorkspaceMember } from '../../libs/persistence/entities';
import { aProject, aWorkspaceWithPartner, waitForOperation, workspaceMembers } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { aProjectWorld } from '../projects/project-world';
import { cancelOperation, holdBefore, withHeldSteps } from './cancel-helpers';

/**
 * R-O4: a cancel racing the operation's completion never leaves a half state. The last
 * stoppable step is held, then released at the same moment as the cancel is sent; each
 * round must end either fully done or fully cancelled, and the audit log must agree.
 */
describe('a cancel racing completion (R-O4)', () => {
  const ROUNDS = 4;
  const { faults, app } = withHeldSteps();
  let t: TestApp;
  beforeAll(() => (t = app()));

  const actionsOf = async (operationId: string) => (await t.orm.em.fork().find(AuditEntry, { operationId })).map((e) => e.action).sort();

  it('R-O4 R-S7 a handover ends fully transferred or fully restored, never in between', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const w = await aProjectWorld(t);
      await workspaceMembers(t.orm, w.ws.id, [w.member]);
      const token = await w.token(w.admin);
      const project = await aProject(t.http, token, w.ws.id);
      const hold = holdBefore(faults, 'grantPreviousOwnerShare', 'activity');
      const started = await t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id });
      await hold.reached();
      const [cancel] = await Promise.all([cancelOperation(t.http, token, started.body.operationId), Promise.resolve().then(hold.release)]);
      expect([202, 409]).toContain(cancel.status);
      const op = await waitForOperation(t.http, token, started.body.operationId);
      const owner = (await t.orm.em.fork().findOneOrFail(Project, project.id)).owner.id;
      const actions = await actionsOf(started.body.operationId);
      if (op.status === 'succeeded') {
        expect({ owner, cancelled: actions.includes('operation.cancelled') }).toEqual({ owner: w.member.id, cancelled: false });
        expect(actions).toContain('project.ownership_transferred');
      } else {
        expect(op.status).toBe('cancelled');
        expect(cancel.status).toBe(202);
        expect({ owner, transferred: actions.includes('project.ownership_transferred') }).toEqual({ owner: w.admin.id, transferred: false });
        expect(actions).toContain('operation.cancelled');
      }
      outcomes.push(`${cancel.status} ${op.status}`);
    }
    expect(outcomes).toHaveLength(ROUNDS);
  });

  it('R-O4 add-all-users ends with everybody added and audited as added, or cancelled with the exact count it added', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { token, ws, partner, as, addAllUsersPath } = await aWorkspaceWithPartner(t, 25);
      const hold = holdBefore(faults, 'addMembersBatch', 'activity');
      const started = await as.post(addAllUsersPath, { role: 'AnnotationManager' });
      await hold.reached();
      const [cancel] = await Promise.all([cancelOperation(t.http, token, started.body.operationId), Promise.resolve().then(hold.release)]);
      expect([202, 409]).toContain(cancel.status);
      const op = await waitForOperation(t.http, token, started.body.operationId);
      const members = await t.orm.em.fork().count(WorkspaceMember, { workspace: ws.id, organisationId: partner.organisation.id });
      const entries = await t.orm.em.fork().find(AuditEntry, { operationId: started.body.operationId, action: { $ne: 'operation.cancel_requested' } });
      expect(entries).toHaveLength(1);
      // The only batch was in flight: a cancel lets it finish, so both ends add all 25, and say so.
      expect(members).toBe(25);
      if (op.status === 'succeeded') {
        expect(entries[0]).toMatchObject({ action: 'collaborator.all-users-added', details: expect.objectContaining({ added: 25 }) });
      } else {
        expect(op).toMatchObject({ status: 'cancelled', result: { added: 25, alreadyMembers: 0, total: 25 } });
        expect(entries[0]).toMatchObject({ action: 'operation.cancelled', details: expect.objectContaining({ result: op.result }) });
      }
      outcomes.push(`${cancel.status} ${op.status}`);
    }
    expect(outcomes).toHaveLength(ROUNDS);
  });
});
