import { InvitationGone } from '../../../libs/domain/invitations';
import { domainErrorIn } from '../../../libs/operations/rule-failure';

/** A RuleViolation raised in the workflow or its activity, anywhere in the cause chain, as the domain error it was (the one codec: rule-failure.ts). */
export function domainErrorOf(error: unknown): unknown {
  const domain = domainErrorIn(error);
  if (!domain) return error;
  return domain.kind === 'gone' ? new InvitationGone() : domain;
}
