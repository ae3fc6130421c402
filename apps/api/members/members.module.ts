import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

/** /workspaces/{id}/members: listing and role assignment (R-W2). */
@Module({
  imports: [WorkspacesModule, OperationsModule],
  controllers: [MembersController],
  providers: [MembersService],
})
export class MembersModule {}
