import { Share } from '../../libs/persistence/entities';
import { aProject, waitForOperation, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from '../projects/project-world';

/** R-E1 for a project share, end to end on the dev server (SQLite, or PostgreSQL with DATABASE_URL). */
describe('share end dates (R-E1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPIRY_WARNING_PERIOD: '4s' } });
  });
  afterAll(() => t.close());

  async function personalProject() {
    const w = await aProjectWorld(t);
    await workspaceMembers(t.orm, w.ws.id, [w.member, w.other]);
    const token = await w.token(w.admin);
    return { ...w, tokenOf: w.token, token, project: await aProject(t.http, token, w.ws.id) };
  }
  const shareOf = (projectId: string, userId: string) => t.orm.em.fork().findOne(Share, { project: projectId, user: userId });

  it('R-E1 a share given with an end date: the user is warned, then the share ends, audited with the expiry as actor', async () => {
    const w = await personalProject();
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    const added = await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.member.id, permissions: ['view'], expiresAt });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ expiresAt, expiryOperationId: `expiry.share.${w.project.id}.${w.member.id}` });
    expect((await t.http.as(w.token).get(`/operations/${added.body.expiryOperationId}`)).body).toMatchObject({ kind: 'expiry', status: 'running' });

    const warning = await t.mail.waitFor((m) => m.to.includes(w.member.email), 20_000);
    expect(warning.text).toContain(`Your access to the project "${w.project.name}"`);
    const op = await waitForOperation(t.http, w.token, added.body.expiryOperationId, 30_000);
    expect(op).toMatchObject({ status: 'succeeded', result: { outcome: 'removed', expiresAt, warningsSent: 1 } });
    expect(await shareOf(w.project.id, w.member.id)).toBeNull();
    expect((await t.http.as(await w.tokenOf(w.member)).get(`/projects/${w.project.id}`)).status).toBe(404);
    const audit = await t.http.as(w.token).get(`/workspaces/${w.ws.id}/audit?limit=200`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'project.share_expired',
        actorId: null,
        projectId: w.project.id,
        details: expect.objectContaining({ actor: 'system:expiry' }),
      }),
    );
  });

  it('R-E1 PATCH moves and clears a share end date, refusing one in the past by name', async () => {
    const w = await personalProject();
    const path = `/projects/${w.project.id}/shares/${w.other.id}`;
    await t.http.as(w.token).post(`/projects/${w.project.id}/shares`, { userId: w.other.id, permissions: ['view', 'edit'] });
    const past = await t.http.as(w.token).patch(path, { expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ rule: 'R-E1', field: 'expiresAt' });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const set = await t.http.as(w.token).patch(path, { expiresAt: later });
    expect(set.body).toMatchObject({ permissions: ['view', 'edit'], expiresAt: later });
    const cleared = await t.http.as(w.token).patch(path, { expiresAt: null });
    expect(cleared.body.expiresAt).toBeNull();
    expect(await waitForOperation(t.http, w.token, set.body.expiryOperationId)).toMatchObject({ status: 'succeeded', result: { outcome: 'cleared' } });
    expect((await shareOf(w.project.id, w.other.id))!.permissions).toEqual(['view', 'edit']);
  });
});
