import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../../../libs/auth/auth.guard';
import { pkcePair } from '../../../libs/auth/code-flow-client';
import { SIGN_IN_COOKIE, SIGN_IN_TTL_S, cookieHeader, sealCookie } from '../../../libs/auth/session-cookies';
import { AppConfig } from '../../../libs/config/app-config';
import { DomainError } from '../../../libs/domain/errors';
import { OidcRelyingParty } from '../auth/oidc-relying-party';
import { problemContent } from '../http/openapi';
import { CODEC_SIGN_IN_RETURN } from './codec-session';

/**
 * R-A2: an operator signs in (authorization code + PKCE at the OpenID provider, as for
 * "Sign in to accept") so the Temporal UI can decode with the operator session cookie.
 * The provider sends the browser back to /auth/callback (invite-sign-in.controller.ts),
 * which sets the codec session for an operator and returns to the Temporal UI.
 */
@ApiTags('operations')
@Public()
@Controller('codec')
export class CodecSignInController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly rp: OidcRelyingParty,
  ) {}

  @ApiOperation({
    operationId: 'startCodecSignIn',
    summary: 'Sign in as an operator for the Temporal UI codec',
    description:
      'R-A2: starts the OpenID sign-in (authorization code with PKCE); an operator named in TEMPORAL_CODEC_OPERATORS comes back to the Temporal UI with an hour-long codec session. ' +
      '404 when no OpenID provider or no Temporal UI origin is configured.',
    security: [],
  })
  @ApiResponse({ status: 303, description: 'to the OpenID provider', headers: { Location: { schema: { type: 'string', format: 'uri' } } } })
  @ApiResponse({ status: 404, description: 'no OpenID provider or Temporal UI origin configured', content: problemContent() })
  @ApiResponse({ status: 503, description: 'the OpenID provider does not answer', content: problemContent() })
  @Get('sign-in')
  async start(@Res() res: Response): Promise<void> {
    if (!this.rp.enabled || !this.config.codec.uiOrigin) throw new DomainError('not_found', 'not found');
    const { verifier, challenge } = pkcePair();
    const state = { state: random(), nonce: random(), verifier, returnTo: CODEC_SIGN_IN_RETURN };
    const secure = this.config.http.publicBaseUrl.startsWith('https:');
    res.setHeader(
      'set-cookie',
      cookieHeader(SIGN_IN_COOKIE, sealCookie(this.config.auth.sessionSecret, SIGN_IN_COOKIE, state, SIGN_IN_TTL_S), {
        maxAgeS: SIGN_IN_TTL_S,
        path: '/',
        secure,
      }),
    );
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    const redirectUri = `${this.config.http.publicBaseUrl}/auth/callback`;
    res.redirect(303, await this.rp.authorizationUrl({ state: state.state, nonce: state.nonce, challenge, redirectUri }));
  }
}

function random(): string {
  return randomBytes(16).toString('base64url');
}
