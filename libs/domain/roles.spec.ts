import { RuleViolation } from './errors';
import { allowedRolesFor, assertAssignableTypes, assertRolesAllowed, rolesAllowedAfter } from './roles';

describe('collaboration types and workspace roles', () => {
  it('R-W2 allows each type exactly the roles of the table', () => {
    expect(allowedRolesFor(['Owner'])).toEqual(['Admin', 'Developer', 'ProjectManager', 'AnnotationManager']);
    expect(allowedRolesFor(['DataPartner'])).toEqual(['Developer']);
    expect(allowedRolesFor(['ProducerPartner'])).toEqual(['ProjectManager', 'AnnotationManager']);
    expect(allowedRolesFor(['AnnotationPartner'])).toEqual(['AnnotationManager']);
  });

  it('R-W2 gives a member the union of its organisation types', () => {
    expect(allowedRolesFor(['DataPartner', 'AnnotationPartner'])).toEqual(['Developer', 'AnnotationManager']);
    expect(allowedRolesFor([])).toEqual([]);
  });

  it('R-W2 refuses a role outside the union, naming it', () => {
    expect(() => assertRolesAllowed(['Developer', 'ProjectManager'], ['DataPartner'])).toThrow(/ProjectManager/);
    expect(() => assertRolesAllowed(['Developer'], ['DataPartner'])).not.toThrow();
  });

  it('R-W7 strips the roles the remaining types no longer allow', () => {
    expect(rolesAllowedAfter(['ProjectManager', 'AnnotationManager'], ['AnnotationPartner'])).toEqual(['AnnotationManager']);
    expect(rolesAllowedAfter(['Developer'], ['ProducerPartner'])).toEqual([]);
  });

  it('R-W1 refuses to assign Owner; R-W7 refuses an empty list', () => {
    const rule = (types: string[]) => {
      try {
        assertAssignableTypes(types);
        return 'accepted';
      } catch (e) {
        return (e as RuleViolation).rule;
      }
    };
    expect(rule(['Owner'])).toBe('R-W1');
    expect(rule(['DataPartner', 'Owner'])).toBe('R-W1');
    expect(rule([])).toBe('R-W7');
    expect(rule(['Partner'])).toBe('R-W2');
    expect(rule(['DataPartner', 'DataPartner'])).toBe('R-W2');
    expect(rule(['DataPartner', 'AnnotationPartner'])).toBe('accepted');
  });
});
