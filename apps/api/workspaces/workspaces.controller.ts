import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller } from '../../../libs/auth/caller';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { CreateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.create(caller, dto.name);
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() page: PageQuery): Promise<Page<WorkspaceView>> {
    return this.workspaces.list(caller, page.limit, page.cursor);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuidParam('id')) id: string): Promise<WorkspaceView> {
    return this.workspaces.get(caller, id);
  }
}
