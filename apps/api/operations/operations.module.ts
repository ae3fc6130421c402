import { Module } from '@nestjs/common';
import { ExpiryTimers } from '../expiry/expiry-timers.service';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { OperationCancelService } from './operation-cancel.service';
import { OperationGuardService } from './operation-guard.service';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  imports: [WorkspacesModule],
  controllers: [OperationsController],
  providers: [OperationsService, OperationGuardService, OperationCancelService, ExpiryTimers],
  exports: [OperationsService, OperationGuardService, ExpiryTimers],
})
export class OperationsModule {}
