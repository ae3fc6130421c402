import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFaults } from '../../libs/operations/project-operations';
import { anOrganisation, aProject, aWorkspace, grantWorkforceAccess, waitForOperation, workspaceMembers } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aProjectWorld } from '../projects/project-world';

/**
 * Workflow determinism: every history recorded in test/replay/histories must replay
 * against today's workflow code, so a change that would break running workflows fails
 * here. To record the histories of today's code: RECORD_HISTORIES=1 npx jest test/replay
 */
const dir = join(__dirname, 'histories');

describe('workflow replay', () => {
  if (process.env.RECORD_HISTORIES === '1') {
    const faults: ProjectFaults = {};
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ activities: { faults } });
    });
    afterAll(() => t.close());

    const record = async (operationId: string, file: string) => {
      writeFileSync(join(dir, file), historyToJSON(await t.client.workflow.getHandle(operationId).fetchHistory()));
    };

    it('records an invite-organisation operation', async () => {
      const owner = await anOrganisation(t.orm);
      const partner = await anOrganisation(t.orm);
      await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
      const token = await t.tokenFor(owner.users[0]);
      const ws = await aWorkspace(t.http, token);
      const res = await t.http.as(token).post(`/workspaces/${ws.id}/collaborators`, { organisationId: partner.organisation.id, types: ['DataPartner'], projectAccess: { mode: 'full' } });
      const op = await waitForOperation(t.http, token, res.body.operationId);
      expect(op.status).toBe('succeeded');
      await record(op.id, 'invite-organisation.json');
    });

    it('records a project collaborator save, a handover and a compensated handover', async () => {
      const w = await aProjectWorld(t);
      await workspaceMembers(t.orm, w.ws.id, [w.member]);
      const token = await w.token(w.admin);
      const project = await aProject(t.http, token, w.ws.id, { organisationProject: true, collaborationProject: true, reversible: true });
      const partner = await anOrganisation(t.orm);
      const saved = await waitForOperation(t.http, token, (await t.http.as(token).post(`/projects/${project.id}/collaborators`, { collaborators: [{ key: partner.organisation.key, canReverse: true }] })).body.operationId);
      expect(saved.status).toBe('succeeded');
      await record(saved.id, 'save-project-collaborators.json');

      faults.failStep = 'recordOwnershipTransfer';
      const failed = await waitForOperation(t.http, token, (await t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id })).body.operationId);
      expect(failed.status).toBe('failed');
      await record(failed.id, 'transfer-ownership-compensated.json');
      faults.failStep = undefined;

      const moved = await waitForOperation(t.http, token, (await t.http.as(token).post(`/projects/${project.id}/transfer-ownership`, { newOwnerId: w.member.id, leave: true })).body.operationId);
      expect(moved.status).toBe('succeeded');
      await record(moved.id, 'transfer-ownership.json');
    });
  }

  it('replays every recorded history with the current workflow code', async () => {
    // invitation-*.json are replayed (and recorded) by test/invitations/invitation-replay.e2e-spec.ts.
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('invitation-'));
    expect(files.sort()).toEqual(['invite-organisation.json', 'save-project-collaborators.json', 'transfer-ownership-compensated.json', 'transfer-ownership.json']);
    const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
    const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
