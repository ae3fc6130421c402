import { CancellationScope, isCancellation, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createShareActivities } from '../activities/share.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { TransferOwnershipInput, TransferOwnershipResult } from '../libs/operations/project-operations';
import { CANCELLING_STEP, OPERATION_CANCELLED } from '../libs/operations/operation-cancel';
import type { createAuditActivities } from '../activities/audit.activities';
import { databaseStep } from './activity-options';
import { stoppable } from './cancellation';
import { progressQuery } from './operation-progress';

const { readOwnershipSnapshot, setShare, moveOwnership, recordOwnershipTransfer } = proxyActivities<ReturnType<typeof createShareActivities>>(databaseStep);
const { recordAudit } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

const FULL: TransferOwnershipResult['previousOwnerShare'] = ['view', 'edit', 'share', 'manage'];

/**
 * R-S4, R-S5, R-S7: hand ownership of a project over, as a saga. Each step pushes its
 * compensation first (it restores the state read before the first step, so it is safe
 * even when the step did not happen); any failure runs them in reverse, leaving owner and
 * shares exactly as before. R-O4: a cancel is such a failure, taken between two steps
 * (each step commits or not as a whole); from recordOwnershipTransfer on it is too late.
 */
export async function transferOwnershipWorkflow(input: TransferOwnershipInput): Promise<TransferOwnershipResult> {
  const progress: OperationProgress = { step: 'readOwnershipSnapshot', done: 0, total: 5 };
  setHandler(progressQuery, () => progress);
  const cancel = stoppable();
  const step = (name: string) => {
    if (cancel.requested()) cancel.stop(`stopped before ${name}; owner and shares restored`);
    Object.assign(progress, { step: name, done: progress.done + 1 });
  };

  const { projectId, newOwnerId } = input;
  const before = await cancel.step(() => readOwnershipSnapshot(input));
  const previousOwnerId = before.ownerId;
  const previousOwnerShare = input.leave ? null : FULL;
  const compensations: Array<() => Promise<void>> = [];
  try {
    step('ensureNewOwnerShare');
    if (before.shares[newOwnerId] === null) {
      compensations.unshift(() => setShare({ projectId, userId: newOwnerId, permissions: null, step: 'undoEnsureNewOwnerShare' }));
      await cancel.step(() => setShare({ projectId, userId: newOwnerId, permissions: input.permissions, step: 'ensureNewOwnerShare' }));
    }

    step('moveOwnership');
    compensations.unshift(() => moveOwnership({ projectId, from: newOwnerId, to: previousOwnerId, step: 'undoMoveOwnership' }));
    await cancel.step(() => moveOwnership({ projectId, from: previousOwnerId, to: newOwnerId, step: 'moveOwnership' }));

    const shareStep = input.leave ? 'removePreviousOwnerShare' : 'grantPreviousOwnerShare';
    step(shareStep);
    compensations.unshift(() =>
      setShare({ projectId, userId: previousOwnerId, permissions: before.shares[previousOwnerId] ?? null, step: `undo-${shareStep}` }),
    );
    await cancel.step(() => setShare({ projectId, userId: previousOwnerId, permissions: previousOwnerShare, step: shareStep }));

    step('recordOwnershipTransfer');
    await cancel.step(() =>
      recordOwnershipTransfer({
        workspaceId: input.workspaceId,
        projectId,
        actorId: input.actor.userId,
        operationId: workflowInfo().workflowId,
        details: { previousOwnerId, newOwnerId, leave: input.leave, newOwnerShareCreated: before.shares[newOwnerId] === null },
      }),
    );
  } catch (err) {
    const cancelled = isCancellation(err);
    progress.step = cancelled ? CANCELLING_STEP : 'compensating';
    await CancellationScope.nonCancellable(async () => {
      // Every compensation runs even if one fails for good: each restores a different piece.
      for (const compensate of compensations) {
        try {
          await compensate();
        } catch (compensationError) {
          log.error('a compensation of the ownership handover failed', { projectId, error: String(compensationError) });
        }
      }
      if (cancelled)
        await recordAudit({
          workspaceId: input.workspaceId,
          projectId,
          actorId: input.actor.userId,
          action: OPERATION_CANCELLED,
          operationId: workflowInfo().workflowId,
          details: { kind: 'transfer-ownership', result: { ownerId: previousOwnerId, newOwnerId, compensationsRun: compensations.length } },
        });
    });
    throw err;
  }
  Object.assign(progress, { step: 'done', done: 5 });
  return { previousOwnerId, newOwnerId, previousOwnerShare };
}
