import { ProjectCollaborator } from '../../libs/persistence/entities';
import { anOrganisation, aProject, waitForOperation } from '../support/factories';
import type { TestFaults } from '../support/faults';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

/**
 * Project collaborator saves under failure and concurrency (R-P3, R-P5): each test starts
 * an app of its own, with test-only faults injected into the real activities or with the
 * worker down, so nothing it does reaches the other tests.
 */
describe('project collaborator saves: all or nothing, and never under an open request', () => {
  const save = (app: TestApp, token: string, projectId: string, collaborators: Array<{ key: string; canReverse?: boolean }>) =>
    app.http.as(token).post(`/projects/${projectId}/collaborators`, { collaborators });

  /** A collaboration project in a fresh world of `app`, and its admin's token. */
  async function collaborationProject(app: TestApp): Promise<{ token: string; project: { id: string } }> {
    const w = await aProjectWorld(app);
    const token = await w.token(w.admin);
    return { token, project: await aProject(app.http, token, w.ws.id, { organisationProject: true, collaborationProject: true }) };
  }

  it('R-P3 saves several collaborators all or nothing: a failure inside the save writes none of them', async () => {
    const faults: TestFaults = {};
    const app = await startTestApp({ faults });
    try {
      const { token, project } = await collaborationProject(app);
      const keys = [
        (await anOrganisation(app.orm)).organisation.key,
        (await anOrganisation(app.orm)).organisation.key,
        (await anOrganisation(app.orm)).organisation.key,
      ];
      faults.failStep = 'saveProjectCollaborators';
      const failed = await waitForOperation(
        app.http,
        token,
        (await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: keys.map((key) => ({ key })) })).body.operationId,
      );
      expect(failed.status).toBe('failed');
      expect(await app.orm.em.fork().count(ProjectCollaborator, { project: project.id })).toBe(0);
      faults.failStep = undefined;
      const ok = await waitForOperation(
        app.http,
        token,
        (await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: keys.map((key) => ({ key })) })).body.operationId,
      );
      expect(ok.status).toBe('succeeded');
      expect(await app.orm.em.fork().count(ProjectCollaborator, { project: project.id })).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('R-P5 the save re-checks open requests inside its transaction: a request that arrives before the save runs makes it fail with 409 and write nothing', async () => {
    const app = await startTestApp({ worker: false });
    try {
      const { token, project } = await collaborationProject(app);
      const partner = await anOrganisation(app.orm);
      // Accepted while no request is open; the worker is down, so the save has not run yet.
      const accepted = await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key }] });
      expect(accepted.status).toBe(202);
      // A duplicate joins the pending save; a different save of the same project is refused rather than silently joined.
      const duplicate = await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key }] });
      expect({ status: duplicate.status, body: duplicate.body }).toMatchObject({ status: 202, body: { operationId: accepted.body.operationId } });
      const other = await anOrganisation(app.orm);
      expect((await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: [{ key: other.organisation.key }] })).status).toBe(409);
      expect((await app.http.as(token).post(`/projects/${project.id}/requests`, { kind: 'standard' })).status).toBe(201);
      await app.startWorker();
      const op = await waitForOperation(app.http, token, accepted.body.operationId);
      expect(op).toMatchObject({ status: 'failed', error: { error: 'conflict', rule: 'R-P5' } });
      expect(await app.orm.em.fork().count(ProjectCollaborator, { project: project.id })).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('R-P5 a request submitted while a save runs waits for the save to commit, so collaborators never change under an open request', async () => {
    const faults: TestFaults = {};
    const app = await startTestApp({ faults });
    try {
      const { token, project } = await collaborationProject(app);
      const partner = await anOrganisation(app.orm);
      const hold = { step: 'saveProjectCollaborators', ms: 1500, entered: false };
      faults.holdStep = hold;
      const accepted = await app.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key }] });
      expect(accepted.status).toBe(202);
      const deadline = Date.now() + 30_000;
      while (!hold.entered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(hold.entered).toBe(true);
      // The save has passed its R-P5 check, written its rows and holds the project until it commits; the submission must wait for it.
      const submitted = await app.http.as(token).post(`/projects/${project.id}/requests`, { kind: 'standard' });
      expect(submitted.status).toBe(201);
      expect(await app.orm.em.fork().count(ProjectCollaborator, { project: project.id })).toBe(1);
      faults.holdStep = undefined;
      expect((await waitForOperation(app.http, token, accepted.body.operationId)).status).toBe('succeeded');
      // From now on the open request freezes the collaborators.
      expect((await save(app, token, project.id, [{ key: partner.organisation.key, canReverse: false }])).status).toBe(409);
    } finally {
      await app.close();
    }
  });
});
