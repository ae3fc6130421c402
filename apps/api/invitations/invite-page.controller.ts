import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiGoneResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OptionalCaller, Public } from '../../../libs/auth/auth.guard';
import type { Caller } from '../../../libs/auth/caller';
import { DomainError } from '../../../libs/domain/errors';
import { AcceptInvitationDto, InvitationAcceptance } from './dto/invitation.dto';
import { renderAcceptedPage, renderErrorPage, renderGonePage, renderInvitePage } from './invite-page.html';
import { InvitationPageModel, InvitationsService } from './invitations.service';

/**
 * The link in the invitation email (R-I2, R-I3). Public: the token is the credential.
 * GET shows the invitation and never consumes it (mail scanners open links); only the
 * Accept form's POST does. The token never reaches a log line (apps/api/http/redact.ts).
 */
@ApiTags('invitations')
@Public()
@Controller('invite')
export class InvitePageController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get(':token')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the invitation and an Accept button' })
  @ApiGoneResponse({ description: 'R-I3: used, revoked, expired or unknown, alike' })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    try {
      send(res, 200, renderInvitePage(await this.invitations.page(token), token));
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'gone') return send(res, 410, renderGonePage());
      throw e;
    }
  }

  /** Form-encoded from the page (answers HTML) or JSON from API clients (answers JSON). */
  @Post(':token/accept')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: InvitationAcceptance })
  @ApiGoneResponse({ description: 'R-I3: used, revoked, expired or unknown, alike' })
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @OptionalCaller() caller: Caller | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const html = Boolean(req.is('application/x-www-form-urlencoded')) || req.accepts(['json', 'html']) === 'html';
    let model: InvitationPageModel | undefined;
    try {
      if (html) model = await this.invitations.page(token);
      const result = await this.invitations.accept(token, dto, caller);
      if (!html) {
        res.status(200).json(result);
        return;
      }
      send(res, 200, renderAcceptedPage(model!, result));
    } catch (e) {
      if (!html || !(e instanceof DomainError)) throw e;
      if (e.kind === 'gone') return send(res, 410, renderGonePage());
      if (e.kind === 'invalid' && model) return send(res, 400, renderInvitePage(model, token, e.message));
      const status = e.kind === 'forbidden' ? 403 : e.kind === 'invalid' ? 400 : 409;
      send(res, status, renderErrorPage('The invitation could not be accepted', e.message));
    }
  }
}

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The token is in this page's URL: never hand it on to another site.
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    })
    .send(html);
}
