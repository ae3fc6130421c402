import { Collaborator, Project, WorkspaceMember } from '../../libs/persistence/entities';
import { aMember, aProject, anOrganisation, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from '../projects/project-world';
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

  it('R-S4, R-T1 the handover step refuses a new owner the project may no longer be shared with, as the API does, and nothing moves', async () => {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id);
    // Someone of another organisation, eligible only as a member of the workspace.
    const guest = (await anOrganisation(t.orm, { users: [{}] })).users[0];
    await aMember(t.orm, w.ws.id, guest, ['Developer']);
    await t.stopWorker();
    try {
      const accepted = await t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: guest.id });
      expect(accepted.status).toBe(202);
      await t.orm.em.fork().nativeDelete(WorkspaceMember, { workspace: w.ws.id, user: guest.id });
      const refused = await t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: guest.id });
      expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 404, field: 'newOwnerId' });
      await t.startWorker();
      const op = await waitForOperation(t.http, token, accepted.body.operationId);
      expect(op).toMatchObject({ status: 'failed', error: { error: 'not_found', field: 'newOwnerId' } });
      expect((await t.orm.em.fork().findOneOrFail(Project, project.id)).owner.id).toBe(w.admin.id);
    } finally {
      if (!t.worker) await t.startWorker();
    }
  });
});
