import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { DomainError, RuleViolation } from '../domain/errors';
import { domainErrorIn, ruleFailure, ruleViolationIn } from './rule-failure';

describe('rule failure codec', () => {
  it('encodes a rule violation as a non-retryable failure that decodes to the same shape, however deep in the cause chain', () => {
    const failure = ruleFailure(new RuleViolation('R-W4', 'a ProjectManager may not invite a DataPartner', { kind: 'forbidden', field: 'types' }));
    expect(failure).toMatchObject({ type: 'RuleViolation', nonRetryable: true, message: 'a ProjectManager may not invite a DataPartner' });
    const wrapped = new ActivityFailure('activity failed', 'persistCollaborator', '1', RetryState.NON_RETRYABLE_FAILURE, undefined, failure);
    const outer = new Error('workflow failed', { cause: wrapped });
    expect(ruleViolationIn(outer)).toEqual({ kind: 'forbidden', message: 'a ProjectManager may not invite a DataPartner', rule: 'R-W4', field: 'types' });
    const decoded = domainErrorIn(outer);
    expect(decoded).toBeInstanceOf(DomainError);
    expect(decoded).toMatchObject({ kind: 'forbidden', rule: 'R-W4', field: 'types' });
  });

  it('finds nothing in other failures', () => {
    expect(ruleViolationIn(ApplicationFailure.nonRetryable('boom', 'InjectedFault'))).toBeUndefined();
    expect(ruleViolationIn(new Error('plain'))).toBeUndefined();
    expect(ruleViolationIn('not an error')).toBeUndefined();
    expect(domainErrorIn(undefined)).toBeUndefined();
  });
});
