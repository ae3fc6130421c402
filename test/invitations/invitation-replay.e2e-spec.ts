import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anOrganisation, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner } from './invitation-helpers';
import { RecordingSmtp } from './recording-smtp';

/**
 * Determinism of the invitation workflow: a recorded history of every path replays against
 * today's code. To record them again: RECORD_HISTORIES=1 npx jest test/invitations/invitation-replay
 */
const dir = join(__dirname, '..', 'replay', 'histories');
const PATHS = ['accepted', 'declined', 'revoked', 'resent-reminded-expired', 'collaborator-removed', 'undeliverable'];

describe('invitation workflow replay (section 5)', () => {
  if (process.env.RECORD_HISTORIES === '1') {
    const smtp = new RecordingSmtp();
    let t: TestApp;
    beforeAll(async () => {
      await smtp.start();
      t = await startTestApp({ env: { SMTP_URL: smtp.url, INVITATION_REMINDER_AFTER: '8s', INVITATION_TTL: '20s' } });
    });
    afterAll(async () => {
      await t.close();
      await smtp.stop();
    });

    const linkTo = async (email: string) => {
      await smtp.waitFor(() => smtp.to(email).length > 0);
      return /\/invite\/[A-Za-z0-9_-]{43}/.exec(smtp.to(email).at(-1)!.text)![0];
    };
    const invite = async (setup: Awaited<ReturnType<typeof anInviter>>, email: string, extra: Record<string, unknown> = {}) => {
      const res = await t.http.as(setup.token).post(`/workspaces/${setup.ws.id}/invitations`, { emails: [email], ...annotationPartner, ...extra });
      expect(res.status).toBe(202);
      return res.body.items[0] as { invitationId: string; operationId: string };
    };
    const record = async (setup: { token: string }, operationId: string, outcome: string, file: string) => {
      const op = await waitForOperation(t.http, setup.token, operationId, 60_000);
      expect(op.result.invitations[0].outcome).toBe(outcome);
      writeFileSync(join(dir, `invitation-${file}.json`), historyToJSON(await t.client.workflow.getHandle(operationId).fetchHistory()));
    };

    it('records every path of an invitation', async () => {
      jest.setTimeout(180_000);
      const setup = await anInviter(t);
      const [a, d, r, e, u] = [anEmail(), anEmail(), anEmail(), anEmail(), `bounce-${anEmail()}`];
      const accepted = await invite(setup, a);
      const acc = await t.http.post(`${await linkTo(a)}/accept`, { name: 'Ann', organisationName: 'Ann Org' });
      expect(acc.status).toBe(200);
      const declined = await invite(setup, d);
      expect((await t.http.post(`${await linkTo(d)}/decline`, {})).status).toBe(200);
      const revoked = await invite(setup, r);
      await linkTo(r);
      expect((await t.http.as(setup.token).post(`/invitations/${revoked.invitationId}/revoke`)).status).toBe(200);
      const expired = await invite(setup, e);
      await linkTo(e);
      expect((await t.http.as(setup.token).post(`/invitations/${expired.invitationId}/resend`)).status).toBe(200);
      const undeliverable = await invite(setup, u);

      // R-W11: removing the collaborator revokes the invitations addressed to its organisation.
      const partner = await anOrganisation(t.orm);
      await grantWorkforceAccess(t.orm, setup.owner.organisation, partner.organisation);
      const added = await t.http.as(setup.token).post(`/workspaces/${setup.ws.id}/collaborators`, {
        organisationId: partner.organisation.id,
        types: ['AnnotationPartner'],
        projectAccess: { mode: 'full' },
      });
      await waitForOperation(t.http, setup.token, added.body.operationId);
      const removedEmail = anEmail();
      const removed = await invite(setup, removedEmail, { organisationId: partner.organisation.id });
      await linkTo(removedEmail);
      const removal = await t.http.as(setup.token).delete(`/workspaces/${setup.ws.id}/collaborators/${partner.organisation.id}`);
      await waitForOperation(t.http, setup.token, removal.body.operationId, 30_000);

      await record(setup, accepted.operationId, 'accepted', 'accepted');
      await record(setup, declined.operationId, 'declined', 'declined');
      await record(setup, revoked.operationId, 'revoked', 'revoked');
      await record(setup, undeliverable.operationId, 'undeliverable', 'undeliverable');
      await record(setup, removed.operationId, 'revoked', 'collaborator-removed');
      await record(setup, expired.operationId, 'expired', 'resent-reminded-expired');
      expect(smtp.to(e).map((m) => m.subject.startsWith('Reminder: '))).toEqual([false, false, true]);
    });
  }

  it('replays the recorded history of every invitation path with the current workflow code', async () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('invitation-') && f.endsWith('.json'));
    expect(files.sort()).toEqual(PATHS.map((p) => `invitation-${p}.json`).sort());
    const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
    const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
