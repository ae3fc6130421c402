import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { uuidParam } from '../http/params';
import { ProjectRequestView, SubmitRequestDto } from './dto/project-request.dto';
import { ProjectRequestsService } from './project-requests.service';
import { Contract } from '../http/openapi';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId/requests')
export class ProjectRequestsController {
  constructor(private readonly requests: ProjectRequestsService) {}

  /** R-P6: submit a standard or reverse request. */
  @Contract({
    id: 'submitProjectRequest',
    summary: 'Submit a project request',
    description: 'R-P6: a member of the owning organisation or of a collaborator submits a standard or reverse request (reverse only on reversible projects).',
    errors: [400, 403, 404, 409],
  })
  @ApiCreatedResponse({ type: ProjectRequestView })
  @Post()
  submit(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: SubmitRequestDto,
  ): Promise<ProjectRequestView> {
    return this.requests.submit(caller, projectId, dto);
  }

  @Contract({
    id: 'listProjectRequests',
    summary: 'List the project requests',
    description: 'R-P6, R-S1: the requests of a project the caller can see.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: [ProjectRequestView] })
  @Get()
  list(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectRequestView[]> {
    return this.requests.list(caller, projectId);
  }

  /** R-P6: an OrgAdmin or DataOwner of the owning organisation decides. */
  @Contract({
    id: 'approveProjectRequest',
    summary: 'Approve a project request',
    description: 'R-P6: an OrgAdmin or DataOwner of the owning organisation decides, once.',
    errors: [400, 403, 404, 409],
  })
  @ApiOkResponse({ type: ProjectRequestView })
  @Post(':requestId/approve')
  @HttpCode(200)
  approve(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
  ): Promise<ProjectRequestView> {
    return this.requests.decide(caller, projectId, requestId, 'approved');
  }

  @Contract({
    id: 'rejectProjectRequest',
    summary: 'Reject a project request',
    description: 'R-P6: an OrgAdmin or DataOwner of the owning organisation decides, once.',
    errors: [400, 403, 404, 409],
  })
  @ApiOkResponse({ type: ProjectRequestView })
  @Post(':requestId/reject')
  @HttpCode(200)
  reject(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
  ): Promise<ProjectRequestView> {
    return this.requests.decide(caller, projectId, requestId, 'rejected');
  }
}
