import { EntityManager, FilterQuery, LockMode } from '@mikro-orm/core';
import type { ProjectFacts, ProjectViewer } from '../../domain/projects';
import type { SharePermission } from '../../domain/shares';
import { Project, ProjectCollaborator, Share, User, WorkspaceMember } from '../entities';
import { projectAccessOf } from './workspace-actor';

export function projectFacts(project: Project): ProjectFacts {
  return {
    id: project.id,
    ownerId: project.owner.id,
    organisationId: project.organisation.id,
    organisationProject: project.organisationProject,
    collaborationProject: project.collaborationProject,
    reversible: project.reversible,
  };
}

/**
 * Everything R-S1 needs to know about a user for the projects of one workspace, in a few
 * queries; the decisions themselves are libs/domain/projects.ts.
 */
export async function loadProjectViewer(em: EntityManager, userId: string, workspaceId: string): Promise<ProjectViewer> {
  const user = await em.findOneOrFail(User, userId, { fields: ['organisation', 'orgRoles'] });
  const organisationId = user.organisation.id;
  const member = await em.count(WorkspaceMember, { workspace: workspaceId, user: userId });
  const shares = await em.find(Share, { user: userId, project: { workspace: workspaceId } }, { fields: ['project', 'permissions'] });
  const collaborations = await em.find(ProjectCollaborator, { organisation: organisationId, project: { workspace: workspaceId } }, { fields: ['project', 'canReverse'] });
  return {
    userId,
    organisationId,
    orgRoles: user.orgRoles,
    workspaceMember: member > 0,
    organisationAccess: await projectAccessOf(em, workspaceId, organisationId),
    shares: new Map(shares.map((s) => [s.project.id, s.permissions as SharePermission[]])),
    collaborations: new Map(collaborations.map((c) => [c.project.id, { canReverse: c.canReverse }])),
  };
}

/**
 * The database filter for the projects of a workspace a viewer may see: the same rule as
 * canSeeProject (R-S1), so listings never load what they would then hide.
 */
export function visibleProjectsFilter(viewer: ProjectViewer, workspaceId: string): FilterQuery<Project> {
  const or: FilterQuery<Project>[] = [{ owner: viewer.userId }];
  if (viewer.orgRoles.includes('DataOwner')) or.push({ organisation: viewer.organisationId });
  if (viewer.shares.size) or.push({ id: { $in: [...viewer.shares.keys()] } });
  if (viewer.workspaceMember) {
    const access = viewer.organisationAccess;
    if (access.mode === 'full') or.push({ organisationProject: true });
    else if (access.projectIds.length) or.push({ organisationProject: true, id: { $in: access.projectIds } });
  }
  if (viewer.collaborations.size) or.push({ collaborationProject: true, id: { $in: [...viewer.collaborations.keys()] } });
  return { workspace: workspaceId, $or: or };
}

/**
 * Reads a project for a write that must not interleave with another write of the same
 * project (R-P5: collaborator saves against request submission). PostgreSQL locks the row
 * (SELECT … FOR UPDATE); SQLite runs on one connection, so its transactions are serial already.
 */
export async function lockProject(em: EntityManager, projectId: string): Promise<Project | null> {
  const postgres = em.getPlatform().constructor.name.toLowerCase().includes('postgre');
  return em.findOne(Project, projectId, postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
}
