import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AssignRolesDto, MemberView } from './dto/member.dto';
import { MembersService } from './members.service';

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
  @HttpCode(202)
  @ApiAcceptedResponse({ type: OperationAccepted })
  async assignRoles(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Body() dto: AssignRolesDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OperationAccepted> {
    const op = await this.members.assignRoles(caller, workspaceId, userId, dto);
    res.location(op.href);
    return op;
  }
}
