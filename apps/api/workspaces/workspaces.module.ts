import { Module } from '@nestjs/common';
import { WorkspaceAccess } from './workspace-access.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  controllers: [WorkspacesController],
  providers: [WorkspacesService, WorkspaceAccess],
  exports: [WorkspaceAccess],
})
export class WorkspacesModule {}
