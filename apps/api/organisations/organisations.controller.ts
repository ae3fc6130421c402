import { EntityManager } from '@mikro-orm/core';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { ORG_ROLES, OrgRole } from '../../../libs/domain/roles';
import { Organisation } from '../../../libs/persistence/entities';
import { Contract } from '../http/openapi';

class CallerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ type: [String], enum: ORG_ROLES }) orgRoles!: OrgRole[];
}

export class MyOrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', description: 'the organisation key partners use to add this organisation to a project (R-P1)' }) key!: string;
  @ApiProperty({ type: CallerView }) me!: CallerView;
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly em: EntityManager) {}

  /** The caller's organisation, with the organisation key it may share with partners (seed 000). */
  @Contract({
    id: 'getMyOrganisation',
    summary: 'Who am I',
    description: 'R-A1: the caller and its organisation, with the organisation key it may give partners (R-P1).',
  })
  @ApiOkResponse({ type: MyOrganisationView })
  @Get('me')
  async me(@CurrentCaller() caller: Caller): Promise<MyOrganisationView> {
    const org = await this.em.findOneOrFail(Organisation, caller.organisationId);
    return { id: org.id, name: org.name, key: org.key, me: { id: caller.userId, email: caller.email, orgRoles: caller.orgRoles } };
  }
}
