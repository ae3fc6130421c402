import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { CreateOrganisationUserDto, OrganisationUserCreated } from './dto/organisation-user.dto';
import { OrganisationUsersService } from './organisation-users.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:organisationId/users')
export class OrganisationUsersController {
  constructor(private readonly users: OrganisationUsersService) {}

  /** R-W9: add a user to an organisation; 202 with the user and the auto-invite operation. */
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
