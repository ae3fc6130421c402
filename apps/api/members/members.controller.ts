import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AssignRolesDto, MemberView } from './dto/member.dto';
import { MembersService } from './members.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { Contract, PageOf } from '../http/openapi';

@ApiTags('members')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Contract({
    id: 'listMembers',
    summary: 'List the workspace members',
    description: 'R-T1: members of the workspace only; paginated by cursor.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: PageOf(MemberView) })
  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() page: PageQuery,
  ): Promise<Page<MemberView>> {
    return this.members.list(caller, workspaceId, page);
  }

  /** R-W2: set a member's workspace roles. 202: follow the operation. */
  @Contract({
    id: 'assignRoles',
    summary: "Set a member's workspace roles",
    description: "R-W2: the roles the member's collaboration types allow, at least one; R-W3: Admin only. 202: follow the operation.",
    errors: [400, 403, 404, 409],
  })
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
