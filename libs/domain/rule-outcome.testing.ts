import { DomainError } from './errors';
import type { WorkspaceActor } from './permissions';
import type { WorkspaceRole } from './roles';

/**
 * For the unit specs of the rules: what a rule answered, as `ok`, `<kind>` or
 * `<kind> <rule>` (and its field on request), so each expectation reads like the spec.
 */
export function outcome(fn: () => void, opts: { withField?: boolean } = {}): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    const err = e as DomainError;
    return `${err.kind}${err.rule ? ` ${err.rule}` : ''}${opts.withField && err.field ? ` ${err.field}` : ''}`;
  }
}

/** A workspace actor of organisation `own-org` with these roles and workforce access. */
export function anActor(roles: WorkspaceRole[], access: string[] = []): WorkspaceActor {
  return { userId: 'u1', organisationId: 'own-org', roles, workforceAccess: new Set(access) };
}
