import {
  CollaboratorFacts,
  CollaboratorRow,
  InviteOrganisationFacts,
  MemberFacts,
  ProjectGrantFacts,
  judgeActOnCollaborator,
  judgeAddAllUsers,
  judgeAssignRoles,
  judgeEditCollaborator,
  judgeInviteOrganisation,
  judgeRemoveCollaborator,
} from './collaborator-checks';
import type { WorkspaceActor } from './permissions';
import type { CollaborationType, WorkspaceRole } from './roles';
import { anActor, outcome } from './rule-outcome.testing';

const fullGrant: ProjectGrantFacts = { inWorkspace: [], editorAccess: { mode: 'full' } };

function inviteFacts(actor: WorkspaceActor, over: Partial<InviteOrganisationFacts> = {}): InviteOrganisationFacts {
  return { actor, organisationExists: true, collaboratorId: null, grant: fullGrant, ...over };
}

function row(types: CollaborationType[], over: Partial<CollaboratorRow> = {}): CollaboratorRow {
  return { id: 'c1', types, autoInvite: false, autoInviteRole: null, ...over };
}

function collaboratorFacts(actor: WorkspaceActor, collaborator: CollaboratorRow | null, over: Partial<CollaboratorFacts> = {}): CollaboratorFacts {
  return { actor, organisationId: 'partner', collaborator, ...over };
}

const invite = { organisationId: 'partner', types: ['DataPartner'], projectAccess: { mode: 'full' as const } };

describe('judgeInviteOrganisation: one order for the API and the activity', () => {
  it('R-T1 a non-member learns nothing, before any other rule', () => {
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(anActor([])), { ...invite, types: ['Owner'] }))).toBe('not_found');
  });

  it('R-W1 an unassignable type wins over R-W4 and R-W6', () => {
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(anActor(['ProjectManager'])), { ...invite, types: ['Owner'] }))).toBe('invalid R-W1');
  });

  it('R-W4 a ProjectManager inviting a DataPartner wins over R-W6 workforce access', () => {
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(anActor(['ProjectManager'])), invite))).toBe('forbidden R-W4');
  });

  it('R-W6 workforce access wins over an unknown organisation and an existing collaborator', () => {
    const facts = inviteFacts(anActor(['Admin']), { organisationExists: false, collaboratorId: 'c1' });
    expect(outcome(() => judgeInviteOrganisation(facts, invite), { withField: true })).toBe('forbidden R-W6 organisationId');
  });

  it('an unknown organisation (404) wins over R-W6 already a collaborator (409)', () => {
    const facts = inviteFacts(anActor(['Admin'], ['partner']), { organisationExists: false, collaboratorId: 'c1' });
    expect(outcome(() => judgeInviteOrganisation(facts, invite), { withField: true })).toBe('not_found organisationId');
  });

  it('R-W6 an existing collaborator is a 409; R-O1 while its removal runs, the 409 names the removal', () => {
    const actor = anActor(['Admin'], ['partner']);
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(actor, { collaboratorId: 'c1' }), invite))).toBe('conflict R-W6');
    const removing = inviteFacts(actor, { collaboratorId: 'c1', runningRemoval: 'remove-collaborator.w.partner' });
    expect(() => judgeInviteOrganisation(removing, invite)).toThrow(/remove-collaborator\.w\.partner/);
  });

  it('R-W8 the project access is judged last, and the judged types are answered', () => {
    const actor = anActor(['Developer'], ['partner']);
    const limited: ProjectGrantFacts = { inWorkspace: ['p1'], editorAccess: { mode: 'limited', projectIds: [] } };
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(actor, { grant: limited }), invite), { withField: true })).toBe(
      'forbidden R-W8 projectAccess.mode',
    );
    expect(outcome(() => judgeInviteOrganisation(inviteFacts(actor, { collaboratorId: 'c1', grant: limited }), invite))).toBe('conflict R-W6');
    expect(judgeInviteOrganisation(inviteFacts(actor), invite)).toEqual(['DataPartner']);
  });
});

describe('judgeActOnCollaborator / judgeRemoveCollaborator / judgeEditCollaborator', () => {
  it('R-T1, then R-W3 (no collaborator management) before whether the collaborator exists', () => {
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor([]), null)))).toBe('not_found');
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['AnnotationManager']), null)))).toBe('forbidden R-W3');
  });

  it('R-O1 an absent collaborator being invited is a 409 only to who may see it (R-W5); else 404', () => {
    const running = { runningOperation: 'invite-organisation.w.partner' };
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['Developer'], ['partner']), null, running)))).toBe('conflict');
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['Developer']), null, running)))).toBe('not_found');
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['Admin']), null)))).toBe('not_found');
  });

  it('R-W5 an invisible collaborator answers 404 before R-W11 (owner) is told', () => {
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['Developer']), row(['Owner']))))).toBe('not_found');
    expect(outcome(() => judgeRemoveCollaborator(collaboratorFacts(anActor(['Admin']), row(['Owner']))))).toBe('forbidden R-W11');
    expect(outcome(() => judgeActOnCollaborator(collaboratorFacts(anActor(['Admin']), row(['Owner'])), 'edited'))).toBe('forbidden R-W1');
  });

  it('R-W4 a ProjectManager acts only on AnnotationPartners, before the edit itself is judged', () => {
    const pm = anActor(['ProjectManager'], ['partner']);
    expect(outcome(() => judgeEditCollaborator(collaboratorFacts(pm, row(['DataPartner'])), { types: ['Owner'] }))).toBe('forbidden R-W4');
    expect(outcome(() => judgeEditCollaborator(collaboratorFacts(pm, row(['AnnotationPartner'])), { types: ['DataPartner'] }))).toBe('forbidden R-W4');
  });

  it('R-W1/R-W7 the new types, then R-W8 the project access, then R-W9 the auto-invite role', () => {
    const admin = anActor(['Admin']);
    const noGrant: ProjectGrantFacts = { inWorkspace: [], editorAccess: { mode: 'full' } };
    const facts = collaboratorFacts(admin, row(['DataPartner']), { grant: noGrant });
    const everythingWrong = { types: [] as string[], projectAccess: { mode: 'limited' as const, projectIds: ['elsewhere'] }, autoInvite: true };
    expect(outcome(() => judgeEditCollaborator(facts, everythingWrong))).toBe('invalid R-W7');
    expect(outcome(() => judgeEditCollaborator(facts, { ...everythingWrong, types: ['DataPartner'] }), { withField: true })).toBe(
      'invalid R-W8 projectAccess.projectIds',
    );
    expect(outcome(() => judgeEditCollaborator(facts, { types: ['DataPartner'], autoInvite: true }), { withField: true })).toBe('invalid R-W9 autoInviteRole');
  });

  it('R-W9 the auto-invite role is judged against the new types; R-W2 an explicit role while auto invite is off', () => {
    const facts = collaboratorFacts(anActor(['Admin']), row(['DataPartner'], { autoInvite: true, autoInviteRole: 'Developer' }));
    expect(outcome(() => judgeEditCollaborator(facts, { types: ['AnnotationPartner'] }))).toBe('invalid R-W9');
    expect(outcome(() => judgeEditCollaborator(facts, { types: ['AnnotationPartner'], autoInviteRole: 'AnnotationManager' }))).toBe('ok');
    expect(outcome(() => judgeEditCollaborator(facts, { autoInvite: false, autoInviteRole: 'ProjectManager' }), { withField: true })).toBe(
      'invalid R-W2 autoInviteRole',
    );
    expect(judgeEditCollaborator(facts, { types: ['AnnotationPartner'], autoInvite: false })).toEqual({
      types: ['AnnotationPartner'],
      projectAccess: undefined,
      autoInvite: false,
      autoInviteRole: undefined,
    });
  });

  it('refuses to judge a project access whose facts were not loaded (a loader bug, never an answer)', () => {
    const facts = collaboratorFacts(anActor(['Admin']), row(['DataPartner']));
    expect(() => judgeEditCollaborator(facts, { projectAccess: { mode: 'full' } })).toThrow(/not loaded/);
  });
});

describe('judgeAddAllUsers', () => {
  it('R-W3, then R-W10 workforce access, then existence, then R-W2 the role', () => {
    expect(outcome(() => judgeAddAllUsers(collaboratorFacts(anActor(['AnnotationManager']), null), { role: 'Admin' }))).toBe('forbidden R-W3');
    expect(outcome(() => judgeAddAllUsers(collaboratorFacts(anActor(['Admin']), null), { role: 'Admin' }))).toBe('forbidden R-W10');
    expect(outcome(() => judgeAddAllUsers(collaboratorFacts(anActor(['Admin'], ['partner']), null), { role: 'Admin' }))).toBe('not_found');
    const partner = collaboratorFacts(anActor(['Admin'], ['partner']), row(['DataPartner']));
    expect(outcome(() => judgeAddAllUsers(partner, { role: 'Admin' }), { withField: true })).toBe('invalid R-W2 role');
  });

  it('R-W10 answers the role: the one asked, else the allowed auto-invite role, else the least privileged', () => {
    const actor = anActor(['Developer'], ['partner']);
    expect(judgeAddAllUsers(collaboratorFacts(actor, row(['ProducerPartner'])), {})).toBe('AnnotationManager');
    expect(judgeAddAllUsers(collaboratorFacts(actor, row(['ProducerPartner'], { autoInviteRole: 'ProjectManager' })), {})).toBe('ProjectManager');
    expect(judgeAddAllUsers(collaboratorFacts(actor, row(['ProducerPartner'])), { role: 'ProjectManager' })).toBe('ProjectManager');
  });
});

describe('judgeAssignRoles', () => {
  const member = (organisationId: string, roles: WorkspaceRole[]): MemberFacts['member'] => ({ organisationId, roles });

  it('R-T1, then an unknown member (404), then R-W3 before R-W2', () => {
    const facts = (actor: WorkspaceActor, m: MemberFacts['member'], memberTypes: CollaborationType[] = ['DataPartner']): MemberFacts => ({
      actor,
      member: m,
      memberTypes,
    });
    expect(outcome(() => judgeAssignRoles(facts(anActor([]), null), ['Admin']))).toBe('not_found');
    expect(outcome(() => judgeAssignRoles(facts(anActor(['Developer']), null), ['Admin']), { withField: true })).toBe('not_found userId');
    expect(outcome(() => judgeAssignRoles(facts(anActor(['AnnotationManager']), member('own-org', [])), ['ProjectManager']))).toBe('forbidden R-W3');
    expect(outcome(() => judgeAssignRoles(facts(anActor(['Developer']), member('own-org', ['Developer'])), ['Admin']))).toBe('forbidden R-W3');
    expect(outcome(() => judgeAssignRoles(facts(anActor(['Admin']), member('own-org', ['Developer'])), ['ProjectManager']))).toBe('invalid R-W2');
    expect(judgeAssignRoles(facts(anActor(['Admin']), member('own-org', ['Developer'])), ['Developer'])).toEqual(member('own-org', ['Developer']));
  });

  it('R-W2 a member whose organisation has no collaborator row may hold no role', () => {
    const facts: MemberFacts = { actor: anActor(['Admin']), member: member('gone', ['Developer']), memberTypes: [] };
    expect(outcome(() => judgeAssignRoles(facts, ['Developer']))).toBe('invalid R-W2');
  });
});
