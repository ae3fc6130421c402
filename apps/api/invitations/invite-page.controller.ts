import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExtraModels, getSchemaPath, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problemContent } from '../http/openapi';
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
const HTML = { 'text/html': { schema: { type: 'string' } } };

@ApiTags('invitations')
@ApiExtraModels(InvitationAcceptance)
@Public()
@Controller('invite')
export class InvitePageController {
  constructor(private readonly invitations: InvitationsService) {}

  @ApiOperation({ operationId: 'showInvitationPage', summary: 'The invitation page (HTML)', description: 'R-I2: who invites whom to which workspace, with Accept; never consumes the token. R-I3: a used, revoked, expired or unknown token gets a clear page and 410, alike.', security: [] })
  @Get(':token')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the invitation and an Accept button', content: HTML })
  @ApiResponse({ status: 410, description: 'R-I3: used, revoked, expired or unknown, alike', content: HTML })
  @ApiResponse({ status: 429, description: 'too many requests from this address', content: { ...HTML, ...problemContent() } })
  @ApiResponse({ status: 503, description: 'the database does not answer', content: problemContent() })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    try {
      send(res, 200, renderInvitePage(await this.invitations.page(token), token));
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'gone') return send(res, 410, renderGonePage());
      throw e;
    }
  }

  /** Form-encoded from the page (answers HTML) or JSON from API clients (answers JSON). */
  @ApiOperation({ operationId: 'acceptInvitation', summary: 'Accept an invitation', description: 'R-I2: accepts with the token; a new user gives a name, a new organisation its name. R-I8: an invitation to an existing user is accepted only by that user. R-I3: a used, revoked, expired or unknown token answers 410. Form posts answer HTML, JSON posts JSON.', security: [] })
  @Post(':token/accept')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: InvitationAcceptance, content: { 'application/json': { schema: { $ref: getSchemaPath(InvitationAcceptance) } }, ...HTML } })
  @ApiResponse({ status: 400, description: 'a required name is missing or too long (`field`)', content: { ...problemContent(), ...HTML } })
  @ApiResponse({ status: 401, description: 'a bearer token was sent and is not valid', content: problemContent() })
  @ApiResponse({ status: 403, description: 'R-I8: the invitation is addressed to another user', content: { ...problemContent(), ...HTML } })
  @ApiResponse({ status: 409, description: 'the invitation cannot be accepted now (`rule`)', content: { ...problemContent(), ...HTML } })
  @ApiResponse({ status: 410, description: 'R-I3: used, revoked, expired or unknown, alike', content: { ...problemContent(), ...HTML } })
  @ApiResponse({ status: 429, description: 'too many requests from this address', content: { ...problemContent(), ...HTML } })
  @ApiResponse({ status: 503, description: 'a dependency does not answer', content: problemContent() })
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
