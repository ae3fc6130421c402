import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Context } from '@temporalio/activity';
import type { AppConfig } from '../libs/config/app-config';
import { expiryWarningMessageId, renderExpiryWarning } from '../libs/mail/expiry-email';
import type { Mailer } from '../libs/mail/mailer';
import { EXPIRY_ACTOR, ExpiryStepResult, ExpiryTarget, expiryOperationId } from '../libs/operations/expiry-operations';
import { AuditEntry, Collaborator, Share, WorkspaceMember } from '../libs/persistence/entities';
import { idempotencyKey } from './activity-context';

type Row = WorkspaceMember | Collaborator | Share;

/** The row that carries the end date of a target, with what its warning needs. */
function findRow(em: EntityManager, target: ExpiryTarget): Promise<Row | null> {
  switch (target.kind) {
    case 'member':
      return em.findOne(WorkspaceMember, { workspace: target.workspaceId, user: target.userId }, { populate: ['user', 'workspace'] });
    case 'collaborator':
      return em.findOne(Collaborator, { workspace: target.workspaceId, organisation: target.organisationId }, { populate: ['organisation', 'workspace'] });
    case 'share':
      return em.findOne(Share, { project: target.projectId, user: target.userId }, { populate: ['user', 'project'] });
  }
}

const sameDate = (a: Date | null, iso: string) => !!a && a.getTime() === Date.parse(iso);
const moved = (row: Row): ExpiryStepResult => ({ done: false, exists: true, current: row.expiresAt ? row.expiresAt.toISOString() : null });
const GONE: ExpiryStepResult = { done: false, exists: false, current: null };

/**
 * R-E1 steps of the expiry timer (workflows/access-expiry.workflow.ts). Each one first asks
 * the row whether its end date is still the one the timer slept for: the database holds the
 * date, the timer only wakes up. Both are idempotent: the warning is recorded on the row
 * (`expiry_warned_for`) after the SMTP server took it, with one Message-ID per date and
 * recipient (as the invitation mail); the removal and its audit entry are one transaction
 * keyed by the step, so a retry after the commit answers "done" and removes nothing twice.
 */
export function createExpiryActivities(deps: { orm: MikroORM; mailer: Mailer; config: AppConfig }) {
  const domain = new URL(deps.config.http.publicBaseUrl).hostname || 'collaboration.localhost';

  /** Who is warned: the person, or for a collaborator organisation the workspace's Admins. */
  async function recipients(em: EntityManager, target: ExpiryTarget, row: Row): Promise<Array<{ id: string; email: string }>> {
    if (row instanceof WorkspaceMember || row instanceof Share) return [{ id: row.user.id, email: row.user.email }];
    const ownerOrganisation = row.workspace.ownerOrganisation.id;
    const members = await em.find(WorkspaceMember, { workspace: target.workspaceId, organisationId: ownerOrganisation }, { populate: ['user'] });
    return members.filter((m) => m.roles.includes('Admin')).map((m) => ({ id: m.user.id, email: m.user.email }));
  }

  return {
    /** R-E1: the warning mail for one end date, once per date and recipient. */
    async warnOfExpiry(input: { target: ExpiryTarget; expiresAt: string }): Promise<ExpiryStepResult> {
      const em = deps.orm.em.fork();
      const row = await findRow(em, input.target);
      if (!row) return GONE;
      if (!sameDate(row.expiresAt, input.expiresAt)) return moved(row);
      if (sameDate(row.expiryWarnedFor, input.expiresAt)) return { done: true, exists: true, current: input.expiresAt };
      const expiresAt = new Date(input.expiresAt);
      const operationId = expiryOperationId(input.target);
      const placeName = row instanceof Share ? row.project.name : row.workspace.name;
      const organisationName = row instanceof Collaborator ? row.organisation.name : undefined;
      for (const to of await recipients(em, input.target, row)) {
        Context.current().heartbeat();
        await deps.mailer.send({
          ...renderExpiryWarning({ to: to.email, kind: input.target.kind, placeName, organisationName, expiresAt }),
          messageId: expiryWarningMessageId(operationId, expiresAt, to.id, domain),
        });
      }
      await em.nativeUpdate(row.constructor as typeof WorkspaceMember, { id: row.id, expiresAt }, { expiryWarnedFor: expiresAt });
      return { done: true, exists: true, current: input.expiresAt };
    },

    /**
     * R-E1 at the end date: a membership or a share is removed here, as a manual removal
     * removes it (the row, audited; actor: the expiry). A collaborator organisation is only
     * confirmed here: its removal is R-W11's workflow, started by the timer as a child.
     */
    async expireAccess(input: { target: ExpiryTarget; expiresAt: string }): Promise<ExpiryStepResult> {
      const key = idempotencyKey();
      const operationId = expiryOperationId(input.target);
      return deps.orm.em.fork().transactional(async (em) => {
        const row = await findRow(em, input.target);
        if (!row) return (await em.count(AuditEntry, { idempotencyKey: key })) ? { done: true, exists: false, current: input.expiresAt } : GONE;
        if (!sameDate(row.expiresAt, input.expiresAt)) return moved(row);
        if (row instanceof Collaborator) return { done: true, exists: true, current: input.expiresAt };
        const details: Record<string, unknown> = { actor: EXPIRY_ACTOR, userId: row.user.id, expiresAt: input.expiresAt };
        let audit: AuditEntry;
        if (row instanceof WorkspaceMember) {
          details.organisationId = row.organisationId;
          details.roles = [...row.roles];
          audit = new AuditEntry({ workspaceId: row.workspace.id, actorId: null, action: 'member.expired', operationId, details, idempotencyKey: key });
        } else {
          details.permissions = [...row.permissions];
          const workspaceId = row.project.workspace.id;
          audit = new AuditEntry({
            workspaceId,
            projectId: row.project.id,
            actorId: null,
            action: 'project.share_expired',
            operationId,
            details,
            idempotencyKey: key,
          });
        }
        em.remove(row);
        em.persist(audit);
        await em.flush();
        return { done: true, exists: false, current: input.expiresAt };
      });
    },
  };
}
