import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemporalCli } from '../../libs/temporal/temporal-cli';
import { anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Workflow determinism: every history recorded in test/replay/histories must replay
 * against today's workflow code. A change that would break running workflows fails here.
 * To record a history of today's code: RECORD_HISTORIES=1 npx jest test/replay
 */
const dir = join(__dirname, 'histories');

describe('workflow replay', () => {
  if (process.env.RECORD_HISTORIES === '1') {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('records the history of an invite-organisation operation', async () => {
      const owner = await anOrganisation(t.orm);
      const partner = await anOrganisation(t.orm);
      await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
      const token = await t.tokenFor(owner.users[0]);
      const ws = await aWorkspace(t.http, token);
      const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
      const op = await waitForOperation(t.http, token, res.body.operationId);
      expect(op.status).toBe('succeeded');
      const json = execFileSync(resolveTemporalCli(), ['workflow', 'show', '--address', t.config.temporal.address, '--workflow-id', op.id, '--output', 'json'], { encoding: 'utf8' });
      writeFileSync(join(dir, 'invite-organisation.json'), json);
    });
  }

  it('replays every recorded history with the current workflow code', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
    const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
