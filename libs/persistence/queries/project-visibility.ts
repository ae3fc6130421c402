import { EntityManager, LockMode } from '@mikro-orm/core';
import type { ProjectFacts, ProjectViewer } from '../../domain/projects';
import { Collaborator, Project, ProjectAccessGrant, ProjectCollaborator, Share, User, WorkspaceMember } from '../entities';

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
 * What R-S1 needs about a user in one workspace that does not depend on the project: a
 * fixed number of look-ups by primary or unique key, whatever the workspace holds.
 */
export interface ViewerBasis {
  userId: string;
  organisationId: string;
  orgRoles: ProjectViewer['orgRoles'];
  workspaceMember: boolean;
  /** The viewer organisation's collaborator row in the workspace (R-W8), if any. */
  collaborator: { id: string; projectAccess: 'full' | 'limited' } | null;
}

export async function loadViewerBasis(em: EntityManager, userId: string, workspaceId: string): Promise<ViewerBasis> {
  const user = await em.findOneOrFail(User, userId, { fields: ['organisation', 'orgRoles'] });
  const organisationId = user.organisation.id;
  const [member, collaborator] = await Promise.all([
    em.count(WorkspaceMember, { workspace: workspaceId, user: userId }),
    em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId }, { fields: ['id', 'projectAccess'] }),
  ]);
  return {
    userId,
    organisationId,
    orgRoles: user.orgRoles,
    workspaceMember: member > 0,
    collaborator: collaborator ? { id: collaborator.id, projectAccess: collaborator.projectAccess } : null,
  };
}

/**
 * The viewer as the domain rules (libs/domain/projects.ts) see it, but only for `projectIds`:
 * shares, collaborations and access grants are looked up for those projects alone (one
 * project for a single read, one page for a listing), never for all the viewer has.
 */
export async function scopeViewer(em: EntityManager, basis: ViewerBasis, projectIds: readonly string[]): Promise<ProjectViewer> {
  const ids = [...new Set(projectIds)];
  const none = ids.length === 0;
  const [shares, collaborations, grants] = await Promise.all([
    none ? [] : em.find(Share, { user: basis.userId, project: { $in: ids } }, { fields: ['project', 'permissions'] }),
    none ? [] : em.find(ProjectCollaborator, { organisation: basis.organisationId, project: { $in: ids } }, { fields: ['project', 'canReverse'] }),
    none || basis.collaborator?.projectAccess !== 'limited'
      ? []
      : em.find(ProjectAccessGrant, { collaborator: basis.collaborator.id, project: { $in: ids } }, { fields: ['project'] }),
  ]);
  return {
    userId: basis.userId,
    organisationId: basis.organisationId,
    orgRoles: basis.orgRoles,
    workspaceMember: basis.workspaceMember,
    organisationAccess: basis.collaborator?.projectAccess === 'full' ? { mode: 'full' } : { mode: 'limited', projectIds: grants.map((g) => g.project.id) },
    shares: new Map(shares.map((s) => [s.project.id, s.permissions])),
    collaborations: new Map(collaborations.map((c) => [c.project.id, { canReverse: c.canReverse }])),
  };
}

/** Everything R-S1 needs to decide about one project: O(1) look-ups, whatever the viewer's share count. */
export async function loadProjectViewer(em: EntityManager, userId: string, project: Project): Promise<ProjectViewer> {
  return scopeViewer(em, await loadViewerBasis(em, userId, project.workspace.id), [project.id]);
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
