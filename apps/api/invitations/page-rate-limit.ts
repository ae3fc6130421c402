import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../../../libs/config/app-config';
import { RateLimiter } from '../../../libs/persistence/rate-limiter';
import { enforceRateLimit } from '../http/rate-limit';

/**
 * R-I6: a per-client limit on the public /invite/… endpoints (tokens cannot be guessed,
 * but nobody may try at will): `INVITE_PAGE_LIMIT_PER_MINUTE` a minute per client address,
 * on the shared database-backed limiter, so every API replica counts once. The address
 * enters the key only as a keyed hash. Over the limit: 429 with Retry-After.
 */
@Injectable()
export class PageRateLimit {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async take(client: string, res: Response): Promise<void> {
    const id = createHmac('sha256', this.config.invitations.tokenSecret).update(`client:${client}`).digest('hex').slice(0, 32);
    await enforceRateLimit(this.limiter, res, {
      key: `invite-page:${id}`,
      limit: this.config.invitations.pageLimitPerMinute,
      windowSeconds: 60,
      message: 'too many requests to invitation pages; try again in a minute',
      rule: 'R-I6',
    });
  }
}
