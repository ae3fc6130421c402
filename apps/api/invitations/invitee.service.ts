import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { RuleViolation } from '../../../libs/domain/errors';
import { InvitationGone, hashInvitationToken, looksLikeInvitationToken } from '../../../libs/domain/invitations';
import { Invitation, Organisation, User, normaliseEmail } from '../../../libs/persistence/entities';
import { acceptInvitationUpdate, declineInvitationUpdate } from '../../../workflows/invite-by-email.workflow';
import { AcceptInvitationDto, InvitationAcceptance } from './dto/invitation.dto';
import { domainErrorOf } from './domain-error-of';

/** What the invitation page shows (R-I2). */
export interface InvitationPageModel {
  invitation: Invitation;
  inviterName: string;
  inviterOrganisation: string;
  workspaceName: string;
  /** The invitee's organisation when known. */
  organisationName: string | null;
  /** R-I8: the invitee already has an account: only that account may accept. */
  existingUser: boolean;
  needsName: boolean;
  needsOrganisationName: boolean;
}

/**
 * R-I3, R-I8: who may accept. A bearer token for another address is refused; an invitation
 * for an existing user needs that user's own identity (a bearer token today; a signed-in
 * browser session plugs in here). Anyone holding the link may accept for a new person.
 */
export function assertAcceptor(model: Pick<InvitationPageModel, 'invitation' | 'existingUser'>, caller: Pick<Caller, 'email'> | undefined): void {
  if (caller && normaliseEmail(caller.email) !== model.invitation.email) {
    throw new RuleViolation('R-I3', 'this invitation was sent to another email address than the one you are signed in with', { kind: 'forbidden' });
  }
  if (model.existingUser && !caller) {
    throw new RuleViolation('R-I8', `this invitation is for an existing account: sign in as ${model.invitation.email} to accept it`, {
      kind: 'unauthenticated',
    });
  }
}

/** Section 5, the invitee's side: the link's page, accept and decline, each through the request's workflow. */
@Injectable()
export class InviteeService {
  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** R-I2, R-I3: what the page shows; opening it changes nothing. Dead and unknown tokens answer alike. */
  async page(token: string): Promise<InvitationPageModel> {
    const invitation = await this.pendingByToken(token);
    const em = this.em.fork();
    const user = await em.findOne(User, { email: invitation.email }, { populate: ['organisation'] });
    const organisation = user?.organisation ?? (invitation.organisationId ? await em.findOne(Organisation, invitation.organisationId) : null);
    return {
      invitation,
      inviterName: invitation.inviter.name,
      inviterOrganisation: invitation.inviter.organisation.name,
      workspaceName: invitation.workspace.name,
      organisationName: organisation?.name ?? null,
      existingUser: !!user,
      needsName: !user,
      needsOrganisationName: !user && !organisation,
    };
  }

  /** R-I2, R-I3, R-I8: accept through the workflow, which creates what is missing exactly once. */
  async accept(token: string, dto: AcceptInvitationDto, caller: Caller | undefined, model?: InvitationPageModel): Promise<InvitationAcceptance> {
    model ??= await this.page(token);
    const invitation = model.invitation;
    assertAcceptor(model, caller);
    const name = dto.name?.trim() || undefined;
    const organisationName = dto.organisationName?.trim() || undefined;
    if (model.needsName && !name) throw new RuleViolation('R-I2', 'give your name to create your account', { field: 'name' });
    if (model.needsOrganisationName && !organisationName)
      throw new RuleViolation('R-I2', 'your organisation is new here: give its name', { field: 'organisationName' });
    try {
      return await this.client.workflow.getHandle(invitation.workflowId).executeUpdate(acceptInvitationUpdate, {
        args: [{ invitationId: invitation.id, tokenHash: invitation.tokenHash, callerUserId: caller?.userId, name, organisationName }],
      });
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InvitationGone();
      throw domainErrorOf(e);
    }
  }

  /** R-I7: the invitee declines; the inviter sees `declined`. The link holder decides, as for accepting a new person. */
  async decline(token: string): Promise<InvitationPageModel> {
    const model = await this.page(token);
    try {
      await this.client.workflow
        .getHandle(model.invitation.workflowId)
        .executeUpdate(declineInvitationUpdate, { args: [{ invitationId: model.invitation.id, tokenHash: model.invitation.tokenHash }] });
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new InvitationGone();
      throw domainErrorOf(e);
    }
    return model;
  }

  private async pendingByToken(token: string): Promise<Invitation> {
    if (!looksLikeInvitationToken(token)) throw new InvitationGone();
    const invitation = await this.em
      .fork()
      .findOne(
        Invitation,
        { tokenHash: hashInvitationToken(token, this.config.invitations.tokenSecret) },
        { populate: ['workspace', 'inviter', 'inviter.organisation'] },
      );
    if (!invitation || invitation.status !== 'pending' || invitation.expiresAt.getTime() <= Date.now()) throw new InvitationGone();
    return invitation;
  }
}
