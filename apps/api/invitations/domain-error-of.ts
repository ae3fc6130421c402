import { ApplicationFailure } from '@temporalio/common';
import { DomainError, DomainErrorShape } from '../../../libs/domain/errors';
import { InvitationGone } from '../../../libs/domain/invitations';
import { RULE_VIOLATION_FAILURE } from '../../../libs/operations/contracts';

/** A RuleViolation raised in the workflow or its activity, anywhere in the cause chain, as the domain error it was. */
export function domainErrorOf(error: unknown): unknown {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) {
      const shape = current.details?.[0] as DomainErrorShape | undefined;
      if (!shape) break;
      if (shape.kind === 'gone') return new InvitationGone();
      return new DomainError(shape.kind, shape.message, shape.rule, shape.field);
    }
    current = current.cause;
  }
  return error;
}
