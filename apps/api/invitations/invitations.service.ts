import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { Conflict, DomainError, DomainErrorShape, NotFound, RuleViolation } from '../../../libs/domain/errors';
import {
  InvitationGone,
  assertBulkSize,
  assertWithinRateLimit,
  emailDigest,
  hashInvitationToken,
  looksLikeInvitationToken,
} from '../../../libs/domain/invitations';
import { assertCanInviteWithTypes } from '../../../libs/domain/permissions';
import { assertProjectAccessWithin } from '../../../libs/domain/project-access';
import { assertAssignableTypes, assertRolesAllowed } from '../../../libs/domain/roles';
import { RULE_VIOLATION_FAILURE } from '../../../libs/operations/contracts';
import { INVITATION_OPERATION_KIND, InviteByEmailInput, invitationOperationId } from '../../../libs/operations/invitation-operations';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { Invitation, Organisation, Project, User, WorkspaceMember, normaliseEmail } from '../../../libs/persistence/entities';
import { projectAccessOf } from '../../../libs/persistence/queries/workspace-actor';
import {
  acceptInvitationUpdate,
  inviteByEmailWorkflow,
  resendInvitationUpdate,
  revokeInvitationUpdate,
} from '../../../workflows/invite-by-email.workflow';
import { toProjectAccess } from '../collaborators/dto/invite-collaborator.dto';
import { PageQuery, Page, afterCursor, toPage } from '../http/pagination';
import { accepted } from '../operations/operations.service';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { AcceptInvitationDto, InvitationAcceptance, InvitationView, InvitationsAccepted, InviteByEmailDto, mapInvitation } from './dto/invitation.dto';

const HOUR_MS = 3_600_000;

/** One address of an invitation request: already pending (R-I5), or to invite with this workflow input. */
export type PlannedInvitation = { email: string; pending: Invitation; input?: never } | { email: string; pending?: never; input: InviteByEmailInput };

/** What the acceptance page shows (R-I2). */
export interface InvitationPageModel {
  invitation: Invitation;
  inviterName: string;
  inviterOrganisation: string;
  workspaceName: string;
  /** The invitee's organisation when known. */
  organisationName: string | null;
  needsName: boolean;
  needsOrganisationName: boolean;
}

/**
 * Section 5. Checks the rules for a fast answer and hands every change to the invitation's
 * workflow: start (R-W6 a), accept, revoke, resend (updates). A token is only ever hashed
 * here, never kept, logged or answered (R-I3).
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly access: WorkspaceAccess,
  ) {}

  async invite(caller: Caller, workspaceId: string, dto: InviteByEmailDto): Promise<InvitationsAccepted> {
    const planned = await this.plan(caller, workspaceId, dto);
    const items = await Promise.all(
      planned.map(async ({ email, pending, input }) => {
        if (pending) return { email, invitationId: pending.id, alreadyPending: true, ...accepted(pending.workflowId) };
        const handle = await this.client.workflow.start(inviteByEmailWorkflow, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId: invitationOperationId(workspaceId, emailDigest(email)),
          args: [input],
          // R-I5: a concurrent request for the same address joins the running invitation.
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          typedSearchAttributes: [
            { key: SearchAttr.operationKind, value: INVITATION_OPERATION_KIND },
            { key: SearchAttr.actorId, value: caller.userId },
            { key: SearchAttr.workspaceId, value: workspaceId },
            { key: SearchAttr.invitationState, value: 'pending' },
          ],
        });
        // The invitation id is the run id (libs/operations/invitation-operations.ts): that of the run we joined, if we joined one.
        return { email, invitationId: handle.firstExecutionRunId, alreadyPending: false, ...accepted(handle.workflowId) };
      }),
    );
    return { items: items.map(({ email, invitationId, operationId, href, alreadyPending }) => ({ email, invitationId, operationId, href, alreadyPending })) };
  }

  /**
   * Every check of an invitation request (R-W6, R-I5, R-I6), in the order the API answers
   * them; starts nothing. Per address, in request order: its pending invitation (R-I5), or
   * the input of the workflow that invites it. Also the direct baseline of bench/invitations.
   */
  async plan(caller: Caller, workspaceId: string, dto: InviteByEmailDto): Promise<PlannedInvitation[]> {
    const actor = await this.access.memberOf(caller, workspaceId);
    assertBulkSize(dto.emails.length);
    const types = dto.types;
    assertAssignableTypes(types);
    assertCanInviteWithTypes(actor, types);
    assertRolesAllowed([dto.role], types, 'role');
    const projectAccess = toProjectAccess(dto.projectAccess);
    const projectIds = (await this.em.find(Project, { workspace: workspaceId }, { fields: ['id'] })).map((p) => p.id);
    assertProjectAccessWithin(projectAccess, await projectAccessOf(this.em, workspaceId, actor.organisationId), projectIds);
    if (dto.organisationId && !(await this.em.count(Organisation, dto.organisationId))) throw new NotFound('organisation', 'organisationId');

    const emails = dto.emails.map(normaliseEmail);
    emails.forEach((email, i) => {
      if (emails.indexOf(email) !== i) throw new RuleViolation('R-I5', `${email} is listed twice`, { field: `emails[${i}]` });
    });
    const users = new Map((await this.em.find(User, { email: { $in: emails } }, { populate: ['organisation'] })).map((u) => [u.email, u]));
    const members = new Set(
      (await this.em.find(WorkspaceMember, { workspace: workspaceId, user: { $in: [...users.values()].map((u) => u.id) } }, { fields: ['user'] })).map((m) => m.user.id),
    );
    emails.forEach((email, i) => {
      const user = users.get(email);
      if (user && dto.organisationId && user.organisation.id !== dto.organisationId) {
        throw new RuleViolation('R-W6', `${email} belongs to another organisation than organisationId`, { field: `emails[${i}]` });
      }
      if (user && members.has(user.id)) throw new Conflict(`${email} is already a member of this workspace; change its roles instead`, 'R-W6');
    });

    // R-I5: a pending invitation is returned, not sent again.
    const pending = new Map(
      (await this.em.find(Invitation, { pendingKey: { $in: emails.map((e) => `${workspaceId}:${e}`) } })).map((i) => [i.email, i]),
    );
    const fresh = emails.filter((e) => !pending.has(e));
    // R-I6: the whole request fits the inviter's hourly budget, or nothing is sent.
    const sentLastHour = await this.em.count(Invitation, { inviter: caller.userId, createdAt: { $gt: new Date(Date.now() - HOUR_MS) } });
    assertWithinRateLimit(sentLastHour, fresh.length, this.config.invitations.rateLimitPerHour);

    return emails.map((email): PlannedInvitation => {
      const existing = pending.get(email);
      if (existing) return { email, pending: existing };
      const input: InviteByEmailInput = {
        actor: { userId: caller.userId, organisationId: caller.organisationId },
        workspaceId,
        email,
        organisationId: users.get(email)?.organisation.id ?? dto.organisationId ?? null,
        types,
        role: dto.role,
        projectAccess,
        ttlMs: this.config.invitations.ttlMs,
        reminderAfterMs: this.config.invitations.reminderAfterMs,
      };
      return { email, input };
    });
  }

  /** R-I4: pending invitations; Admins see all, other inviters those they sent. */
  async list(caller: Caller, workspaceId: string, query: PageQuery): Promise<Page<InvitationView>> {
    const actor = await this.access.memberOf(caller, workspaceId);
    const rows = await this.em.find(
      Invitation,
      { workspace: workspaceId, status: 'pending', ...(actor.roles.includes('Admin') ? {} : { inviter: caller.userId }), ...afterCursor(query.cursor) },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 },
    );
    return toPage(rows, query.limit, mapInvitation);
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

  async resend(caller: Caller, invitationId: string): Promise<InvitationView> {
    const invitation = await this.manageable(caller, invitationId);
    try {
      await this.client.workflow.getHandle(invitation.workflowId).executeUpdate(resendInvitationUpdate, { args: [{ invitationId, actorId: caller.userId }] });
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new Conflict('the invitation is no longer pending', 'R-I4');
      throw domainErrorOf(e);
    }
    return this.reload(invitationId);
  }

  /** R-I2, R-I3: what the page shows; opening it changes nothing. Dead and unknown tokens answer alike. */
  async page(token: string): Promise<InvitationPageModel> {
    const invitation = await this.pendingByToken(token);
    const user = await this.em.findOne(User, { email: invitation.email }, { populate: ['organisation'] });
    const organisation = user?.organisation ?? (invitation.organisationId ? await this.em.findOne(Organisation, invitation.organisationId) : null);
    return {
      invitation,
      inviterName: invitation.inviter.name,
      inviterOrganisation: invitation.inviter.organisation.name,
      workspaceName: invitation.workspace.name,
      organisationName: organisation?.name ?? null,
      needsName: !user,
      needsOrganisationName: !user && !organisation,
    };
  }

  /** R-I2, R-I3: accept through the workflow, which creates what is missing exactly once. */
  async accept(token: string, dto: AcceptInvitationDto, caller: Caller | undefined): Promise<InvitationAcceptance> {
    const model = await this.page(token);
    const invitation = model.invitation;
    if (caller && normaliseEmail(caller.email) !== invitation.email) {
      throw new RuleViolation('R-I3', 'this invitation was sent to another email address than the one you are signed in with', { kind: 'forbidden' });
    }
    const name = dto.name?.trim() || undefined;
    const organisationName = dto.organisationName?.trim() || undefined;
    if (model.needsName && !name) throw new RuleViolation('R-I2', 'give your name to create your account', { field: 'name' });
    if (model.needsOrganisationName && !organisationName) throw new RuleViolation('R-I2', 'your organisation is new here: give its name', { field: 'organisationName' });
    try {
      return await this.client.workflow.getHandle(invitation.workflowId).executeUpdate(acceptInvitationUpdate, {
        args: [{ invitationId: invitation.id, tokenHash: invitation.tokenHash, callerUserId: caller?.userId, name, organisationName }],
      });
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InvitationGone();
      throw domainErrorOf(e);
    }
  }

  private async pendingByToken(token: string): Promise<Invitation> {
    if (!looksLikeInvitationToken(token)) throw new InvitationGone();
    const invitation = await this.em.fork().findOne(
      Invitation,
      { tokenHash: hashInvitationToken(token, this.config.invitations.tokenSecret) },
      { populate: ['workspace', 'inviter', 'inviter.organisation'] },
    );
    if (!invitation || invitation.status !== 'pending' || invitation.expiresAt.getTime() <= Date.now()) throw new InvitationGone();
    return invitation;
  }

  /** R-I4, R-T1: the inviter or an Admin of the workspace; anyone else learns nothing. */
  private async manageable(caller: Caller, invitationId: string): Promise<Invitation> {
    const invitation = await this.em.fork().findOne(Invitation, invitationId);
    if (!invitation) throw new NotFound('invitation');
    const actor = await this.access.memberOf(caller, invitation.workspace.id).catch(() => {
      throw new NotFound('invitation');
    });
    if (invitation.inviter.id !== caller.userId && !actor.roles.includes('Admin')) throw new NotFound('invitation');
    if (invitation.status !== 'pending') throw new Conflict(`the invitation is no longer pending (${invitation.status})`, 'R-I4');
    return invitation;
  }

  private async reload(invitationId: string): Promise<InvitationView> {
    return mapInvitation(await this.em.fork().findOneOrFail(Invitation, invitationId));
  }
}

/** A RuleViolation raised in the workflow or its activity, anywhere in the cause chain, as the domain error it was. */
function domainErrorOf(error: unknown): unknown {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) {
      const shape = current.details?.[0] as DomainErrorShape | undefined;
      if (!shape) break;
      if (shape.kind === 'gone') return new InvitationGone();
      return new DomainError(shape.kind, shape.message, shape.rule, shape.field);
    }
    current = current.cause;
  }
  return error;
}
