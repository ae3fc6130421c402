import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import type { AuditEntryView } from '../audit/audit-entry.dto';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { CreateProjectDto, ProjectView, UpdateProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  /** A workspace member creates a project it owns (201: one local write). */
  @Post('workspaces/:workspaceId/projects')
  create(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Body() dto: CreateProjectDto): Promise<ProjectView> {
    return this.projects.create(caller, workspaceId, dto);
  }

  /** R-S1: the projects of the workspace the caller can see. */
  @Get('workspaces/:workspaceId/projects')
  list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() page: PageQuery): Promise<Page<ProjectView>> {
    return this.projects.list(caller, workspaceId, page.limit, page.cursor);
  }

  /** R-P7: includes the names of the collaborating organisations. */
  @Get('projects/:projectId')
  get(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string): Promise<ProjectView> {
    return this.projects.get(caller, projectId);
  }

  /** Section 6: who changed what on this project, oldest first. */
  @Get('projects/:projectId/audit')
  audit(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Query() page: PageQuery): Promise<Page<AuditEntryView>> {
    return this.projects.audit(caller, projectId, page.limit, page.cursor);
  }

  @Patch('projects/:projectId')
  update(@CurrentCaller() caller: Caller, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: UpdateProjectDto): Promise<ProjectView> {
    return this.projects.update(caller, projectId, dto);
  }
}
