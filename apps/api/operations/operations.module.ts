import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { OperationGuardService } from './operation-guard.service';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  imports: [WorkspacesModule],
  controllers: [OperationsController],
  providers: [OperationsService, OperationGuardService],
  exports: [OperationsService, OperationGuardService],
})
export class OperationsModule {}
