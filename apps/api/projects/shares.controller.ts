import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AddShareDto, ProjectSharingView, ShareView, TransferOwnershipDto, UpdateShareDto } from './dto/share.dto';
import { SharesService } from './shares.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';
import { Contract } from '../http/openapi';

@ApiTags('sharing')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  /** R-S3: who owns and shares the project; readable by whoever sees it. */
  @Contract({
    id: 'listShares',
    summary: 'Who owns and shares a project',
    description: 'R-S3: readable by whoever sees the project (R-S1); `canChange` says whether the caller may change shares.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: ProjectSharingView })
  @Get('shares')
  list(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectSharingView> {
    return this.shares.list(caller, projectId);
  }

  @Contract({
    id: 'addShare',
    summary: 'Share a project with a user',
    description: 'R-S2 (one or more of view, edit, share, manage), R-S3 (owner, DataOwner or a user with share).',
    errors: [400, 403, 404, 409],
  })
  @ApiCreatedResponse({ type: ShareView })
  @Post('shares')
  add(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: AddShareDto): Promise<ShareView> {
    return this.shares.add(caller, projectId, dto);
  }

  @Contract({ id: 'updateShare', summary: 'Change a share', description: 'R-S2, R-S3.', errors: [400, 403, 404, 409] })
  @ApiOkResponse({ type: ShareView })
  @Patch('shares/:userId')
  update(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Body() dto: UpdateShareDto,
  ): Promise<ShareView> {
    return this.shares.update(caller, projectId, userId, dto);
  }

  @Contract({ id: 'removeShare', summary: 'Delete a share', description: 'R-S3: owner, DataOwner or a user with share.', errors: [400, 403, 404, 409] })
  @ApiNoContentResponse({ description: 'done' })
  @Delete('shares/:userId')
  @HttpCode(204)
  remove(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    return this.shares.remove(caller, projectId, userId);
  }

  /** R-S4, R-S5, R-S7: hand ownership over (and optionally leave), all or nothing. 202: follow the operation. */
  @Contract({
    id: 'transferOwnership',
    summary: 'Hand a project over to another owner',
    description: 'R-S4 (the new owner gets a share if it had none), R-S5 (optionally leave), R-S7 (all or nothing). 202: follow the operation.',
    errors: [400, 403, 404, 409],
  })
  @Post('transfer-ownership')
  @AcceptedOperation()
  async transferOwnership(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: TransferOwnershipDto,
  ): Promise<OperationAccepted> {
    return this.shares.transferOwnership(caller, projectId, dto);
  }

  /** R-S6: abandon a project shared with you. */
  @Contract({
    id: 'leaveProject',
    summary: 'Abandon a project shared with me',
    description: "R-S6: the caller's share is deleted; the owner cannot leave (transfer first, R-S5).",
    errors: [400, 404, 409],
  })
  @ApiNoContentResponse({ description: 'done' })
  @Post('leave')
  @HttpCode(204)
  leave(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<void> {
    return this.shares.leave(caller, projectId);
  }
}
