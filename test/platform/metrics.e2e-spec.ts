import { anEmail, annotationPartner, anInviter, mailsTo } from '../invitations/invitation-helpers';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { startRefusedInviteOrganisation } from '../support/refused-operation';
import { sample, workerMetrics, workerMetricsUntil } from '../support/metrics-text';
import { TestApp, startTestApp } from '../support/test-app';

/** Issue 11: metrics about the work, read before and after it, from the API and from the worker. */
describe('business metrics', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    const { users } = await anOrganisation(t.orm);
    token = await t.tokenFor(users[0]);
  });
  afterAll(() => t.close());

  const api = async () => (await t.http.as(token).get('/metrics')).text;
  const worker = () => workerMetrics(t.workerMetricsUrl!);
  const workerUntil = (check: (text: string) => boolean) => workerMetricsUntil(t.workerMetricsUrl!, check);

  it('counts an operation started by kind (API), completed by outcome with its duration (worker)', async () => {
    expect(t.workerMetricsUrl).toBeDefined();
    const kind = { kind: 'invite-organisation' };
    const ok = { ...kind, outcome: 'succeeded' };
    const [apiBefore, workerBefore] = [await api(), await worker()];

    const owner = await anOrganisation(t.orm);
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const ownerToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, ownerToken);
    const res = await t.http
      .as(ownerToken)
      .post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
    expect((await waitForOperation(t.http, ownerToken, res.body.operationId)).status).toBe('succeeded');

    expect(sample(await api(), 'collab_operations_started_total', kind) - sample(apiBefore, 'collab_operations_started_total', kind)).toBe(1);
    const before = sample(workerBefore, 'collab_operations_completed', ok);
    const after = await workerUntil((text) => sample(text, 'collab_operations_completed', ok) > before);
    expect(sample(after, 'collab_operations_completed', ok) - before).toBe(1);
    expect(sample(after, 'collab_operation_duration_count', ok) - sample(workerBefore, 'collab_operation_duration_count', ok)).toBe(1);
    // The SDK's own metrics are there too.
    expect(after).toMatch(/^temporal_workflow_completed\{/m);
  });

  it('counts an operation refused by a rule as refused, not failed', async () => {
    const owner = await anOrganisation(t.orm, { users: 2 });
    const partner = await anOrganisation(t.orm);
    await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
    const adminToken = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, adminToken);
    const refused = { kind: 'invite-organisation', outcome: 'refused' };
    const failed = { kind: 'invite-organisation', outcome: 'failed' };
    const before = await worker();
    // R-W4 refused by the activity (the role changed after the API's fast check), as in test/operations.
    const workflowId = await startRefusedInviteOrganisation(t, ws.id, owner, partner);
    expect((await waitForOperation(t.http, adminToken, workflowId)).status).toBe('failed');
    const after = await workerUntil((text) => sample(text, 'collab_operations_completed', refused) > sample(before, 'collab_operations_completed', refused));
    expect(sample(after, 'collab_operations_completed', refused) - sample(before, 'collab_operations_completed', refused)).toBe(1);
    expect(sample(after, 'collab_operations_completed', failed)).toBe(sample(before, 'collab_operations_completed', failed));
  });

  it('R-O1 counts invitations by status and mails sent; an invitation request is an operation started like any other', async () => {
    const { token: inviterToken, ws } = await anInviter(t);
    const started = (text: string) => sample(text, 'collab_operations_started_total', { kind: 'invitation' });
    const startedBefore = started(await api());
    const pendingBefore = sample(await api(), 'collab_invitations', { status: 'pending' });
    const sentBefore = sample(await worker(), 'collab_mails', { outcome: 'sent' });
    const email = anEmail();
    const res = await t.http.as(inviterToken).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect(res.status).toBe(202);
    for (let i = 0; i < 100 && mailsTo(t, email).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(mailsTo(t, email)).toHaveLength(1);

    expect(sample(await api(), 'collab_invitations', { status: 'pending' }) - pendingBefore).toBe(1);
    expect(started(await api()) - startedBefore).toBe(1);
    // The Temporal UI says what it does, in words, as for every other operation (issue 11).
    const description = await t.client.workflow.getHandle(res.body.items[0].operationId).describe();
    expect(await description.staticSummary()).toBe(`Invite 1 person by email to ${ws.name}`);
    const after = await workerUntil((text) => sample(text, 'collab_mails', { outcome: 'sent' }) > sentBefore);
    expect(sample(after, 'collab_mails', { outcome: 'sent' }) - sentBefore).toBe(1);
  });
});
