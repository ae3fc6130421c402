import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { AuditEntryView } from '../audit/audit-entry.dto';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { CreateProjectDto, ProjectView, UpdateProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';
import { Contract, PageOf } from '../http/openapi';

@ApiTags('projects')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  /** A workspace member creates a project it owns (201: one local write). */
  @Contract({
    id: 'createProject',
    summary: 'Create a project',
    description: 'A workspace member creates a project it owns (R-S1); `reversible` is chosen now and never changed. 201: one local write.',
    errors: [400, 403, 404],
  })
  @ApiCreatedResponse({ type: ProjectView })
  @Post('workspaces/:workspaceId/projects')
  create(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: CreateProjectDto,
  ): Promise<ProjectView> {
    return this.projects.create(caller, workspaceId, dto);
  }

  /** R-S1: the projects of the workspace the caller can see. */
  @Contract({
    id: 'listProjects',
    summary: 'List the projects I can see',
    description: 'R-S1: the projects of the workspace visible to the caller, paginated by cursor.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: PageOf(ProjectView) })
  @Get('workspaces/:workspaceId/projects')
  list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() page: PageQuery,
  ): Promise<Page<ProjectView>> {
    return this.projects.list(caller, workspaceId, page.limit, page.cursor);
  }

  /** R-P7: includes the names of the collaborating organisations. */
  @Contract({
    id: 'getProject',
    summary: 'Get a project',
    description: 'R-S1, R-P7: includes the names of the collaborating organisations and what the caller may do.',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: ProjectView })
  @Get('projects/:projectId')
  get(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectView> {
    return this.projects.get(caller, projectId);
  }

  /** Section 6: who changed what on this project, oldest first. */
  @Contract({
    id: 'listProjectAudit',
    summary: 'Read the project audit log',
    description: 'Section 6: who changed what on this project, oldest first, paginated by cursor (R-S1).',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: PageOf(AuditEntryView) })
  @Get('projects/:projectId/audit')
  audit(
    @CurrentCaller() caller: Caller,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Query() page: PageQuery,
  ): Promise<Page<AuditEntryView>> {
    return this.projects.audit(caller, projectId, page.limit, page.cursor);
  }

  @Contract({
    id: 'updateProject',
    summary: 'Change a project',
    description: 'R-S2 (edit), R-P1: name and flags; `reversible` only unchanged; a project with collaborators stays a collaboration project.',
    errors: [400, 403, 404, 409],
  })
  @ApiOkResponse({ type: ProjectView })
  @Patch('projects/:projectId')
  update(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: UpdateProjectDto): Promise<ProjectView> {
    return this.projects.update(caller, projectId, dto);
  }
}
