import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Contract, PageOf } from '../http/openapi';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page, PageQuery } from '../http/pagination';
import { uuidParam } from '../http/params';
import { InvitationView, InvitationsAccepted, InviteByEmailDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

/** Section 5: invite by email (R-W6 a), list, revoke and resend (R-I4). */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** 202: one operation per address; an address already pending returns its invitation (R-I5). */
  @Contract({ id: 'inviteByEmail', summary: 'Invite people by email', description: 'R-W6 (a), R-W4, R-W2, R-W8: one invitation and operation per address (R-I1 mail with a single-use link); R-I5: an address already pending returns its invitation; R-I6: at most 100 addresses, rate-limited per inviter (429). 202: follow the operations.', errors: [400, 403, 404, 409, 429] })
  @Post('workspaces/:workspaceId/invitations')
  @AcceptedOperation(InvitationsAccepted)
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: InviteByEmailDto,
  ): Promise<InvitationsAccepted> {
    return this.invitations.invite(caller, workspaceId, dto);
  }

  @Contract({ id: 'listInvitations', summary: 'List pending invitations', description: 'R-I4: inviters and Admins see the pending invitations of the workspace, paginated by cursor.', errors: [400, 403, 404] })
  @Get('workspaces/:workspaceId/invitations')
  @ApiOkResponse({ type: PageOf(InvitationView), description: 'pending invitations, paginated' })
  list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() query: PageQuery): Promise<Page<InvitationView>> {
    return this.invitations.list(caller, workspaceId, query);
  }

  @Contract({ id: 'revokeInvitation', summary: 'Revoke an invitation', description: 'R-I4: the inviter or an Admin revokes a pending invitation; its link then answers 410 (R-I3).', errors: [400, 403, 404, 409] })
  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationView })
  revoke(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.revoke(caller, invitationId);
  }

  /** A fresh token by email; the old link stops working and the expiry restarts. */
  @Contract({ id: 'resendInvitation', summary: 'Resend an invitation', description: 'R-I4: a fresh token by email; the old link stops working (R-I3) and the expiry restarts. R-I6 counts it.', errors: [400, 403, 404, 409, 429] })
  @Post('invitations/:invitationId/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationView })
  resend(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.resend(caller, invitationId);
  }
}
