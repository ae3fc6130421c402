import { AuditEntry, Invitation } from '../../libs/persistence/entities';
import { SearchAttr } from '../../libs/operations/search-attributes';
import { waitForOperation } from '../support/factories';
import { sample, workerMetrics, workerMetricsUntil } from '../support/metrics-text';
import type { TestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner, linkIn, pathOf, waitForMailTo } from '../invitations/invitation-helpers';
import { cancelOperation, holdBefore, withHeldSteps, temporalView } from './cancel-helpers';

/**
 * R-O4: an invitation request stops mailing the rest. Mail steps run through a few lanes;
 * a cancel lets the steps in flight finish, revokes the never-mailed rows and says which
 * were sent, while the mailed invitations keep their lives. Runs on the database of
 * DATABASE_URL (SQLite by default, PostgreSQL when set).
 */
describe('stopping an invitation request (R-O4)', () => {
  const { faults, app } = withHeldSteps();
  let t: TestApp;
  beforeAll(() => (t = app()));

  async function aRequest(count: number) {
    const setup = await anInviter(t);
    const emails = Array.from({ length: count }, () => anEmail());
    const res = await t.http.as(setup.token).post(`/workspaces/${setup.ws.id}/invitations`, { emails, ...annotationPartner });
    expect(res.status).toBe(202);
    const items = res.body.items as Array<{ email: string; invitationId: string; operationId: string; href: string }>;
    return { ...setup, emails, items, operationId: items[0].operationId };
  }

  it('R-O4 cancelling an invitation request mid-mailing stops the rest: exactly the held/in-flight ones are mailed, the rest are revoked and never mailed, the result names both', async () => {
    // 30 invitations: 6 mail steps of 5, 4 in flight at once (held), 2 never pulled.
    const hold = holdBefore(faults, 'mailInvitations', 'activity');
    const r = await aRequest(30);
    await hold.reached();
    const cancel = await cancelOperation(t.http, r.token, r.operationId);
    expect(cancel.status).toBe(202);
    hold.release();

    const op = await waitForOperation(t.http, r.token, r.operationId, 120_000);
    expect(op.status).toBe('cancelled');
    const result = op.result as {
      mailed: number;
      notMailed: number;
      mailedInvitationIds: string[];
      notMailedInvitationIds: string[];
      revokedInvitationIds: string[];
    };
    const ids = r.items.map((i) => i.invitationId);
    // Chunks are pulled in request order: the first four were in flight.
    expect(result).toEqual({
      mailed: 20,
      notMailed: 10,
      mailedInvitationIds: ids.slice(0, 20),
      notMailedInvitationIds: ids.slice(20),
      revokedInvitationIds: ids.slice(20),
    });

    // Exactly the mailed ones got mail (sent within their steps, before the workflow heard back).
    const mailed = r.items.slice(0, 20);
    const mails = await Promise.all(mailed.map((i) => waitForMailTo(t, i.email.toLowerCase())));
    for (const item of r.items.slice(20)) expect(t.mail.mailsTo(item.email)).toEqual([]);
    const rows = await t.orm.em.fork().find(Invitation, { id: { $in: ids } }, { fields: ['id', 'status'] });
    const statusById = Object.fromEntries(rows.map((row) => [row.id, row.status]));
    expect(ids.map((id) => statusById[id])).toEqual([...Array(20).fill('pending'), ...Array(10).fill('revoked')]);

    // The audit log and the Temporal UI say so; the run goes on for the mailed invitations.
    const audit = await t.orm.em.fork().find(AuditEntry, { operationId: r.operationId }, { orderBy: { createdAt: 'asc' } });
    expect(audit.filter((e) => e.action === 'operation.cancelled').map((e) => e.details)).toEqual([{ kind: 'invitation', result }]);
    expect(audit.filter((e) => e.action === 'invitation.revoked').length).toBe(10);
    expect(audit.filter((e) => e.action === 'operation.cancel_requested').map((e) => e.actorId)).toEqual([r.inviter.id]);
    expect(await temporalView(t.client, r.operationId)).toEqual({ status: 'RUNNING', cancelRequested: true });
    const attrs = (await t.client.workflow.getHandle(r.operationId).describe()).typedSearchAttributes;
    expect(attrs.get(SearchAttr.invitationState)).toBe('cancelled');
    const again = await cancelOperation(t.http, r.token, r.operationId);
    expect({ status: again.status, body: again.body.status }).toEqual({ status: 202, body: 'cancelled' });

    // A mailed invitation can still be accepted; a revoked one's id answers as revoked.
    const accepted = await t.http.post(`${pathOf(linkIn(t, mails[0]))}/accept`, { name: 'Bo Invitee', organisationName: 'After Cancel Org' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ invitationId: mailed[0].invitationId, workspaceId: r.ws.id });
    expect((await t.orm.em.fork().findOneOrFail(Invitation, mailed[0].invitationId)).status).toBe('accepted');
    // And still revoked one by one, by the inviter.
    expect((await t.http.as(r.token).post(`/invitations/${mailed[1].invitationId}/revoke`)).status).toBe(200);
    expect((await t.http.as(r.token).get(`/operations/${encodeURIComponent(r.operationId)}`)).body).toMatchObject({ status: 'cancelled', result });

    // Once the last mailed invitation ended, the run ends, and the metrics count it cancelled.
    const cancelled = { kind: 'invitation', outcome: 'cancelled' };
    const before = sample(await workerMetrics(t.workerMetricsUrl!), 'collab_operations_completed', cancelled);
    for (const item of mailed.slice(2)) expect((await t.http.as(r.token).post(`/invitations/${item.invitationId}/revoke`)).status).toBe(200);
    await t.client.workflow.getHandle(r.operationId).result();
    const after = await workerMetricsUntil(t.workerMetricsUrl!, (text) => sample(text, 'collab_operations_completed', cancelled) > before);
    expect(sample(after, 'collab_operations_completed', cancelled) - before).toBe(1);
    expect((await t.http.as(r.token).get(`/operations/${encodeURIComponent(r.operationId)}`)).body).toMatchObject({ status: 'cancelled', result });
  });

  it('R-O4 a cancel after every mail went out answers 409 saying why, and changes nothing', async () => {
    const r = await aRequest(2);
    let op = (await t.http.as(r.token).get(`/operations/${encodeURIComponent(r.operationId)}`)).body;
    for (let i = 0; i < 200 && op.progress?.step !== 'awaitingAnswers'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      op = (await t.http.as(r.token).get(`/operations/${encodeURIComponent(r.operationId)}`)).body;
    }
    expect(op.progress.step).toBe('awaitingAnswers');
    const res = await cancelOperation(t.http, r.token, r.operationId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      rule: 'R-O4',
      message: 'too late to stop: every invitation has been mailed; revoke them one by one (POST /invitations/{id}/revoke)',
    });
    expect((await t.http.as(r.token).get(`/operations/${encodeURIComponent(r.operationId)}`)).body.status).toBe('running');
    expect(await t.orm.em.fork().count(AuditEntry, { operationId: r.operationId, action: { $like: 'operation.%' } })).toBe(0);
    const rows = await t.orm.em.fork().find(Invitation, { id: { $in: r.items.map((i) => i.invitationId) } });
    expect(rows.map((row) => row.status)).toEqual(['pending', 'pending']);
  });
});
