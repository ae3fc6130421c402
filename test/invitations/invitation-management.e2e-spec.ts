import { Invitation, User, WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anInvitation, anEmail, annotationPartner, linkIn, mailsTo, pathOf, waitForMailTo } from './invitation-helpers';

describe('managing invitations (R-I4): list, revoke, resend', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('R-I4 inviters and Admins list pending invitations; others see nothing', async () => {
    const { token, ws, item } = await anInvitation(t);
    const second = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail()], ...annotationPartner });
    // wait until the second row is persisted by its workflow
    await waitForMailTo(t, second.body.items[0].email);
    const list = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?limit=1`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: item.invitationId,
      status: 'pending',
      types: ['AnnotationPartner'],
      role: 'AnnotationManager',
      operationId: item.operationId,
    });
    const next = await t.http.as(token).get(`/workspaces/${ws.id}/invitations?limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.items[0].invitationId]);

    // A Developer of the workspace sees only the invitations it sent.
    const developer = await anOrganisation(t.orm);
    const em = t.orm.em.fork();
    const owner = await em.findOneOrFail(User, { id: (await em.findOneOrFail(Invitation, item.invitationId)).inviter.id }, { populate: ['organisation'] });
    const dev = new User({ email: anEmail(), name: 'Dev', organisation: owner.organisation });
    em.persist(dev);
    em.persist(new WorkspaceMember(em.getReference((await import('../../libs/persistence/entities')).Workspace, ws.id), dev, ['Developer']));
    await em.flush();
    const devList = await t.http.as(await t.tokenFor(dev)).get(`/workspaces/${ws.id}/invitations`);
    expect(devList.status).toBe(200);
    expect(devList.body.items).toEqual([]);
    expect((await t.http.as(await t.tokenFor(dev)).post(`/invitations/${item.invitationId}/revoke`)).status).toBe(404);
    const stranger = await t.http.as(await t.tokenFor(developer.users[0])).get(`/workspaces/${ws.id}/invitations`);
    expect(stranger.status).toBe(404);
  });

  it('R-I4 revoke: the link stops working, the operation ends revoked, a second revoke is a 409', async () => {
    const { token, ws, item, link } = await anInvitation(t);
    const res = await t.http.as(token).post(`/invitations/${item.invitationId}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: item.invitationId, status: 'revoked' });
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    const op = await waitForOperation(t.http, token, item.operationId);
    expect(op.result.invitations).toEqual([{ invitationId: item.invitationId, outcome: 'revoked' }]);
    expect((await t.http.as(token).get(`/workspaces/${ws.id}/invitations`)).body.items).toEqual([]);
    const again = await t.http.as(token).post(`/invitations/${item.invitationId}/revoke`);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('R-I4');
  });

  it('R-I4 resend: a fresh link by email, the old one stops working, the expiry restarts', async () => {
    const { token, item, link, email, mail } = await anInvitation(t);
    const before = await t.orm.em.fork().findOneOrFail(Invitation, item.invitationId);
    await new Promise((r) => setTimeout(r, 50));
    const res = await t.http.as(token).post(`/invitations/${item.invitationId}/resend`);
    expect(res.status).toBe(200);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(before.expiresAt.getTime());
    const resent = await waitForMailTo(t, email, { afterId: mail.id });
    const fresh = linkIn(t, resent);
    expect(fresh).not.toBe(link);
    expect(mailsTo(t, email)).toHaveLength(2);
    expect((await t.http.get(pathOf(link))).status).toBe(410);
    expect((await t.http.get(pathOf(fresh))).status).toBe(200);
    expect((await t.http.post(`${pathOf(fresh)}/accept`, { name: 'Gil', organisationName: 'Gil Org' })).status).toBe(200);
  });
});
