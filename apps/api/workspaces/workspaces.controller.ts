import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '../../../libs/auth/caller';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { CreateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';
import { Contract, PageOf } from '../http/openapi';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Contract({
    id: 'createWorkspace',
    summary: 'Create a workspace',
    description: "R-W1: the caller's organisation owns it and the caller becomes its Admin.",
    errors: [400],
  })
  @ApiCreatedResponse({ type: WorkspaceView })
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.create(caller, dto.name);
  }

  @Contract({
    id: 'listWorkspaces',
    summary: 'List my workspaces',
    description: 'R-T1: the workspaces the caller is a member of, oldest first, paginated by cursor.',
    errors: [400],
  })
  @ApiOkResponse({ type: PageOf(WorkspaceView) })
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() page: PageQuery): Promise<Page<WorkspaceView>> {
    return this.workspaces.list(caller, page.limit, page.cursor);
  }

  @Contract({
    id: 'getWorkspace',
    summary: 'Get a workspace',
    description: "R-T1: members only; others get 404 as for a workspace that does not exist. Includes the caller's roles (R-W2).",
    errors: [400, 404],
  })
  @ApiOkResponse({ type: WorkspaceView })
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuidParam('id')) id: string): Promise<WorkspaceView> {
    return this.workspaces.get(caller, id);
  }
}
