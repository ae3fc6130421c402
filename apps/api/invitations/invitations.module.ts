import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { InvitePageController } from './invite-page.controller';
import { InvitationPlanner } from './invitation-planner';
import { InviteeService } from './invitee.service';
import { PageRateLimit } from './page-rate-limit';

/** Section 5: invitations by email and the page their link opens. */
@Module({
  imports: [WorkspacesModule, OperationsModule],
  controllers: [InvitationsController, InvitePageController],
  providers: [InvitationsService, InvitationPlanner, InviteeService, PageRateLimit],
  exports: [InvitationsService, InvitationPlanner],
})
export class InvitationsModule {}
