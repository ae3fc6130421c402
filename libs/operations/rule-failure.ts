import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { DomainError, DomainErrorShape } from '../domain/errors';
import { RULE_VIOLATION_FAILURE } from './contracts';

/**
 * The one encoding of a rule violation across Temporal's boundaries (activity → workflow
 * → client): a non-retryable ApplicationFailure of type `RuleViolation` whose details[0]
 * is the DomainErrorShape. Encoded by the activity boundary (activities/index.ts) and by
 * workflows that refuse on their own; decoded by the API. Deterministic: workflows may use it.
 */
export function ruleFailure(error: DomainErrorShape): ApplicationFailure {
  const shape: DomainErrorShape = { kind: error.kind, message: error.message, rule: error.rule, field: error.field };
  // BENIGN (issue 11): an expected refusal, which the SDK logs at DEBUG without a stack and leaves out of its failure metrics.
  return ApplicationFailure.create({
    type: RULE_VIOLATION_FAILURE,
    message: error.message,
    nonRetryable: true,
    details: [shape],
    category: ApplicationFailureCategory.BENIGN,
  });
}

/** The rule violation carried by `error` or anywhere in its cause chain (workflow failure → activity failure → …). */
export function ruleViolationIn(error: unknown): DomainErrorShape | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) {
      const shape = current.details?.[0] as DomainErrorShape | undefined;
      if (shape) return shape;
    }
  }
  return undefined;
}

/** The same, as the DomainError it was raised as (the API's error filter maps it to HTTP). */
export function domainErrorIn(error: unknown): DomainError | undefined {
  const shape = ruleViolationIn(error);
  return shape && new DomainError(shape.kind, shape.message, shape.rule, shape.field);
}
