import { TestApp, startTestApp } from '../support/test-app';
import { anOrganisation } from '../support/factories';

describe('platform: health, auth, OpenAPI, bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health says up without a token (details: test/platform/health.e2e-spec.ts)', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up' });
  });

  it('refuses a call without a bearer token, with a JSON error', async () => {
    const res = await t.http.get('/workspaces');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await import('../../libs/auth/local-tokens').then((m) =>
      m.signLocalToken('another-secret-of-at-least-32-characters!', { sub: 'x', email: 'x@example.test' }),
    );
    const res = await t.http.as(forged).get('/workspaces');
    expect(res.status).toBe(401);
  });

  it('finds the user by email on first sight and binds the token subject', async () => {
    const { users } = await anOrganisation(t.orm);
    const token = await t.tokenFor(users[0]);
    const res = await t.http.as(token).get('/organisations/me');
    expect(res.status).toBe(200);
    expect(res.body.me.email).toBe(users[0].email);
    expect(res.body.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body.key).not.toBe(res.body.id);
  });

  it('publishes OpenAPI at /docs-json and a UI at /docs', async () => {
    const json = await t.http.get('/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/workspaces', '/workspaces/{workspaceId}/collaborators', '/operations/{id}']));
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers malformed JSON and unknown fields with 400 naming the field', async () => {
    const { users } = await anOrganisation(t.orm);
    const token = await t.tokenFor(users[0]);
    const bad = await t.http.as(token).request('POST', '/workspaces', '{"name":', {});
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid', field: 'body' });
    const extra = await t.http.as(token).post('/workspaces', { name: 'x', owner: 'me' });
    expect(extra.status).toBe(400);
    expect(extra.body).toMatchObject({ error: 'invalid', field: 'owner' });
    const empty = await t.http.as(token).post('/workspaces', { name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('name');
  });

  it('serves Prometheus metrics to an authenticated caller, counting requests by route pattern', async () => {
    const { users } = await anOrganisation(t.orm);
    const http = t.http.as(await t.tokenFor(users[0]));
    const line = /^http_requests_total\{method="GET",route="\/organisations\/me",status="200"\} (\d+)$/m;
    const count = (text: string) => Number(line.exec(text)?.[1] ?? 0);
    const before = await http.get('/metrics');
    expect(before.status).toBe(200);
    await http.get('/organisations/me');
    await http.get('/organisations/me');
    const after = await http.get('/metrics');
    expect(count(after.text) - count(before.text)).toBe(2);
    expect(after.text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/); // patterns, never ids
  });
});
