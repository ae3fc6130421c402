import { EntityManager, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Context } from '@temporalio/activity';
import type { AppConfig } from '../libs/config/app-config';
import { NotFound, RuleViolation } from '../libs/domain/errors';
import { InvitationGone, assertWithinRateLimit, hashInvitationToken, newInvitationToken } from '../libs/domain/invitations';
import { assertCanInviteWithTypes } from '../libs/domain/permissions';
import { assertProjectAccessWithin } from '../libs/domain/project-access';
import { CollaborationType, assertAssignableTypes, assertRolesAllowed } from '../libs/domain/roles';
import type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  InvitationActionInput,
  InvitationState,
  PersistInvitationInput,
} from '../libs/operations/invitation-operations';
import {
  AuditEntry,
  Collaborator,
  Invitation,
  Organisation,
  Project,
  ProjectAccessGrant,
  User,
  Workspace,
  WorkspaceMember,
} from '../libs/persistence/entities';
import { loadWorkspaceActor, projectAccessOf } from '../libs/persistence/queries/workspace-actor';
import { writeAuditEntry } from './audit.activities';

const HOUR_MS = 3_600_000;

/** Section 5: steps that write invitations and what accepting one creates. Each is safe to retry. */
export function createInvitationActivities(deps: { orm: MikroORM; config: AppConfig }) {
  return {
    /**
     * R-W6 (a), R-I5, R-I6: re-checks the inviter's rights and rate (the API's check was
     * the fast answer) and writes the pending row and its audit entry. Its token hash is a placeholder nobody
     * holds a token for; the mail step replaces it. Idempotent by invitation id; when an
     * earlier, dead run left a pending row for the same address, that row is adopted.
     */
    async persistInvitation(input: PersistInvitationInput): Promise<{ invitationId: string }> {
      const existing = await deps.orm.em.fork().findOne(Invitation, input.invitationId, { fields: ['id'] });
      if (existing) return { invitationId: existing.id };
      const { workflowId } = input;
      try {
        await deps.orm.em.fork().transactional(async (em) => {
          const workspace = await em.findOne(Workspace, input.workspaceId);
          if (!workspace) throw new NotFound('workspace');
          const actor = await loadWorkspaceActor(em, input.actor.userId, input.workspaceId);
          assertAssignableTypes(input.types);
          assertCanInviteWithTypes(actor, input.types);
          assertRolesAllowed([input.role], input.types, 'role');
          const projectIds = (await em.find(Project, { workspace }, { fields: ['id'] })).map((p) => p.id);
          assertProjectAccessWithin(input.projectAccess, await projectAccessOf(em, workspace.id, actor.organisationId), projectIds);
          const sentLastHour = await em.count(Invitation, { inviter: input.actor.userId, createdAt: { $gt: new Date(Date.now() - HOUR_MS) } });
          assertWithinRateLimit(sentLastHour, 1, deps.config.invitations.rateLimitPerHour);

          const invitation = new Invitation({
            workspace,
            email: input.email,
            inviter: em.getReference(User, input.actor.userId),
            types: input.types,
            role: input.role,
            projectAccess: input.projectAccess,
            tokenHash: hashInvitationToken(newInvitationToken(), deps.config.invitations.tokenSecret),
            expiresAt: new Date(input.expiresAt),
            workflowId,
            organisationId: input.organisationId,
          });
          invitation.id = input.invitationId;
          em.persist(invitation);
          // Section 6: written with the row, so it exists exactly when the invitation does.
          em.persist(
            new AuditEntry({
              workspaceId: workspace.id,
              actorId: input.actor.userId,
              action: 'invitation.created',
              operationId: workflowId,
              details: { invitationId: invitation.id, types: input.types, role: input.role, projectAccess: input.projectAccess },
              idempotencyKey: `invitation.created:${invitation.id}`,
            }),
          );
        });
        return { invitationId: input.invitationId };
      } catch (e) {
        if (!(e instanceof UniqueConstraintViolationException)) throw e;
        const em = deps.orm.em.fork();
        const pending = await em.findOne(Invitation, { pendingKey: `${input.workspaceId}:${input.email}` });
        if (!pending) throw e; // retried: the race is over, the next attempt decides
        pending.workflowId = workflowId;
        await em.flush();
        return { invitationId: pending.id };
      }
    },

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
        let organisation: Organisation | null = user?.organisation ?? (invitation.organisationId ? await em.findOne(Organisation, invitation.organisationId) : null);
        if (!organisation) {
          const name = input.organisationName?.trim();
          if (!name) throw new RuleViolation('R-I2', "your organisation is new here: give its name", { field: 'organisationName' });
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
          collaborator = new Collaborator({ workspace, organisation, types: invitation.types, projectAccess: invitation.projectAccess.mode, invitedBy: invitation.inviter.id });
          em.persist(collaborator);
          if (invitation.projectAccess.mode === 'limited') {
            const live = new Set((await em.find(Project, { workspace, id: { $in: invitation.projectAccess.projectIds } }, { fields: ['id'] })).map((p) => p.id));
            for (const projectId of invitation.projectAccess.projectIds.filter((id) => live.has(id))) {
              em.persist(new ProjectAccessGrant(collaborator, em.getReference(Project, projectId)));
            }
          }
          created.collaborator = true;
        } else if (!collaborator.types.includes('Owner')) {
          // An existing collaborator gains the invitation's types it lacked, so the role it grants is allowed (R-W2).
          const missing = invitation.types.filter((t) => !collaborator!.types.includes(t));
          if (missing.length) collaborator.types = [...collaborator.types, ...missing] as CollaborationType[];
        }
        const role = invitation.role;
        if (role) assertRolesAllowed([role], collaborator.types, 'role');

        let membership = await em.findOne(WorkspaceMember, { workspace, user });
        if (!membership) {
          membership = new WorkspaceMember(workspace, user, role ? [role] : []);
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
        return { invitationId: invitation.id, userId: user.id, organisationId: organisation.id, collaboratorId: collaborator.id, workspaceId: workspace.id, created };
      });
    },

    /** R-I4: pending → revoked; answers the row's status afterwards (a row already closed keeps its own). */
    async revokeInvitation(input: InvitationActionInput): Promise<{ status: InvitationState }> {
      return closeInvitation(deps.orm.em.fork(), input.invitationId, 'revoked');
    },

    /** Where the row stands: an accept refused as Gone may mean another writer closed it (R-W11). */
    async readInvitationStatus(input: { invitationId: string }): Promise<{ status: InvitationState }> {
      const row = await deps.orm.em.fork().findOne(Invitation, input.invitationId, { fields: ['status'] });
      return { status: (row?.status ?? 'revoked') as InvitationState };
    },

    /** R-I1: pending → expired when the workflow's expiry timer fires. */
    async expireInvitation(input: { invitationId: string }): Promise<{ status: InvitationState }> {
      return closeInvitation(deps.orm.em.fork(), input.invitationId, 'expired');
    },

    /** Section 6: an audit entry of this invitation's operation, once per step. */
    async recordInvitationAudit(record: { workspaceId: string; actorId: string | null; action: string; details: Record<string, unknown> }): Promise<void> {
      await writeAuditEntry(deps.orm, { ...record, operationId: Context.current().info.workflowExecution?.workflowId ?? 'standalone' });
    },
  };
}

async function closeInvitation(em: EntityManager, invitationId: string, status: 'revoked' | 'expired'): Promise<{ status: InvitationState }> {
  await em.nativeUpdate(Invitation, { id: invitationId, status: 'pending' }, { status, pendingKey: null });
  const row = await em.findOne(Invitation, invitationId, { fields: ['status'] });
  return { status: (row?.status ?? 'revoked') as InvitationState };
}
