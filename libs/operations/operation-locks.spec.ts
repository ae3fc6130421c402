import { OPERATION_KINDS } from './operation-ids';
import { OPERATION_LOCK_GROUPS, isWholeScope, operationLocks, requestHash } from './operation-locks';

describe('operation lock registry (R-O1)', () => {
  it('R-O1 names a lock group for every operation kind', () => {
    expect(Object.keys(OPERATION_LOCK_GROUPS).sort()).toEqual([...OPERATION_KINDS].sort());
  });

  it('R-O1 a member lock lives inside its collaborator scope; a collaborator lock is the whole scope', () => {
    const member = operationLocks.member('w', 'o', 'u');
    const collaborator = operationLocks.collaborator('w', 'o');
    expect(member.scope).toBe(collaborator.scope);
    expect(isWholeScope(member)).toBe(false);
    expect(isWholeScope(collaborator)).toBe(true);
  });

  it('R-O1 hashes the same request alike whatever the key order, and a different one differently', () => {
    expect(requestHash({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(requestHash({ b: [{ y: 2, x: 1 }], a: 1 }));
    expect(requestHash({ types: ['A'] })).not.toBe(requestHash({ types: ['B'] }));
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
  });
});
