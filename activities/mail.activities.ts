import { MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../libs/config/app-config';
import { hashInvitationToken, newInvitationToken } from '../libs/domain/invitations';
import { renderInvitationEmail } from '../libs/mail/invitation-email';
import type { Mailer } from '../libs/mail/mailer';
import type { InvitationState, SendInvitationMailInput, SendInvitationMailResult } from '../libs/operations/invitation-operations';
import { Invitation } from '../libs/persistence/entities';

/**
 * Mail steps. R-I1/R-I3: the invitation token is minted here, its hash stored and the
 * link mailed in one step, so the token exists only in this activity's memory and in the
 * message: never in workflow history (input and result carry ids only), the database,
 * a search attribute, an API response or a log line.
 */
export function createMailActivities(deps: { orm: MikroORM; mailer: Mailer; config: AppConfig }) {
  return {
    /**
     * Issues a fresh token (the previous link stops working: only a hash is stored, so an
     * old token cannot be sent again) and mails it. A retry issues yet another token; only
     * the newest link works. Does nothing when the row is no longer pending.
     */
    async sendInvitationMail(input: SendInvitationMailInput): Promise<SendInvitationMailResult> {
      const em = deps.orm.em.fork();
      const invitation = await em.findOne(Invitation, input.invitationId, { populate: ['workspace', 'inviter', 'inviter.organisation'], strategy: 'joined' });
      if (!invitation) return { sent: false, status: 'revoked' };
      if (invitation.status !== 'pending') return { sent: false, status: invitation.status as InvitationState };

      const token = newInvitationToken();
      const expiresAt = new Date(input.expiresAt);
      const now = new Date();
      const changes: Partial<Invitation> = { tokenHash: hashInvitationToken(token, deps.config.invitations.tokenSecret), expiresAt, lastSentAt: now };
      if (input.reason === 'reminder') changes.remindedAt = now;
      // Compare-and-set: a row revoked meanwhile (R-W11 removes collaborators) is left alone.
      const updated = await em.nativeUpdate(Invitation, { id: invitation.id, status: 'pending' }, changes);
      if (updated === 0) {
        const current = await deps.orm.em.fork().findOne(Invitation, invitation.id, { fields: ['status'] });
        return { sent: false, status: (current?.status ?? 'revoked') as InvitationState };
      }

      await deps.mailer.send(
        renderInvitationEmail({
          to: invitation.email,
          reason: input.reason,
          inviterName: invitation.inviter.name,
          inviterOrganisation: invitation.inviter.organisation.name,
          workspaceName: invitation.workspace.name,
          types: invitation.types,
          role: invitation.role,
          expiresAt,
          link: `${deps.config.http.publicBaseUrl}/invite/${token}`,
        }),
      );
      return { sent: true };
    },
  };
}
