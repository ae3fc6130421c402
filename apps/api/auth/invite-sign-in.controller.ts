import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../../../libs/auth/auth.guard';
import { pkcePair } from '../../../libs/auth/code-flow-client';
import {
  SESSION_COOKIE,
  SESSION_TTL_S,
  SIGN_IN_COOKIE,
  SIGN_IN_TTL_S,
  cookieHeader,
  openCookie,
  readCookie,
  sealCookie,
} from '../../../libs/auth/session-cookies';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';
import { OidcRelyingParty } from './oidc-relying-party';
import { CODEC_SIGN_IN_RETURN, codecSessionCookie, isCodecOperator } from '../codec/codec-session';
import { IdentityResolver } from '../../../libs/auth/identity-resolver';
import { problemContent } from '../http/openapi';

interface SignInState {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/**
 * R-I8 "Sign in to accept": authorization code + PKCE against the OpenID provider, then
 * a 15-minute session cookie that only the invitation page reads (libs/auth/auth.guard.ts).
 * Under /invite/<token>/ so the token in the path is redacted from every log like the page's.
 * The provider never sees the invitation token: the way back is kept in our signed cookie.
 */
@ApiTags('invitations')
@Public()
@Controller()
export class InviteSignInController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly rp: OidcRelyingParty,
    private readonly identities: IdentityResolver,
  ) {}

  @ApiOperation({
    operationId: 'startInvitationSignIn',
    summary: 'Sign in to accept an invitation',
    description:
      'R-I8: starts the OpenID sign-in (authorization code with PKCE) and comes back to the invitation page; 404 when no OpenID provider is configured.',
    security: [],
  })
  @ApiResponse({ status: 303, description: 'to the OpenID provider', headers: { Location: { schema: { type: 'string', format: 'uri' } } } })
  @ApiResponse({ status: 404, description: 'no OpenID provider configured', content: problemContent() })
  @ApiResponse({ status: 503, description: 'the OpenID provider does not answer', content: problemContent() })
  @Get('invite/:token/sign-in')
  async start(@Param('token') token: string, @Res() res: Response): Promise<void> {
    if (!this.rp.enabled) throw new DomainError('not_found', 'not found');
    const { verifier, challenge } = pkcePair();
    const state: SignInState = { state: random(), nonce: random(), verifier, returnTo: `/invite/${encodeURIComponent(token)}` };
    res.setHeader(
      'set-cookie',
      cookieHeader(SIGN_IN_COOKIE, sealCookie(this.config.auth.sessionSecret, SIGN_IN_COOKIE, state, SIGN_IN_TTL_S), {
        maxAgeS: SIGN_IN_TTL_S,
        path: '/',
        secure: this.secure,
      }),
    );
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.redirect(303, await this.rp.authorizationUrl({ state: state.state, nonce: state.nonce, challenge, redirectUri: this.redirectUri }));
  }

  @ApiOperation({
    operationId: 'signInCallback',
    summary: 'Where the OpenID provider sends the browser back',
    description: 'R-I8: checks state (login CSRF) and nonce, sets a 15-minute session cookie read only by the invitation page, and returns to it.',
    security: [],
  })
  @ApiResponse({ status: 303, description: 'back to the invitation page', headers: { Location: { schema: { type: 'string', format: 'uri-reference' } } } })
  @ApiResponse({ status: 401, description: 'the sign-in did not start here, took too long, or the provider refused it', content: problemContent() })
  @ApiResponse({ status: 503, description: 'the OpenID provider does not answer', content: problemContent() })
  @Get('auth/callback')
  async callback(@Query('code') code: string | undefined, @Query('state') state: string | undefined, @Res() res: Response): Promise<void> {
    const pending = openCookie<SignInState>(this.config.auth.sessionSecret, SIGN_IN_COOKIE, readCookie(res.req.headers.cookie, SIGN_IN_COOKIE));
    const clear = cookieHeader(SIGN_IN_COOKIE, '', { maxAgeS: 0, path: '/', secure: this.secure });
    // CSRF on the callback (login CSRF): the state must be the one this browser started with.
    if (!pending || !code || !state || state !== pending.state) {
      res.setHeader('set-cookie', clear);
      throw new DomainError('unauthenticated', 'the sign-in did not start here or took too long; open the invitation link again');
    }
    const caller = await this.rp.signIn({ code, verifier: pending.verifier, nonce: pending.nonce, redirectUri: this.redirectUri });
    if (pending.returnTo === CODEC_SIGN_IN_RETURN) return this.codecSession(res, clear, caller);
    const session = sealCookie(this.config.auth.sessionSecret, SESSION_COOKIE, { userId: caller.userId, sub: caller.sub }, SESSION_TTL_S);
    res.setHeader('set-cookie', [clear, cookieHeader(SESSION_COOKIE, session, { maxAgeS: SESSION_TTL_S, path: '/', secure: this.secure })]);
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.redirect(303, pending.returnTo.startsWith('/invite/') ? pending.returnTo : '/');
  }

  /** R-A2: an operator signed in for the Temporal UI's codec (apps/api/codec): the codec session, back to the UI. */
  private async codecSession(res: Response, clear: string, session: { userId: string; sub: string }): Promise<void> {
    const caller = await this.identities.fromSession(session);
    const uiOrigin = this.config.codec.uiOrigin;
    res.setHeader('set-cookie', clear);
    if (!caller || !uiOrigin || !isCodecOperator(this.config, caller))
      throw new DomainError('forbidden', 'only an operator named in TEMPORAL_CODEC_OPERATORS may decode Temporal payloads', 'R-A2');
    res.setHeader('set-cookie', [clear, codecSessionCookie(this.config, session)]);
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.redirect(303, `${uiOrigin}/`);
  }

  private get redirectUri(): string {
    return `${this.config.http.publicBaseUrl}/auth/callback`;
  }

  private get secure(): boolean {
    return this.config.http.publicBaseUrl.startsWith('https:');
  }
}

function random(): string {
  return randomBytes(16).toString('base64url');
}
