import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ProjectAccess } from './project-access.service';
import { ProjectCollaboratorsController } from './project-collaborators.controller';
import { ProjectCollaboratorsService } from './project-collaborators.service';
import { ProjectRequestsController } from './project-requests.controller';
import { ProjectRequestsService } from './project-requests.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';
import { SharesController } from './shares.controller';
import { SharesService } from './shares.service';

/** Projects, their collaborators by organisation key, requests, sharing and ownership (sections 3 and 4). */
@Module({
  imports: [WorkspacesModule, OperationsModule],
  controllers: [ProjectsController, ProjectCollaboratorsController, ProjectRequestsController, SharesController],
  providers: [ProjectAccess, ProjectsService, ProjectCollaboratorsService, ProjectRequestsService, SharesService],
})
export class ProjectsModule {}
