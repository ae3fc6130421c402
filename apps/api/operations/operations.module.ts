import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { OperationCancelService } from './operation-cancel.service';
import { OperationGuardService } from './operation-guard.service';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  imports: [WorkspacesModule],
  controllers: [OperationsController],
  providers: [OperationsService, OperationGuardService, OperationCancelService],
  exports: [OperationsService, OperationGuardService],
})
export class OperationsModule {}
