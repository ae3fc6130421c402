import { randomBytes } from 'node:crypto';
import { anEmail, anInviter, annotationPartner } from '../invitations/invitation-helpers';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/** Issue 10, "nothing leaks" and "headers": what a security reviewer found at the public edge. */
describe('the public edge (R-I3, R-T1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  const aLiveLookingToken = () => randomBytes(32).toString('base64url');

  it('R-I3 routing is case-sensitive and no log line holds the token, whatever the case of the path', async () => {
    const token = aLiveLookingToken();
    for (const path of [`/INVITE/${token}`, `/Invite/${token}/accept`, `/invite/${token}`, `/invite/${token}/x`]) await t.http.get(path);
    expect((await t.http.get(`/INVITE/${token}`)).status).toBe(404);
    expect((await t.http.get(`/invite/${token}`)).status).toBe(410);
    const logs = t.logs.join('\n');
    expect(logs).toContain('[redacted]');
    expect(logs).not.toContain(token);
  });

  it("R-I3 no error body repeats the path: the framework's 404 for /invite/<token>/x says only not found", async () => {
    const token = aLiveLookingToken();
    for (const [method, path] of [
      ['GET', `/invite/${token}/x`],
      ['DELETE', `/invite/${token}`],
      ['GET', `/nowhere/${token}`],
    ]) {
      const res = await t.http.request(method, path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(token);
      expect(res.body).toEqual({
        type: 'urn:collab:problem:not_found',
        title: 'Not found',
        status: 404,
        detail: 'not found',
        error: 'not_found',
        message: 'not found',
      });
    }
  });

  it("R-T1 GET /operations/{id}: another organisation's real operation and an absent one answer byte-identically", async () => {
    const { token, ws } = await anInviter(t);
    const started = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [anEmail()], ...annotationPartner });
    expect(started.status).toBe(202);
    const real = started.body.items[0].operationId as string;
    const stranger = await t.tokenFor((await anOrganisation(t.orm)).users[0]);
    const notYours = await t.http.as(stranger).get(`/operations/${encodeURIComponent(real)}`);
    const absent = await t.http.as(stranger).get(`/operations/${encodeURIComponent(real.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x')))}`);
    expect(notYours.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(notYours.text).toBe(absent.text);
  });

  it('sends the standard security headers on every response, a CSP on /docs, and no X-Powered-By', async () => {
    const { users } = await anOrganisation(t.orm);
    const token = await t.tokenFor(users[0]);
    const replies = [
      await t.http.get('/docs'),
      await t.http.get('/docs-json'),
      await t.http.get('/workspaces'),
      await t.http.as(token).get('/workspaces'),
      await t.http.get('/nowhere'),
      await t.http.get(`/invite/${aLiveLookingToken()}`),
    ];
    for (const res of replies) {
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain('default-src');
    }
    const docs = replies[0].headers.get('content-security-policy')!;
    expect(docs).toContain("script-src 'self'");
    expect(docs).toContain("frame-ancestors 'none'");
  });

  it('public routes ignore a bad Authorization header: /health and the invitation page answer as without one', async () => {
    const token = aLiveLookingToken();
    for (const header of ['Bearer not-a-jwt', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer eyJhbGciOiJub25lIn0.e30.']) {
      const health = await t.http.request('GET', '/health', undefined, { authorization: header });
      expect(health.status).not.toBe(401);
      const page = await t.http.request('GET', `/invite/${token}`, undefined, { authorization: header });
      expect(page.status).toBe(410);
      const privateRoute = await t.http.request('GET', '/workspaces', undefined, { authorization: header });
      expect(privateRoute.status).toBe(401);
    }
  });
});
