import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../../libs/auth/auth.guard';
import { Readiness } from './readiness';

/**
 * The public probes in the OpenAPI document. HealthMiddleware answers them first (before
 * authentication); these handlers give the same answers should a request reach them.
 */
@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(private readonly readiness: Readiness) {}

  @ApiOperation({ operationId: 'health', summary: 'Readiness (same as /health/ready): {status: up|down}, 200 or 503', security: [] })
  @Public()
  @Get()
  health(@Res({ passthrough: true }) res: Response) {
    return this.ready(res);
  }

  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness: database and Temporal answer; {status: up|down}, 200 or 503', security: [] })
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const r = await this.readiness.report();
    res.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'up' : 'down' };
  }

  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness, from memory: {status: up}', security: [] })
  @Public()
  @Get('live')
  live() {
    return { status: 'up' };
  }
}
