import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { NotFound, RuleViolation } from '../../../libs/domain/errors';
import { isOrganisationKey } from '../../../libs/domain/projects';
import { Organisation } from '../../../libs/persistence/entities';
import { RateLimiter } from '../../../libs/persistence/rate-limiter';
import { Contract } from '../http/openapi';
import { enforceRateLimit } from '../http/rate-limit';

/** Lookups per caller per minute: enough for a form's "green check", too few to enumerate keys. */
export const LOOKUPS_PER_MINUTE = 30;

export class OrganisationLookupView {
  @ApiProperty({ description: "the organisation's name, nothing else" }) name!: string;
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationLookupController {
  constructor(
    private readonly em: EntityManager,
    private readonly limiter: RateLimiter,
  ) {}

  /** R-P1: validates an organisation key and answers only the organisation's name (the "green check"). */
  @Contract({
    id: 'lookupOrganisation',
    summary: 'Check an organisation key',
    description: "R-P1: validates an organisation key and answers only the organisation's name (the “green check”); at most 30 lookups a minute per caller.",
    errors: [400, 404, 429],
  })
  @ApiOkResponse({ type: OrganisationLookupView })
  @Get('lookup')
  @ApiQuery({ name: 'key', description: 'an organisation key (UUID v4)' })
  async lookup(@CurrentCaller() caller: Caller, @Query('key') key: unknown, @Res({ passthrough: true }) res: Response): Promise<OrganisationLookupView> {
    // Shared by every API replica (the database counts), so N replicas still allow 30, not 30N.
    await enforceRateLimit(this.limiter, res, {
      key: `org-lookup:${caller.userId}`,
      limit: LOOKUPS_PER_MINUTE,
      windowSeconds: 60,
      message: `at most ${LOOKUPS_PER_MINUTE} key lookups a minute; try again shortly`,
      rule: 'R-P1',
    });
    if (!isOrganisationKey(key)) throw new RuleViolation('R-P1', 'key must be an organisation key (a UUID v4)', { field: 'key' });
    const organisation = await this.em.findOne(Organisation, { key: key.toLowerCase() }, { fields: ['name'] });
    if (!organisation) throw new NotFound('organisation with that key', 'key');
    return { name: organisation.name };
  }
}
