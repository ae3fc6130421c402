import type { DomainErrorShape } from '../domain/errors';

/**
 * How an expected refusal heads a failed operation in the Temporal UI (issue 11): the rule
 * and the message, e.g. "R-W4: a ProjectManager may invite only …"; "Refused: …" when no
 * rule applies. The worker's logger recognises the headline and logs it as INFO, no stack.
 */
export function refusalHeadline(refusal: Pick<DomainErrorShape, 'rule' | 'message'>): string {
  return `${refusal.rule ?? 'Refused'}: ${refusal.message}`;
}

const HEADLINE = /^(R-[A-Z]+\d+[\w-]*|Refused): /;

export function isRefusalHeadline(message: unknown): boolean {
  return typeof message === 'string' && HEADLINE.test(message);
}
