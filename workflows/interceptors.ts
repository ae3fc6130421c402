import { ApplicationFailureCategory } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, WorkflowInterceptorsFactory } from '@temporalio/workflow';
import type { DomainErrorShape } from '../libs/domain/errors';
import { RULE_VIOLATION_FAILURE } from '../libs/operations/contracts';
import { refusalHeadline } from '../libs/operations/refusal';

/**
 * An operation refused by a rule fails with the rule and its message on top (not "Activity
 * task failed") and as BENIGN, an expected answer rather than an error. GET /operations/{id}
 * reads the same details (apps/api/operations/operations.service.ts). Registered in the
 * bundle (libs/temporal/workflow-bundle.ts).
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (e) {
          const refusal = refusalIn(e);
          if (!refusal) throw e;
          throw ApplicationFailure.create({ message: refusalHeadline(refusal), type: RULE_VIOLATION_FAILURE, nonRetryable: true, details: [refusal], category: ApplicationFailureCategory.BENIGN });
        }
      },
    },
  ],
});

function refusalIn(error: unknown): DomainErrorShape | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) return current.details?.[0] as DomainErrorShape | undefined;
    current = current instanceof ActivityFailure || current instanceof ApplicationFailure ? current.cause : undefined;
  }
  return undefined;
}
