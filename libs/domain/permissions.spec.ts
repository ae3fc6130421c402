import { assertCanInviteWithTypes, assertCanManageCollaborators, assertWorkforceAccess, assertWorkspaceMember, canSeeCollaborator } from './permissions';
import { assertProjectAccessWithin } from './project-access';
import { anActor, outcome } from './rule-outcome.testing';

describe('workspace permissions', () => {
  it('R-T1 answers not_found to a non-member', () => {
    expect(outcome(() => assertWorkspaceMember(anActor([])))).toBe('not_found');
    expect(outcome(() => assertWorkspaceMember(undefined))).toBe('not_found');
    expect(outcome(() => assertWorkspaceMember(anActor(['AnnotationManager'])))).toBe('ok');
  });

  it('R-W3 lets only Admin, Developer and ProjectManager manage collaborators', () => {
    expect(outcome(() => assertCanManageCollaborators(anActor(['Admin'])))).toBe('ok');
    expect(outcome(() => assertCanManageCollaborators(anActor(['Developer'])))).toBe('ok');
    expect(outcome(() => assertCanManageCollaborators(anActor(['ProjectManager'])))).toBe('ok');
    expect(outcome(() => assertCanManageCollaborators(anActor(['AnnotationManager'])))).toBe('forbidden R-W3');
  });

  it('R-W4 lets a ProjectManager invite only AnnotationPartner', () => {
    expect(outcome(() => assertCanInviteWithTypes(anActor(['ProjectManager']), ['AnnotationPartner']))).toBe('ok');
    expect(outcome(() => assertCanInviteWithTypes(anActor(['ProjectManager']), ['DataPartner']))).toBe('forbidden R-W4');
    expect(outcome(() => assertCanInviteWithTypes(anActor(['ProjectManager']), ['AnnotationPartner', 'ProducerPartner']))).toBe('forbidden R-W4');
    expect(outcome(() => assertCanInviteWithTypes(anActor(['Developer']), ['DataPartner', 'ProducerPartner']))).toBe('ok');
  });

  it('R-W5 shows Admins every collaborator, others only those with workforce access', () => {
    expect(canSeeCollaborator(anActor(['Admin']), 'stranger')).toBe(true);
    expect(canSeeCollaborator(anActor(['Developer'], ['partner']), 'partner')).toBe(true);
    expect(canSeeCollaborator(anActor(['Developer'], ['partner']), 'own-org')).toBe(true);
    expect(canSeeCollaborator(anActor(['Developer'], ['partner']), 'stranger')).toBe(false);
  });

  it('R-W6 needs workforce access to invite an organisation by selection', () => {
    expect(outcome(() => assertWorkforceAccess(anActor(['Admin'], ['partner']), 'partner', 'R-W6'))).toBe('ok');
    expect(outcome(() => assertWorkforceAccess(anActor(['Admin'], ['partner']), 'stranger', 'R-W6'))).toBe('forbidden R-W6');
  });

  it('R-W8 bounds granted project access by the editor organisation access', () => {
    const all = ['p1', 'p2', 'p3'];
    expect(outcome(() => assertProjectAccessWithin({ mode: 'full' }, { mode: 'full' }, all))).toBe('ok');
    expect(outcome(() => assertProjectAccessWithin({ mode: 'full' }, { mode: 'limited', projectIds: ['p1'] }, all))).toBe('forbidden R-W8');
    expect(outcome(() => assertProjectAccessWithin({ mode: 'limited', projectIds: ['p1'] }, { mode: 'limited', projectIds: ['p1', 'p2'] }, all))).toBe('ok');
    expect(outcome(() => assertProjectAccessWithin({ mode: 'limited', projectIds: ['p3'] }, { mode: 'limited', projectIds: ['p1'] }, all))).toBe(
      'forbidden R-W8',
    );
    expect(outcome(() => assertProjectAccessWithin({ mode: 'limited', projectIds: ['elsewhere'] }, { mode: 'full' }, all))).toBe('invalid R-W8');
  });
});
