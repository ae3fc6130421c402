import { EntityManager } from '@mikro-orm/core';
import type { WorkspaceActor } from '../../domain/permissions';
import type { ProjectGrantFacts } from '../../domain/collaborator-checks';
import type { ProjectAccess } from '../../domain/project-access';
import { Collaborator, Project, ProjectAccessGrant, User, WorkforceAccess, WorkspaceMember } from '../entities';

/** The organisations `organisationId` has workforce access to, itself included. */
export async function workforceAccessOf(em: EntityManager, organisationId: string): Promise<Set<string>> {
  const rows = await em.find(WorkforceAccess, { manager: organisationId }, { fields: ['managed'] });
  return new Set([organisationId, ...rows.map((r) => r.managed.id)]);
}

/**
 * Everything the domain rules need about a user inside one workspace. Roles are empty
 * for a non-member (R-T1 then answers 404).
 */
export async function loadWorkspaceActor(em: EntityManager, userId: string, workspaceId: string): Promise<WorkspaceActor> {
  const user = await em.findOneOrFail(User, userId, { fields: ['organisation'] });
  const member = await em.findOne(WorkspaceMember, { workspace: workspaceId, user: userId }, { fields: ['roles'] });
  return {
    userId,
    organisationId: user.organisation.id,
    roles: member?.roles ?? [],
    workforceAccess: await workforceAccessOf(em, user.organisation.id),
  };
}

/** R-W8: an organisation's project access in a workspace ('limited' with no projects when not a collaborator). */
export async function projectAccessOf(em: EntityManager, workspaceId: string, organisationId: string): Promise<ProjectAccess> {
  const collaborator = await em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId });
  if (!collaborator) return { mode: 'limited', projectIds: [] };
  if (collaborator.projectAccess === 'full') return { mode: 'full' };
  const grants = await em.find(ProjectAccessGrant, { collaborator }, { fields: ['project'] });
  return { mode: 'limited', projectIds: grants.map((g) => g.project.id) };
}

/**
 * R-W8: the facts a requested project access is judged by (libs/domain judgeProjectGrant):
 * looked up for the requested projects alone (at most the DTO's 1,000), never every
 * project of the workspace.
 */
export async function loadProjectGrantFacts(
  em: EntityManager,
  workspaceId: string,
  editorOrganisationId: string,
  requested: ProjectAccess,
): Promise<ProjectGrantFacts> {
  const ids = requested.mode === 'limited' ? [...new Set(requested.projectIds)] : [];
  const inWorkspace = ids.length ? (await em.find(Project, { workspace: workspaceId, id: { $in: ids } }, { fields: ['id'] })).map((p) => p.id) : [];
  const collaborator = await em.findOne(Collaborator, { workspace: workspaceId, organisation: editorOrganisationId }, { fields: ['id', 'projectAccess'] });
  let editorAccess: ProjectAccess = { mode: 'limited', projectIds: [] };
  if (collaborator?.projectAccess === 'full') editorAccess = { mode: 'full' };
  else if (collaborator && ids.length) {
    const grants = await em.find(ProjectAccessGrant, { collaborator: collaborator.id, project: { $in: ids } }, { fields: ['project'] });
    editorAccess = { mode: 'limited', projectIds: grants.map((g) => g.project.id) };
  }
  return { inWorkspace, editorAccess };
}
