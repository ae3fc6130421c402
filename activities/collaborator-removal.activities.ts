import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { judgeRemoveCollaborator } from '../libs/domain/collaborator-checks';
import { assertNotOwnerCollaborator } from '../libs/domain/collaborator-rules';
import { Collaborator, Invitation, ProjectAccessGrant, User, WorkspaceMember } from '../libs/persistence/entities';
import { loadCollaboratorFacts } from '../libs/persistence/queries/collaborator-facts';

/**
 * R-W11: the steps that remove a collaborator organisation from a workspace: the check,
 * its members in keyset batches, then its project access, pending invitations and the
 * collaborator row in one transaction. Each is idempotent: a retry removes nothing twice.
 */
export function createCollaboratorRemovalActivities(deps: { orm: MikroORM }) {
  const fork = () => deps.orm.em.fork() as unknown as EntityManager;

  return {
    /** R-W11 before anything is removed: who may, and never the owner organisation (judged as the API judged it). */
    async checkRemoveCollaborator(input: { actor: { userId: string }; workspaceId: string; organisationId: string }): Promise<void> {
      judgeRemoveCollaborator(await loadCollaboratorFacts(fork(), input.actor.userId, input.workspaceId, input.organisationId));
    },

    /** R-W11: one batch of the organisation's members leaves the workspace. */
    async removeMembersBatch(input: { workspaceId: string; organisationId: string; limit: number }): Promise<{ removed: number }> {
      return fork().transactional(async (em) => {
        const ids = (
          await em.find(
            WorkspaceMember,
            { workspace: input.workspaceId, organisationId: input.organisationId },
            { fields: ['id'], limit: input.limit, orderBy: { id: 'asc' } },
          )
        ).map((m) => m.id);
        if (ids.length === 0) return { removed: 0 };
        return { removed: await em.nativeDelete(WorkspaceMember, { id: { $in: ids } }) };
      });
    },

    /**
     * R-W11, last step, one transaction: the collaborator's project access, the pending
     * invitations to that organisation or sent by its users, and the collaborator itself.
     * A retry after success finds nothing left and answers zeros.
     */
    async removeCollaboratorRecord(input: {
      workspaceId: string;
      organisationId: string;
    }): Promise<{ projectGrantsRemoved: number; invitationsRevoked: number; invitationWorkflowIds: string[]; removed: boolean }> {
      return fork().transactional(async (em) => {
        // Partial load: this step deletes the row and must not flush an update of it.
        const collaborator = await em.findOne(Collaborator, { workspace: input.workspaceId, organisation: input.organisationId }, { fields: ['id', 'types'] });
        if (collaborator) assertNotOwnerCollaborator(collaborator.types, 'removed');
        const projectGrantsRemoved = collaborator ? await em.nativeDelete(ProjectAccessGrant, { collaborator }) : 0;
        const inviters = (await em.find(User, { organisation: input.organisationId }, { fields: ['id'] })).map((u) => u.id);
        const pending = await em.find(
          Invitation,
          {
            workspace: input.workspaceId,
            status: 'pending',
            $or: [{ organisationId: input.organisationId }, ...(inviters.length ? [{ inviter: { $in: inviters } }] : [])],
          },
          { fields: ['id', 'workflowId'] },
        );
        const invitationsRevoked = pending.length
          ? await em.nativeUpdate(Invitation, { id: { $in: pending.map((i) => i.id) } }, { status: 'revoked', pendingKey: null })
          : 0;
        // Final sweep in the same transaction: a member added by a racing step leaves too.
        await em.nativeDelete(WorkspaceMember, { workspace: input.workspaceId, organisationId: input.organisationId });
        if (collaborator) await em.nativeDelete(Collaborator, { id: collaborator.id });
        return { projectGrantsRemoved, invitationsRevoked, invitationWorkflowIds: pending.map((i) => i.workflowId), removed: !!collaborator };
      });
    },
  };
}
