import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { problemContent } from '../http/openapi';
import type { Request, Response } from 'express';
import { OptionalCaller, Public } from '../../../libs/auth/auth.guard';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';
import { AcceptInvitationDto, InvitationAcceptance } from './dto/invitation.dto';
import { renderAcceptedPage, renderDeclinedPage, renderErrorPage, renderGonePage, renderInvitePage } from './invite-page.html';
import { InvitationPageModel, InviteeService } from './invitee.service';
import { PageRateLimit } from './page-rate-limit';

const STATUS: Record<string, number> = { forbidden: 403, unauthenticated: 401, invalid: 400, rate_limited: 429 };

/**
 * The link in the invitation email (R-I2, R-I3, R-I7). Public: the token is the credential.
 * GET shows the invitation and never consumes it (mail scanners open links); only the
 * Accept or Decline form's POST does. The token never reaches a log line (apps/api/http/redact.ts).
 */
const HTML = { 'text/html': { schema: { type: 'string' } } };
/** Errors of a form post: a page for browsers, problem details for API clients. */
const EITHER = () => ({ ...problemContent(), ...HTML });

@ApiTags('invitations')
@ApiExtraModels(InvitationAcceptance)
@Public()
@Controller('invite')
export class InvitePageController {
  constructor(
    private readonly invitees: InviteeService,
    private readonly limit: PageRateLimit,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @ApiOperation({
    operationId: 'showInvitationPage',
    summary: 'The invitation page (HTML)',
    description:
      'R-I2: who invites whom to which workspace, with Accept and Decline (R-I7); never consumes the token. R-I3: a used, revoked, expired or unknown token gets a clear page and 410, alike.',
    security: [],
  })
  @Get(':token')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the invitation, with Accept and Decline buttons', content: HTML })
  @ApiResponse({ status: 410, description: 'R-I3: used, revoked, expired or unknown, alike', content: HTML })
  @ApiResponse({ status: 429, description: 'too many requests from this address', content: EITHER() })
  @ApiResponse({ status: 503, description: 'the database does not answer', content: problemContent() })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.respond(req, res, true, async () => send(res, 200, renderInvitePage(await this.invitees.page(token), token)));
  }

  /** Form-encoded from the page (answers HTML) or JSON from API clients (answers JSON). */
  @ApiOperation({
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation',
    description:
      'R-I2: accepts with the token; a new user gives a name, a new organisation its name. R-I8: an invitation to an existing user is accepted only by that user, signed in or with a bearer token. R-I3: a used, revoked, expired or unknown token answers 410. Form posts answer HTML, JSON posts JSON.',
    security: [],
  })
  @Post(':token/accept')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: InvitationAcceptance, content: { 'application/json': { schema: { $ref: getSchemaPath(InvitationAcceptance) } }, ...HTML } })
  @ApiResponse({ status: 400, description: 'a required name is missing or too long (`field`)', content: EITHER() })
  @ApiResponse({ status: 401, description: 'R-I8: the invitation is for an existing user, who must sign in', content: EITHER() })
  @ApiResponse({ status: 403, description: 'R-I8: the invitation is addressed to another user', content: EITHER() })
  @ApiResponse({ status: 409, description: 'the invitation cannot be accepted now (`rule`)', content: EITHER() })
  @ApiResponse({ status: 410, description: 'R-I3: used, revoked, expired or unknown, alike', content: EITHER() })
  @ApiResponse({ status: 429, description: 'too many requests from this address', content: EITHER() })
  @ApiResponse({ status: 503, description: 'a dependency does not answer', content: problemContent() })
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @OptionalCaller() caller: Caller | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const html = wantsHtml(req);
    let model: InvitationPageModel | undefined;
    await this.respond(
      req,
      res,
      html,
      async () => {
        model = await this.invitees.page(token);
        const result = await this.invitees.accept(token, dto, caller, model);
        if (html) send(res, 200, renderAcceptedPage(model, result, this.config.invitations.appUrl));
        else res.status(200).json(result);
      },
      (e) => (e.kind === 'invalid' && model ? renderInvitePage(model, token, e.message) : undefined),
    );
  }

  /** R-I7: the invitee declines; the invitation ends `declined` and the inviter sees it. */
  @ApiOperation({
    operationId: 'declineInvitation',
    summary: 'Decline an invitation',
    description:
      'R-I7: the invitee declines; the invitation ends `declined` and the inviter sees it. R-I3: a used, revoked, expired or unknown token answers 410. Form posts answer HTML, JSON posts JSON.',
    security: [],
  })
  @Post(':token/decline')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({
    description: '`{ status: "declined" }`, or the page saying so',
    content: {
      'application/json': { schema: { type: 'object', properties: { status: { type: 'string', enum: ['declined'] } }, required: ['status'] } },
      ...HTML,
    },
  })
  @ApiResponse({ status: 409, description: 'the invitation cannot be declined now', content: EITHER() })
  @ApiResponse({ status: 410, description: 'R-I3: used, revoked, expired or unknown, alike', content: EITHER() })
  @ApiResponse({ status: 429, description: 'too many requests from this address', content: EITHER() })
  @ApiResponse({ status: 503, description: 'a dependency does not answer', content: problemContent() })
  async decline(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const html = wantsHtml(req);
    await this.respond(req, res, html, async () => {
      const model = await this.invitees.decline(token);
      if (html) send(res, 200, renderDeclinedPage(model));
      else res.status(200).json({ status: 'declined' });
    });
  }

  /** The per-client limit first; then a domain error as a page (HTML) or rethrown to the JSON error filter. */
  private async respond(
    req: Request,
    res: Response,
    html: boolean,
    body: () => Promise<void>,
    pageFor?: (e: DomainError) => string | undefined,
  ): Promise<void> {
    try {
      await this.limit.take(req.ip ?? 'unknown', res);
      await body();
    } catch (e) {
      if (!html || !(e instanceof DomainError)) throw e;
      const page = e.kind === 'gone' ? undefined : pageFor?.(e);
      if (e.kind === 'gone') send(res, 410, renderGonePage(this.config.invitations.appUrl));
      else if (page) send(res, 400, page);
      else send(res, STATUS[e.kind] ?? 409, renderErrorPage('The invitation could not be answered', e.message));
    }
  }
}

function wantsHtml(req: Request): boolean {
  return Boolean(req.is('application/x-www-form-urlencoded')) || req.accepts(['json', 'html']) === 'html';
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
