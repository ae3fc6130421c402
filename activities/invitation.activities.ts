import { FilterQuery, MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../libs/config/app-config';
import { RuleViolation } from '../libs/domain/errors';
import { InvitationGone, InvitationRateLimited, hashInvitationToken, invitationToken } from '../libs/domain/invitations';
import { assertRolesAllowed } from '../libs/domain/roles';
import type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  CancelInvitationRequestInput,
  CloseInvitationInput,
  InvitationRequestCancelled,
  InvitationState,
} from '../libs/operations/invitation-operations';
import { OPERATION_CANCELLED } from '../libs/operations/operation-cancel';
import {
  AuditEntry,
  Collaborator,
  Invitation,
  InvitationMail,
  Organisation,
  Project,
  ProjectAccessGrant,
  User,
  WorkspaceMember,
} from '../libs/persistence/entities';
import { assertMailBudget, lockInviter } from '../libs/persistence/queries/invitation-mail-ledger';

/**
 * Section 5: steps that change one invitation and what accepting one creates. Each is one
 * transaction with its audit entry (section 6), safe to retry. The rows themselves were
 * written by the API before its 202 (R-I6).
 */
export function createInvitationActivities(deps: { orm: MikroORM; config: AppConfig }) {
  return {
    /**
     * R-I2, R-I3: creates what is missing (user, organisation, collaborator, membership)
     * exactly once. The row must still be pending with this token hash, checked by a
     * compare-and-set inside the transaction, so a second accept, a revoke or a collaborator
     * removal that got there first wins and this one answers Gone.
     */
    async acceptInvitation(input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
      return deps.orm.em.fork().transactional(async (em) => {
        const invitation = await em.findOne(Invitation, input.invitationId, { populate: ['workspace'] });
        if (!invitation || invitation.status !== 'pending' || invitation.tokenHash !== input.tokenHash || invitation.expiresAt.getTime() <= Date.now()) {
          throw new InvitationGone();
        }
        let user = await em.findOne(User, { email: invitation.email }, { populate: ['organisation'] });
        if (input.callerUserId && user?.id !== input.callerUserId) {
          throw new RuleViolation('R-I3', 'this invitation was sent to another email address than the one you are signed in with', { kind: 'forbidden' });
        }
        const created = { user: false, organisation: false, collaborator: false, membership: false };
        let organisation: Organisation | null =
          user?.organisation ?? (invitation.organisationId ? await em.findOne(Organisation, invitation.organisationId) : null);
        if (!organisation) {
          const name = input.organisationName?.trim();
          if (!name) throw new RuleViolation('R-I2', 'your organisation is new here: give its name', { field: 'organisationName' });
          organisation = new Organisation(name);
          em.persist(organisation);
          created.organisation = true;
        }
        if (!user) {
          const name = input.name?.trim();
          if (!name) throw new RuleViolation('R-I2', 'give your name to create your account', { field: 'name' });
          // The first user of a new organisation administers it.
          user = new User({ email: invitation.email, name, organisation, orgRoles: created.organisation ? ['OrgAdmin'] : ['Member'] });
          em.persist(user);
          created.user = true;
        }

        const workspace = invitation.workspace;
        let collaborator = await em.findOne(Collaborator, { workspace, organisation });
        if (!collaborator) {
          collaborator = new Collaborator({
            workspace,
            organisation,
            types: invitation.types,
            projectAccess: invitation.projectAccess.mode,
            invitedBy: invitation.inviter.id,
          });
          em.persist(collaborator);
          if (invitation.projectAccess.mode === 'limited') {
            const live = new Set(
              (await em.find(Project, { workspace, id: { $in: invitation.projectAccess.projectIds } }, { fields: ['id'] })).map((p) => p.id),
            );
            for (const projectId of invitation.projectAccess.projectIds.filter((id) => live.has(id))) {
              em.persist(new ProjectAccessGrant(collaborator, em.getReference(Project, projectId)));
            }
          }
          created.collaborator = true;
        } else if (!collaborator.types.includes('Owner')) {
          // An existing collaborator gains the invitation's types it lacked, so the role it grants is allowed (R-W2).
          const has = new Set(collaborator.types);
          const missing = invitation.types.filter((t) => !has.has(t));
          if (missing.length) collaborator.types = [...collaborator.types, ...missing];
        }
        const role = invitation.role;
        if (role) assertRolesAllowed([role], collaborator.types, 'role');

        let membership = await em.findOne(WorkspaceMember, { workspace, user });
        if (!membership) {
          membership = new WorkspaceMember(workspace, user, role ? [role] : []);
          // R-E1: the end date the invitation carries (a date passed meanwhile ends it at once, never extends it).
          membership.expiresAt = invitation.accessExpiresAt;
          em.persist(membership);
          created.membership = true;
        } else if (role && !membership.roles.includes(role)) {
          membership.roles = [...membership.roles, role];
        }

        const claimed = await em.nativeUpdate(
          Invitation,
          { id: invitation.id, status: 'pending', tokenHash: input.tokenHash },
          { status: 'accepted', pendingKey: null, acceptedAt: new Date(), acceptedUserId: user.id },
        );
        if (claimed !== 1) throw new InvitationGone();
        em.persist(closedAudit(invitation, 'accepted', user.id, { acceptedUserId: user.id }));
        return {
          invitationId: invitation.id,
          userId: user.id,
          organisationId: organisation.id,
          collaboratorId: collaborator.id,
          workspaceId: workspace.id,
          created,
          ...(created.membership && invitation.accessExpiresAt
            ? { membershipExpiry: { expiresAt: invitation.accessExpiresAt.toISOString(), warningMs: deps.config.expiry.warningMs } }
            : {}),
        };
      });
    },

    /**
     * R-I4 revoke, R-I7 decline (the token's hash proves the invitee), R-I1 expire:
     * pending → closed with its audit entry. Answers the row's status afterwards: a row
     * already closed keeps its own (and a decline with a stale hash leaves it pending, Gone).
     */
    async closeInvitation(input: CloseInvitationInput & { status: 'revoked' | 'declined' | 'expired' }): Promise<{ status: InvitationState }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const invitation = await em.findOne(Invitation, input.invitationId, { fields: ['id', 'status', 'workspace', 'workflowId', 'tokenHash'] });
        if (!invitation) return { status: 'revoked' as InvitationState };
        const where: FilterQuery<Invitation> = { id: invitation.id, status: 'pending', ...(input.tokenHash ? { tokenHash: input.tokenHash } : {}) };
        const closed = await em.nativeUpdate(Invitation, where, { status: input.status, pendingKey: null });
        if (closed === 1) em.persist(closedAudit(invitation, input.status, input.actorId ?? null));
        return { status: (closed === 1 ? input.status : invitation.status) as InvitationState };
      });
    },

    /**
     * R-O4: a cancelled request's never-mailed rows end `revoked` (closed like a manual
     * revoke, audited, never mailed later) and `operation.cancelled` names what was and was
     * not mailed, all in one transaction. A retry after the commit finds the entry and
     * answers what it recorded.
     */
    async cancelInvitationRequest(input: CancelInvitationRequestInput): Promise<{ revokedIds: string[] }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const key = `${OPERATION_CANCELLED}:${input.operationId}`;
        const done = await em.findOne(AuditEntry, { idempotencyKey: key });
        if (done) return { revokedIds: (done.details as { result: InvitationRequestCancelled }).result.revokedInvitationIds };
        const rows = await em.find(Invitation, { id: { $in: input.notMailedIds }, status: 'pending' }, { fields: ['id', 'workspace', 'workflowId'] });
        const pending = new Set(rows.map((r) => r.id));
        const revokedIds = input.notMailedIds.filter((id) => pending.has(id));
        if (revokedIds.length) await em.nativeUpdate(Invitation, { id: { $in: revokedIds }, status: 'pending' }, { status: 'revoked', pendingKey: null });
        for (const row of rows) em.persist(closedAudit(row, 'revoked', input.actorId, { reason: 'operation cancelled' }));
        const result: InvitationRequestCancelled = {
          mailed: input.mailedIds.length,
          notMailed: input.notMailedIds.length,
          mailedInvitationIds: input.mailedIds,
          notMailedInvitationIds: input.notMailedIds,
          revokedInvitationIds: revokedIds,
        };
        const details = { kind: 'invitation', result };
        em.persist(
          new AuditEntry({
            workspaceId: input.workspaceId,
            actorId: input.actorId,
            action: OPERATION_CANCELLED,
            operationId: input.operationId,
            details,
            idempotencyKey: key,
          }),
        );
        return { revokedIds };
      });
    },

    /** Where the rows stand: a writer that closed some directly (R-W11) signalled the workflow. */
    async readInvitationStatuses(input: { invitationIds: string[] }): Promise<Record<string, InvitationState>> {
      const rows = await deps.orm.em.fork().find(Invitation, { id: { $in: input.invitationIds } }, { fields: ['id', 'status'] });
      const found = new Map(rows.map((r) => [r.id, r.status as InvitationState]));
      return Object.fromEntries(input.invitationIds.map((id) => [id, found.get(id) ?? 'revoked']));
    },

    /**
     * R-I1, R-I6: the reminder's send, decided like a request: within the inviter's and the
     * recipient's budgets (else `skipped`, nothing sent), a new send number and token hash
     * (the earlier link retires, and the mail says so), one ledger row. Idempotent: a retry
     * finds its own ledger row. `stale` when a resend got there first.
     */
    async prepareReminder(input: { invitationId: string; send: number }): Promise<{ send: number } | { skipped: 'limit' | 'stale' | 'closed' }> {
      const next = input.send + 1;
      const row = await deps.orm.em.fork().findOne(Invitation, input.invitationId, { fields: ['inviter'] });
      if (!row) return { skipped: 'closed' };
      return deps.orm.em.fork().transactional(async (em) => {
        await lockInviter(em, deps.config, row.inviter.id);
        const invitation = await em.findOne(Invitation, input.invitationId, { fields: ['id', 'status', 'email', 'inviter', 'sendCount'] });
        if (!invitation || invitation.status !== 'pending') return { skipped: 'closed' as const };
        if (await em.count(InvitationMail, { invitationId: invitation.id, send: next, reason: 'reminder' })) return { send: next };
        if (invitation.sendCount !== input.send) return { skipped: 'stale' as const };
        try {
          await assertMailBudget(em, deps.config, invitation.inviter.id, [{ email: invitation.email, field: 'email' }]);
        } catch (e) {
          if (!(e instanceof InvitationRateLimited)) throw e;
          return { skipped: 'limit' as const };
        }
        const tokenHash = hashInvitationToken(invitationToken(invitation.id, next, deps.config.invitations.tokenSecret), deps.config.invitations.tokenSecret);
        const moved = await em.nativeUpdate(
          Invitation,
          { id: invitation.id, status: 'pending', sendCount: input.send },
          { sendCount: next, tokenHash, remindedAt: new Date() },
        );
        if (moved !== 1) return { skipped: 'stale' as const };
        em.persist(
          new InvitationMail({ invitationId: invitation.id, send: next, email: invitation.email, inviterId: invitation.inviter.id, reason: 'reminder' }),
        );
        return { send: next };
      });
    },
  };
}

/** Section 6: the audit entry of an invitation's end, under its operation. */
export function closedAudit(
  invitation: Pick<Invitation, 'id' | 'workspace' | 'workflowId'>,
  status: Exclude<InvitationState, 'pending'>,
  actorId: string | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return new AuditEntry({
    workspaceId: invitation.workspace.id,
    actorId,
    action: `invitation.${status}`,
    operationId: invitation.workflowId,
    details: { invitationId: invitation.id, ...details },
    idempotencyKey: `invitation.${status}:${invitation.id}`,
  });
}
