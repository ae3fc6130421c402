import { assertAutoInviteRole, assertCanActOnCollaborator, assertCanAssignRoles, assertNotOwnerCollaborator, defaultMemberRole } from './collaborator-rules';
import type { WorkspaceRole } from './roles';
import { anActor, outcome } from './rule-outcome.testing';

describe('collaborator rules', () => {
  it('R-W1 never edits the owner row; R-W11 never removes it', () => {
    expect(outcome(() => assertNotOwnerCollaborator(['Owner'], 'edited'))).toBe('forbidden R-W1');
    expect(outcome(() => assertNotOwnerCollaborator(['Owner'], 'removed'))).toBe('forbidden R-W11');
    expect(outcome(() => assertNotOwnerCollaborator(['DataPartner'], 'removed'))).toBe('ok');
  });

  it('R-W5 hides what the actor cannot see; R-W4 keeps a ProjectManager to AnnotationPartners', () => {
    expect(outcome(() => assertCanActOnCollaborator(anActor(['Developer']), { organisationId: 'stranger', types: ['DataPartner'] }))).toBe('not_found');
    expect(outcome(() => assertCanActOnCollaborator(anActor(['Admin']), { organisationId: 'stranger', types: ['DataPartner'] }))).toBe('ok');
    expect(outcome(() => assertCanActOnCollaborator(anActor(['ProjectManager'], ['p']), { organisationId: 'p', types: ['DataPartner'] }))).toBe(
      'forbidden R-W4',
    );
    expect(outcome(() => assertCanActOnCollaborator(anActor(['ProjectManager'], ['p']), { organisationId: 'p', types: ['AnnotationPartner'] }))).toBe('ok');
    expect(outcome(() => assertCanActOnCollaborator(anActor(['AnnotationManager'], ['p']), { organisationId: 'p', types: ['AnnotationPartner'] }))).toBe(
      'forbidden R-W3',
    );
  });

  it('R-W2 assigns only allowed roles; only an Admin grants Admin', () => {
    const member = { organisationId: 'own-org', currentRoles: ['Developer'] as WorkspaceRole[] };
    expect(outcome(() => assertCanAssignRoles(anActor(['Admin']), member, ['Admin'], ['Owner']))).toBe('ok');
    expect(outcome(() => assertCanAssignRoles(anActor(['Developer']), member, ['Admin'], ['Owner']))).toBe('forbidden R-W3');
    expect(outcome(() => assertCanAssignRoles(anActor(['Admin']), member, ['ProjectManager'], ['DataPartner']))).toBe('invalid R-W2');
    expect(outcome(() => assertCanAssignRoles(anActor(['Admin']), member, [], ['DataPartner']))).toBe('invalid R-W2');
    expect(outcome(() => assertCanAssignRoles(anActor(['Developer']), { organisationId: 'stranger', currentRoles: [] }, ['Developer'], ['DataPartner']))).toBe(
      'forbidden R-W3',
    );
  });

  it('R-W9 needs an allowed auto-invite role; R-W10 defaults to the least privileged allowed role', () => {
    expect(outcome(() => assertAutoInviteRole(true, null, ['DataPartner']))).toBe('invalid R-W9');
    expect(outcome(() => assertAutoInviteRole(true, 'AnnotationManager', ['DataPartner']))).toBe('invalid R-W9');
    expect(outcome(() => assertAutoInviteRole(true, 'Developer', ['DataPartner']))).toBe('ok');
    expect(outcome(() => assertAutoInviteRole(false, null, ['DataPartner']))).toBe('ok');
    expect(defaultMemberRole(['ProducerPartner'], null)).toBe('AnnotationManager');
    expect(defaultMemberRole(['ProducerPartner'], 'ProjectManager')).toBe('ProjectManager');
    expect(defaultMemberRole(['DataPartner'], 'AnnotationManager')).toBe('Developer');
  });
});
