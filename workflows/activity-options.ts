import type { ActivityOptions } from '@temporalio/workflow';
import { RULE_VIOLATION_FAILURE } from '../libs/operations/contracts';

/**
 * Named activity-option profiles. A database step is short and retried with backoff;
 * a rule violation is a business answer, never retried.
 */
export const databaseStep: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '200 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 20,
    nonRetryableErrorTypes: [RULE_VIOLATION_FAILURE],
  },
};

export const mailStep: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [RULE_VIOLATION_FAILURE] },
};

/**
 * Section 6: whole-organisation steps are idempotent, so their operations recover forward:
 * a failing batch is retried until the database answers again (a rule violation still
 * ends it at once); undoing half an organisation would be no safer than finishing it.
 */
export const batchStep: ActivityOptions = { ...databaseStep, retry: { ...databaseStep.retry, maximumAttempts: Number.POSITIVE_INFINITY } };
