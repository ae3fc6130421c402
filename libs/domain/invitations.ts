import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DomainError, RuleViolation } from './errors';

/** R-I6: at most this many addresses in one request. */
export const MAX_INVITATIONS_PER_REQUEST = 100;

/** R-I1: a fresh invitation token, 256 random bits, URL-safe. Minted only inside the mail activity. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** R-I1: the database stores only this keyed hash (HMAC-SHA256, hex) of a token. */
export function hashInvitationToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token, 'utf8').digest('hex');
}

/** A token as it may appear in a link: base64url of 32 bytes. Anything else is unknown, answered like a revoked one (R-I3). */
export function looksLikeInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** R-I5: a stable digest of a lower-cased address, for workflow ids that must not contain the address. */
export function emailDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 24);
}

/** R-I6: refuse (never drop) a bulk request over the cap. */
export function assertBulkSize(count: number): void {
  if (count > MAX_INVITATIONS_PER_REQUEST) {
    throw new RuleViolation('R-I6', `at most ${MAX_INVITATIONS_PER_REQUEST} addresses per request; this one has ${count}. Split it; nothing was sent`, { field: 'emails' });
  }
}

/** R-I6: `sentLastHour` invitations already made by the inviter plus `requested` new ones must fit the hourly limit. */
export function assertWithinRateLimit(sentLastHour: number, requested: number, limitPerHour: number): void {
  if (sentLastHour + requested > limitPerHour) {
    const left = Math.max(0, limitPerHour - sentLastHour);
    throw new RuleViolation('R-I6', `you may send ${limitPerHour} invitations an hour; ${left} left, ${requested} requested. Nothing was sent`, { kind: 'rate_limited', field: 'emails' });
  }
}

/**
 * R-I3: used, revoked, expired and unknown tokens answer exactly alike, so a link reveals
 * nothing about other invitations.
 */
export class InvitationGone extends DomainError {
  constructor() {
    super('gone', 'this invitation link is no longer valid: it was used, revoked, replaced by a newer email, or it expired. Ask the person who invited you to send a new one', 'R-I3');
    this.name = 'InvitationGone';
  }
}
