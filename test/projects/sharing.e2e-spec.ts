import { AuditEntry, Project, Share } from '../../libs/persistence/entities';
import { anOrganisation, aProject, waitForOperation, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from './project-world';

describe('project sharing and ownership (section 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A personal project of the admin, in a workspace where member and other are members. */
  async function personalProject() {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member, w.other]);
    const token = await w.token(w.admin);
    const project = await aProject(t.http, token, w.ws.id);
    return { ...w, tokenOf: w.token, token, project };
  }

  const sharesOf = async (projectId: string) => {
    const rows = await t.orm.em.fork().find(Share, { project: projectId }, { orderBy: { user: 'asc' } });
    return Object.fromEntries(rows.map((r) => [r.user.id, r.permissions]));
  };
  const ownerOf = async (projectId: string) => (await t.orm.em.fork().findOneOrFail(Project, projectId)).owner.id;

  it('R-S2 shares a project with a user with one or more of view, edit, share, manage; the share makes it visible', async () => {
    const w = await personalProject();
    const memberToken = await w.tokenOf(w.member);
    expect((await t.http.as(memberToken).get(`/projects/${w.project.id}`)).status).toBe(404);
    const added = await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['edit', 'view'] });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ userId: w.member.id, name: w.member.name, permissions: ['view', 'edit'], expiresAt: null });
    const seen = await t.http.as(memberToken).get(`/projects/${w.project.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.myPermissions).toEqual(['view', 'edit']);
    const changed = await t.http.as(w.token).patch(`/projects/${w.project.id}/shares/${w.member.id}`, { permissions: ['view', 'edit', 'share', 'manage'] });
    expect(changed.body.permissions).toEqual(['view', 'edit', 'share', 'manage']);
    for (const permissions of [[], ['admin'], ['view', 'view'], null]) {
      const res = await t.http.as(w.token).patch(`/projects/${w.project.id}/shares/${w.member.id}`, { permissions });
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field: 'permissions' });
    }
    expect(await sharesOf(w.project.id)).toEqual({ [w.member.id]: ['view', 'edit', 'share', 'manage'] });
    expect((await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['view'] })).status).toBe(409);
    expect((await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.admin.id, permissions: ['view'] })).status).toBe(400);
    // Two identical shares at once: one is created, the other is a 409, never a 500.
    const twice = await Promise.all(
      [1, 2].map(() => t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.other.id, permissions: ['view'] })),
    );
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await t.http.as(w.token).delete(`/projects/${w.project.id}/shares/${w.other.id}`)).status).toBe(204);
    // R-T1: a user of an unrelated organisation answers like an unknown one.
    const stranger = await anOrganisation(t.orm, { users: 1 });
    const res = await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: stranger.users[0].id, permissions: ['view'] });
    expect({ status: res.status, field: res.body.field }).toEqual({ status: 404, field: 'userId' });
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: { $in: ['project.share_added', 'project.share_changed'] } })).toBe(3);
  });

  it('R-S3 lets only the owner, a DataOwner or a user with share change shares; others who see the project only read them', async () => {
    const w = await personalProject();
    await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['view', 'edit', 'manage'] });
    const memberToken = await w.tokenOf(w.member);
    const read = await t.http.as(memberToken).get(`/projects/${w.project.id}/shares`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      owner: { id: w.admin.id },
      shares: [{ userId: w.member.id, permissions: ['view', 'edit', 'manage'] }],
      canChange: false,
    });
    const refused = await t.http.as(memberToken).post(`/projects/${w.project.id}/shares`, { userId: w.other.id, permissions: ['view'] });
    expect(refused.status).toBe(403);
    expect(refused.body.rule).toBe('R-S3');
    expect(
      (await t.http.as(memberToken).patch(`/projects/${w.project.id}/shares/${w.member.id}`, { permissions: ['view', 'edit', 'share', 'manage'] })).status,
    ).toBe(403);
    expect((await t.http.as(memberToken).delete(`/projects/${w.project.id}/shares/${w.member.id}`)).status).toBe(403);
    expect(await sharesOf(w.project.id)).toEqual({ [w.member.id]: ['view', 'edit', 'manage'] });

    // A DataOwner of the owning organisation may.
    const byDataOwner = await t.http.as(await w.tokenOf(w.dataOwner)).post(`/projects/${w.project.id}/shares`, { userId: w.other.id, permissions: ['view'] });
    expect(byDataOwner.status).toBe(201);
    // A user with `share` may.
    await t.http.as(w.token).patch(`/projects/${w.project.id}/shares/${w.member.id}`, { permissions: ['view', 'share'] });
    expect((await t.http.as(memberToken).patch(`/projects/${w.project.id}/shares/${w.other.id}`, { permissions: ['view', 'edit'] })).status).toBe(200);
    expect((await t.http.as(memberToken).delete(`/projects/${w.project.id}/shares/${w.other.id}`)).status).toBe(204);
    expect(await sharesOf(w.project.id)).toEqual({ [w.member.id]: ['view', 'share'] });
    // Someone who cannot see the project learns nothing.
    const stranger = await anOrganisation(t.orm, { users: 1 });
    expect((await t.http.as(await t.tokenFor(stranger.users[0])).get(`/projects/${w.project.id}/shares`)).status).toBe(404);
  });

  it('R-S4 hands ownership to a user without a share: its share is created in the same operation and the previous owner gets a full share', async () => {
    const w = await personalProject();
    const res = await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id, permissions: ['view', 'edit'] });
    expect(res.status).toBe(202);
    expect(res.body.operationId).toBe(`transfer-ownership.${w.project.id}`);
    const op = await waitForOperation(t.http, w.token, res.body.operationId);
    expect(op).toMatchObject({
      kind: 'transfer-ownership',
      status: 'succeeded',
      result: { previousOwnerId: w.admin.id, newOwnerId: w.member.id, previousOwnerShare: ['view', 'edit', 'share', 'manage'] },
    });
    expect(await ownerOf(w.project.id)).toBe(w.member.id);
    expect(await sharesOf(w.project.id)).toEqual({ [w.admin.id]: ['view', 'edit', 'share', 'manage'], [w.member.id]: ['view', 'edit'] });
    expect(
      await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, workspaceId: w.ws.id, action: 'project.ownership_transferred', operationId: op.id }),
    ).toBe(1);

    // The new owner may reduce or delete the previous owner's share.
    const newOwnerToken = await w.tokenOf(w.member);
    expect((await t.http.as(newOwnerToken).patch(`/projects/${w.project.id}/shares/${w.admin.id}`, { permissions: ['view'] })).status).toBe(200);
    // The previous owner cannot take ownership back alone, even with a full share.
    await t.http.as(newOwnerToken).patch(`/projects/${w.project.id}/shares/${w.admin.id}`, { permissions: ['view', 'edit', 'share', 'manage'] });
    const back = await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.admin.id });
    expect(back.status).toBe(403);
    expect(back.body.rule).toBe('R-S4');
    expect(await ownerOf(w.project.id)).toBe(w.member.id);
    expect((await t.http.as(newOwnerToken).delete(`/projects/${w.project.id}/shares/${w.admin.id}`)).status).toBe(204);
    expect((await t.http.as(w.token).get(`/projects/${w.project.id}`)).status).toBe(404);
  });

  it('R-S4 hands ownership to an existing share holder and keeps its share; only the owner may hand over', async () => {
    const w = await personalProject();
    await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['view', 'edit', 'share', 'manage'] });
    await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.other.id, permissions: ['view'] });
    const byShareHolder = await t.http.as(await w.tokenOf(w.member)).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id });
    expect(byShareHolder.status).toBe(403);
    const op = await waitForOperation(
      t.http,
      w.token,
      (await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.other.id })).body.operationId,
    );
    expect(op.status).toBe('succeeded');
    expect(await ownerOf(w.project.id)).toBe(w.other.id);
    expect(await sharesOf(w.project.id)).toEqual({
      [w.admin.id]: ['view', 'edit', 'share', 'manage'],
      [w.member.id]: ['view', 'edit', 'share', 'manage'],
      [w.other.id]: ['view'],
    });
    // A second handover of the same project (same operation id, next run) is audited too.
    const back = await waitForOperation(
      t.http,
      w.token,
      (await t.http.as(await w.tokenOf(w.other)).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.admin.id })).body.operationId,
    );
    expect(back.status).toBe('succeeded');
    expect(await ownerOf(w.project.id)).toBe(w.admin.id);
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: 'project.ownership_transferred' })).toBe(2);
    await waitForOperation(
      t.http,
      w.token,
      (await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.other.id })).body.operationId,
    );
    for (const [body, field] of [
      [{ newOwnerId: 'x' }, 'newOwnerId'],
      [{ newOwnerId: w.member.id, leave: 'yes' }, 'leave'],
      [{ newOwnerId: w.member.id, permissions: ['own'] }, 'permissions'],
    ] as const) {
      const res = await t.http.as(await w.tokenOf(w.other)).post(`/projects/${w.project.id}/transfer-ownership`, body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    }
  });

  it('R-S5 transfers and leaves in one operation: no share is left for the previous owner', async () => {
    const w = await personalProject();
    const op = await waitForOperation(
      t.http,
      w.token,
      (await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id, leave: true })).body.operationId,
    );
    expect(op).toMatchObject({ status: 'succeeded', result: { previousOwnerShare: null } });
    expect(await ownerOf(w.project.id)).toBe(w.member.id);
    expect(await sharesOf(w.project.id)).toEqual({ [w.member.id]: ['view'] });
    expect((await t.http.as(w.token).get(`/projects/${w.project.id}`)).status).toBe(404);
  });

  it('R-S6 lets a user leave a project shared with it, and refuses the owner', async () => {
    const w = await personalProject();
    await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['view', 'edit'] });
    const memberToken = await w.tokenOf(w.member);
    expect((await t.http.as(memberToken).post(`/projects/${w.project.id}/leave`)).status).toBe(204);
    expect(await sharesOf(w.project.id)).toEqual({});
    expect((await t.http.as(memberToken).get(`/projects/${w.project.id}`)).status).toBe(404);
    const owner = await t.http.as(w.token).post(`/projects/${w.project.id}/leave`);
    expect(owner.status).toBe(409);
    expect(owner.body).toMatchObject({ rule: 'R-S6' });
    expect(owner.body.message).toMatch(/transfer ownership/);
    expect(await ownerOf(w.project.id)).toBe(w.admin.id);
    expect(await t.orm.em.fork().count(AuditEntry, { projectId: w.project.id, action: 'project.left', actorId: w.member.id })).toBe(1);
  });

  it('R-S1 hides the operations of a project from workspace members who cannot see it', async () => {
    const w = await personalProject();
    const op = await waitForOperation(
      t.http,
      w.token,
      (await t.http.as(w.token).post(`/projects/${w.project.id}/transfer-ownership`, { newOwnerId: w.member.id })).body.operationId,
    );
    expect((await t.http.as(await w.tokenOf(w.member)).get(`/operations/${op.id}`)).status).toBe(200);
    // `other` is a member of the workspace but cannot see the personal project: the project check takes precedence.
    expect((await t.http.as(await w.tokenOf(w.other)).get(`/operations/${op.id}`)).status).toBe(404);
  });
});
