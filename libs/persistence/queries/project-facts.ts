import { EntityManager } from '@mikro-orm/core';
import type { SaveProjectCollaboratorsFacts, ShareTarget, TransferOwnershipFacts } from '../../domain/project-checks';
import { CollaboratorEntry, isOrganisationKey } from '../../domain/projects';
import { Organisation, Project, ProjectCollaborator, ProjectRequest, User, WorkspaceMember } from '../entities';
import { loadProjectViewer, lockProject, projectFacts } from './project-visibility';

/**
 * The facts loaders of the project operations (issue 14, item 4), judged by the matching
 * pure functions of libs/domain/project-checks.ts: the API reads them for its fast answer,
 * the activity with its transaction's entity manager. They read; they decide nothing.
 */

/** `lock`: read the project row FOR UPDATE (an activity about to write it; lockProject). */
async function projectScope(em: EntityManager, userId: string, projectId: string, lock: boolean) {
  const row = lock ? await lockProject(em, projectId) : await em.findOne(Project, projectId);
  if (!row) return { row: null, project: null, viewer: null };
  return { row, project: projectFacts(row), viewer: await loadProjectViewer(em, userId, row) };
}

/** R-P1, R-P2, R-P5: the project, the caller, its open requests and the organisations the keys name. */
export async function loadSaveProjectCollaboratorsFacts(
  em: EntityManager,
  userId: string,
  projectId: string,
  entries: readonly CollaboratorEntry[],
  opts: { lock?: boolean } = {},
): Promise<SaveProjectCollaboratorsFacts> {
  const { row, project, viewer } = await projectScope(em, userId, projectId, opts.lock ?? false);
  if (!row) return { project, viewer, openRequests: 0, organisationIdByKey: new Map() };
  const openRequests = await em.count(ProjectRequest, { project: row, status: { $in: ['submitted', 'in_review'] } });
  // Only well-formed keys are looked up (a malformed one is refused by the judge, R-P1, and is no uuid to PostgreSQL).
  const keys = entries.filter((e) => isOrganisationKey(e.key)).map((e) => e.key.toLowerCase());
  // Whole rows (no partial load): the activity writes with these very entities afterwards.
  const organisations = keys.length ? await em.find(Organisation, { key: { $in: keys } }) : [];
  return { project, viewer, openRequests, organisationIdByKey: new Map(organisations.map((o) => [o.key.toLowerCase(), o.id])) };
}

/**
 * Whether `userId` may receive a share of `project` (decision in judgeShareTarget): a member
 * of its workspace, a user of the owning organisation or of a collaborating one.
 */
export async function loadShareTarget(em: EntityManager, project: Project, userId: string): Promise<ShareTarget> {
  const user = await em.findOne(User, userId); // whole: the caller may answer with its name
  if (!user) return { userId, exists: false, eligible: false };
  const organisationId = user.organisation.id;
  const eligible =
    organisationId === project.organisation.id ||
    (await em.count(WorkspaceMember, { workspace: project.workspace.id, user: userId })) > 0 ||
    (await em.count(ProjectCollaborator, { project: project.id, organisation: organisationId })) > 0;
  return { userId, exists: true, eligible };
}

/** R-S4: the project, the caller and the new owner. */
export async function loadTransferOwnershipFacts(em: EntityManager, userId: string, projectId: string, newOwnerId: string): Promise<TransferOwnershipFacts> {
  const { row, project, viewer } = await projectScope(em, userId, projectId, false);
  if (!row) return { project, viewer, newOwner: { userId: newOwnerId, exists: false, eligible: false } };
  return { project, viewer, newOwner: await loadShareTarget(em, row, newOwnerId) };
}
