import { randomUUID } from 'node:crypto';
import { signLocalToken } from '../../libs/auth/local-tokens';
import { anEmail, annotationPartner } from '../invitations/invitation-helpers';
import { aProject, anOrganisation, aWorkspace, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aToken, anUnsignedToken } from '../support/tokens';

/**
 * The authorization matrix (R-A1, R-T1), one row per operation of /docs-json: an operation
 * without a row fails the first test, so a new route must say who may call it.
 *  - public: answers without a token (and ignores a bad one);
 *  - own: any signed-in user acts on their own things (a stranger's call is theirs, not ours);
 *  - tenant: names a resource of a workspace; a caller of another organisation gets 404
 *    (or 400 when the body is refused first), never 2xx and never 403 (R-T1).
 */
type Row = 'public' | 'own' | 'tenant';
const MATRIX: Record<string, Row> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /health/details': 'own',
  'GET /invite/{token}': 'public',
  'POST /invite/{token}/accept': 'public',
  'POST /invite/{token}/decline': 'public',
  'GET /invite/{token}/sign-in': 'public',
  'GET /auth/callback': 'public',
  'GET /codec/sign-in': 'public',
  'GET /metrics': 'own',
  'POST /codec/decode': 'own',
  'POST /workspaces': 'own',
  'GET /workspaces': 'own',
  'GET /organisations/me': 'own',
  'GET /organisations/lookup': 'own',
  'GET /workspaces/{id}': 'tenant',
  'GET /workspaces/{workspaceId}/audit': 'tenant',
  'GET /workspaces/{workspaceId}/members': 'tenant',
  'PUT /workspaces/{workspaceId}/members/{userId}/roles': 'tenant',
  'PATCH /workspaces/{workspaceId}/members/{userId}': 'tenant',
  'GET /workspaces/{workspaceId}/collaborators': 'tenant',
  'POST /workspaces/{workspaceId}/collaborators': 'tenant',
  'PATCH /workspaces/{workspaceId}/collaborators/{organisationId}': 'tenant',
  'POST /workspaces/{workspaceId}/collaborators/{organisationId}/add-all-users': 'tenant',
  'DELETE /workspaces/{workspaceId}/collaborators/{organisationId}': 'tenant',
  'POST /workspaces/{workspaceId}/invitations': 'tenant',
  'GET /workspaces/{workspaceId}/invitations': 'tenant',
  'GET /invitations/{invitationId}': 'tenant',
  'POST /invitations/{invitationId}/revoke': 'tenant',
  'POST /invitations/{invitationId}/resend': 'tenant',
  'POST /organisations/{organisationId}/users': 'tenant',
  'GET /operations/{id}': 'tenant',
  'POST /operations/{id}/cancel': 'tenant',
  'POST /workspaces/{workspaceId}/projects': 'tenant',
  'GET /workspaces/{workspaceId}/projects': 'tenant',
  'GET /projects/{projectId}': 'tenant',
  'PATCH /projects/{projectId}': 'tenant',
  'GET /projects/{projectId}/audit': 'tenant',
  'POST /projects/{projectId}/collaborators': 'tenant',
  'DELETE /projects/{projectId}/collaborators/{organisationId}': 'tenant',
  'POST /projects/{projectId}/requests': 'tenant',
  'GET /projects/{projectId}/requests': 'tenant',
  'POST /projects/{projectId}/requests/{requestId}/approve': 'tenant',
  'POST /projects/{projectId}/requests/{requestId}/reject': 'tenant',
  'GET /projects/{projectId}/shares': 'tenant',
  'POST /projects/{projectId}/shares': 'tenant',
  'PATCH /projects/{projectId}/shares/{userId}': 'tenant',
  'DELETE /projects/{projectId}/shares/{userId}': 'tenant',
  'POST /projects/{projectId}/transfer-ownership': 'tenant',
  'POST /projects/{projectId}/leave': 'tenant',
};

describe('the authorization matrix over every route of /docs-json (R-A1, R-T1)', () => {
  let t: TestApp;
  let operations: Array<{ method: string; path: string; key: string }>;
  let ids: Record<string, string>;
  let owner: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );
    const a = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin', 'DataOwner'] }, { orgRoles: ['Member'] }] });
    owner = a.users[0];
    const token = await t.tokenFor(owner);
    const ws = await aWorkspace(t.http, token);
    await workspaceMembers(t.orm, ws.id, [a.users[1]]);
    const project = await aProject(t.http, token, ws.id);
    const invited = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail()], ...annotationPartner });
    ids = {
      workspaceId: ws.id,
      id: ws.id,
      projectId: project.id,
      organisationId: a.organisation.id,
      userId: a.users[1].id,
      invitationId: invited.body.items[0].invitationId,
      operationId: invited.body.items[0].operationId,
      requestId: randomUUID(),
      token: 'x'.repeat(43),
    };
  });
  afterAll(() => t.close());

  const fill = (op: { path: string }) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(op.path.startsWith('/operations/') ? ids.operationId : (ids[name] ?? name)));

  it('has one row for every operation in /docs-json, and no row for an operation that is gone', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.map((o) => o.key).filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !operations.some((o) => o.key === k))).toEqual([]);
  });

  it('R-A1 refuses anonymous, expired, wrongly signed, alg=none, foreign-audience and foreign-issuer tokens on every non-public operation (401)', async () => {
    const sub = owner.id;
    const now = Math.floor(Date.now() / 1000);
    const bad: Record<string, string | undefined> = {
      anonymous: undefined,
      expired: await aToken({ sub, email: owner.email, iat: now - 7200, exp: now - 3600 }),
      wronglySigned: await signLocalToken('another-secret-of-at-least-32-characters!', { sub, email: owner.email }),
      algNone: anUnsignedToken({ sub, email: owner.email }),
      otherAudience: await aToken({ sub, email: owner.email, aud: 'another-api' }),
      otherIssuer: await aToken({ sub, email: owner.email, iss: 'https://idp.elsewhere.example' }),
    };
    const answers: string[] = [];
    for (const op of operations.filter((o) => MATRIX[o.key] !== 'public')) {
      for (const [kind, token] of Object.entries(bad)) {
        const res = await t.http.as(token).request(op.method, fill(op), ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined);
        if (res.status !== 401) answers.push(`${op.key} as ${kind}: ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('R-T1 a signed-in caller of another organisation gets 404 (never 2xx, never 403) for every tenant operation', async () => {
    const stranger = await t.tokenFor((await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin', 'DataOwner'] }] })).users[0]);
    const answers: string[] = [];
    for (const op of operations.filter((o) => MATRIX[o.key] === 'tenant')) {
      const res = await t.http.as(stranger).request(op.method, fill(op), ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined);
      if (res.status !== 404 && res.status !== 400) answers.push(`${op.key}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(answers).toEqual([]);
  });
});
