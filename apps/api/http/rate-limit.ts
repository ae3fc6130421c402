import type { Response } from 'express';
import { DomainError } from '../../../libs/domain/errors';
import { RateLimiter, RateLimitResult } from '../../../libs/persistence/rate-limiter';

export interface RateLimitRule {
  /** Distinct per limit and caller, e.g. `org-lookup:<userId>` or `invite-page:<ip>`. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** The 429's message, e.g. "at most 30 key lookups a minute; try again shortly". */
  message: string;
  rule?: string;
}

/**
 * Counts one hit against the shared limiter, tells the caller where they stand
 * (RateLimit-Limit/-Remaining/-Reset, as in the IETF RateLimit header draft and GitHub's
 * X-RateLimit-*) and, once over, answers 429 with Retry-After.
 */
export async function enforceRateLimit(limiter: RateLimiter, res: Response, r: RateLimitRule): Promise<RateLimitResult> {
  const result = await limiter.hit(r.key, r.limit, r.windowSeconds);
  res.setHeader('RateLimit-Limit', String(result.limit));
  res.setHeader('RateLimit-Remaining', String(result.remaining));
  res.setHeader('RateLimit-Reset', String(result.resetSeconds));
  if (!result.allowed) {
    res.setHeader('Retry-After', String(result.retryAfterSeconds));
    throw new DomainError('rate_limited', r.message, r.rule);
  }
  return result;
}
