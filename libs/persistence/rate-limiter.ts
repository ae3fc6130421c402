import { MikroORM, QueryResult } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { sqlConnection } from './sql-connection';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Hits left in the current window (0 once refused). */
  remaining: number;
  /** 0 when allowed; otherwise the seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
  /** Seconds until the current window ends and the count starts again. */
  resetSeconds: number;
}

/** One in this many hits also deletes counters whose window has ended. */
const PRUNE_ONE_IN = 256;

/**
 * A fixed-window rate limiter shared by every process on the database (SQLite or
 * PostgreSQL), so N API replicas allow the limit once, not N times. Each hit is ONE
 * atomic upsert that counts and answers in the same statement, so concurrent hits from
 * any number of processes never over-count or lose a count (PostgreSQL locks the row for
 * the upsert; SQLite serialises writers). Refused hits count too, so hammering does not
 * slip through; they never extend the window beyond its end.
 *
 * Fixed windows (like GitHub's X-RateLimit-Reset) can let up to 2x the limit through
 * around a window boundary; for the limits it guards (key lookups, public invitation
 * pages) that is acceptable, and it keeps one row per key. A process whose clock lags
 * counts into the newest window rather than resetting it.
 *
 * Use a distinct key prefix per limit (e.g. `org-lookup:<userId>`): the window length
 * belongs to the key.
 */
@Injectable()
export class RateLimiter {
  /** The clock, replaceable in tests. */
  clock: () => number = Date.now;

  constructor(private readonly orm: MikroORM) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new RangeError('windowSeconds must be a positive integer');
    const now = this.clock();
    const windowMs = windowSeconds * 1000;
    const windowStart = now - (now % windowMs);
    const newer = 'excluded.window_start > rate_limit_counters.window_start';
    const rows = await sqlConnection(this.orm.em).execute<Array<{ hits: number | string; expires_at: number | string }>>(
      `insert into rate_limit_counters (key_digest, window_start, expires_at, hits) values (?, ?, ?, 1) ` +
        `on conflict (key_digest) do update set ` +
        `hits = case when ${newer} then 1 else rate_limit_counters.hits + 1 end, ` +
        `window_start = case when ${newer} then excluded.window_start else rate_limit_counters.window_start end, ` +
        `expires_at = case when ${newer} then excluded.expires_at else rate_limit_counters.expires_at end ` +
        `returning hits, expires_at`,
      [digest(key), windowStart, windowStart + windowMs],
      'all',
    );
    const hits = Number(rows[0].hits);
    const resetSeconds = Math.max(1, Math.ceil((Number(rows[0].expires_at) - now) / 1000));
    if (randomInt(PRUNE_ONE_IN) === 0) await this.prune();
    const allowed = hits <= limit;
    return { allowed, limit, remaining: Math.max(0, limit - hits), retryAfterSeconds: allowed ? 0 : resetSeconds, resetSeconds };
  }

  /** Deletes counters whose window has ended; they would start from zero anyway. */
  async prune(): Promise<number> {
    const res = await sqlConnection(this.orm.em).execute<QueryResult>('delete from rate_limit_counters where expires_at < ?', [this.clock()], 'run');
    return res.affectedRows;
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
