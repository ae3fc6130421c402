import { Workspace } from '../../libs/persistence/entities';
import { anOrganisation, aWorkspace, grantWorkforceAccess } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/** Section 8 (issue 13, point 6): bad input is a 400 naming the field, never a 500. */
describe('bad input is a 400, never a 500 (section 8)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const owner = await anOrganisation(t.orm);
    token = await t.tokenFor(owner.users[0]);
  });
  afterAll(() => t.close());

  const deep = (depth: number) => '{"name":'.repeat(depth) + '"x"' + '}'.repeat(depth);

  it('section 8: a JSON body nested 1,500 deep is a 400 naming the body, with no stack trace in the log', async () => {
    const before = t.logs.length;
    const res = await t.http.as(token).request<any>('POST', '/workspaces', deep(1_500));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'body' });
    expect(res.body.message).toMatch(/nested/);
    expect(t.logs.slice(before).join('')).not.toMatch(/RangeError|Maximum call stack/);
  });

  it('section 8: the public POST /invite/{token}/accept refuses a deep body with 400 too', async () => {
    const before = t.logs.length;
    const res = await t.http.request<any>('POST', '/invite/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/accept', deep(1_500), {
      accept: 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'body' });
    expect(t.logs.slice(before).join('')).not.toMatch(/RangeError|Maximum call stack/);
  });

  it('section 8: a NUL character in a string is a 400 naming the field, and nothing is written', async () => {
    const name = `nul ${Date.now()} a\u0000b`;
    const res = await t.http.as(token).post('/workspaces', { name });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'name' });
    expect(await t.orm.em.fork().count(Workspace, { name: { $like: `nul ${name.split(' ')[1]}%` } })).toBe(0);
  });

  it('section 8: a JSON array body is a 400 naming the body, not field "0"', async () => {
    const res = await t.http.as(token).post('/workspaces', [1, 2, 3]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'body', message: 'the request body must be a JSON object, not an array' });
  });

  it('section 8: a JSON string body is a 400 saying it must be an object, not that it is not JSON', async () => {
    const res = await t.http.as(token).request<any>('POST', '/workspaces', '"just a string"');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'body', message: 'the request body must be a JSON object, not a string' });
  });

  it('section 8: every invalid field is reported in one 400, the first also as field/message', async () => {
    const res = await t.http.as(token).post('/workspaces', { name: 42, colour: 'red' });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['colour', 'name']);
    expect(res.body.errors[0]).toEqual({ field: res.body.field, message: res.body.message });
  });

  it('section 8: a missing projectAccess is a 400 naming it, when inviting an organisation (R-W8) and by email (R-I1)', async () => {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const token = await t.tokenFor(owner.users[0]);
    const as = t.http.as(token);
    const ws = await aWorkspace(t.http, token);
    const invite = await as.post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'] });
    const byEmail = await as.post(`/workspaces/${ws.id}/invitations`, {
      emails: ['a@partner.example'],
      types: ['AnnotationPartner'],
      role: 'AnnotationManager',
    });
    for (const res of [invite, byEmail]) expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field: 'projectAccess' });
  });
});
