import { writeFileSync } from 'node:fs';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectRow, aWorkspace, anOrganisation } from '../support/factories';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; schema?: { format?: string } }>;
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
};

/** Issue 11: the OpenAPI document describes every route completely (schemathesis and Redocly check it in .ci/run). */
describe('the OpenAPI contract', () => {
  let t: TestApp;
  let doc: { servers?: Array<{ url: string }>; components: { securitySchemes: Record<string, unknown> }; paths: Record<string, Record<string, Operation>> };
  let operations: Array<[string, string, Operation]>;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    doc = (await t.http.get('/docs-json')).body;
    if (process.env.OPENAPI_OUT) writeFileSync(process.env.OPENAPI_OUT, JSON.stringify(doc, null, 2));
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, path, op] as [string, string, Operation]),
    );
  });
  afterAll(() => t.close());

  it('gives every operation a readable id, a summary and a description', () => {
    const ids = operations.map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    for (const [name, , op] of operations) {
      expect({ name, id: op.operationId }).toEqual({ name, id: expect.stringMatching(/^[a-z][A-Za-z]+$/) });
      expect({ name, summary: op.summary }).toEqual({ name, summary: expect.any(String) });
      expect({ name, description: op.description }).toEqual({ name, description: expect.stringMatching(/\S/) });
    }
  });

  it('names the rule ids a route enforces in its description', () => {
    const withRules = operations.filter(([, , op]) => /R-[A-Z]\d/.test(op.description ?? ''));
    expect(withRules.length).toBeGreaterThan(operations.length * 0.8);
  });

  it('documents 401 on every authenticated route and each error with the one problem-details schema', () => {
    for (const [name, , op] of operations) {
      const authenticated = op.security === undefined || op.security.length > 0;
      if (authenticated) expect({ name, has401: '401' in op.responses }).toEqual({ name, has401: true });
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || name.includes('/invite/') || name.startsWith('GET /health')) continue;
        expect({ name, status, content: response.content }).toEqual({
          name,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        });
      }
    }
  });

  it('types validated path ids as UUIDs and documents the Location of every 202', () => {
    for (const [name, path, op] of operations) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'path' && p.name !== 'token' && !path.startsWith('/operations/'))
          expect({ name, param: p.name, format: p.schema?.format }).toEqual({ name, param: p.name, format: 'uuid' });
      }
      if ('202' in op.responses) expect({ name, headers: op.responses['202'].headers }).toEqual({ name, headers: { Location: expect.anything() } });
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2') && s !== '204');
      for (const s of success) expect({ name, s, content: op.responses[s].content }).toEqual({ name, s, content: expect.anything() });
    }
  });

  it('R-O4 documents stopping an operation (202, 403, 404, 409) and `cancelled` as an operation status', () => {
    const cancel = doc.paths['/operations/{id}/cancel'].post;
    expect(cancel.operationId).toBe('cancelOperation');
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['202', '403', '404', '409']));
    const schemas = (doc.components as unknown as { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> }).schemas;
    expect(schemas.OperationView.properties.status.enum).toContain('cancelled');
  });

  it('names its server and the bearer scheme', () => {
    expect(doc.servers).toEqual([{ url: t.config.http.publicBaseUrl }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers errors as RFC 9457 problem details that keep error, message, rule and field', async () => {
    const { users } = await anOrganisation(t.orm);
    const http = t.http.as(await t.tokenFor(users[0]));
    const bad = await http.post('/workspaces', { name: 'x', owner: 'me' });
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({
      type: 'urn:collab:problem:invalid',
      title: 'Invalid request',
      status: 400,
      detail: bad.body.message,
      instance: '/workspaces',
      error: 'invalid',
      field: 'owner',
    });
    const missing = await http.get('/workspaces/00000000-0000-4000-8000-000000000000?x=1');
    // R-T1: the route's template, never the path: no id is repeated, "not yours" reads like "absent".
    expect(missing.body).toMatchObject({ status: 404, error: 'not_found', instance: '/workspaces/{id}' });
    expect(missing.text).not.toContain('00000000-0000-4000-8000-000000000000');
    const anonymous = await t.http.get('/workspaces');
    expect(anonymous.body).toMatchObject({ status: 401, type: 'urn:collab:problem:unauthenticated', error: 'unauthenticated' });
  });

  describe('bugs schemathesis found', () => {
    it('refuses a null project name with 400 naming the field (was a 500)', async () => {
      const { users } = await anOrganisation(t.orm);
      const token = await t.tokenFor(users[0]);
      const ws = await aWorkspace(t.http, token);
      const project = await aProjectRow(t.orm, ws.id, users[0]);
      const res = await t.http.as(token).patch(`/projects/${project.id}`, { name: null });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid', field: 'name' });
    });

    it("names a listed project's owner when the caller owns it (the owner came back as { id } only)", async () => {
      const { users } = await anOrganisation(t.orm);
      const token = await t.tokenFor(users[0]);
      const ws = await aWorkspace(t.http, token);
      await aProjectRow(t.orm, ws.id, users[0]);
      const res = await t.http.as(token).get(`/workspaces/${ws.id}/projects`);
      expect(res.body.items[0].owner).toEqual({ id: users[0].id, name: users[0].name });
    });

    it('refuses NUL characters in text with 400 naming the field (was a 500)', async () => {
      const { users } = await anOrganisation(t.orm);
      const token = await t.tokenFor(users[0]);
      const ws = await aWorkspace(t.http, token);
      const project = await aProjectRow(t.orm, ws.id, users[0]);
      const res = await t.http.as(token).post(`/projects/${project.id}/requests`, { kind: 'standard', description: 'a\u0000b' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid', field: 'description' });
    });
  });
});
