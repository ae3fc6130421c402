import { EntityManager } from '@mikro-orm/core';
import type { WorkspaceActor } from '../../domain/permissions';
import type { ProjectAccess } from '../../domain/project-access';
import { Collaborator, ProjectAccessGrant, User, WorkforceAccess, WorkspaceMember } from '../entities';

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
