import { Body, Controller, HttpCode, Inject, Options, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { Request, Response } from 'express';
import { Public } from '../../../libs/auth/auth.guard';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { NotFound } from '../../../libs/domain/errors';
import { AesGcmPayloadCodec } from '../../../libs/temporal/payload-codec';
import { payloadCodecFor } from '../../../libs/temporal/data-converter';
import { CodecPayloads, fromJsonPayloads, toJsonPayloads } from './codec.dto';
import { CodecCallerGuard, corsFor, isCodecOperator } from './codec-session';
import { Contract } from '../http/openapi';

/**
 * R-A2: Temporal's "codec server" for the Temporal UI (`--ui-codec-endpoint`, or the UI's
 * Codec Server setting). The caller is a bearer token's, or, from the Temporal UI's origin,
 * the operator session of /codec/sign-in (a cookie the UI sends with "Include cross-origin
 * credentials": codec-session.ts). None: 401. Only an operator named in
 * TEMPORAL_CODEC_OPERATORS decodes; anyone else gets 404, as if there were no codec here.
 * CORS answers the Temporal UI's origin only. There is no /encode: nobody needs to forge a payload.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  private readonly codec: AesGcmPayloadCodec;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.codec = payloadCodecFor(config);
  }

  @Public()
  @Options('decode')
  @ApiExcludeEndpoint()
  preflight(@Req() req: Request, @Res() res: Response): void {
    this.cors(req, res);
    res.status(204).end();
  }

  @Contract({
    id: 'decodePayloads',
    summary: 'Decode Temporal payloads (codec server)',
    description:
      'R-A2: for the Temporal UI, which shows encrypted payloads. A bearer token, or from the Temporal UI origin the operator session cookie of GET /codec/sign-in; ' +
      'only an operator named in TEMPORAL_CODEC_OPERATORS decodes, anyone else gets 404 as if there were no codec here.',
    errors: [400, 401, 404],
  })
  @Public()
  @UseGuards(CodecCallerGuard)
  @Post('decode')
  @HttpCode(200)
  @ApiOkResponse({ type: CodecPayloads, description: 'the payloads decrypted, in the JSON form the Temporal UI sends' })
  async decode(@Body() body: CodecPayloads, @Req() req: Request & { codecCaller: Caller }, @Res({ passthrough: true }) res: Response): Promise<CodecPayloads> {
    this.cors(req, res);
    if (!isCodecOperator(this.config, req.codecCaller)) throw new NotFound('route');
    const decoded: Payload[] = await this.codec.decode(fromJsonPayloads(body.payloads));
    return { payloads: toJsonPayloads(decoded) };
  }

  private cors(req: Request, res: Response): void {
    corsFor(this.config, req, res);
  }
}
