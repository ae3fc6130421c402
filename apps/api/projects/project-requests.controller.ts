import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { ProjectRequestView, SubmitRequestDto } from './dto/project-request.dto';
import { ProjectRequestsService } from './project-requests.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId/requests')
export class ProjectRequestsController {
  constructor(private readonly requests: ProjectRequestsService) {}

  /** R-P6: submit a standard or reverse request. */
  @Post()
  submit(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: SubmitRequestDto): Promise<ProjectRequestView> {
    return this.requests.submit(caller, projectId, dto);
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectRequestView[]> {
    return this.requests.list(caller, projectId);
  }

  /** R-P6: an OrgAdmin or DataOwner of the owning organisation decides. */
  @Post(':requestId/approve')
  @HttpCode(200)
  approve(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Param('requestId', uuidParam('requestId')) requestId: string): Promise<ProjectRequestView> {
    return this.requests.decide(caller, projectId, requestId, 'approved');
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  reject(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Param('requestId', uuidParam('requestId')) requestId: string): Promise<ProjectRequestView> {
    return this.requests.decide(caller, projectId, requestId, 'rejected');
  }
}
