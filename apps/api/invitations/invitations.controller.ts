import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @Post('workspaces/:workspaceId/invitations')
  @AcceptedOperation(InvitationsAccepted)
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: InviteByEmailDto,
  ): Promise<InvitationsAccepted> {
    return this.invitations.invite(caller, workspaceId, dto);
  }

  @Get('workspaces/:workspaceId/invitations')
  @ApiOkResponse({ description: 'pending invitations, paginated: { items: InvitationView[], nextCursor }' })
  list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() query: PageQuery): Promise<Page<InvitationView>> {
    return this.invitations.list(caller, workspaceId, query);
  }

  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationView })
  revoke(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.revoke(caller, invitationId);
  }

  /** A fresh token by email; the old link stops working and the expiry restarts. */
  @Post('invitations/:invitationId/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationView })
  resend(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.resend(caller, invitationId);
  }
}
