import { AuditEntry, ProjectRequest } from '../../libs/persistence/entities';
import { anOrganisation, aProject, waitForOperation, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

describe('project requests (R-P6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A reversible collaboration project with two partners: one with canReverse, one without. */
  async function projectWithPartners(opts: { reversible?: boolean } = {}) {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member]);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id, { organisationProject: true, collaborationProject: true, reversible: opts.reversible ?? true });
    const reverser = await anOrganisation(t.orm, { users: 1 });
    const plain = await anOrganisation(t.orm, { users: 1 });
    const collaborators = [{ key: reverser.organisation.key, canReverse: opts.reversible ?? true }, { key: plain.organisation.key }];
    const op = await waitForOperation(
      t.http,
      token,
      (await t.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators })).body.operationId,
    );
    expect(op.status).toBe('succeeded');
    return { ...w, token, project, reverser: reverser.users[0], plain: plain.users[0] };
  }

  const submit = async (user: { id: string; email: string }, projectId: string, kind: string) =>
    t.http.as(await t.tokenFor(user)).post(`/projects/${projectId}/requests`, { kind });

  it('R-P6 lets members of the owning and of collaborating organisations submit a standard request', async () => {
    const w = await projectWithPartners();
    const own = await submit(w.dataOwner, w.project.id, 'standard');
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ kind: 'standard', status: 'submitted', submittedBy: w.dataOwner.id, projectId: w.project.id });
    expect((await submit(w.plain, w.project.id, 'standard')).status).toBe(201);
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: 'project.request_submitted' })).toBe(2);
    const list = await t.http.as(w.token).get(`/projects/${w.project.id}/requests`);
    expect(list.body).toHaveLength(2);
    // A user who sees the project only through a share, from another organisation, may not submit.
    const outsider = await anOrganisation(t.orm, { users: 1 });
    expect((await submit(outsider.users[0], w.project.id, 'standard')).status).toBe(404);
  });

  it('R-P6 accepts a reverse request only from the owning organisation or a collaborator with canReverse, on a reversible project', async () => {
    const w = await projectWithPartners();
    expect((await submit(w.member, w.project.id, 'reverse')).status).toBe(201);
    expect((await submit(w.reverser, w.project.id, 'reverse')).status).toBe(201);
    const refused = await submit(w.plain, w.project.id, 'reverse');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ rule: 'R-P6', field: 'kind' });

    const notReversible = await projectWithPartners({ reversible: false });
    const res = await submit(notReversible.admin, notReversible.project.id, 'reverse');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ rule: 'R-P6', field: 'kind' });
    expect(await t.orm.em.fork().count(ProjectRequest, { project: notReversible.project.id })).toBe(0);
    expect((await submit(notReversible.admin, notReversible.project.id, 'other')).body.field).toBe('kind');
  });

  it('R-P6 lets only an OrgAdmin or DataOwner of the owning organisation approve or reject', async () => {
    const w = await projectWithPartners();
    const a = (await submit(w.plain, w.project.id, 'standard')).body;
    const b = (await submit(w.plain, w.project.id, 'standard')).body;
    // The partner's user and a plain member of the owning organisation may not decide.
    for (const user of [w.plain, w.member]) {
      const res = await t.http.as(await t.tokenFor(user)).post(`/projects/${w.project.id}/requests/${a.id}/approve`);
      expect(res.status).toBe(403);
      expect(res.body.rule).toBe('R-P6');
    }
    const approved = await t.http.as(await t.tokenFor(w.dataOwner)).post(`/projects/${w.project.id}/requests/${a.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: w.dataOwner.id });
    const rejected = await t.http.as(w.token).post(`/projects/${w.project.id}/requests/${b.id}/reject`);
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: w.admin.id });
    const again = await t.http.as(w.token).post(`/projects/${w.project.id}/requests/${a.id}/reject`);
    expect(again.status).toBe(409);
    expect((await t.orm.em.fork().findOneOrFail(ProjectRequest, a.id)).status).toBe('approved');
  });
});
