import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { CreateOrganisationUserDto, OrganisationUserCreated } from './dto/organisation-user.dto';
import { OrganisationUsersService } from './organisation-users.service';
import { Contract } from '../http/openapi';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:organisationId/users')
export class OrganisationUsersController {
  constructor(private readonly users: OrganisationUsersService) {}

  /** R-W9: add a user to an organisation; 202 with the user and the auto-invite operation. */
  @Contract({
    id: 'createOrganisationUser',
    summary: 'Add a user to an organisation',
    description:
      'R-W9: an OrgAdmin of the organisation, or of one with workforce access to it, adds a user; the auto-invite operation then makes it a member of every workspace that auto-invites the organisation. 202 with the user and the operation.',
    errors: [400, 403, 404, 409],
  })
  @Post()
  @AcceptedOperation(OrganisationUserCreated)
  async create(
    @CurrentCaller() caller: Caller,
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Body() dto: CreateOrganisationUserDto,
  ): Promise<OrganisationUserCreated> {
    return this.users.create(caller, organisationId, dto);
  }
}
