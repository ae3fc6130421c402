import { EntityManager } from '@mikro-orm/core';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Organisation } from '../../../libs/persistence/entities';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly em: EntityManager) {}

  /** The caller's organisation, with the organisation key it may share with partners (seed 000). */
  @Get('me')
  async me(@CurrentCaller() caller: Caller) {
    const org = await this.em.findOneOrFail(Organisation, caller.organisationId);
    return { id: org.id, name: org.name, key: org.key, me: { id: caller.userId, email: caller.email, orgRoles: caller.orgRoles } };
  }
}
