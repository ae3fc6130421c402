import { DomainError } from './errors';
import { assertCanCancelOperation } from './operation-cancel';

const outcome = (fn: () => void): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind} ${e.rule}` : String(e);
  }
};

describe('who may cancel an operation (R-O4)', () => {
  it('R-O4 its actor may, whatever their workspace roles', () => {
    expect(outcome(() => assertCanCancelOperation({ userId: 'u1' }, { actorId: 'u1' }, []))).toBe('ok');
  });
  it('R-O4 an Admin of its workspace may', () => {
    expect(outcome(() => assertCanCancelOperation({ userId: 'u2' }, { actorId: 'u1' }, ['Developer', 'Admin']))).toBe('ok');
  });
  it('R-O4 another member is forbidden, even a Developer or ProjectManager', () => {
    expect(outcome(() => assertCanCancelOperation({ userId: 'u2' }, { actorId: 'u1' }, ['Developer', 'ProjectManager']))).toBe('forbidden R-O4');
    expect(outcome(() => assertCanCancelOperation({ userId: 'u2' }, {}, []))).toBe('forbidden R-O4');
  });
});
