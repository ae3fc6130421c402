import { SaveProjectCollaboratorsFacts, ShareTarget, TransferOwnershipFacts, judgeSaveProjectCollaborators, judgeTransferOwnership } from './project-checks';
import type { ProjectFacts, ProjectViewer } from './projects';
import type { SharePermission } from './shares';
import { outcome } from './rule-outcome.testing';

const KEY = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const project: ProjectFacts = {
  id: 'p1',
  ownerId: 'owner',
  organisationId: 'own-org',
  organisationProject: true,
  collaborationProject: true,
  reversible: false,
};

function viewer(userId: string, shares: SharePermission[] | null = null): ProjectViewer {
  return {
    userId,
    organisationId: 'other-org',
    orgRoles: ['Member'],
    workspaceMember: false,
    organisationAccess: { mode: 'limited', projectIds: [] },
    shares: new Map(shares ? [['p1', shares]] : []),
    collaborations: new Map(),
  };
}

describe('judgeSaveProjectCollaborators: one order for the API and the activity', () => {
  const facts = (over: Partial<SaveProjectCollaboratorsFacts> = {}): SaveProjectCollaboratorsFacts => ({
    project,
    viewer: viewer('editor', ['view', 'edit']),
    openRequests: 0,
    organisationIdByKey: new Map([[KEY, 'partner-org']]),
    ...over,
  });

  it('R-S1 an absent or invisible project is 404 before anything else', () => {
    expect(outcome(() => judgeSaveProjectCollaborators(facts({ project: null, viewer: null }), [{ key: 'bad', canReverse: true }]))).toBe('not_found');
    expect(outcome(() => judgeSaveProjectCollaborators(facts({ viewer: viewer('stranger') }), [{ key: 'bad', canReverse: true }]))).toBe('not_found');
  });

  it('R-S2 edit permission, then R-P1 a collaboration project, then R-P5 no open request, then the entries', () => {
    const bad = [{ key: 'bad', canReverse: true }];
    expect(outcome(() => judgeSaveProjectCollaborators(facts({ viewer: viewer('reader', ['view']), openRequests: 1 }), bad))).toBe('forbidden R-S2');
    const plain = { ...project, collaborationProject: false };
    expect(outcome(() => judgeSaveProjectCollaborators(facts({ project: plain, openRequests: 1 }), bad))).toBe('conflict R-P1');
    expect(outcome(() => judgeSaveProjectCollaborators(facts({ openRequests: 1 }), bad))).toBe('conflict R-P5');
    expect(outcome(() => judgeSaveProjectCollaborators(facts(), bad), { withField: true })).toBe('invalid R-P1 collaborators[0].key');
  });

  it('R-P2 canReverse on a non-reversible project is refused before an unknown key (R-P1), which comes before the own organisation', () => {
    const unknown = '2c4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(outcome(() => judgeSaveProjectCollaborators(facts(), [{ key: unknown, canReverse: true }]))).toBe('invalid R-P2');
    expect(outcome(() => judgeSaveProjectCollaborators(facts(), [{ key: unknown, canReverse: false }]))).toBe('invalid R-P1');
    const own = facts({ organisationIdByKey: new Map([[KEY, 'own-org']]) });
    expect(outcome(() => judgeSaveProjectCollaborators(own, [{ key: KEY, canReverse: false }]))).toBe('invalid R-P1');
    expect(outcome(() => judgeSaveProjectCollaborators(facts(), [{ key: KEY.toUpperCase(), canReverse: false }]))).toBe('ok');
  });
});

describe('judgeTransferOwnership', () => {
  const target = (over: Partial<ShareTarget> = {}): ShareTarget => ({ userId: 'heir', exists: true, eligible: true, ...over });
  const facts = (over: Partial<TransferOwnershipFacts> = {}): TransferOwnershipFacts => ({ project, viewer: viewer('owner'), newOwner: target(), ...over });

  it('R-S1 404, then R-S4 only the owner, before the new owner is looked at', () => {
    expect(outcome(() => judgeTransferOwnership(facts({ project: null, viewer: null }), {}))).toBe('not_found');
    expect(outcome(() => judgeTransferOwnership(facts({ viewer: viewer('sharer', ['view', 'share']), newOwner: target({ exists: false }) }), {}))).toBe(
      'forbidden R-S4',
    );
    expect(outcome(() => judgeTransferOwnership(facts({ newOwner: target({ userId: 'owner' }) }), {}), { withField: true })).toBe('invalid R-S4 newOwnerId');
  });

  it('R-S2 the permissions, then an unknown or ineligible new owner answers 404 (R-T1)', () => {
    expect(outcome(() => judgeTransferOwnership(facts({ newOwner: target({ exists: false }) }), { permissions: [] }))).toBe('invalid R-S2');
    expect(outcome(() => judgeTransferOwnership(facts({ newOwner: target({ exists: false }) }), {}), { withField: true })).toBe('not_found newOwnerId');
    expect(outcome(() => judgeTransferOwnership(facts({ newOwner: target({ eligible: false }) }), {}), { withField: true })).toBe('not_found newOwnerId');
  });

  it('answers the new owner share: view by default, else the permissions asked, in canonical order', () => {
    expect(judgeTransferOwnership(facts(), {})).toEqual(['view']);
    expect(judgeTransferOwnership(facts(), { permissions: ['edit', 'view'] })).toEqual(['view', 'edit']);
  });
});
