import { Collaborator } from '../../libs/persistence/entities';
import { waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { collaboratorWorld } from './collaborator-world';

/**
 * Issue 14, item 4: the API and the activity judge an operation with the same loader and
 * the same judge, so a step that runs after the facts changed gives the answer the API
 * gives for those facts, never another one (and never writes what the API would refuse).
 * The worker is stopped between the 202 and the step; the change in between is written
 * directly, as a concurrent writer would.
 */
describe('one check per rule: the step answers as the API answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const { acmeWithPartner, invite, patch } = collaboratorWorld(() => t);

  it('R-W2 an auto-invite role the types no longer allow is refused by the step as by the API, and not written', async () => {
    const s = await acmeWithPartner();
    const org = s.partner.organisation.id;
    await invite(s, org, ['DataPartner']);
    await t.stopWorker();
    try {
      // Allowed now (a DataPartner's members may be Developers): accepted, the step has not run.
      const accepted = await patch(s.adminToken, s, org, { autoInviteRole: 'Developer' });
      expect(accepted.status).toBe(202);
      await t.orm.em.fork().nativeUpdate(Collaborator, { workspace: s.ws.id, organisation: org }, { types: ['AnnotationPartner'] });
      // The API's answer for the facts as they are now.
      const refused = await patch(s.adminToken, s, org, { autoInviteRole: 'Developer' });
      expect({ status: refused.status, rule: refused.body.rule, field: refused.body.field }).toEqual({ status: 400, rule: 'R-W2', field: 'autoInviteRole' });
      await t.startWorker();
      const op = await waitForOperation(t.http, s.adminToken, accepted.body.operationId);
      expect(op).toMatchObject({ status: 'failed', error: { rule: 'R-W2', field: 'autoInviteRole' } });
      expect((await t.orm.em.fork().findOneOrFail(Collaborator, { workspace: s.ws.id, organisation: org })).autoInviteRole).toBeNull();
    } finally {
      if (!t.worker) await t.startWorker();
    }
  });
});
