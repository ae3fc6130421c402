import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  condition,
  continueAsNew,
  defineSignal,
  executeChild,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createExpiryActivities } from '../activities/expiry.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import { expiryOperationId } from '../libs/operations/expiry-operations';
import type { AccessExpiryInput, AccessExpiryResult, ExpiryStepResult, ExpiryTarget } from '../libs/operations/expiry-operations';
import { SearchAttr } from '../libs/operations/search-attributes';
import { workspaceOperationIds } from '../libs/operations/workspace-operations';
import { batchStep, mailStep } from './activity-options';
import { progressQuery } from './operation-progress';
import { removeCollaboratorWorkflow } from './remove-collaborator.workflow';

const { warnOfExpiry } = proxyActivities<ReturnType<typeof createExpiryActivities>>(mailStep);
const { expireAccess } = proxyActivities<ReturnType<typeof createExpiryActivities>>(batchStep);

/** R-E1: the end date moved (an ISO date-time) or was cleared (null). */
export const rescheduleSignal = defineSignal<[string | null]>('reschedule');

/**
 * R-E1: one durable timer per end date. Sleeps until `expiresAt − warningMs` and mails the
 * warning (once per date), then until `expiresAt` and removes the access as a manual removal
 * would. A `reschedule` signal wakes it: the date moved (sleep again, warn again for the new
 * date) or was cleared (end). Each wake-up asks the database, which holds the date: a date
 * changed without a signal is followed, a removed access ends the timer.
 */
export async function accessExpiryWorkflow(input: AccessExpiryInput): Promise<AccessExpiryResult> {
  let expiresAt = input.expiresAt;
  let warnedFor = input.warnedFor ?? null;
  let changes = 0;
  let warningsSent = 0;
  const progress: OperationProgress = { step: 'waiting for the warning', done: 0, total: 2 };
  setHandler(progressQuery, () => progress);
  setHandler(rescheduleSignal, (date) => {
    expiresAt = date;
    changes++;
  });

  /** Sleeps until `at` (ms since epoch); true when the date changed meanwhile. */
  const sleepUntil = async (at: number, seen: number): Promise<boolean> => {
    const ms = at - Date.now();
    if (ms > 0) return condition(() => changes !== seen, ms);
    return changes !== seen;
  };
  /** The database holds a different date than this timer (a signal was lost, or raced): follow it. */
  const follow = (found: ExpiryStepResult, seen: number): boolean => {
    if (changes !== seen) return true;
    if (!found.exists) return false;
    expiresAt = found.current;
    changes++;
    return true;
  };

  while (expiresAt !== null) {
    if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof accessExpiryWorkflow>({ ...input, expiresAt, warnedFor });
    const seen = changes;
    const date: string = expiresAt;
    const end = Date.parse(date);
    // A date already past (the timer was down, or set late) ends without a warning first.
    if (warnedFor !== date && end > Date.now()) {
      Object.assign(progress, { step: 'waiting for the warning', done: 0 });
      if (await sleepUntil(end - input.warningMs, seen)) continue;
      const warned = await warnOfExpiry({ target: input.target, expiresAt: date });
      if (!warned.done) {
        if (follow(warned, seen)) continue;
        return { outcome: 'gone', expiresAt: null, warningsSent };
      }
      warnedFor = date;
      warningsSent++;
    }
    Object.assign(progress, { step: 'waiting for the end date', done: 1 });
    if (await sleepUntil(end, seen)) continue;
    Object.assign(progress, { step: 'removing the access' });
    const removed = await expireAccess({ target: input.target, expiresAt: date });
    if (removed.done) {
      if (input.target.kind === 'collaborator' && !(await removeCollaborator(input.target, date))) return { outcome: 'gone', expiresAt: null, warningsSent };
      Object.assign(progress, { step: 'done', done: 2 });
      return { outcome: 'removed', expiresAt: date, warningsSent };
    }
    if (!follow(removed, seen)) return { outcome: 'gone', expiresAt: null, warningsSent };
  }
  Object.assign(progress, { step: 'done', done: 2 });
  return { outcome: 'cleared', expiresAt: null, warningsSent };
}

/**
 * R-E1, R-W11: a collaborator organisation leaves exactly as by DELETE: the removal workflow,
 * as a child under the id a manual removal has (a manual one already running does it: false).
 */
async function removeCollaborator(target: Extract<ExpiryTarget, { kind: 'collaborator' }>, expiresAt: string): Promise<boolean> {
  const { workspaceId, organisationId } = target;
  try {
    await executeChild(removeCollaboratorWorkflow, {
      workflowId: workspaceOperationIds.removeCollaborator(workspaceId, organisationId),
      args: [{ actor: { userId: workflowInfo().workflowId, organisationId }, workspaceId, organisationId, expiry: { expiresAt } }],
      typedSearchAttributes: [
        { key: SearchAttr.operationKind, value: 'remove-collaborator' },
        { key: SearchAttr.workspaceId, value: workspaceId },
        { key: SearchAttr.organisationId, value: organisationId },
      ],
    });
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}

/**
 * R-E1: starts the timer of an access an operation has just created with an end date (an
 * invited organisation, an accepted invitation). Abandoned by its parent: it outlives it.
 * One already running for that access (a date set meanwhile) is told the date instead.
 */
export async function startExpiryTimer(target: ExpiryTarget, expiry: { expiresAt: string; warningMs: number }): Promise<void> {
  const workflowId = expiryOperationId(target);
  try {
    await startChild(accessExpiryWorkflow, {
      workflowId,
      args: [{ target, expiresAt: expiry.expiresAt, warningMs: expiry.warningMs }],
      parentClosePolicy: 'ABANDON',
      typedSearchAttributes: [
        { key: SearchAttr.operationKind, value: 'expiry' },
        { key: SearchAttr.workspaceId, value: target.workspaceId },
        target.kind === 'collaborator' ? { key: SearchAttr.organisationId, value: target.organisationId } : { key: SearchAttr.userId, value: target.userId },
      ],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    await getExternalWorkflowHandle(workflowId).signal(rescheduleSignal, expiry.expiresAt);
  }
}
