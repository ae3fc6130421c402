import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../../libs/auth/auth.guard';
import { Readiness } from './readiness';

/**
 * The public probes in the OpenAPI document. HealthMiddleware answers them first (before
 * authentication); these handlers give the same answers should a request reach them.
 */
const UP_DOWN = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } };

@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(private readonly readiness: Readiness) {}

  @ApiOperation({
    operationId: 'health',
    summary: 'Is the service up',
    description:
      'R-O2: readiness (same as /health/ready), `{status: up|down}`, 200 or 503; details only for operators at /health/details. No token needed; a bad Authorization header is ignored.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'the database and Temporal answer', schema: UP_DOWN })
  @ApiResponse({ status: 503, description: 'R-O2: the database or Temporal does not answer', schema: UP_DOWN })
  @Public()
  @Get()
  health(@Res({ passthrough: true }) res: Response) {
    return this.ready(res);
  }

  @ApiOperation({
    operationId: 'healthReady',
    summary: 'Readiness',
    description: 'R-O2: the database and Temporal answer (checked at most every 1.5 s, shared by all callers); `{status: up|down}`, 200 or 503.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'the database and Temporal answer', schema: UP_DOWN })
  @ApiResponse({ status: 503, description: 'R-O2: the database or Temporal does not answer', schema: UP_DOWN })
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const r = await this.readiness.report();
    res.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'up' : 'down' };
  }

  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness', description: 'The process answers, from memory: `{status: up}`.', security: [] })
  @ApiResponse({ status: 200, description: 'the process is alive', schema: { ...UP_DOWN, properties: { status: { type: 'string', enum: ['up'] } } } })
  @Public()
  @Get('live')
  live() {
    return { status: 'up' };
  }
}
