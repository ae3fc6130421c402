import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { Conflict, NotFound } from '../../../libs/domain/errors';
import { hashInvitationToken, invitationToken } from '../../../libs/domain/invitations';
import { invitationOperationId } from '../../../libs/operations/invitation-operations';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { AuditEntry, Invitation, InvitationMail, InvitationStatus, User, Workspace } from '../../../libs/persistence/entities';
import { assertMailBudget, lockInviter } from '../../../libs/persistence/queries/invitation-mail-ledger';
import { inviteByEmailWorkflow, resendInvitationUpdate, revokeInvitationUpdate } from '../../../workflows/invite-by-email.workflow';
import { PageQuery, Page, afterCursor, toPage } from '../http/pagination';
import { OperationsService, accepted } from '../operations/operations.service';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { InvitationView, InvitationsAccepted, InviteByEmailDto, mapInvitation } from './dto/invitation.dto';
import { domainErrorOf } from './domain-error-of';
import { InvitationPlan, InvitationPlanner, PlannedAddress } from './invitation-planner';

/**
 * Section 5, the inviter's side. The request decides before it answers (R-I6): its pending
 * rows, their ledger rows and audit entries and the rate-limit decision are one
 * transaction, serialised per inviter by the database; then one operation (workflow) per
 * request mails them and carries each invitation's life. A token is never kept or answered.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
    private readonly planner: InvitationPlanner,
    private readonly operations: OperationsService,
  ) {}

  async invite(caller: Caller, workspaceId: string, dto: InviteByEmailDto, attempt = 1): Promise<InvitationsAccepted> {
    const plan = await this.planner.plan(caller, workspaceId, dto);
    const fresh = plan.addresses.filter((a) => !a.pending);
    const workflowId = invitationOperationId(workspaceId, randomUUID());
    let written: Invitation[] = [];
    if (fresh.length) {
      try {
        written = await this.write(caller, plan, fresh, workflowId);
      } catch (e) {
        // R-I5: an address became pending meanwhile (a racing request): plan again, once, and return it.
        if (e instanceof UniqueConstraintViolationException && attempt === 1) return this.invite(caller, workspaceId, dto, 2);
        throw e;
      }
      await this.start(caller, workspaceId, workflowId, written);
    }
    const byEmail = new Map(written.map((i) => [i.email, i]));
    return {
      items: plan.addresses.map(({ email, pending }) => {
        const invitation = pending ?? byEmail.get(email);
        if (!invitation) throw new Error('an address of the request was neither pending nor written');
        const { operationId, status, href } = accepted(invitation.workflowId);
        return { email, invitationId: invitation.id, alreadyPending: !!pending, operationId, status, href };
      }),
    };
  }

  /** R-I6: the limits and every row of the request in one transaction; the inviter's lock serialises its requests. */
  async write(caller: Caller, plan: InvitationPlan, fresh: PlannedAddress[], workflowId: string): Promise<Invitation[]> {
    const secret = this.config.invitations.tokenSecret;
    return this.em.fork().transactional(async (em) => {
      await lockInviter(em, this.config, caller.userId);
      await assertMailBudget(em, this.config, caller.userId, fresh);
      const now = new Date();
      return fresh.map((address) => {
        const invitation = new Invitation({
          workspace: em.getReference(Workspace, plan.workspaceId),
          email: address.email,
          inviter: em.getReference(User, caller.userId),
          types: plan.types,
          role: plan.role,
          projectAccess: plan.projectAccess,
          tokenHash: '',
          expiresAt: new Date(now.getTime() + this.config.invitations.ttlMs),
          workflowId,
          organisationId: address.organisationId,
        });
        invitation.createdAt = now;
        invitation.accessExpiresAt = plan.membershipExpiresAt ?? null;
        invitation.tokenHash = hashInvitationToken(invitationToken(invitation.id, 1, secret), secret);
        em.persist(invitation);
        em.persist(new InvitationMail({ invitationId: invitation.id, send: 1, email: address.email, inviterId: caller.userId, reason: 'invitation' }));
        em.persist(
          new AuditEntry({
            workspaceId: plan.workspaceId,
            actorId: caller.userId,
            action: 'invitation.created',
            operationId: workflowId,
            details: { invitationId: invitation.id, types: plan.types, role: plan.role, projectAccess: plan.projectAccess },
            idempotencyKey: `invitation.created:${invitation.id}`,
          }),
        );
        return invitation;
      });
    });
  }

  /**
   * One operation for the request, started as every operation is (summary, details, the
   * "started" metric). If it cannot start, nothing of the request stays (R-O1): the rows go again.
   */
  private async start(caller: Caller, workspaceId: string, workflowId: string, invitations: Invitation[]): Promise<void> {
    const invitationIds = invitations.map((i) => i.id);
    try {
      await this.operations.start(inviteByEmailWorkflow, {
        workflowId,
        actor: caller,
        args: [
          {
            workspaceId,
            actorId: caller.userId,
            invitationIds,
            ttlMs: this.config.invitations.ttlMs,
            reminderAfterMs: this.config.invitations.reminderAfterMs,
            createdAt: invitations[0].createdAt.toISOString(),
          },
        ],
        searchAttributes: [
          { key: SearchAttr.workspaceId, value: workspaceId },
          { key: SearchAttr.invitationIds, value: invitationIds },
          { key: SearchAttr.invitationState, value: 'pending' },
        ],
      });
    } catch (e) {
      await this.em.fork().transactional(async (em) => {
        await em.nativeDelete(AuditEntry, { operationId: workflowId });
        await em.nativeDelete(InvitationMail, { invitationId: { $in: invitationIds } });
        await em.nativeDelete(Invitation, { id: { $in: invitationIds } });
      });
      throw e;
    }
  }

  /** R-I4: pending invitations; Admins see all, other inviters those they sent. `?status=` shows others (declined, undeliverable…). */
  async list(caller: Caller, workspaceId: string, query: PageQuery, status = 'pending'): Promise<Page<InvitationView>> {
    const actor = await this.access.memberOf(caller, workspaceId);
    const rows = await this.em.fork().find(
      Invitation,
      {
        workspace: workspaceId,
        ...(status === 'all' ? {} : { status: status as InvitationStatus }),
        ...(actor.roles.includes('Admin') ? {} : { inviter: caller.userId }),
        ...afterCursor(query.cursor),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 },
    );
    return toPage(rows, query.limit, mapInvitation);
  }

  async get(caller: Caller, invitationId: string): Promise<InvitationView> {
    return mapInvitation(await this.visible(caller, invitationId));
  }

  async revoke(caller: Caller, invitationId: string): Promise<InvitationView> {
    const invitation = await this.manageable(caller, invitationId);
    try {
      await this.client.workflow.getHandle(invitation.workflowId).executeUpdate(revokeInvitationUpdate, { args: [{ invitationId, actorId: caller.userId }] });
    } catch (e) {
      // The workflow is gone (terminated by an operator): close the row ourselves, as it would have.
      if (!(e instanceof WorkflowNotFoundError)) throw domainErrorOf(e);
      await this.em.fork().nativeUpdate(Invitation, { id: invitationId, status: 'pending' }, { status: 'revoked', pendingKey: null });
    }
    return this.reload(invitationId);
  }

  /** R-I4, R-I6: a fresh link (the old one stops working, the expiry restarts), decided within the limits before the answer. */
  async resend(caller: Caller, invitationId: string): Promise<InvitationView> {
    const invitation = await this.manageable(caller, invitationId);
    const secret = this.config.invitations.tokenSecret;
    const { send, expiresAt } = await this.em.fork().transactional(async (em) => {
      await lockInviter(em, this.config, caller.userId);
      await assertMailBudget(em, this.config, caller.userId, [{ email: invitation.email, field: 'invitationId' }]);
      const next = invitation.sendCount + 1;
      const expires = new Date(Date.now() + this.config.invitations.ttlMs);
      const tokenHash = hashInvitationToken(invitationToken(invitation.id, next, secret), secret);
      const moved = await em.nativeUpdate(
        Invitation,
        { id: invitation.id, status: 'pending', sendCount: invitation.sendCount },
        { sendCount: next, tokenHash, expiresAt: expires },
      );
      if (moved !== 1) throw new Conflict('the invitation changed meanwhile (accepted, revoked or sent again); reload it', 'R-I4');
      em.persist(new InvitationMail({ invitationId: invitation.id, send: next, email: invitation.email, inviterId: caller.userId, reason: 'resend' }));
      em.persist(
        new AuditEntry({
          workspaceId: invitation.workspace.id,
          actorId: caller.userId,
          action: 'invitation.resent',
          operationId: invitation.workflowId,
          details: { invitationId, send: next },
        }),
      );
      return { send: next, expiresAt: expires.toISOString() };
    });
    try {
      await this.client.workflow
        .getHandle(invitation.workflowId)
        .executeUpdate(resendInvitationUpdate, { args: [{ invitationId, actorId: caller.userId, send, expiresAt }] });
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new Conflict('the invitation is no longer pending', 'R-I4');
      throw domainErrorOf(e);
    }
    return this.reload(invitationId);
  }

  /** R-I4, R-T1: the inviter or an Admin of the workspace; anyone else learns nothing. */
  private async visible(caller: Caller, invitationId: string): Promise<Invitation> {
    const invitation = await this.em.fork().findOne(Invitation, invitationId);
    if (!invitation) throw new NotFound('invitation');
    const actor = await this.access.memberOf(caller, invitation.workspace.id).catch(() => {
      throw new NotFound('invitation');
    });
    if (invitation.inviter.id !== caller.userId && !actor.roles.includes('Admin')) throw new NotFound('invitation');
    return invitation;
  }

  private async manageable(caller: Caller, invitationId: string): Promise<Invitation> {
    const invitation = await this.visible(caller, invitationId);
    if (invitation.status !== 'pending') throw new Conflict(`the invitation is no longer pending (${invitation.status})`, 'R-I4');
    return invitation;
  }

  private async reload(invitationId: string): Promise<InvitationView> {
    return mapInvitation(await this.em.fork().findOneOrFail(Invitation, invitationId));
  }
}
