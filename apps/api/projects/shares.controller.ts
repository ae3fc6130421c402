import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { OperationAccepted } from '../operations/operation.dto';
import { AddShareDto, ProjectSharingView, ShareView, TransferOwnershipDto, UpdateShareDto } from './dto/share.dto';
import { SharesService } from './shares.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

@ApiTags('sharing')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  /** R-S3: who owns and shares the project; readable by whoever sees it. */
  @Get('shares')
  list(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectSharingView> {
    return this.shares.list(caller, projectId);
  }

  @Post('shares')
  add(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: AddShareDto): Promise<ShareView> {
    return this.shares.add(caller, projectId, dto);
  }

  @Patch('shares/:userId')
  update(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Body() dto: UpdateShareDto,
  ): Promise<ShareView> {
    return this.shares.update(caller, projectId, userId, dto);
  }

  @Delete('shares/:userId')
  @HttpCode(204)
  remove(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Param('userId', uuidParam('userId')) userId: string): Promise<void> {
    return this.shares.remove(caller, projectId, userId);
  }

  /** R-S4, R-S5, R-S7: hand ownership over (and optionally leave), all or nothing. 202: follow the operation. */
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
  @Post('leave')
  @HttpCode(204)
  leave(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<void> {
    return this.shares.leave(caller, projectId);
  }
}
