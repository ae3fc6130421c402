import { SearchAttr } from '../../libs/operations/search-attributes';
import { Collaborator } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

describe('invite an organisation as collaborator (R-W6 b), as a Temporal workflow', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function ownerWithPartner() {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    return { owner, partner, token, ws };
  }

  it('R-W6 invites an organisation with workforce access: 202, operation succeeds, collaborator, audit, search attributes', async () => {
    const { partner, token, ws } = await ownerWithPartner();
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, {
      organisationId: partner.organisation.id,
      types: ['DataPartner', 'AnnotationPartner'],
      projectAccess: { mode: 'full' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'running', operationId: `invite-organisation.${ws.id}.${partner.organisation.id}` });
    expect(res.headers.get('location')).toBe(res.body.href);

    const op = await waitForOperation(t.http, token, res.body.operationId);
    expect(op).toMatchObject({ kind: 'invite-organisation', status: 'succeeded', result: { collaboratorId: expect.any(String) } });

    const row = await t.orm.em.fork().findOneOrFail(Collaborator, op.result.collaboratorId);
    expect(row.types).toEqual(['DataPartner', 'AnnotationPartner']);
    expect(row.projectAccess).toBe('full');

    const audit = await t.http.as(token).get(`/workspaces/${ws.id}/audit`);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'collaborator.invited', operationId: op.id }));

    const description = await t.client.workflow.getHandle(op.id).describe();
    expect(description.typedSearchAttributes.get(SearchAttr.workspaceId)).toBe(ws.id);
    expect(description.typedSearchAttributes.get(SearchAttr.organisationId)).toBe(partner.organisation.id);
    expect(description.typedSearchAttributes.get(SearchAttr.operationKind)).toBe('invite-organisation');
  });

  it('R-W6 refuses an organisation without workforce access, and writes nothing', async () => {
    const { token, ws } = await ownerWithPartner();
    const stranger = await anOrganisation(t.orm);
    const res = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: stranger.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ rule: 'R-W6', field: 'organisationId' });
    expect(await t.orm.em.fork().count(Collaborator, { workspace: ws.id, organisation: stranger.organisation.id })).toBe(0);
  });

  it('R-W1 refuses to assign the Owner type', async () => {
    const { partner, token, ws } = await ownerWithPartner();
    const res = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['Owner'], projectAccess: { mode: 'full' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ rule: 'R-W1', field: 'types' });
  });

  it('R-W6 answers 409 when the organisation is already a collaborator, and a duplicate request joins the running operation', async () => {
    const { partner, token, ws } = await ownerWithPartner();
    const body = { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } };
    const [a, b] = await Promise.all([
      t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, body),
      t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, body),
    ]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.operationId).toBe(a.body.operationId);
    await waitForOperation(t.http, token, a.body.operationId);
    expect(await t.orm.em.fork().count(Collaborator, { workspace: ws.id, organisation: partner.organisation.id })).toBe(1);
    const again = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, body);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('R-W6');
  });

  it('R-T1 hides the workspace and its operations from another tenant', async () => {
    const { partner, token, ws } = await ownerWithPartner();
    const res = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    const stranger = await anOrganisation(t.orm);
    const strangerToken = await t.tokenFor(stranger.users[0]);
    expect((await t.http.as(strangerToken).get(`/operations/${res.body.operationId}`)).status).toBe(404);
    const invite = await t.http
      .as(strangerToken)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: stranger.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect(invite.status).toBe(404);
    expect((await t.http.as(strangerToken).get('/operations/no-such-operation')).status).toBe(404);
  });

  it('refuses a malformed body with 400 naming the field', async () => {
    const { token, ws } = await ownerWithPartner();
    const cases: Array<[unknown, string]> = [
      [{ organisationId: 'x', types: ['DataPartner'], projectAccess: { mode: 'full' } }, 'organisationId'],
      [{ organisationId: ws.id, types: [], projectAccess: { mode: 'full' } }, 'types'],
      [{ organisationId: ws.id, types: ['DataPartner'], projectAccess: { mode: 'some' } }, 'projectAccess.mode'],
      [{ organisationId: ws.id, types: ['DataPartner'], projectAccess: { mode: 'limited', projectIds: ['nope'] } }, 'projectAccess.projectIds'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, body);
      expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    }
  });
});
