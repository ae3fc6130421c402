import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A fixed-window request counter shared by every API process (apps/api/invitations/page-rate-limit.ts).
 * The key is a keyed hash (never a client's address in clear).
 */
@Entity({ tableName: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'string', length: 128 })
  key!: string;

  @Property({ type: 'bigint' })
  windowStart!: string;

  @Property({ type: 'integer' })
  hits!: number;
}
