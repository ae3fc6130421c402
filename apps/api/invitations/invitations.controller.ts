import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InvitationRateLimited } from '../../../libs/domain/invitations';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Contract, PageOf } from '../http/openapi';
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
  @Contract({
    id: 'inviteByEmail',
    summary: 'Invite people by email',
    description:
      'R-W6 (a), R-W4, R-W2, R-W8: one operation for the request, one invitation per address (R-I1 mail with a single-use link); R-I5: an address already pending returns its invitation; R-I6: at most 100 addresses, rate-limited per inviter and per recipient, decided before the answer (429 with Retry-After). 202: follow the operation.',
    errors: [400, 403, 404, 409, 429],
  })
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

  @Contract({
    id: 'listInvitations',
    summary: 'List invitations',
    description:
      'R-I4: inviters and Admins see the invitations of the workspace, paginated by cursor; pending unless `status` names another (R-I7 declined, R-I9 undeliverable) or all.',
    errors: [400, 403, 404],
  })
  @Get('workspaces/:workspaceId/invitations')
  @ApiOkResponse({ type: PageOf(InvitationView), description: 'invitations, paginated' })
  list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() query: InvitationListQuery,
  ): Promise<Page<InvitationView>> {
    return this.invitations.list(caller, workspaceId, query, query.status);
  }

  @Contract({
    id: 'getInvitation',
    summary: 'Read an invitation',
    description: 'R-I4: one invitation, whatever its status, for its inviter and the workspace Admins (R-T1: 404 otherwise).',
    errors: [400, 404],
  })
  @Get('invitations/:invitationId')
  @ApiOkResponse({ type: InvitationView })
  get(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.get(caller, invitationId);
  }

  @Contract({
    id: 'revokeInvitation',
    summary: 'Revoke an invitation',
    description: 'R-I4: the inviter or an Admin revokes a pending invitation; its link then answers 410 (R-I3).',
    errors: [400, 403, 404, 409],
  })
  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationView })
  revoke(@CurrentCaller() caller: Caller, @Param('invitationId', uuidParam('invitationId')) invitationId: string): Promise<InvitationView> {
    return this.invitations.revoke(caller, invitationId);
  }

  /** A fresh token by email; the old link stops working and the expiry restarts. */
  @Contract({
    id: 'resendInvitation',
    summary: 'Resend an invitation',
    description: 'R-I4: a fresh token by email; the old link stops working (R-I3) and the expiry restarts. R-I6 counts it.',
    errors: [400, 403, 404, 409, 429],
  })
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
    if (e instanceof InvitationRateLimited)
      res.set({ 'retry-after': String(e.retryAfterSeconds), 'ratelimit-limit': String(e.limit), 'ratelimit-remaining': String(e.remaining) });
    throw e;
  }
}
