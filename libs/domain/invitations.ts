import { createHmac } from 'node:crypto';
import { DomainError, RuleViolation } from './errors';

/** R-I6: at most this many addresses in one request. */
export const MAX_INVITATIONS_PER_REQUEST = 100;

/**
 * R-I1, R-I9: the token of send number `send` of an invitation: 256 bits of keyed HMAC,
 * URL-safe. Derived, never stored: a retried or replayed send derives the same token, so
 * it mails the same link, and no earlier link dies because of a retry. Only a new send
 * number (a resend or a reminder) retires the previous link.
 */
export function invitationToken(invitationId: string, send: number, secret: string): string {
  return createHmac('sha256', `invitation-token:${secret}`).update(`${invitationId}:${send}`, 'utf8').digest('base64url');
}

/** R-I1: the database stores only this keyed hash (HMAC-SHA256, hex) of a token. */
export function hashInvitationToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token, 'utf8').digest('hex');
}

/** R-I9: the Message-ID of send number `send`: the same on every retry, so receivers see one message. */
export function invitationMessageId(invitationId: string, send: number, domain: string): string {
  return `<invitation.${invitationId}.${send}@${domain}>`;
}

/** A token as it may appear in a link: base64url of 32 bytes. Anything else is unknown, answered like a revoked one (R-I3). */
export function looksLikeInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Any id derived from an address is a keyed HMAC of it (a plain digest of an address can be reversed by guessing). */
export function emailDigest(email: string, secret: string): string {
  return createHmac('sha256', `email-digest:${secret}`).update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 24);
}

/** R-I9: CR, LF, NUL and every other control character, quoted or not: SMTP would reject or split on them. */
export function hasControlCharacters(address: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(address);
}

/** R-I6: refuse (never drop) a bulk request over the cap. */
export function assertBulkSize(count: number): void {
  if (count > MAX_INVITATIONS_PER_REQUEST) {
    throw new RuleViolation('R-I6', `at most ${MAX_INVITATIONS_PER_REQUEST} addresses per request; this one has ${count}. Split it; nothing was sent`, {
      field: 'emails',
    });
  }
}

/** R-I6: an over-limit request, refused whole before the answer; says when to try again and what is left. */
export class InvitationRateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly limit: number,
    readonly remaining: number,
    field = 'emails',
  ) {
    super('rate_limited', message, 'R-I6', field);
    this.name = 'InvitationRateLimited';
  }
}

/**
 * R-I6: the inviter's mails of the last hour (invitations, resends, reminders) plus
 * `requested` must fit the hourly limit. `oldestInWindow` is when the oldest of them was
 * sent: the budget grows again an hour after it.
 */
export function assertWithinRateLimit(sentLastHour: number, requested: number, limitPerHour: number, oldestInWindow?: Date, now = Date.now()): void {
  if (sentLastHour + requested <= limitPerHour) return;
  const left = Math.max(0, limitPerHour - sentLastHour);
  const retryAfter = oldestInWindow ? Math.max(1, Math.ceil((oldestInWindow.getTime() + 3_600_000 - now) / 1000)) : 3600;
  throw new InvitationRateLimited(
    `you may send ${limitPerHour} invitation emails an hour (invitations, resends and reminders); ${left} left, ${requested} requested. Nothing was sent`,
    retryAfter,
    limitPerHour,
    left,
  );
}

/** R-I6: at most `limitPerDay` mails to one address in 24 hours, whoever sends them. */
export function assertRecipientWithinLimit(field: string, mailsLastDay: number, limitPerDay: number, oldestInWindow?: Date, now = Date.now()): void {
  if (mailsLastDay < limitPerDay) return;
  const retryAfter = oldestInWindow ? Math.max(1, Math.ceil((oldestInWindow.getTime() + 86_400_000 - now) / 1000)) : 86_400;
  throw new InvitationRateLimited(
    `this address already got ${limitPerDay} invitation emails in the last 24 hours; nothing was sent. Try again later`,
    retryAfter,
    limitPerDay,
    0,
    field,
  );
}

/** R-I6: one budget window of the mail ledger: how many mails, and when the oldest of them went out. */
export interface MailWindow {
  sent: number;
  oldest?: Date;
}

/** R-I6: what the budgets are judged by (libs/persistence/queries/invitation-mail-ledger.ts loads it). */
export interface MailBudgetFacts {
  /** The inviter's mails of the last hour. */
  inviter: MailWindow;
  /** Each planned recipient's mails of the last 24 hours, by address. */
  recipients: ReadonlyMap<string, MailWindow>;
}

/**
 * R-I6, for a request, a resend (the API) and a reminder (the activity) alike: the
 * inviter's hourly budget first, then each recipient's daily one in the request's order.
 */
export function judgeMailBudget(
  facts: MailBudgetFacts,
  mails: readonly { email: string; field: string }[],
  limits: { perHour: number; perDay: number },
  now = Date.now(),
): void {
  assertWithinRateLimit(facts.inviter.sent, mails.length, limits.perHour, facts.inviter.oldest, now);
  for (const mail of mails) {
    const window = facts.recipients.get(mail.email);
    assertRecipientWithinLimit(mail.field, window?.sent ?? 0, limits.perDay, window?.oldest, now);
  }
}

/**
 * R-I3: used, revoked, expired and unknown tokens answer exactly alike, so a link reveals
 * nothing about other invitations.
 */
export class InvitationGone extends DomainError {
  constructor() {
    super(
      'gone',
      'this invitation link is no longer valid. If you already accepted it, sign in; otherwise ask the person who invited you to send a new one',
      'R-I3',
    );
    this.name = 'InvitationGone';
  }
}
