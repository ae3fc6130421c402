import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AssignRolesDto, MemberView } from './dto/member.dto';
import { EditMemberDto, EditedMemberView } from './dto/member-expiry.dto';
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

  /** R-E1: the membership's end date. */
  @Contract({
    id: 'editMember',
    summary: "Set, move or clear a member's end date",
    description:
      'R-E1: `expiresAt` (a date-time in the future, or null to clear it). A warning mail goes out EXPIRY_WARNING_DAYS (default 7) before; at the date the member leaves the workspace, audited as `member.expired` (actor: the expiry). `expiryOperationId` is the durable timer, visible at `GET /operations/{id}`. Who may: as for roles (R-W3); nobody sets an end date on their own membership.',
    errors: [400, 403, 404],
  })
  @ApiOkResponse({ type: EditedMemberView })
  @Patch(':userId')
  edit(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Body() dto: EditMemberDto,
  ): Promise<EditedMemberView> {
    return this.members.edit(caller, workspaceId, userId, dto);
  }
}
