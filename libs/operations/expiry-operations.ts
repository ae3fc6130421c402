/**
 * R-E1: access that ends by itself. One durable timer (workflow) per end date: it sleeps
 * until the warning, then until the end date, and follows the date when it moves or is
 * cleared (signal `reschedule`). The database row holds the date; the timer only wakes up
 * and asks it, so a lost signal delays nothing by more than one wake-up.
 */
export const EXPIRY_KINDS = ['member', 'collaborator', 'share'] as const;
export type ExpiryKind = (typeof EXPIRY_KINDS)[number];

/** What ends: a membership (workspace, user), a collaborator organisation (workspace, organisation) or a share (project, user). */
export type ExpiryTarget =
  | { kind: 'member'; workspaceId: string; userId: string }
  | { kind: 'collaborator'; workspaceId: string; organisationId: string }
  | { kind: 'share'; workspaceId: string; projectId: string; userId: string };

export interface AccessExpiryInput {
  target: ExpiryTarget;
  /** ISO date-time; null: no end date (the timer ends). */
  expiresAt: string | null;
  /** How long before the end date the warning mail goes out (EXPIRY_WARNING_DAYS / EXPIRY_WARNING_PERIOD). */
  warningMs: number;
  /** The end date a warning already went out for (carried over a continue-as-new). */
  warnedFor?: string | null;
}

export type AccessExpiryOutcome = 'removed' | 'cleared' | 'gone';

export interface AccessExpiryResult {
  outcome: AccessExpiryOutcome;
  /** The end date the access was removed at (outcome `removed`). */
  expiresAt: string | null;
  warningsSent: number;
}

/** What a wake-up found in the database: done, or the date the row holds now (null: none, or the row is gone). */
export interface ExpiryStepResult {
  done: boolean;
  current: string | null;
  /** False when the access itself no longer exists. */
  exists: boolean;
}

/** The stable id of the timer of one access: `expiry.member.<workspaceId>.<userId>` and so on. */
export function expiryOperationId(target: ExpiryTarget): string {
  switch (target.kind) {
    case 'member':
      return `expiry.member.${target.workspaceId}.${target.userId}`;
    case 'collaborator':
      return `expiry.collaborator.${target.workspaceId}.${target.organisationId}`;
    case 'share':
      return `expiry.share.${target.projectId}.${target.userId}`;
  }
}

/** The audit actor of what the timer does (audit rows carry no user id then: `actorId` is null). */
export const EXPIRY_ACTOR = 'system:expiry';

/** R-E1: an end date must be a valid ISO date-time in the future; returns the problem or null. */
export function expiresAtProblem(value: unknown, now = Date.now()): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    return 'an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00Z';
  }
  if (Date.parse(value) <= now) return 'must be in the future';
  return null;
}
