import { Collaborator, Organisation, User, Workspace, WorkspaceMember } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, annotationPartner, anInviter, linkIn, pathOf, waitForMailTo } from './invitation-helpers';

describe('auto invite of a user created by accepting an invitation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('R-W9 a person who joins an existing organisation by accepting an invitation is auto-invited where that organisation has auto invite on', async () => {
    const partner = await anOrganisation(t.orm);
    // Another workspace, where the partner organisation is a collaborator with auto invite on.
    const other = await anOrganisation(t.orm);
    const otherWs = await aWorkspace(t.http, await t.tokenFor(other.users[0]));
    const em = t.orm.em.fork();
    const collaborator = new Collaborator({
      workspace: em.getReference(Workspace, otherWs.id),
      organisation: em.getReference(Organisation, partner.organisation.id),
      types: ['AnnotationPartner'],
      projectAccess: 'full',
    });
    collaborator.autoInvite = true;
    collaborator.autoInviteRole = 'AnnotationManager';
    await em.persist(collaborator).flush();

    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const res = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner, organisationId: partner.organisation.id });
    expect(res.status).toBe(202);
    const link = linkIn(t, await waitForMailTo(t, email));
    const accepted = await t.http.post(`${pathOf(link)}/accept`, { name: 'Newcomer' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.created).toMatchObject({ user: true, organisation: false });

    const user = await t.orm.em.fork().findOneOrFail(User, { email });
    const deadline = Date.now() + 30_000;
    let member: WorkspaceMember | null = null;
    while (!member && Date.now() < deadline) {
      member = await t.orm.em.fork().findOne(WorkspaceMember, { workspace: otherWs.id, user: user.id });
      if (!member) await new Promise((r) => setTimeout(r, 200));
    }
    expect(member?.roles).toEqual(['AnnotationManager']);
  });
});
