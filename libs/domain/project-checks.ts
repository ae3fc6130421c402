import { NotFound, RuleViolation } from './errors';
import {
  CollaboratorEntry,
  ProjectFacts,
  ProjectViewer,
  assertCanEditProject,
  assertCanTransferOwnership,
  assertCollaboratorOrganisations,
  assertCollaboratorsSavable,
  canSeeProject,
} from './projects';
import { SharePermission, assertSharePermissions } from './shares';

/**
 * One check per project operation (issue 14, item 4): the judges of the project operations
 * the API answers fast and an activity checks again inside its transaction, on facts
 * loaded by libs/persistence/queries/project-facts.ts. Same facts, same order, same answer.
 */

/** A project and the caller as the rules see them; `project` null when it does not exist. */
export interface ProjectScope {
  project: ProjectFacts | null;
  viewer: ProjectViewer | null;
}

/** R-T1, R-S1: a project the caller cannot see answers exactly like one that does not exist. */
export function judgeVisibleProject(scope: ProjectScope): { project: ProjectFacts; viewer: ProjectViewer } {
  const { project, viewer } = scope;
  if (!project || !viewer || !canSeeProject(viewer, project)) throw new NotFound('project');
  return { project, viewer };
}

export interface SaveProjectCollaboratorsFacts extends ProjectScope {
  /** R-P5: the project's requests submitted or in review. */
  openRequests: number;
  /** R-P1: the organisations the requested keys name (lower-cased key → organisation id). */
  organisationIdByKey: ReadonlyMap<string, string>;
}

/** R-S1, R-S2, R-P1, R-P2, R-P5: add or update a project's collaborating organisations, all or nothing. */
export function judgeSaveProjectCollaborators(facts: SaveProjectCollaboratorsFacts, entries: readonly CollaboratorEntry[]): void {
  const { project, viewer } = judgeVisibleProject(facts);
  assertCanEditProject(viewer, project);
  assertCollaboratorsSavable(project, entries, facts.openRequests);
  assertCollaboratorOrganisations(project, entries, facts.organisationIdByKey);
}

/**
 * Who a project can be shared with (decision, R-T1): the user, when it exists, and whether
 * it is a member of the project's workspace, of the owning organisation or of a collaborating one.
 */
export interface ShareTarget {
  userId: string;
  exists: boolean;
  eligible: boolean;
}

/** R-S2, R-T1: a share goes to an eligible user other than the owner; anyone else answers like an unknown user. */
export function judgeShareTarget(project: ProjectFacts, target: ShareTarget, field: string): void {
  if (!target.exists) throw new NotFound('user', field);
  if (target.userId === project.ownerId) throw new RuleViolation('R-S2', 'the owner holds every permission already; it needs no share', { field });
  if (!target.eligible) throw new NotFound('user', field);
}

export interface TransferOwnershipFacts extends ProjectScope {
  newOwner: ShareTarget;
}

/**
 * R-S1, R-S4, R-S2: hand ownership over: only the owner, to an eligible other user, with
 * the permissions the new owner's share gets meanwhile. Answers those permissions.
 */
export function judgeTransferOwnership(facts: TransferOwnershipFacts, request: { permissions?: readonly string[] }): SharePermission[] {
  const { project, viewer } = judgeVisibleProject(facts);
  assertCanTransferOwnership(viewer, project, facts.newOwner.userId);
  const permissions = request.permissions ? assertSharePermissions(request.permissions) : (['view'] as SharePermission[]);
  judgeShareTarget(project, facts.newOwner, 'newOwnerId');
  return permissions;
}
