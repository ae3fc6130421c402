import { EntityManager } from '@mikro-orm/core';
import type { CollaboratorFacts, InviteOrganisationFacts, MemberFacts } from '../../domain/collaborator-checks';
import type { ProjectAccess } from '../../domain/project-access';
import { Collaborator, Organisation, WorkspaceMember } from '../entities';
import { loadProjectGrantFacts, loadWorkspaceActor } from './workspace-actor';

/**
 * The facts loaders of the collaborator and member operations (issue 14, item 4): one per
 * operation, each read by the API (its fast answer) and by the activity (with its
 * transaction's entity manager), and judged by the matching pure function of
 * libs/domain/collaborator-checks.ts. They read; they decide nothing.
 */

/** R-W6 (b): inviting `organisationId` into the workspace. */
export async function loadInviteOrganisationFacts(
  em: EntityManager,
  userId: string,
  workspaceId: string,
  request: { organisationId: string; projectAccess: ProjectAccess },
): Promise<InviteOrganisationFacts> {
  const actor = await loadWorkspaceActor(em, userId, workspaceId);
  const organisationExists = (await em.count(Organisation, request.organisationId)) > 0;
  const collaborator = await em.findOne(Collaborator, { workspace: workspaceId, organisation: request.organisationId }, { fields: ['id'] });
  const grant = await loadProjectGrantFacts(em, workspaceId, actor.organisationId, request.projectAccess);
  return { actor, organisationExists, collaboratorId: collaborator?.id ?? null, grant };
}

/**
 * Edit, remove, add all users: the actor and the collaborator row (loaded whole, so that
 * an activity writing it afterwards gets the same managed entity), and when `requested`
 * is given the facts R-W8 judges it by.
 */
export async function loadCollaboratorFacts(
  em: EntityManager,
  userId: string,
  workspaceId: string,
  organisationId: string,
  requested?: ProjectAccess,
): Promise<CollaboratorFacts> {
  const actor = await loadWorkspaceActor(em, userId, workspaceId);
  const row = await em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId });
  const collaborator = row ? { id: row.id, types: [...row.types], autoInvite: row.autoInvite, autoInviteRole: row.autoInviteRole } : null;
  const grant = requested ? await loadProjectGrantFacts(em, workspaceId, actor.organisationId, requested) : undefined;
  return { actor, organisationId, collaborator, grant };
}

/** R-W2, R-W3 (and R-E1's who-may): one membership, its organisation's types. */
export async function loadMemberFacts(em: EntityManager, actorUserId: string, workspaceId: string, memberUserId: string): Promise<MemberFacts> {
  const actor = await loadWorkspaceActor(em, actorUserId, workspaceId);
  const row = await em.findOne(WorkspaceMember, { workspace: workspaceId, user: memberUserId });
  if (!row) return { actor, member: null, memberTypes: [] };
  const collaborator = await em.findOne(Collaborator, { workspace: workspaceId, organisation: row.organisationId });
  return { actor, member: { organisationId: row.organisationId, roles: [...row.roles] }, memberTypes: collaborator ? [...collaborator.types] : [] };
}
