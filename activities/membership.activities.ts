import { EntityManager as CoreEntityManager, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { judgeAddAllUsers, judgeAssignRoles, judgeEditCollaborator } from '../libs/domain/collaborator-checks';
import { NotFound } from '../libs/domain/errors';
import { ProjectAccess } from '../libs/domain/project-access';
import { WorkspaceRole, allowedRolesFor, rolesAllowedAfter } from '../libs/domain/roles';
import type { AssignRolesInput, AssignRolesResult, EditCollaboratorInput } from '../libs/operations/workspace-operations';
import { Collaborator, Project, ProjectAccessGrant, User, WorkspaceMember } from '../libs/persistence/entities';
import { loadCollaboratorFacts, loadMemberFacts } from '../libs/persistence/queries/collaborator-facts';
import { projectAccessOf } from '../libs/persistence/queries/workspace-actor';
import { AddMembersBatchInput, AddMembersBatchResult, addMembersBatch } from './member-batch';

/**
 * Steps that write workspace members and collaborators (seed 001). Each re-checks its
 * rules inside its transaction (the API's check was only the fast answer), and each is
 * idempotent: whole-organisation steps work in keyset batches of bulk, conflict-ignoring
 * writes, so a retry or a restarted worker adds or removes nobody twice.
 */
export function createMembershipActivities(deps: { orm: MikroORM }) {
  const fork = () => deps.orm.em.fork() as unknown as EntityManager;

  async function collaboratorOf(em: CoreEntityManager, workspaceId: string, organisationId: string): Promise<Collaborator> {
    const collaborator = await em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId });
    if (!collaborator) throw new NotFound('collaborator', 'organisationId');
    return collaborator;
  }

  return {
    /** R-W2: roles of one member, only those its organisation's types allow. */
    async assignMemberRoles(input: AssignRolesInput): Promise<AssignRolesResult> {
      return fork().transactional(async (em) => {
        const facts = await loadMemberFacts(em, input.actor.userId, input.workspaceId, input.userId);
        const previousRoles = [...(facts.member?.roles ?? [])];
        // A retry after success finds the roles already set: nothing to check or write.
        if (facts.member && sameRoles(previousRoles, input.roles)) return { userId: input.userId, roles: previousRoles, previousRoles };
        judgeAssignRoles(facts, input.roles);
        const member = await em.findOneOrFail(WorkspaceMember, { workspace: input.workspaceId, user: input.userId });
        member.roles = [...input.roles];
        return { userId: input.userId, roles: member.roles, previousRoles };
      });
    },

    /**
     * R-W7, R-W8, R-W9: writes the collaborator's new settings in one transaction.
     * Stripping members' roles follows in batches (stripForbiddenRoles).
     */
    async updateCollaborator(input: EditCollaboratorInput): Promise<{
      collaboratorId: string;
      previousTypes: string[];
      types: string[];
      projectAccess: ProjectAccess;
      autoInvite: boolean;
      autoInviteRole: WorkspaceRole | null;
    }> {
      return fork().transactional(async (em) => {
        const facts = await loadCollaboratorFacts(em, input.actor.userId, input.workspaceId, input.organisationId, input.projectAccess);
        judgeEditCollaborator(facts, input);
        const collaborator = await collaboratorOf(em, input.workspaceId, input.organisationId);
        const previousTypes = [...collaborator.types];
        if (input.types) collaborator.types = [...input.types];
        if (input.projectAccess) {
          await em.nativeDelete(ProjectAccessGrant, { collaborator });
          collaborator.projectAccess = input.projectAccess.mode;
          if (input.projectAccess.mode === 'limited') {
            for (const projectId of input.projectAccess.projectIds) em.persist(new ProjectAccessGrant(collaborator, em.getReference(Project, projectId)));
          }
        }
        if (input.autoInvite !== undefined) collaborator.autoInvite = input.autoInvite;
        if (input.autoInviteRole !== undefined) collaborator.autoInviteRole = input.autoInviteRole;
        if (
          !collaborator.autoInvite &&
          input.autoInviteRole === undefined &&
          collaborator.autoInviteRole &&
          !allowedRolesFor(collaborator.types).includes(collaborator.autoInviteRole)
        ) {
          collaborator.autoInviteRole = null; // an off toggle keeps no role the types no longer allow
        }
        await em.flush();
        return {
          collaboratorId: collaborator.id,
          previousTypes,
          types: [...collaborator.types],
          projectAccess: await projectAccessOf(em, input.workspaceId, input.organisationId),
          autoInvite: collaborator.autoInvite,
          autoInviteRole: collaborator.autoInviteRole,
        };
      });
    },

    /** The collaborator's settings as they are now. */
    async readCollaborator(input: {
      workspaceId: string;
      organisationId: string;
    }): Promise<{ collaboratorId: string; types: string[]; projectAccess: ProjectAccess; autoInvite: boolean; autoInviteRole: WorkspaceRole | null }> {
      const em = fork();
      const c = await collaboratorOf(em, input.workspaceId, input.organisationId);
      return {
        collaboratorId: c.id,
        types: [...c.types],
        projectAccess: await projectAccessOf(em, input.workspaceId, input.organisationId),
        autoInvite: c.autoInvite,
        autoInviteRole: c.autoInviteRole,
      };
    },

    async countOrganisationMembers(input: { workspaceId: string; organisationId: string }): Promise<number> {
      return fork().count(WorkspaceMember, { workspace: input.workspaceId, organisationId: input.organisationId });
    },

    /**
     * R-W7: one batch of members (keyset by member id) loses every role the collaborator's
     * current types no longer allow. Reading the types here, not from the input, keeps a
     * retry or a late batch right.
     */
    async stripForbiddenRoles(input: {
      workspaceId: string;
      organisationId: string;
      afterMemberId: string | null;
      limit: number;
    }): Promise<{ scanned: number; changed: number; lastMemberId: string | null }> {
      return fork().transactional(async (em) => {
        const collaborator = await em.findOne(Collaborator, { workspace: input.workspaceId, organisation: input.organisationId }, { fields: ['id', 'types'] });
        if (!collaborator) return { scanned: 0, changed: 0, lastMemberId: null };
        const members = await em.find(
          WorkspaceMember,
          { workspace: input.workspaceId, organisationId: input.organisationId, ...(input.afterMemberId ? { id: { $gt: input.afterMemberId } } : {}) },
          { orderBy: { id: 'asc' }, limit: input.limit, fields: ['id', 'roles'] },
        );
        let changed = 0;
        for (const member of members) {
          const kept = rolesAllowedAfter(member.roles, collaborator.types);
          if (kept.length !== member.roles.length) {
            member.roles = kept;
            changed++;
          }
        }
        await em.flush();
        return { scanned: members.length, changed, lastMemberId: members.length ? members[members.length - 1].id : null };
      });
    },

    /** R-W10, before the first batch: who may, and the role against the types now. Answers how many users there are. */
    async checkAddAllUsers(input: { actor: { userId: string }; workspaceId: string; organisationId: string; role: WorkspaceRole }): Promise<{ total: number }> {
      const em = fork();
      judgeAddAllUsers(await loadCollaboratorFacts(em, input.actor.userId, input.workspaceId, input.organisationId), input);
      return { total: await em.count(User, { organisation: input.organisationId }) };
    },

    /** R-W10, R-O3: one keyset batch of the organisation's users becomes members (member-batch.ts). */
    async addMembersBatch(input: AddMembersBatchInput): Promise<AddMembersBatchResult> {
      return addMembersBatch(fork(), input);
    },

    /**
     * R-W9: a user newly added to an organisation becomes a member of every workspace where
     * that organisation is a collaborator with auto invite on, with the configured role
     * when the types still allow it. Conflict-ignoring inserts: a retry adds nobody twice.
     */
    async addAutoInviteMemberships(input: { organisationId: string; userId: string }): Promise<{ workspaceIds: string[]; skipped: string[] }> {
      return fork().transactional(async (em) => {
        const collaborators = await em.find(
          Collaborator,
          { organisation: input.organisationId, autoInvite: true },
          { fields: ['id', 'workspace', 'types', 'autoInviteRole'] },
        );
        const workspaceIds: string[] = [];
        const skipped: string[] = [];
        const now = new Date();
        for (const c of collaborators) {
          if (!c.autoInviteRole || !allowedRolesFor(c.types).includes(c.autoInviteRole)) {
            skipped.push(c.workspace.id);
            continue;
          }
          await em
            .createQueryBuilder(WorkspaceMember)
            .insert({
              id: randomUUID(),
              workspace: c.workspace.id,
              user: input.userId,
              organisationId: input.organisationId,
              roles: [c.autoInviteRole],
              createdAt: now,
            })
            .onConflict(['workspace', 'user'])
            .ignore()
            .execute('run');
          workspaceIds.push(c.workspace.id);
        }
        return { workspaceIds, skipped };
      });
    },
  };
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
