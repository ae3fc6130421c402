import { MikroORM } from '@mikro-orm/core';
import { Conflict, NotFound } from '../libs/domain/errors';
import { judgeTransferOwnership } from '../libs/domain/project-checks';
import type { SharePermission } from '../libs/domain/shares';
import type { OwnershipSnapshot, TransferOwnershipInput } from '../libs/operations/project-operations';
import { Project, Share, User } from '../libs/persistence/entities';
import { loadTransferOwnershipFacts } from '../libs/persistence/queries/project-facts';
import { lockProject } from '../libs/persistence/queries/project-visibility';
import { writeAuditEntry } from './audit.activities';

/**
 * Steps of the ownership handover (R-S4, R-S5, R-S7). Each step is one transaction and
 * sets a state rather than applying a change, so a retry and a compensation (which sets
 * the state read before the first step) are both safe to repeat.
 */
export function createShareActivities(deps: { orm: MikroORM }) {
  return {
    /** R-S4: only the owner hands over (judged as the API judged it); reads who owns and the shares the handover touches. */
    async readOwnershipSnapshot(input: TransferOwnershipInput): Promise<OwnershipSnapshot> {
      const em = deps.orm.em.fork();
      judgeTransferOwnership(await loadTransferOwnershipFacts(em, input.actor.userId, input.projectId, input.newOwnerId), input);
      const project = await em.findOneOrFail(Project, input.projectId);
      const users = [...new Set([input.actor.userId, input.newOwnerId])];
      const rows = await em.find(Share, { project, user: { $in: users } });
      const shares: OwnershipSnapshot['shares'] = {};
      for (const userId of users) shares[userId] = rows.find((r) => r.user.id === userId)?.permissions ?? null;
      return { ownerId: input.actor.userId, shares };
    },

    /** Sets one user's share of a project: permissions, or none (null). */
    async setShare(input: { projectId: string; userId: string; permissions: SharePermission[] | null; step: string }): Promise<void> {
      await deps.orm.em.fork().transactional(async (em) => {
        const project = await lockProject(em, input.projectId);
        if (!project) throw new NotFound('project');
        const share = await em.findOne(Share, { project, user: input.userId });
        if (input.permissions === null) {
          if (share) em.remove(share);
        } else if (share) {
          share.permissions = input.permissions;
        } else {
          em.persist(new Share(project, em.getReference(User, input.userId), input.permissions));
        }
        await em.flush();
      });
    },

    /** R-S4: moves ownership from `from` to `to`; a retry finds `to` in place and does nothing. */
    async moveOwnership(input: { projectId: string; from: string; to: string; step: string }): Promise<void> {
      await deps.orm.em.fork().transactional(async (em) => {
        const project = await lockProject(em, input.projectId);
        if (!project) throw new NotFound('project');
        if (project.owner.id !== input.to) {
          if (project.owner.id !== input.from) throw new Conflict('the owner changed while ownership was being handed over', 'R-S4');
          project.owner = em.getReference(User, input.to);
          await em.flush();
        }
      });
    },

    /** Section 6: the audit entry of a completed handover; the last step, so its failure undoes the handover too. */
    async recordOwnershipTransfer(input: {
      workspaceId: string;
      projectId: string;
      actorId: string;
      operationId: string;
      details: Record<string, unknown>;
    }): Promise<void> {
      await writeAuditEntry(deps.orm, { ...input, action: 'project.ownership_transferred' });
    },
  };
}
