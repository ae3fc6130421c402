import { CancellationScope, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createShareActivities } from '../activities/share.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { TransferOwnershipInput, TransferOwnershipResult } from '../libs/operations/project-operations';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { readOwnershipSnapshot, setShare, moveOwnership, recordOwnershipTransfer } = proxyActivities<ReturnType<typeof createShareActivities>>(databaseStep);

const FULL: TransferOwnershipResult['previousOwnerShare'] = ['view', 'edit', 'share', 'manage'];

/**
 * R-S4, R-S5, R-S7: hand ownership of a project over, as a saga. Each step pushes its
 * compensation first (it restores the state read before the first step, so it is safe
 * even when the step did not happen); any failure runs them in reverse, leaving owner and
 * shares exactly as before.
 */
export async function transferOwnershipWorkflow(input: TransferOwnershipInput): Promise<TransferOwnershipResult> {
  const progress: OperationProgress = { step: 'readOwnershipSnapshot', done: 0, total: 5 };
  setHandler(progressQuery, () => progress);
  const step = (name: string) => Object.assign(progress, { step: name, done: progress.done + 1 });

  const { projectId, newOwnerId } = input;
  const before = await readOwnershipSnapshot(input);
  const previousOwnerId = before.ownerId;
  const previousOwnerShare = input.leave ? null : FULL;
  const compensations: Array<() => Promise<void>> = [];
  try {
    step('ensureNewOwnerShare');
    if (before.shares[newOwnerId] === null) {
      compensations.unshift(() => setShare({ projectId, userId: newOwnerId, permissions: null, step: 'undoEnsureNewOwnerShare' }));
      await setShare({ projectId, userId: newOwnerId, permissions: input.permissions, step: 'ensureNewOwnerShare' });
    }

    step('moveOwnership');
    compensations.unshift(() => moveOwnership({ projectId, from: newOwnerId, to: previousOwnerId, step: 'undoMoveOwnership' }));
    await moveOwnership({ projectId, from: previousOwnerId, to: newOwnerId, step: 'moveOwnership' });

    const shareStep = input.leave ? 'removePreviousOwnerShare' : 'grantPreviousOwnerShare';
    step(shareStep);
    compensations.unshift(() =>
      setShare({ projectId, userId: previousOwnerId, permissions: before.shares[previousOwnerId] ?? null, step: `undo-${shareStep}` }),
    );
    await setShare({ projectId, userId: previousOwnerId, permissions: previousOwnerShare, step: shareStep });

    step('recordOwnershipTransfer');
    await recordOwnershipTransfer({
      workspaceId: input.workspaceId,
      projectId,
      actorId: input.actor.userId,
      operationId: workflowInfo().workflowId,
      details: { previousOwnerId, newOwnerId, leave: input.leave, newOwnerShareCreated: before.shares[newOwnerId] === null },
    });
  } catch (err) {
    progress.step = 'compensating';
    await CancellationScope.nonCancellable(async () => {
      // Every compensation runs even if one fails for good: each restores a different piece.
      for (const compensate of compensations) {
        try {
          await compensate();
        } catch (compensationError) {
          log.error('a compensation of the ownership handover failed', { projectId, error: String(compensationError) });
        }
      }
    });
    throw err;
  }
  Object.assign(progress, { step: 'done', done: 5 });
  return { previousOwnerId, newOwnerId, previousOwnerShare };
}
