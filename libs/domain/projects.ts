import { Conflict, RuleViolation } from './errors';
import type { ProjectAccess } from './project-access';
import type { OrgRole } from './roles';
import type { SharePermission } from './shares';

/** What the rules need to know about a project. */
export interface ProjectFacts {
  id: string;
  ownerId: string;
  organisationId: string;
  organisationProject: boolean;
  collaborationProject: boolean;
  reversible: boolean;
}

/**
 * What the rules need to know about a user, for the projects of one workspace:
 * loaded once (libs/persistence/queries/project-visibility.ts), then asked per project.
 */
export interface ProjectViewer {
  userId: string;
  organisationId: string;
  orgRoles: readonly OrgRole[];
  /** Member of the project's workspace (R-S1: organisation projects). */
  workspaceMember: boolean;
  /** The project access of the viewer's organisation in the workspace (R-W8). */
  organisationAccess: ProjectAccess;
  /** The viewer's shares: project id → permissions (R-S2). */
  shares: ReadonlyMap<string, readonly SharePermission[]>;
  /** Projects on which the viewer's organisation is a collaborating organisation, with its canReverse. */
  collaborations: ReadonlyMap<string, { canReverse: boolean }>;
}

export function isOwner(viewer: Pick<ProjectViewer, 'userId'>, project: ProjectFacts): boolean {
  return project.ownerId === viewer.userId;
}

/** A DataOwner of the owning organisation (R-S1, R-S3). */
export function isOwningDataOwner(viewer: Pick<ProjectViewer, 'organisationId' | 'orgRoles'>, project: ProjectFacts): boolean {
  return viewer.organisationId === project.organisationId && viewer.orgRoles.includes('DataOwner');
}

function accessCovers(access: ProjectAccess, projectId: string): boolean {
  return access.mode === 'full' || access.projectIds.includes(projectId);
}

/**
 * R-S1: the owner, DataOwners of the owning organisation and users with a share; for an
 * organisation project also workspace members whose organisation's project access covers
 * it; for a collaboration project also users of its collaborating organisations.
 */
export function canSeeProject(viewer: ProjectViewer, project: ProjectFacts): boolean {
  if (isOwner(viewer, project) || isOwningDataOwner(viewer, project) || viewer.shares.has(project.id)) return true;
  if (project.organisationProject && viewer.workspaceMember && accessCovers(viewer.organisationAccess, project.id)) return true;
  return project.collaborationProject && viewer.collaborations.has(project.id);
}

/** What the viewer may do with a project it can see, as shown on GET /projects/{id}. */
export function permissionsOn(viewer: ProjectViewer, project: ProjectFacts): SharePermission[] {
  if (isOwner(viewer, project) || isOwningDataOwner(viewer, project)) return ['view', 'edit', 'share', 'manage'];
  const share = viewer.shares.get(project.id);
  if (share) return [...new Set<SharePermission>(['view', ...share])];
  return canSeeProject(viewer, project) ? ['view'] : [];
}

/**
 * Editing a project (name, flags, collaborators): the owner, a DataOwner of the owning
 * organisation, or a share with `edit` or `manage` (decision: see docs/decisions.md).
 */
export function assertCanEditProject(viewer: ProjectViewer, project: ProjectFacts): void {
  const permissions = permissionsOn(viewer, project);
  if (!permissions.includes('edit') && !permissions.includes('manage')) {
    throw new RuleViolation('R-S2', 'changing the project needs the edit or manage permission', { kind: 'forbidden' });
  }
}

/** R-S3: only the owner, a DataOwner (of the owning organisation) or a user with `share` changes shares. */
export function assertCanChangeShares(viewer: ProjectViewer, project: ProjectFacts): void {
  if (isOwner(viewer, project) || isOwningDataOwner(viewer, project)) return;
  if (viewer.shares.get(project.id)?.includes('share')) return;
  throw new RuleViolation('R-S3', 'only the owner, a DataOwner or a user with the share permission may change shares; you may only read them', {
    kind: 'forbidden',
  });
}

/** R-S4: only the owner hands ownership over, so a previous owner cannot take it back alone. */
export function assertCanTransferOwnership(viewer: Pick<ProjectViewer, 'userId'>, project: ProjectFacts, newOwnerId: string): void {
  if (!isOwner(viewer, project)) {
    throw new RuleViolation('R-S4', 'only the owner may hand ownership over; ask the owner to transfer it to you', { kind: 'forbidden' });
  }
  if (newOwnerId === project.ownerId) throw new RuleViolation('R-S4', 'that user already owns the project', { field: 'newOwnerId' });
}

/** R-S6: a user leaves by deleting its share; the owner must transfer ownership first. */
export function assertCanLeave(viewer: ProjectViewer, project: ProjectFacts): void {
  if (isOwner(viewer, project)) {
    throw new RuleViolation('R-S6', 'the owner cannot leave the project; transfer ownership first (you may leave in the same operation)', { kind: 'conflict' });
  }
  if (!viewer.shares.has(project.id)) throw new RuleViolation('R-S6', 'the project is not shared with you, so there is nothing to leave', { kind: 'conflict' });
}

/** Section 3: collaborationProject requires organisationProject. */
export function assertProjectFlags(flags: { organisationProject: boolean; collaborationProject: boolean }): void {
  if (flags.collaborationProject && !flags.organisationProject) {
    throw new RuleViolation('R-P1', 'a collaboration project must be an organisation project', { field: 'collaborationProject' });
  }
}

/** Section 3: `reversible` is chosen at creation and never changed. */
export function assertReversibleUnchanged(project: ProjectFacts, requested: boolean | undefined): void {
  if (requested !== undefined && requested !== project.reversible) {
    throw new RuleViolation('R-P2', 'reversible is chosen when the project is created and can never be changed', { field: 'reversible' });
  }
}

/** R-P4: a project with collaborators stays a collaboration (and organisation) project. */
export function assertFlagsKeepCollaborators(next: { organisationProject: boolean; collaborationProject: boolean }, collaboratorCount: number): void {
  if (collaboratorCount > 0 && (!next.collaborationProject || !next.organisationProject)) {
    throw new RuleViolation('R-P4', 'project collaborators are permanent, so this project stays a collaboration project; create a new project instead', {
      kind: 'conflict',
      field: next.organisationProject ? 'collaborationProject' : 'organisationProject',
    });
  }
}

/** R-P1: an organisation key is a UUID v4. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export function isOrganisationKey(value: unknown): value is string {
  return typeof value === 'string' && UUID_V4.test(value);
}

export interface CollaboratorEntry {
  key: string;
  canReverse: boolean;
}

/** R-P1, R-P2, R-P5: the rules of one save, before any key is resolved. */
export function assertCollaboratorsSavable(project: ProjectFacts, entries: readonly CollaboratorEntry[], openRequests: number): void {
  if (!project.collaborationProject) {
    throw new RuleViolation('R-P1', 'collaborating organisations can be added only to a collaboration project', { kind: 'conflict', field: 'collaborators' });
  }
  assertNoOpenRequests(openRequests);
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const field = `collaborators[${i}].key`;
    if (!isOrganisationKey(entry.key))
      throw new RuleViolation('R-P1', `"${String(entry.key)}" is not an organisation key (a UUID v4); ask your partner to copy it again`, { field });
    const key = entry.key.toLowerCase();
    if (seen.has(key)) throw new RuleViolation('R-P1', `organisation key ${entry.key} is listed twice`, { field });
    seen.add(key);
    if (entry.canReverse && !project.reversible) {
      throw new RuleViolation('R-P2', 'canReverse may be set only on a reversible project', { field: `collaborators[${i}].canReverse` });
    }
  });
}

/** R-P1: resolved keys: unknown keys and the project's own organisation are refused, naming the key. */
export function assertCollaboratorOrganisations(
  project: ProjectFacts,
  entries: readonly CollaboratorEntry[],
  organisationIdByKey: ReadonlyMap<string, string>,
): void {
  entries.forEach((entry, i) => {
    const field = `collaborators[${i}].key`;
    const organisationId = organisationIdByKey.get(entry.key.toLowerCase());
    if (!organisationId) throw new RuleViolation('R-P1', `no organisation has the key ${entry.key}; ask your partner to verify it`, { field });
    if (organisationId === project.organisationId) {
      throw new RuleViolation('R-P1', `the key ${entry.key} is the project's own organisation, which cannot collaborate with itself`, { field });
    }
  });
}

/** R-P5: collaborators are frozen while a request is submitted or in review. */
export function assertNoOpenRequests(openRequests: number): void {
  if (openRequests > 0) {
    throw new RuleViolation('R-P5', 'collaborators cannot be added or edited while a request of the project is submitted or in review', { kind: 'conflict' });
  }
}

/** R-P4: project collaborators are permanent. */
export function refuseCollaboratorRemoval(): never {
  throw new RuleViolation('R-P4', 'project collaborators are permanent and cannot be removed; to change collaborators, create a new project', {
    kind: 'conflict',
  });
}

export type RequestKind = 'standard' | 'reverse';

/**
 * R-P6: a member of the owning organisation or of a collaborating organisation submits; a
 * reverse request needs a reversible project and the owning organisation or a
 * collaborator with canReverse.
 */
export function assertCanSubmitRequest(viewer: ProjectViewer, project: ProjectFacts, kind: RequestKind): void {
  const owning = viewer.organisationId === project.organisationId;
  const collaboration = viewer.collaborations.get(project.id);
  if (!owning && !collaboration) {
    throw new RuleViolation('R-P6', 'only members of the owning organisation or of a collaborating organisation may submit requests', { kind: 'forbidden' });
  }
  if (kind === 'reverse') {
    if (!project.reversible) throw new RuleViolation('R-P6', 'a reverse request needs a reversible project', { field: 'kind' });
    if (!owning && !collaboration?.canReverse) {
      throw new RuleViolation('R-P6', 'your organisation may not reverse pseudonymised data of this project (canReverse is not set)', {
        kind: 'forbidden',
        field: 'kind',
      });
    }
  }
}

/** R-P6: an OrgAdmin or DataOwner of the owning organisation decides. */
export function assertCanDecideRequest(viewer: ProjectViewer, project: ProjectFacts): void {
  if (viewer.organisationId !== project.organisationId || !viewer.orgRoles.some((r) => r === 'OrgAdmin' || r === 'DataOwner')) {
    throw new RuleViolation('R-P6', 'only an OrgAdmin or DataOwner of the owning organisation approves or rejects requests', { kind: 'forbidden' });
  }
}

export function assertRequestOpen(status: string): void {
  if (status !== 'submitted' && status !== 'in_review') throw new Conflict(`the request is already ${status}`, 'R-P6');
}

/** R-O1 (R-S7 for a handover): one operation per project at a time; the second is refused naming the first. */
export function projectBusy(runningOperationId: string): Conflict {
  const rule = runningOperationId.startsWith('transfer-ownership.') ? 'R-S7' : 'R-O1';
  return new Conflict(`another operation on this project is running (${runningOperationId}); try again when it has finished`, rule);
}
