import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { CollaboratorsController } from './collaborators.controller';
import { CollaboratorsService } from './collaborators.service';

@Module({
  imports: [WorkspacesModule, OperationsModule],
  controllers: [CollaboratorsController],
  providers: [CollaboratorsService],
})
export class CollaboratorsModule {}
