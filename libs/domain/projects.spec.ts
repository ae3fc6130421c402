import {
  ProjectFacts,
  ProjectViewer,
  assertCanChangeShares,
  assertCanDecideRequest,
  assertCanLeave,
  assertCanSubmitRequest,
  assertCanTransferOwnership,
  assertCollaboratorOrganisations,
  assertCollaboratorsSavable,
  canSeeProject,
  isOrganisationKey,
} from './projects';
import { assertSharePermissions } from './shares';
import { outcome } from './rule-outcome.testing';

const outcomeWithField = (fn: () => void) => outcome(fn, { withField: true });

const project = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  id: 'p1',
  ownerId: 'owner',
  organisationId: 'own-org',
  organisationProject: false,
  collaborationProject: false,
  reversible: false,
  ...over,
});
const viewer = (over: Partial<ProjectViewer> = {}): ProjectViewer => ({
  userId: 'u1',
  organisationId: 'own-org',
  orgRoles: ['Member'],
  workspaceMember: false,
  organisationAccess: { mode: 'limited', projectIds: [] },
  shares: new Map(),
  collaborations: new Map(),
  ...over,
});
const KEY_A = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const KEY_B = '7d1e2f3a-4b5c-4d6e-9f8a-0b1c2d3e4f5a';

describe('project rules', () => {
  it('R-S1 shows a project to its owner, owning DataOwners and share holders only, by default', () => {
    expect(canSeeProject(viewer({ userId: 'owner' }), project())).toBe(true);
    expect(canSeeProject(viewer({ orgRoles: ['DataOwner'] }), project())).toBe(true);
    expect(canSeeProject(viewer({ orgRoles: ['DataOwner'], organisationId: 'other' }), project())).toBe(false);
    expect(canSeeProject(viewer({ orgRoles: ['OrgAdmin'], workspaceMember: true, organisationAccess: { mode: 'full' } }), project())).toBe(false);
    expect(canSeeProject(viewer({ shares: new Map([['p1', ['view']]]) }), project())).toBe(true);
  });

  it('R-S1 adds workspace members with covering project access (organisation projects) and collaborating organisations (collaboration projects)', () => {
    const orgProject = project({ organisationProject: true });
    expect(canSeeProject(viewer({ workspaceMember: true, organisationAccess: { mode: 'full' } }), orgProject)).toBe(true);
    expect(canSeeProject(viewer({ workspaceMember: true, organisationAccess: { mode: 'limited', projectIds: ['p1'] } }), orgProject)).toBe(true);
    expect(canSeeProject(viewer({ workspaceMember: true, organisationAccess: { mode: 'limited', projectIds: ['p2'] } }), orgProject)).toBe(false);
    expect(canSeeProject(viewer({ workspaceMember: false, organisationAccess: { mode: 'full' } }), orgProject)).toBe(false);
    const collaborating = viewer({ organisationId: 'partner', collaborations: new Map([['p1', { canReverse: false }]]) });
    expect(canSeeProject(collaborating, project({ organisationProject: true, collaborationProject: true }))).toBe(true);
  });

  it('R-P1 validates keys, refuses unknown keys and the own organisation, naming the entry', () => {
    expect(isOrganisationKey(KEY_A)).toBe(true);
    expect(isOrganisationKey('3f2b8c1e-9a4d-1e6f-8b7a-1c2d3e4f5a6b')).toBe(false); // not v4
    const p = project({ organisationProject: true, collaborationProject: true });
    expect(outcomeWithField(() => assertCollaboratorsSavable(project(), [{ key: KEY_A, canReverse: false }], 0))).toBe('conflict R-P1 collaborators');
    expect(
      outcomeWithField(() =>
        assertCollaboratorsSavable(
          p,
          [
            { key: KEY_A, canReverse: false },
            { key: 'x', canReverse: false },
          ],
          0,
        ),
      ),
    ).toBe('invalid R-P1 collaborators[1].key');
    const keys = new Map([
      [KEY_A, 'partner'],
      [KEY_B, 'own-org'],
    ]);
    expect(outcomeWithField(() => assertCollaboratorOrganisations(p, [{ key: KEY_A, canReverse: false }], keys))).toBe('ok');
    expect(
      outcomeWithField(() =>
        assertCollaboratorOrganisations(
          p,
          [
            { key: KEY_A, canReverse: false },
            { key: KEY_B, canReverse: false },
          ],
          keys,
        ),
      ),
    ).toBe('invalid R-P1 collaborators[1].key');
    expect(outcomeWithField(() => assertCollaboratorOrganisations(p, [{ key: '00000000-0000-4000-8000-000000000000', canReverse: false }], keys))).toBe(
      'invalid R-P1 collaborators[0].key',
    );
  });

  it('R-P2 allows canReverse only on reversible projects; R-P5 freezes collaborators under open requests', () => {
    const p = project({ organisationProject: true, collaborationProject: true });
    expect(outcomeWithField(() => assertCollaboratorsSavable(p, [{ key: KEY_A, canReverse: true }], 0))).toBe('invalid R-P2 collaborators[0].canReverse');
    expect(outcomeWithField(() => assertCollaboratorsSavable({ ...p, reversible: true }, [{ key: KEY_A, canReverse: true }], 0))).toBe('ok');
    expect(outcomeWithField(() => assertCollaboratorsSavable(p, [{ key: KEY_A, canReverse: false }], 1))).toBe('conflict R-P5');
  });

  it('R-P6 limits who submits, who reverses and who decides', () => {
    const p = project({ organisationProject: true, collaborationProject: true, reversible: true });
    const partner = (canReverse: boolean) => viewer({ organisationId: 'partner', collaborations: new Map([['p1', { canReverse }]]) });
    expect(outcomeWithField(() => assertCanSubmitRequest(viewer(), p, 'reverse'))).toBe('ok');
    expect(outcomeWithField(() => assertCanSubmitRequest(partner(true), p, 'reverse'))).toBe('ok');
    expect(outcomeWithField(() => assertCanSubmitRequest(partner(false), p, 'reverse'))).toBe('forbidden R-P6 kind');
    expect(outcomeWithField(() => assertCanSubmitRequest(partner(false), p, 'standard'))).toBe('ok');
    expect(outcomeWithField(() => assertCanSubmitRequest(viewer({ organisationId: 'stranger' }), p, 'standard'))).toBe('forbidden R-P6');
    expect(outcomeWithField(() => assertCanSubmitRequest(viewer(), { ...p, reversible: false }, 'reverse'))).toBe('invalid R-P6 kind');
    expect(outcomeWithField(() => assertCanDecideRequest(viewer({ orgRoles: ['OrgAdmin'] }), p))).toBe('ok');
    expect(outcomeWithField(() => assertCanDecideRequest(viewer({ orgRoles: ['DataOwner'] }), p))).toBe('ok');
    expect(outcomeWithField(() => assertCanDecideRequest(viewer({ orgRoles: ['Member'] }), p))).toBe('forbidden R-P6');
    expect(outcomeWithField(() => assertCanDecideRequest(viewer({ orgRoles: ['OrgAdmin'], organisationId: 'partner' }), p))).toBe('forbidden R-P6');
  });

  it('R-S2 R-S3 R-S4 R-S6: permissions, who changes shares, who hands over, who leaves', () => {
    expect(assertSharePermissions(['manage', 'view'])).toEqual(['view', 'manage']);
    expect(outcomeWithField(() => assertSharePermissions([]))).toBe('invalid R-S2 permissions');
    expect(outcomeWithField(() => assertCanChangeShares(viewer({ userId: 'owner' }), project()))).toBe('ok');
    expect(outcomeWithField(() => assertCanChangeShares(viewer({ shares: new Map([['p1', ['view', 'edit', 'manage']]]) }), project()))).toBe('forbidden R-S3');
    expect(outcomeWithField(() => assertCanChangeShares(viewer({ shares: new Map([['p1', ['share']]]) }), project()))).toBe('ok');
    expect(outcomeWithField(() => assertCanTransferOwnership({ userId: 'previous' }, project(), 'previous'))).toBe('forbidden R-S4');
    expect(outcomeWithField(() => assertCanTransferOwnership({ userId: 'owner' }, project(), 'u2'))).toBe('ok');
    expect(outcomeWithField(() => assertCanLeave(viewer({ userId: 'owner', shares: new Map([['p1', ['view']]]) }), project()))).toBe('conflict R-S6');
    expect(outcomeWithField(() => assertCanLeave(viewer({ shares: new Map([['p1', ['view']]]) }), project()))).toBe('ok');
  });
});
