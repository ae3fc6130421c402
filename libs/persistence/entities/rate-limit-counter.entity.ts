import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One fixed-window counter per rate-limit key, shared by every API replica (see
 * libs/persistence/rate-limiter.ts, which reads and writes it with one atomic upsert).
 * The key is stored as a SHA-256 digest, so no address or user id sits in the table.
 */
@Entity({ tableName: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'string', length: 64 })
  keyDigest!: string;

  /** Start of the current window, epoch milliseconds. */
  @Property({ type: new BigIntType('number') })
  windowStart!: number;

  /** End of the current window, epoch milliseconds: rows past it are pruned. */
  @Index()
  @Property({ type: new BigIntType('number') })
  expiresAt!: number;

  /** Hits counted in the window, refused ones included. */
  @Property({ type: 'integer' })
  hits!: number;
}
