import { MikroORM } from '@mikro-orm/core';
import { ApplicationFailure } from '@temporalio/common';
import type { AppConfig } from '../libs/config/app-config';
import { invitationMessageId, invitationToken } from '../libs/domain/invitations';
import { renderInvitationEmail } from '../libs/mail/invitation-email';
import type { Mailer } from '../libs/mail/mailer';
import type { InvitationState, MailOutcome, MailToSend } from '../libs/operations/invitation-operations';
import { Invitation } from '../libs/persistence/entities';
import { closedAudit } from './invitation.activities';

/**
 * Mail steps (R-I1, R-I9). The link's token is derived here from the invitation id and the
 * send number (keyed HMAC), so it exists only in this activity's memory and the message:
 * never in workflow history, the database (a hash only), a search attribute, a response or
 * a log line. A retry derives the same token and the same Message-ID: the same message.
 */
export function createMailActivities(deps: { orm: MikroORM; mailer: Mailer; config: AppConfig }) {
  const secret = deps.config.invitations.tokenSecret;
  const domain = new URL(deps.config.http.publicBaseUrl).hostname || 'collaboration.localhost';

  async function mailOne(mail: MailToSend): Promise<MailOutcome> {
    const em = deps.orm.em.fork();
    const invitation = await em.findOne(Invitation, mail.invitationId, { populate: ['workspace', 'inviter', 'inviter.organisation'], strategy: 'joined' });
    if (!invitation) return { invitationId: mail.invitationId, sent: false, status: 'revoked' };
    // Sent already (by an attempt whose completion was lost): nothing to do.
    if (invitation.deliveredSend >= mail.send) return { invitationId: invitation.id, sent: true };
    if (invitation.status !== 'pending') return { invitationId: invitation.id, sent: false, status: invitation.status as InvitationState };
    // A newer send (resend, reminder) replaced this one: its link no longer works, so it is not mailed.
    if (invitation.sendCount !== mail.send) return { invitationId: invitation.id, sent: false, status: 'pending' };

    const token = invitationToken(invitation.id, mail.send, secret);
    try {
      await deps.mailer.send({
        ...renderInvitationEmail({
          to: invitation.email,
          reason: mail.reason,
          inviterName: invitation.inviter.name,
          inviterOrganisation: invitation.inviter.organisation.name,
          workspaceName: invitation.workspace.name,
          types: invitation.types,
          role: invitation.role,
          expiresAt: invitation.expiresAt,
          link: `${deps.config.http.publicBaseUrl}/invite/${token}`,
        }),
        messageId: invitationMessageId(invitation.id, mail.send, domain),
      });
    } catch (e) {
      if (!isPermanentRefusal(e)) throw temporaryFailure(e);
      // R-I9: a permanent refusal ends the invitation; no further attempts.
      return deps.orm.em.fork().transactional(async (tx) => {
        const closed = await tx.nativeUpdate(Invitation, { id: invitation.id, status: 'pending' }, { status: 'undeliverable', pendingKey: null });
        if (closed === 1) tx.persist(closedAudit(invitation, 'undeliverable', null, { smtpCode: (e as { responseCode?: number }).responseCode }));
        return { invitationId: invitation.id, sent: false, status: 'undeliverable' as const };
      });
    }
    await em.nativeUpdate(Invitation, { id: invitation.id, deliveredSend: { $lt: mail.send } }, { deliveredSend: mail.send, lastSentAt: new Date() });
    return { invitationId: invitation.id, sent: true };
  }

  return {
    /**
     * Mails a few invitations, one after the other; per mail its outcome. A temporary
     * failure (4xx, connection refused) fails the step, which Temporal retries with backoff:
     * mails already accepted by the SMTP server are recorded and not sent again.
     */
    async mailInvitations(input: { mails: MailToSend[] }): Promise<MailOutcome[]> {
      const outcomes: MailOutcome[] = [];
      for (const mail of input.mails) outcomes.push(await mailOne(mail));
      return outcomes;
    },
  };
}

/** R-I9: an SMTP 5xx reply (e.g. 550 no such user, 501 bad address) is final; everything else may pass. */
function isPermanentRefusal(e: unknown): boolean {
  const code = (e as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The SMTP reply without the recipient's address (no personal data in a failure that reaches history or logs). */
function temporaryFailure(e: unknown): ApplicationFailure {
  const code = (e as { responseCode?: number; code?: string }).responseCode ?? (e as { code?: string }).code ?? 'unknown';
  return ApplicationFailure.retryable(`the SMTP server did not take the invitation mail (${code}); retrying`, 'SmtpTemporaryFailure');
}
