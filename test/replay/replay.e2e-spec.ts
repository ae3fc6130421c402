import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as workflows from '../../workflows';
import { quietBundleLogger } from '../../libs/temporal/workflow-bundle';
import { readHistories } from './histories';

/**
 * Workflow determinism (test/replay/README.md): every history in test/replay/histories
 * must replay against today's workflow code, so a change that would break running
 * workflows fails here. Histories are refreshed deliberately: `npm run histories:record`.
 */
describe('workflow replay', () => {
  const histories = readHistories();
  /** Types whose recordings are still to come, each with who brings them. */
  const pending: Record<string, string> = {};

  it('has recorded histories for every workflow type the worker runs', () => {
    const types = Object.keys(workflows).filter((name) => name.endsWith('Workflow'));
    const recorded = new Set(histories.map((h) => h.workflowType));
    expect(types.filter((type) => !recorded.has(type) && !(type in pending))).toEqual([]);
    expect([...recorded].filter((type) => !types.includes(type))).toEqual([]);
  });

  it('replays every recorded history with the current workflow code', async () => {
    expect(histories.length).toBeGreaterThanOrEqual(Object.keys(workflows).length - Object.keys(pending).length);
    const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code } },
      histories.map((h) => ({ workflowId: h.file, history: h.history })),
    )) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });

  it('fails with a determinism error when a workflow reorders its steps', async () => {
    const history = histories.find((h) => h.file === 'invite-organisation.json');
    if (!history) throw new Error('invite-organisation.json is not recorded');
    const { code } = await bundleWorkflowCode({ workflowsPath: join(__dirname, 'reordered', 'workflows.ts'), logger: quietBundleLogger });
    await expect(Worker.runReplayHistory({ workflowBundle: { code } }, history.history, 'reordered')).rejects.toThrow(DeterminismViolationError);
  });
});
