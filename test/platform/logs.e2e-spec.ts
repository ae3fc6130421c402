import { WorkflowFailedError } from '@temporalio/client';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { startRefusedInviteOrganisation } from '../support/refused-operation';
import { jsonLines } from '../support/log-lines';
import { TestApp, startTestApp } from '../support/test-app';

/** Issue 11: one log format; a request's lines found in the API's and the worker's logs, joined by request and operation id. */
describe('logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('joins one request across the API and the worker by request id and operation id, in pino JSON', async () => {
    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    const requestId = `test-${Date.now()}`;
    const res = await t.http
      .as(token)
      .request<any>(
        'POST',
        `/workspaces/${ws.id}/collaborators`,
        { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } },
        { 'x-request-id': requestId },
      );
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const operationId = res.body.operationId;
    expect((await waitForOperation(t.http, token, operationId)).status).toBe('succeeded');

    const api = jsonLines(t.logs).filter((l) => l.req?.id === requestId);
    expect(api).toEqual([
      expect.objectContaining({ service: 'api', level: 'info', userId: owner.users[0].id, operationId, res: expect.objectContaining({ statusCode: 202 }) }),
    ]);

    const worker = jsonLines(t.workerLogs()).filter((l) => l.operationId === operationId);
    const activities = worker.filter((l) => l.msg === 'activity completed');
    expect(activities.length).toBeGreaterThan(0);
    for (const line of activities)
      expect(line).toMatchObject({ service: 'worker', level: 'info', workflowId: operationId, runId: expect.any(String), activityType: expect.any(String) });
    expect(worker.map((l) => l.host)).toContain(api[0].host);

    // The Temporal UI says what the operation does, and which request started it.
    const description = await t.client.workflow.getHandle(operationId).describe();
    expect(await description.staticSummary()).toBe(`Invite ${partner.organisation.name} to ${ws.name} as Data partner`);
    expect(await description.staticDetails()).toContain(requestId);
  });

  it('makes a request id when none is given, and ignores one that is not a sane token', async () => {
    const made = await t.http.get('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await t.http.request('GET', '/health', undefined, { 'x-request-id': 'has spaces and "quotes"' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs an expected refusal at INFO without a stack, in the API and in the worker', async () => {
    const owner = await anOrganisation(t.orm, { users: 2 });
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    const refused = await t.http
      .as(adminToken)
      .request(
        'POST',
        `/workspaces/${ws.id}/collaborators`,
        { organisationId: partner.organisation.id, types: ['Owner'], projectAccess: { mode: 'full' } },
        { 'x-request-id': 'refused-1' },
      );
    expect(refused.status).toBe(400);
    const apiLine = jsonLines(t.logs).find((l) => l.req?.id === 'refused-1');
    expect(apiLine).toMatchObject({ level: 'info', res: { statusCode: 400 } });
    expect(JSON.stringify(apiLine)).not.toMatch(/stack|at .*\.ts:\d+/);

    // R-W4 refused by the activity (the role changed after the API's fast check): as in test/operations.
    const workflowId = await startRefusedInviteOrganisation(t, ws.id, owner, partner);
    expect((await waitForOperation(t.http, adminToken, workflowId)).status).toBe('failed');
    const lines = jsonLines(t.workerLogs()).filter((l) => l.operationId === workflowId);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'activity refused', level: 'info', rule: 'R-W4', kind: 'forbidden' }));
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('"stack"');
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'operation refused', level: 'info', reason: expect.stringMatching(/^R-W4: a ProjectManager may invite only/) }),
    );
    // The failed workflow's top message is the rule and the message, not "Activity task failed".
    const failure = await t.client.workflow
      .getHandle(workflowId)
      .result()
      .catch((e: unknown) => (e instanceof WorkflowFailedError ? e.cause : undefined));
    expect(failure?.message).toMatch(/^R-W4: a ProjectManager may invite only/);
  });
});
