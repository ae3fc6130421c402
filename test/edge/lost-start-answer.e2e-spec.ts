import type { Client } from '@temporalio/client';
import { AuditEntry, Invitation, WorkspaceMember } from '../../libs/persistence/entities';
import { eventually } from '../support/eventually';
import { aWorkspaceWithPartner, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, mailsTo, waitForMailTo } from '../invitations/invitation-helpers';

/**
 * R-O1: a workflow start whose answer never came back (the deadline passed while the server
 * took it) is not a refusal of a request that is in fact carried out. The API asks again
 * and answers 202 when the operation runs; the request's rows stay, its mails go once, its
 * result is exact. Runs on the database of DATABASE_URL (SQLite by default, PostgreSQL when set).
 */
describe('a start whose answer was lost (R-O1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('R-O1 an invitation request whose start reached Temporal but whose answer was lost: 202, every invitation live, each address mailed once', async () => {
    const { token, ws } = await anInviter(t);
    const emails = [anEmail(), anEmail(), anEmail()];
    const lost = loseNextStartAnswer(t.client, { landed: true });
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails, ...annotationPartner });
    expect({ status: res.status, lost: lost.count }).toEqual({ status: 202, lost: 1 });
    const ids = (res.body.items as Array<{ invitationId: string }>).map((i) => i.invitationId);
    expect(await t.orm.em.fork().count(Invitation, { id: { $in: ids }, status: 'pending' })).toBe(3);
    for (const email of emails) await waitForMailTo(t, email);
    // The request's one operation mailed each address once, and still runs for their lives.
    const op = await eventually(
      async () => (await t.http.as(token).get(res.body.items[0].href)).body,
      (o) => o.progress?.mailed === 3,
      51,
      100,
    );
    expect(op).toMatchObject({ status: 'running', progress: { mailed: 3, total: 3 } });
    expect(emails.map((e) => mailsTo(t, e).length)).toEqual([1, 1, 1]);
  });

  // The run must finish while the API waits in its start: on SQLite the test app's API and
  // worker share one connection, which the operation guard's transaction holds until then.
  const whereTheRunCanFinish = process.env.TEST_DATABASE_URL ? it : it.skip;
  whereTheRunCanFinish('R-O1 add-all-users whose run finished before the lost answer: 202, one run, the exact result and one audit entry', async () => {
    const w = await aWorkspaceWithPartner(t, 3);
    const lost = loseNextStartAnswer(t.client, { landed: true, untilClosed: true });
    const started = await w.as.post(w.addAllUsersPath, { role: 'AnnotationManager' });
    expect({ status: started.status, lost: lost.count }).toEqual({ status: 202, lost: 1 });
    const op = await waitForOperation(t.http, w.token, started.body.operationId);
    // Asking again must not have run it twice: a second run would report the 3 as already members.
    expect(op).toMatchObject({ status: 'succeeded', result: { added: 3, alreadyMembers: 0, total: 3 } });
    const em = t.orm.em.fork();
    expect(await em.count(WorkspaceMember, { workspace: w.ws.id, organisationId: w.partner.organisation.id })).toBe(3);
    expect(await em.count(AuditEntry, { operationId: started.body.operationId, action: 'collaborator.all-users-added' })).toBe(1);
  });

  it('R-O1 a start that never reached Temporal, which answers when asked again: carried out (202), not undone', async () => {
    const { token, ws } = await anInviter(t);
    const email = anEmail();
    const lost = loseNextStartAnswer(t.client, { landed: false });
    const res = await t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: [email], ...annotationPartner });
    expect({ status: res.status, lost: lost.count }).toEqual({ status: 202, lost: 1 });
    expect(await t.orm.em.fork().count(Invitation, { id: res.body.items[0].invitationId, status: 'pending' })).toBe(1);
    await waitForMailTo(t, email);
  });
});

/**
 * The API's next workflow start fails as a start past its deadline does (gRPC
 * DEADLINE_EXCEEDED). `landed`: the server took it first (and, with `untilClosed`, the run
 * even finished); else it never arrived. Later starts go through untouched.
 */
function loseNextStartAnswer(client: Client, how: { landed: boolean; untilClosed?: boolean }): { count: number } {
  const workflows = client.workflow;
  const real = workflows.start.bind(workflows);
  const lost = { count: 0 };
  const once = async (...args: Parameters<typeof real>) => {
    workflows.start = real;
    if (how.landed) {
      const handle = await real(...args);
      if (how.untilClosed) await handle.result();
    }
    lost.count++;
    throw Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4, details: 'Deadline exceeded', metadata: {} });
  };
  workflows.start = once;
  return lost;
}
