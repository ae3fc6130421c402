import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';

const WINDOW_MS = 60_000;

/**
 * R-I6: a per-client limit on the public /invite/… endpoints (tokens cannot be guessed,
 * but nobody may try at will). A fixed one-minute window counted in the database, so every
 * API process shares it: one upsert per request, atomic on SQLite and PostgreSQL. The
 * client's address is stored only as a keyed hash.
 */
@Injectable()
export class PageRateLimit {
  readonly retryAfterSeconds = WINDOW_MS / 1000;

  constructor(
    private readonly em: EntityManager,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async take(client: string): Promise<void> {
    const key = `invite-page:${createHmac('sha256', this.config.invitations.tokenSecret).update(client).digest('hex').slice(0, 32)}`;
    const windowStart = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
    const rows = await this.em.getConnection().execute<Array<{ hits: number }>>(
      `insert into rate_limit_counters (key, window_start, hits) values (?, ?, 1)
       on conflict (key) do update set hits = case when rate_limit_counters.window_start = excluded.window_start then rate_limit_counters.hits + 1 else 1 end,
       window_start = excluded.window_start
       returning hits`,
      [key, windowStart],
    );
    if (Number(rows[0]?.hits ?? 0) > this.config.invitations.pageLimitPerMinute) {
      throw new DomainError('rate_limited', `too many requests to invitation pages; try again in a minute`, 'R-I6');
    }
  }
}
