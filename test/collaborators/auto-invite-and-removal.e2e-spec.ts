import { randomUUID } from 'node:crypto';
import { Collaborator, Invitation, ProjectAccessGrant, User, Workspace, WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, aMember, aProjectRow, aWorkspace, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { collaboratorWorld } from './collaborator-world';

/** Seed 001 through the REST API and the real worker: a collaborator's auto invite (R-W9) and its removal (R-W11). */
describe('workspace collaborators: auto invite and removal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const { acmeWithPartner, invite, patch, rolesOf } = collaboratorWorld(() => t);

  it('R-W9 auto invite: a user added to the organisation joins every workspace that auto-invites it, with the configured role', async () => {
    const s = await acmeWithPartner();
    await invite(s, s.partner.organisation.id, ['AnnotationPartner']);
    const other = await aWorkspace(t.http, s.adminToken); // partner is no collaborator here
    const notAllowed = await patch(s.adminToken, s, s.partner.organisation.id, { autoInvite: true, autoInviteRole: 'Developer' });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body).toMatchObject({ rule: 'R-W9', field: 'autoInviteRole' });
    const noRole = await patch(s.adminToken, s, s.partner.organisation.id, { autoInvite: true });
    expect(noRole.body).toMatchObject({ rule: 'R-W9', field: 'autoInviteRole' });
    const on = await patch(s.adminToken, s, s.partner.organisation.id, { autoInvite: true, autoInviteRole: 'AnnotationManager' });
    expect((await waitForOperation(t.http, s.adminToken, on.body.operationId)).result).toMatchObject({ autoInvite: true, autoInviteRole: 'AnnotationManager' });

    const partnerAdminToken = await t.tokenFor(s.partner.users[0]);
    const created = await t.http
      .as(partnerAdminToken)
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: `New-${randomUUID()}@Example.test`, name: 'New Annotator' });
    expect(created.status).toBe(202);
    expect(created.body.user).toMatchObject({ organisationId: s.partner.organisation.id, orgRoles: ['Member'] });
    const op = await waitForOperation(t.http, partnerAdminToken, created.body.operationId);
    expect(op).toMatchObject({ kind: 'auto-invite', status: 'succeeded', result: { workspaceIds: [s.ws.id] } });
    expect(await rolesOf(s.ws.id, created.body.user.id)).toEqual(['AnnotationManager']);
    expect(await rolesOf(other.id, created.body.user.id)).toBeUndefined();
    const members = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/members?limit=200`);
    expect(members.body.items).toContainEqual(expect.objectContaining({ userId: created.body.user.id, roles: ['AnnotationManager'] }));

    // The owner's OrgAdmin manages the partner's workforce, so may add users too; a plain Member may not; a stranger sees nothing.
    const byManager = await t.http
      .as(s.adminToken)
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: `m-${randomUUID()}@example.test`, name: 'Via ACME' });
    expect(byManager.status).toBe(202);
    const byMember = await t.http
      .as(await t.tokenFor(s.partner.users[1]))
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: `x-${randomUUID()}@example.test`, name: 'X' });
    expect(byMember.status).toBe(403);
    const stranger = await anOrganisation(t.orm);
    const byStranger = await t.http
      .as(await t.tokenFor(stranger.users[0]))
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: `y-${randomUUID()}@example.test`, name: 'Y' });
    expect(byStranger.status).toBe(404);
    const duplicate = await t.http
      .as(partnerAdminToken)
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: created.body.user.email.toUpperCase(), name: 'Again' });
    expect(duplicate.status).toBe(409);

    // Off again: the next new user joins nothing.
    const off = await patch(s.adminToken, s, s.partner.organisation.id, { autoInvite: false });
    await waitForOperation(t.http, s.adminToken, off.body.operationId);
    const later = await t.http
      .as(partnerAdminToken)
      .post(`/organisations/${s.partner.organisation.id}/users`, { email: `later-${randomUUID()}@example.test`, name: 'Later' });
    expect((await waitForOperation(t.http, partnerAdminToken, later.body.operationId)).result).toEqual({ workspaceIds: [] });
    expect(await rolesOf(s.ws.id, later.body.user.id)).toBeUndefined();
  });

  it('R-W11 removes the members, their project access, the pending invitations to and from the organisation, then the collaborator', async () => {
    const s = await acmeWithPartner(3);
    const p1 = await aProjectRow(t.orm, s.ws.id, s.admin);
    await invite(s, s.partner.organisation.id, ['DataPartner'], { mode: 'limited', projectIds: [p1.id] });
    for (const u of s.partner.users) await aMember(t.orm, s.ws.id, u, ['Developer']);
    const em = t.orm.em.fork();
    const workspace = em.getReference(Workspace, s.ws.id);
    const invitation = (email: string, inviter: User, organisationId: string | null) =>
      new Invitation({
        workspace,
        email,
        inviter: em.getReference(User, inviter.id),
        types: ['DataPartner'],
        role: 'Developer',
        projectAccess: { mode: 'full' },
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 86_400_000),
        workflowId: `test.${randomUUID()}`,
        organisationId,
      });
    const toPartner = invitation(`to-${randomUUID()}@example.test`, s.admin, s.partner.organisation.id);
    const fromPartner = invitation(`from-${randomUUID()}@example.test`, s.partner.users[0], null);
    const unrelated = invitation(`other-${randomUUID()}@example.test`, s.admin, null);
    em.persist([toPartner, fromPartner, unrelated]);
    await em.flush();
    // And one sent for real (R-W6 a), whose workflow waits for accept, reminder or expiry.
    const realEmail = `real-${randomUUID()}@example.test`;
    const sent = await t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/invitations`, {
      emails: [realEmail],
      types: ['DataPartner'],
      role: 'Developer',
      projectAccess: { mode: 'full' },
      organisationId: s.partner.organisation.id,
    });
    expect(sent.status).toBe(202);
    const invitationOp = sent.body.items[0].operationId;
    for (let i = 0; i < 100 && !(await t.orm.em.fork().count(Invitation, { email: realEmail, status: 'pending' })); i++)
      await new Promise((r) => setTimeout(r, 50));

    const res = await t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`);
    expect(res.status).toBe(202);
    const op = await waitForOperation(t.http, s.adminToken, res.body.operationId);
    expect(op).toMatchObject({
      kind: 'remove-collaborator',
      status: 'succeeded',
      result: { membersRemoved: 3, projectGrantsRemoved: 1, invitationsRevoked: 3 },
    });
    // The revoked invitation's workflow is told at once and ends, not at its expiry days later.
    await t.client.workflow.getHandle(invitationOp).result();
    expect((await t.orm.em.fork().findOneOrFail(Invitation, { email: realEmail })).status).toBe('revoked');

    const check = t.orm.em.fork();
    expect(await check.count(WorkspaceMember, { workspace: s.ws.id, organisationId: s.partner.organisation.id })).toBe(0);
    expect(await check.count(WorkspaceMember, { workspace: s.ws.id, user: s.admin.id })).toBe(1);
    expect(await check.count(Collaborator, { workspace: s.ws.id, organisation: s.partner.organisation.id })).toBe(0);
    expect(await check.count(ProjectAccessGrant, { project: p1.id })).toBe(0);
    const after = await check.find(Invitation, { id: { $in: [toPartner.id, fromPartner.id, unrelated.id] } });
    const byId = Object.fromEntries(after.map((i) => [i.id, { status: i.status, pendingKey: i.pendingKey }]));
    expect(byId[toPartner.id]).toEqual({ status: 'revoked', pendingKey: null });
    expect(byId[fromPartner.id]).toEqual({ status: 'revoked', pendingKey: null });
    expect(byId[unrelated.id].status).toBe('pending');
    const audit = await t.http.as(s.adminToken).get(`/workspaces/${s.ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'collaborator.removed', operationId: op.id }));
    // The removed partner's users no longer see the workspace (R-T1).
    expect((await t.http.as(await t.tokenFor(s.partner.users[1])).get(`/workspaces/${s.ws.id}`)).status).toBe(404);
    // Gone: removing again is a 404, and the organisation may be invited afresh.
    expect((await t.http.as(s.adminToken).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`)).status).toBe(404);
    await invite(s, s.partner.organisation.id, ['AnnotationPartner']);
  });
});
