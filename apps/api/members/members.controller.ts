import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AssignRolesDto, MemberView } from './dto/member.dto';
import { MembersService } from './members.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

@ApiTags('members')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() page: PageQuery): Promise<Page<MemberView>> {
    return this.members.list(caller, workspaceId, page);
  }

  /** R-W2: set a member's workspace roles. 202: follow the operation. */
  @Put(':userId/roles')
  @AcceptedOperation()
  async assignRoles(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Body() dto: AssignRolesDto,
  ): Promise<OperationAccepted> {
    return this.members.assignRoles(caller, workspaceId, userId, dto);
  }
}
