import type { EntityManager } from '@mikro-orm/core';
import type { AppConfig } from '../../config/app-config';
import { MailBudgetFacts, MailWindow, judgeMailBudget } from '../../domain/invitations';
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
 * R-I6: the ledger's windows for one inviter (the last hour) and the planned recipients (the
 * last 24 hours). The inviter's is a count from the (inviter_id, created_at) index: an
 * inviter allowed thousands of mails an hour must not load them all into every decision
 * its lock serialises; its oldest row (Retry-After) is read only when `requested` more
 * would exceed `limitPerHour`, the only case the judge needs it.
 */
export async function loadMailBudgetFacts(
  em: EntityManager,
  inviterId: string,
  emails: readonly string[],
  budget: { requested: number; limitPerHour: number },
  now = Date.now(),
): Promise<MailBudgetFacts> {
  const inWindow = { inviterId, createdAt: { $gt: new Date(now - HOUR_MS) } };
  const sent = await em.count(InvitationMail, inWindow);
  const over = sent + budget.requested > budget.limitPerHour;
  const oldest = over && sent > 0 ? await em.findOne(InvitationMail, inWindow, { fields: ['createdAt'], orderBy: { createdAt: 'asc' } }) : null;
  // Over the inviter's budget the judge refuses before any recipient's: theirs is not read.
  const byRecipient =
    emails.length && !over
      ? await em.find(
          InvitationMail,
          { email: { $in: [...emails] }, createdAt: { $gt: new Date(now - DAY_MS) } },
          { fields: ['email', 'createdAt'], orderBy: { createdAt: 'asc' } },
        )
      : [];
  const recipients = new Map<string, MailWindow>();
  for (const row of byRecipient) {
    const window = recipients.get(row.email);
    if (window) window.sent++;
    else recipients.set(row.email, { sent: 1, oldest: row.createdAt }); // the oldest first (ascending)
  }
  return { inviter: { sent, oldest: oldest?.createdAt }, recipients };
}

/**
 * R-I6: the inviter's hourly budget and each recipient's daily budget, counted over every
 * mail (invitations, resends, reminders) in the ledger: loadMailBudgetFacts judged by
 * judgeMailBudget. Throws InvitationRateLimited (429, Retry-After, budget left) or returns.
 * Call inside the deciding transaction, after lockInviter.
 */
export async function assertMailBudget(em: EntityManager, config: AppConfig, inviterId: string, mails: PlannedMail[], now = Date.now()): Promise<void> {
  const limits = { perHour: config.invitations.rateLimitPerHour, perDay: config.invitations.recipientLimitPerDay };
  const emails = mails.map((m) => m.email);
  const facts = await loadMailBudgetFacts(em, inviterId, emails, { requested: mails.length, limitPerHour: limits.perHour }, now);
  judgeMailBudget(facts, mails, limits, now);
}
