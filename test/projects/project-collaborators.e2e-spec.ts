import { randomUUID } from 'node:crypto';
import { SearchAttr } from '../../libs/operations/search-attributes';
import { AuditEntry, ProjectCollaborator, ProjectRequest } from '../../libs/persistence/entities';
import { anOrganisation, aProject, waitForOperation, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

describe('project collaborators by organisation key (section 3), as a Temporal workflow', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function collaborationProject(opts: { reversible?: boolean } = {}) {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id, { organisationProject: true, collaborationProject: true, reversible: opts.reversible ?? true });
    return { ...w, token, project };
  }

  const save = (token: string, projectId: string, collaborators: Array<{ key: string; canReverse?: boolean }>) =>
    t.http.as(token).post(`/projects/${projectId}/collaborators`, { collaborators });

  const collaboratorCount = (projectId: string) => t.orm.em.fork().count(ProjectCollaborator, { project: projectId });

  it('R-P1 adds collaborating organisations by their keys: 202, operation succeeds, audit, search attributes', async () => {
    const { token, project, ws } = await collaborationProject();
    const a = await anOrganisation(t.orm, { name: `Alpha ${randomUUID().slice(0, 6)}` });
    const b = await anOrganisation(t.orm, { name: `Beta ${randomUUID().slice(0, 6)}` });
    const res = await save(token, project.id, [{ key: a.organisation.key, canReverse: true }, { key: b.organisation.key.toUpperCase() }]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ operationId: `save-project-collaborators.${project.id}`, status: 'running' });
    expect(res.headers.get('location')).toBe(res.body.href);
    const op = await waitForOperation(t.http, token, res.body.operationId);
    expect(op).toMatchObject({ kind: 'save-project-collaborators', status: 'succeeded' });
    expect(op.result.added.map((x: { organisationId: string }) => x.organisationId)).toEqual([a.organisation.id, b.organisation.id]);

    const description = await t.client.workflow.getHandle(op.id).describe();
    expect(description.typedSearchAttributes.get(SearchAttr.projectId)).toBe(project.id);
    expect(description.typedSearchAttributes.get(SearchAttr.workspaceId)).toBe(ws.id);
    expect(
      await t.orm.em.fork().count(AuditEntry, { projectId: project.id, workspaceId: ws.id, action: 'project.collaborators_saved', operationId: op.id }),
    ).toBe(1);
    // Editing canReverse is a second save of the same project (same operation id, next run), audited too.
    const edit = await waitForOperation(t.http, token, (await save(token, project.id, [{ key: a.organisation.key, canReverse: false }])).body.operationId);
    expect(edit).toMatchObject({ status: 'succeeded', result: { added: [], updated: [{ organisationId: a.organisation.id, canReverse: false }] } });
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: project.id, action: 'project.collaborators_saved' })).toBe(2);
  });

  it('R-P7 shows the names of the collaborating organisations on the project, and R-S1 makes it visible to their users', async () => {
    const { token, project } = await collaborationProject();
    const partner = await anOrganisation(t.orm, { name: `Partner ${randomUUID().slice(0, 6)}`, users: 1 });
    const op = await waitForOperation(t.http, token, (await save(token, project.id, [{ key: partner.organisation.key }])).body.operationId);
    expect(op.status).toBe('succeeded');
    const got = await t.http.as(token).get(`/projects/${project.id}`);
    expect(got.body.collaborators).toEqual([{ organisationId: partner.organisation.id, organisationName: partner.organisation.name, canReverse: false }]);
    // R-S1: users of a collaborating organisation see a collaboration project, without being workspace members.
    const partnerToken = await t.tokenFor(partner.users[0]);
    const seen = await t.http.as(partnerToken).get(`/projects/${project.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.collaborators[0].organisationName).toBe(partner.organisation.name);
    expect(seen.body.myPermissions).toEqual(['view']);
    const listing = await t.http.as(partnerToken).get(`/workspaces/${project.workspaceId}/projects`);
    expect(listing.body.items.map((p: { id: string }) => p.id)).toEqual([project.id]);
    // ... and its operation too.
    expect((await t.http.as(partnerToken).get(`/operations/${op.id}`)).status).toBe(200);
  });

  it('R-P1 refuses a malformed key, an unknown key and the project own organisation, naming the key, and writes nothing', async () => {
    const { token, project, owner } = await collaborationProject();
    const good = await anOrganisation(t.orm);
    const unknownKey = randomUUID();
    const cases: Array<[Array<{ key: string }>, string, string]> = [
      [[{ key: good.organisation.key }, { key: 'not-a-key' }], 'collaborators[1].key', 'not-a-key'],
      [[{ key: unknownKey }], 'collaborators[0].key', unknownKey],
      [[{ key: good.organisation.key }, { key: owner.organisation.key }], 'collaborators[1].key', owner.organisation.key],
      [[{ key: good.organisation.key }, { key: good.organisation.key }], 'collaborators[1].key', good.organisation.key],
    ];
    for (const [collaborators, field, key] of cases) {
      const res = await save(token, project.id, collaborators);
      expect({ status: res.status, rule: res.body.rule, field: res.body.field }).toEqual({ status: 400, rule: 'R-P1', field });
      expect(res.body.message).toContain(key);
    }
    expect(await collaboratorCount(project.id)).toBe(0);
    for (const body of [{}, { collaborators: [] }, { collaborators: [{ key: 5 }] }, { collaborators: [{ key: good.organisation.key, canReverse: 'yes' }] }]) {
      const res = await t.http.as(token).post(`/projects/${project.id}/collaborators`, body);
      expect(res.status).toBe(400);
      expect(res.body.field).toMatch(/^collaborators/);
    }
  });

  it('R-P1 adds collaborators only to a collaboration project', async () => {
    const w = await aProjectWorld(t);
    const token = await w.token(w.admin);
    const plain = await aProject(t.http, token, w.ws.id, { organisationProject: true });
    const partner = await anOrganisation(t.orm);
    const res = await save(token, plain.id, [{ key: partner.organisation.key }]);
    expect(res.status).toBe(409);
    expect(res.body.rule).toBe('R-P1');
    expect(await collaboratorCount(plain.id)).toBe(0);
  });

  it('R-P1 lookup validates a key and answers only the organisation name; malformed is 400, unknown 404, too many 429', async () => {
    const w = await aProjectWorld(t);
    const partner = await anOrganisation(t.orm, { name: `Lookup ${randomUUID().slice(0, 6)}` });
    const token = await w.token(w.member);
    const ok = await t.http.as(token).get(`/organisations/lookup?key=${partner.organisation.key}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ name: partner.organisation.name });
    expect([ok.headers.get('ratelimit-limit'), ok.headers.get('ratelimit-remaining')]).toEqual(['30', '29']);
    const malformed = await t.http.as(token).get('/organisations/lookup?key=abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid', field: 'key' });
    expect((await t.http.as(token).get('/organisations/lookup')).body.field).toBe('key');
    const unknown = await t.http.as(token).get(`/organisations/lookup?key=${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('key');
    expect((await t.http.get(`/organisations/lookup?key=${partner.organisation.key}`)).status).toBe(401);
    let last = 0;
    for (let i = 0; i < 30; i++) last = (await t.http.as(token).get(`/organisations/lookup?key=${partner.organisation.key}`)).status;
    expect(last).toBe(429);
    const limited = await t.http.as(token).get(`/organisations/lookup?key=${partner.organisation.key}`);
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is per caller.
    expect((await t.http.as(await w.token(w.other)).get(`/organisations/lookup?key=${partner.organisation.key}`)).status).toBe(200);
  });

  it('R-P2 refuses canReverse on a project that is not reversible, and allows it on a reversible one', async () => {
    const { token, project } = await collaborationProject({ reversible: false });
    const partner = await anOrganisation(t.orm);
    const res = await save(token, project.id, [{ key: partner.organisation.key }, { key: (await anOrganisation(t.orm)).organisation.key, canReverse: true }]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ rule: 'R-P2', field: 'collaborators[1].canReverse' });
    expect(await collaboratorCount(project.id)).toBe(0);

    const reversible = await collaborationProject({ reversible: true });
    const op = await waitForOperation(
      t.http,
      reversible.token,
      (await save(reversible.token, reversible.project.id, [{ key: partner.organisation.key, canReverse: true }])).body.operationId,
    );
    expect(op.status).toBe('succeeded');
    expect((await t.http.as(reversible.token).get(`/projects/${reversible.project.id}`)).body.collaborators[0].canReverse).toBe(true);
  });

  it('R-P4 refuses to remove a project collaborator, with the explanation, and keeps it', async () => {
    const { token, project } = await collaborationProject();
    const partner = await anOrganisation(t.orm);
    await waitForOperation(t.http, token, (await save(token, project.id, [{ key: partner.organisation.key }])).body.operationId);
    const res = await t.http.as(token).delete(`/projects/${project.id}/collaborators/${partner.organisation.id}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'conflict', rule: 'R-P4' });
    expect(res.body.message).toMatch(/permanent.*new project/);
    expect(await collaboratorCount(project.id)).toBe(1);
    // Nor can the project stop being a collaboration project.
    const unflag = await t.http.as(token).patch(`/projects/${project.id}`, { collaborationProject: false });
    expect(unflag.status).toBe(409);
    expect(unflag.body.rule).toBe('R-P4');
    // An organisation that is not a collaborator is not found.
    expect((await t.http.as(token).delete(`/projects/${project.id}/collaborators/${randomUUID()}`)).status).toBe(404);
  });

  it('R-P5 refuses to add or edit collaborators while a request is submitted or in review (409), and allows it once decided', async () => {
    const { token, project, admin } = await collaborationProject();
    const partner = await anOrganisation(t.orm);
    const submitted = await t.http.as(token).post(`/projects/${project.id}/requests`, { kind: 'standard' });
    expect(submitted.status).toBe(201);
    const refused = await save(token, project.id, [{ key: partner.organisation.key }]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'conflict', rule: 'R-P5' });
    expect(refused.body.message).toMatch(/request/);

    const em = t.orm.em.fork();
    const request = await em.findOneOrFail(ProjectRequest, submitted.body.id);
    request.status = 'in_review';
    await em.flush();
    expect((await save(token, project.id, [{ key: partner.organisation.key }])).status).toBe(409);

    expect((await t.http.as(await t.tokenFor(admin)).post(`/projects/${project.id}/requests/${request.id}/approve`)).status).toBe(200);
    const op = await waitForOperation(t.http, token, (await save(token, project.id, [{ key: partner.organisation.key }])).body.operationId);
    expect(op.status).toBe('succeeded');
    expect(await collaboratorCount(project.id)).toBe(1);
  });

  it('R-T1 shows a project operation to those who see the project and hides it from others', async () => {
    const { token, project, ws, member } = await collaborationProject();
    await workspaceMembers(t.orm, ws.id, [member]);
    const partner = await anOrganisation(t.orm);
    const op = await waitForOperation(t.http, token, (await save(token, project.id, [{ key: partner.organisation.key }])).body.operationId);
    const stranger = await anOrganisation(t.orm);
    expect((await t.http.as(await t.tokenFor(stranger.users[0])).get(`/operations/${op.id}`)).status).toBe(404);
    // The owning organisation's workspace member sees the organisation project, hence its operation.
    expect((await t.http.as(await t.tokenFor(member)).get(`/operations/${op.id}`)).status).toBe(200);
  });
});
