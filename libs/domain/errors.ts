/**
 * Domain errors carry the rule they enforce. They are mapped to HTTP once (the API's
 * exception filter) and to a non-retryable ApplicationFailure once (the activity
 * boundary), so nobody greps message strings.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rate_limited';

export interface DomainErrorShape {
  kind: ErrorKind;
  message: string;
  rule?: string;
  field?: string;
}

export class DomainError extends Error implements DomainErrorShape {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly rule?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toJSON(): DomainErrorShape {
    return { kind: this.kind, message: this.message, rule: this.rule, field: this.field };
  }

  static is(value: unknown): value is DomainError {
    return value instanceof DomainError;
  }
}

/** A spec rule (R-…) forbids the action. */
export class RuleViolation extends DomainError {
  constructor(rule: string, message: string, opts: { kind?: ErrorKind; field?: string } = {}) {
    super(opts.kind ?? 'invalid', message, rule, opts.field);
    this.name = 'RuleViolation';
  }
}

/**
 * R-T1: what the caller may not see answers exactly like what does not exist, so the
 * message never says which it was.
 */
export class NotFound extends DomainError {
  constructor(what: string, field?: string) {
    super('not_found', `${what} not found`, undefined, field);
    this.name = 'NotFound';
  }
}

export class Conflict extends DomainError {
  constructor(message: string, rule?: string) {
    super('conflict', message, rule);
    this.name = 'Conflict';
  }
}
