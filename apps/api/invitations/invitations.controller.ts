import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InvitationRateLimited } from '../../../libs/domain/invitations';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { Page } from '../http/pagination';
import { uuidParam } from '../http/params';
import { InvitationListQuery, InvitationView, InvitationsAccepted, InviteByEmailDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';
import { AcceptedOperation } from '../operations/accepted-operation.decorator';

/** Section 5: invite by email (R-W6 a), list, revoke and resend (R-I4). */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /**
   * 202: one operation for the request; every address answered is already a pending
   * invitation (R-I6), or was one already (R-I5). Over a limit: 429 with Retry-After.
   */
  @Post('workspaces/:workspaceId/invitations')
  @AcceptedOperation(InvitationsAccepted)
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Body() dto: InviteByEmailDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvitationsAccepted> {
    return withRateLimitHeaders(res, () => this.invitations.invite(caller, workspaceId, dto));
  }

  @Get('workspaces/:workspaceId/invitations')
  @ApiOkResponse({ description: 'invitations, paginated: { items: InvitationView[], nextCursor }; pending unless ?status= names another (or all)' })
  list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() query: InvitationListQuery,
  ): Promise<Page<InvitationView>> {
    return this.invitations.list(caller, workspaceId, query, query.status);
  }

  @Get('invitations/:invitationId')
  @ApiOkResponse({ type: InvitationView })
  get(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.get(caller, invitationId);
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
  resend(
    @CurrentCaller() caller: Caller,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvitationView> {
    return withRateLimitHeaders(res, () => this.invitations.resend(caller, invitationId));
  }
}

/** R-I6: a refusal says when to try again (Retry-After) and what is left of the budget. */
async function withRateLimitHeaders<T>(res: Response, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof InvitationRateLimited) res.set({ 'retry-after': String(e.retryAfterSeconds), 'ratelimit-limit': String(e.limit), 'ratelimit-remaining': String(e.remaining) });
    throw e;
  }
}
