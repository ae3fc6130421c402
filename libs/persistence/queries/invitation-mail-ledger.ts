import type { EntityManager } from '@mikro-orm/core';
import type { AppConfig } from '../../config/app-config';
import { assertRecipientWithinLimit, assertWithinRateLimit } from '../../domain/invitations';
import { InvitationMail } from '../entities';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * R-I6: concurrent decisions about one inviter's mails are serialised by the database: on
 * PostgreSQL a row lock on the inviter, held until the deciding transaction ends. SQLite
 * has one writer at a time: a no-op write as the transaction's FIRST statement takes the
 * write lock before anything is read (waiting up to busy_timeout), so no other process
 * writes between this transaction's reads and its writes (which would fail it as busy).
 * Call it first in the transaction.
 */
export async function lockInviter(em: EntityManager, config: AppConfig, inviterId: string): Promise<void> {
  const sql = config.database.driver === 'postgresql' ? 'select id from users where id = ? for update' : 'update users set id = id where id = ?';
  await em.getConnection().execute(sql, [inviterId], config.database.driver === 'postgresql' ? 'all' : 'run', em.getTransactionContext());
}

export interface PlannedMail {
  email: string;
  /** Named in a refusal, e.g. `emails[3]`. */
  field: string;
}

/**
 * R-I6: the inviter's hourly budget and each recipient's daily budget, counted over every
 * mail (invitations, resends, reminders) in the ledger; throws InvitationRateLimited (429,
 * Retry-After, budget left) or returns. Call inside the deciding transaction, after lockInviter.
 */
export async function assertMailBudget(em: EntityManager, config: AppConfig, inviterId: string, mails: PlannedMail[], now = Date.now()): Promise<void> {
  // A count (and, when over the limit, the oldest row for Retry-After), both from the
  // (inviter_id, created_at) index: an inviter allowed thousands of mails an hour must not
  // load them all into every decision its lock serialises.
  const inWindow = { inviterId, createdAt: { $gt: new Date(now - HOUR_MS) } };
  const sentLastHour = await em.count(InvitationMail, inWindow);
  const over = sentLastHour + mails.length > config.invitations.rateLimitPerHour;
  const oldest = over && sentLastHour > 0 ? await em.findOne(InvitationMail, inWindow, { fields: ['createdAt'], orderBy: { createdAt: 'asc' } }) : null;
  assertWithinRateLimit(sentLastHour, mails.length, config.invitations.rateLimitPerHour, oldest?.createdAt, now);
  if (!mails.length) return;
  const byRecipient = await em.find(
    InvitationMail,
    { email: { $in: mails.map((m) => m.email) }, createdAt: { $gt: new Date(now - DAY_MS) } },
    { fields: ['email', 'createdAt'], orderBy: { createdAt: 'asc' } },
  );
  for (const mail of mails) {
    const sent = byRecipient.filter((r) => r.email === mail.email);
    assertRecipientWithinLimit(mail.field, sent.length, config.invitations.recipientLimitPerDay, sent[0]?.createdAt, now);
  }
}
