import { randomUUID } from 'node:crypto';
import { workspaceOperationIds } from '../../libs/operations/workspace-operations';
import { Collaborator, ProjectAccessGrant } from '../../libs/persistence/entities';
import { aMember, aProjectRow, anOrganisation, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { collaboratorWorld } from './collaborator-world';

/** Seed 001 collaborator management through the REST API and the real worker: R-W1, R-W3…R-W5, R-W7, R-W8 (R-W9, R-W11: auto-invite-and-removal). */
describe('workspace collaborators: manage, edit, auto invite, remove', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const { acmeWithPartner, invite, patch, rolesOf } = collaboratorWorld(() => t);

  it('R-W3 refuses collaborator management to a member with only AnnotationManager', async () => {
    const s = await acmeWithPartner();
    await invite(s, s.partner.organisation.id, ['AnnotationPartner']);
    await aMember(t.orm, s.ws.id, s.owner.users[1], ['AnnotationManager']);
    const token = await t.tokenFor(s.owner.users[1]);
    const attempts = [
      await t.http.as(token).get(`/workspaces/${s.ws.id}/collaborators`),
      await t.http.as(token).post(`/workspaces/${s.ws.id}/collaborators`, {
        organisationId: s.partner.organisation.id,
        types: ['AnnotationPartner'],
        projectAccess: { mode: 'full' },
      }),
      await patch(token, s, s.partner.organisation.id, { autoInvite: false }),
      await t.http.as(token).post(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}/add-all-users`, {}),
      await t.http.as(token).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`),
    ];
    for (const res of attempts) expect({ status: res.status, rule: res.body.rule }).toEqual({ status: 403, rule: 'R-W3' });
    expect(await t.orm.em.fork().count(Collaborator, { workspace: s.ws.id })).toBe(2);
  });

  it('R-W4 refuses a ProjectManager inviting a DataPartner, and lets it invite an AnnotationPartner', async () => {
    const s = await acmeWithPartner();
    await aMember(t.orm, s.ws.id, s.owner.users[1], ['ProjectManager']);
    const pmToken = await t.tokenFor(s.owner.users[1]);
    const refused = await t.http
      .as(pmToken)
      .post(`/workspaces/${s.ws.id}/collaborators`, { organisationId: s.partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', rule: 'R-W4', field: 'types' });
    expect(await t.orm.em.fork().count(Collaborator, { workspace: s.ws.id, organisation: s.partner.organisation.id })).toBe(0);

    const allowed = await t.http.as(pmToken).post(`/workspaces/${s.ws.id}/collaborators`, {
      organisationId: s.partner.organisation.id,
      types: ['AnnotationPartner'],
      projectAccess: { mode: 'full' },
    });
    expect(allowed.status).toBe(202);
    expect((await waitForOperation(t.http, pmToken, allowed.body.operationId)).status).toBe('succeeded');

    const escalate = await patch(pmToken, s, s.partner.organisation.id, { types: ['AnnotationPartner', 'DataPartner'] });
    expect(escalate.status).toBe(403);
    expect(escalate.body.rule).toBe('R-W4');
  });

  it('R-W5 shows an Admin every collaborator and others only those their organisation has workforce access to, paginated', async () => {
    const s = await acmeWithPartner();
    const third = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, s.owner.organisation, third.organisation);
    await invite(s, s.partner.organisation.id, ['DataPartner']);
    await invite(s, third.organisation.id, ['AnnotationPartner']);
    await aMember(t.orm, s.ws.id, s.partner.users[0], ['Developer']);

    const all = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/collaborators`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { organisationId: string }) => c.organisationId)).toEqual([
      s.owner.organisation.id,
      s.partner.organisation.id,
      third.organisation.id,
    ]);
    expect(all.body.items[0]).toMatchObject({ types: ['Owner'], projectAccess: { mode: 'full' }, autoInvite: false });

    const page1 = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/collaborators?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/collaborators?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ items: [{ organisationId: third.organisation.id }], nextCursor: null });

    const partnerView = await t.http.as(await t.tokenFor(s.partner.users[0])).get(`/workspaces/${s.ws.id}/collaborators`);
    expect(partnerView.body.items.map((c: { organisationId: string }) => c.organisationId)).toEqual([s.partner.organisation.id]);
    // What it cannot see it cannot act on either: 404, as if absent.
    const hidden = await patch(await t.tokenFor(s.partner.users[0]), s, third.organisation.id, { autoInvite: false });
    expect(hidden.status).toBe(404);
  });

  it('R-W1 never edits or removes the owner organisation, nor assigns Owner', async () => {
    const s = await acmeWithPartner();
    await invite(s, s.partner.organisation.id, ['DataPartner']);
    const edit = await patch(s.adminToken, s, s.owner.organisation.id, { types: ['DataPartner'] });
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ rule: 'R-W1' });
    const remove = await t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${s.owner.organisation.id}`);
    expect(remove.status).toBe(403);
    expect(remove.body).toMatchObject({ rule: 'R-W11' });
    const owner = await patch(s.adminToken, s, s.partner.organisation.id, { types: ['Owner'] });
    expect(owner.status).toBe(400);
    expect(owner.body).toMatchObject({ rule: 'R-W1', field: 'types' });
    const row = await t.orm.em.fork().findOneOrFail(Collaborator, { workspace: s.ws.id, organisation: s.owner.organisation.id });
    expect(row.types).toEqual(['Owner']);
  });

  it('R-W7 removing a type strips, from every member of that organisation, the roles the remaining types no longer allow', async () => {
    const s = await acmeWithPartner(3);
    await invite(s, s.partner.organisation.id, ['ProducerPartner', 'AnnotationPartner']);
    const [a, b, c] = s.partner.users;
    await aMember(t.orm, s.ws.id, a, ['ProjectManager', 'AnnotationManager']);
    await aMember(t.orm, s.ws.id, b, ['ProjectManager']);
    await aMember(t.orm, s.ws.id, c, ['AnnotationManager']);

    const empty = await patch(s.adminToken, s, s.partner.organisation.id, { types: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ rule: 'R-W7', field: 'types' });

    const res = await patch(s.adminToken, s, s.partner.organisation.id, { types: ['AnnotationPartner'] });
    expect(res.status).toBe(202);
    expect(res.body.operationId).toBe(workspaceOperationIds.editCollaborator(s.ws.id, s.partner.organisation.id));
    const op = await waitForOperation(t.http, s.adminToken, res.body.operationId);
    expect(op).toMatchObject({ kind: 'edit-collaborator', status: 'succeeded', result: { types: ['AnnotationPartner'], membersChanged: 2 } });

    expect(await rolesOf(s.ws.id, a.id)).toEqual(['AnnotationManager']);
    expect(await rolesOf(s.ws.id, b.id)).toEqual([]);
    expect(await rolesOf(s.ws.id, c.id)).toEqual(['AnnotationManager']);
    expect(await rolesOf(s.ws.id, s.admin.id)).toEqual(['Admin']); // the owner's members are untouched
    const audit = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'collaborator.edited',
        operationId: op.id,
        details: expect.objectContaining({ previousTypes: ['ProducerPartner', 'AnnotationPartner'], membersChanged: 2 }),
      }),
    );
  });

  it('R-W8 grants full or limited project access, only within the editor organisation own access', async () => {
    const s = await acmeWithPartner();
    const p1 = await aProjectRow(t.orm, s.ws.id, s.admin);
    const p2 = await aProjectRow(t.orm, s.ws.id, s.admin);
    await invite(s, s.partner.organisation.id, ['DataPartner'], { mode: 'limited', projectIds: [p1.id] });
    const grants = async () =>
      (await t.orm.em.fork().find(ProjectAccessGrant, { collaborator: { workspace: s.ws.id, organisation: s.partner.organisation.id } })).map(
        (g) => g.project.id,
      );
    expect(await grants()).toEqual([p1.id]);

    // A Developer of the partner (limited to p1) may not grant more than its organisation has.
    await aMember(t.orm, s.ws.id, s.partner.users[0], ['Developer']);
    const partnerToken = await t.tokenFor(s.partner.users[0]);
    const full = await patch(partnerToken, s, s.partner.organisation.id, { projectAccess: { mode: 'full' } });
    expect(full.status).toBe(403);
    expect(full.body).toMatchObject({ rule: 'R-W8', field: 'projectAccess.mode' });
    const outside = await patch(partnerToken, s, s.partner.organisation.id, { projectAccess: { mode: 'limited', projectIds: [p2.id] } });
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ rule: 'R-W8', field: 'projectAccess.projectIds' });
    const elsewhere = await patch(s.adminToken, s, s.partner.organisation.id, { projectAccess: { mode: 'limited', projectIds: [randomUUID()] } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.rule).toBe('R-W8');
    expect(await grants()).toEqual([p1.id]);

    // The owner (full access) widens it: limited to both, then full.
    const both = await patch(s.adminToken, s, s.partner.organisation.id, { projectAccess: { mode: 'limited', projectIds: [p1.id, p2.id] } });
    expect((await waitForOperation(t.http, s.adminToken, both.body.operationId)).result.projectAccess).toEqual({
      mode: 'limited',
      projectIds: expect.arrayContaining([p1.id, p2.id]),
    });
    const toFull = await patch(s.adminToken, s, s.partner.organisation.id, { projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, s.adminToken, toFull.body.operationId)).result.projectAccess).toEqual({ mode: 'full' });
    expect(await grants()).toEqual([]);
    const listed = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/collaborators`);
    expect(listed.body.items.find((c: { organisationId: string }) => c.organisationId === s.partner.organisation.id).projectAccess).toEqual({ mode: 'full' });
  });

  it('refuses a second operation on the same collaborator while one runs (409 naming it), and joins a duplicate of the same one', async () => {
    const s = await acmeWithPartner();
    await invite(s, s.partner.organisation.id, ['DataPartner']);
    await t.stopWorker(); // the first operation stays running
    try {
      const add = await t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}/add-all-users`, {});
      expect(add.status).toBe(202);
      const again = await t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}/add-all-users`, {});
      expect(again.body.operationId).toBe(add.body.operationId);

      const remove = await t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`);
      expect(remove.status).toBe(409);
      expect(remove.body).toMatchObject({ error: 'conflict' });
      expect(remove.body.message).toContain(add.body.operationId);
      const edit = await patch(s.adminToken, s, s.partner.organisation.id, { types: ['AnnotationPartner'] });
      expect(edit.status).toBe(409);
      const roles = await t.http.as(s.adminToken).put(`/workspaces/${s.ws.id}/members/${s.admin.id}/roles`, { roles: ['Admin', 'Developer'] });
      expect(roles.status).toBe(202); // another collaborator's member: not locked
    } finally {
      await t.startWorker();
    }
    const done = await waitForOperation(t.http, s.adminToken, workspaceOperationIds.addAllUsers(s.ws.id, s.partner.organisation.id));
    expect(done.status).toBe('succeeded');
    const remove = await t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`);
    expect(remove.status).toBe(202);
    expect((await waitForOperation(t.http, s.adminToken, remove.body.operationId)).status).toBe('succeeded');
  });

  it('answers bad input with 4xx naming the field, never 5xx', async () => {
    const s = await acmeWithPartner();
    await invite(s, s.partner.organisation.id, ['DataPartner']);
    const org = s.partner.organisation.id;
    const cases: Array<[Promise<{ status: number; body: any }>, number, string | undefined]> = [
      [patch(s.adminToken, s, org, {}), 400, 'body'],
      [patch(s.adminToken, s, org, { types: ['Nope'] }), 400, 'types'],
      [patch(s.adminToken, s, org, { types: 'DataPartner' }), 400, 'types'],
      [patch(s.adminToken, s, org, { autoInvite: 'yes' }), 400, 'autoInvite'],
      [patch(s.adminToken, s, org, { autoInviteRole: 'King' }), 400, 'autoInviteRole'],
      [patch(s.adminToken, s, org, { projectAccess: { mode: 'some' } }), 400, 'projectAccess.mode'],
      [patch(s.adminToken, s, org, { colour: 'red' }), 400, 'colour'],
      [patch(s.adminToken, s, 'not-a-uuid', { autoInvite: false }), 400, 'organisationId'],
      [patch(s.adminToken, s, randomUUID(), { autoInvite: false }), 404, 'organisationId'],
      [t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/collaborators/${org}/add-all-users`, { role: 'Admin' }), 400, 'role'],
      [t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/collaborators/${org}/add-all-users`, { role: 'King' }), 400, 'role'],
      [t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${randomUUID()}`), 404, 'organisationId'],
      [t.http.as(s.adminToken).post(`/organisations/${org}/users`, { email: 'not-an-email', name: 'X' }), 400, 'email'],
      [
        t.http.as(s.adminToken).post(`/organisations/${org}/users`, { email: `a-${randomUUID()}@example.test`, name: 'X', orgRoles: ['King'] }),
        400,
        'orgRoles',
      ],
    ];
    for (const [pending, status, field] of cases) {
      const res = await pending;
      expect({ status: res.status, field: res.body.field, hasMessage: typeof res.body.message === 'string' }).toEqual({ status, field, hasMessage: true });
    }
    const row = await t.orm.em.fork().findOneOrFail(Collaborator, { workspace: s.ws.id, organisation: org });
    expect(row.types).toEqual(['DataPartner']);
  });
});
