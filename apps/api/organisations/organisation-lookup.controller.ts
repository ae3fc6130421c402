import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { DomainError, NotFound, RuleViolation } from '../../../libs/domain/errors';
import { isOrganisationKey } from '../../../libs/domain/projects';
import { Organisation } from '../../../libs/persistence/entities';
import { Contract } from '../http/openapi';

/** Lookups per caller per minute: enough for a form's "green check", too few to enumerate keys. */
export const LOOKUPS_PER_MINUTE = 30;

/** A sliding one-minute window per caller, in memory (one API process; see docs/decisions.md). */
class PerCallerLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(callerId: string, now = Date.now()): boolean {
    const recent = (this.hits.get(callerId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(callerId, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(callerId, recent);
    if (this.hits.size > 10_000) for (const [id, times] of this.hits) if (!times.some((t) => now - t < this.windowMs)) this.hits.delete(id);
    return true;
  }
}

export class OrganisationLookupView {
  @ApiProperty({ description: "the organisation's name, nothing else" }) name!: string;
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationLookupController {
  private readonly limiter = new PerCallerLimiter(LOOKUPS_PER_MINUTE, 60_000);

  constructor(private readonly em: EntityManager) {}

  /** R-P1: validates an organisation key and answers only the organisation's name (the "green check"). */
  @Contract({ id: 'lookupOrganisation', summary: 'Check an organisation key', description: "R-P1: validates an organisation key and answers only the organisation's name (the “green check”); at most 30 lookups a minute per caller.", errors: [400, 404, 429] })
  @ApiOkResponse({ type: OrganisationLookupView })
  @Get('lookup')
  @ApiQuery({ name: 'key', description: 'an organisation key (UUID v4)' })
  async lookup(@CurrentCaller() caller: Caller, @Query('key') key: unknown): Promise<OrganisationLookupView> {
    if (!this.limiter.take(caller.userId)) throw new DomainError('rate_limited', `at most ${LOOKUPS_PER_MINUTE} key lookups a minute; try again shortly`, 'R-P1');
    if (!isOrganisationKey(key)) throw new RuleViolation('R-P1', 'key must be an organisation key (a UUID v4)', { field: 'key' });
    const organisation = await this.em.findOne(Organisation, { key: key.toLowerCase() }, { fields: ['name'] });
    if (!organisation) throw new NotFound('organisation with that key', 'key');
    return { name: organisation.name };
  }
}
