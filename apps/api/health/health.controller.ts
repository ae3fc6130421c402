import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problemContent } from '../http/openapi';
import type { Response } from 'express';
import { AppConfig } from '../../../libs/config/app-config';
import { Readiness } from './readiness';

/**
 * Readiness with its details, for an authenticated operator (issue #10: the public
 * probes say only up/down). Shares the probes' cached checks.
 */
const CHECK = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } } };
const DETAILS = {
  type: 'object',
  required: ['status', 'checkedAt', 'database', 'temporal'],
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    checkedAt: { type: 'string', format: 'date-time' },
    database: { ...CHECK, properties: { ...CHECK.properties, driver: { type: 'string' } } },
    temporal: { ...CHECK, properties: { ...CHECK.properties, address: { type: 'string' }, namespace: { type: 'string' } } },
  },
};

@ApiTags('health')
@ApiBearerAuth()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and Temporal answer, 503 (with which one failed) otherwise. */
  @ApiOperation({
    operationId: 'healthDetails',
    summary: 'Health in detail (operators)',
    description: 'R-O2: each dependency (database and its driver, Temporal and its address) up or down, with the error; for an authenticated caller only.',
  })
  @ApiResponse({ status: 200, description: 'both answer', schema: DETAILS })
  @ApiResponse({ status: 503, description: 'one does not answer (its `error` says why)', schema: DETAILS })
  @ApiResponse({ status: 401, description: 'no valid bearer token', content: problemContent() })
  @Get('details')
  async details(@Res({ passthrough: true }) res: Response) {
    const r = await this.readiness.report();
    res.status(r.ready ? 200 : 503);
    return {
      status: r.ready ? 'up' : 'down',
      checkedAt: new Date(r.checkedAt).toISOString(),
      database: { ...r.database, driver: this.config.database.driver },
      temporal: { ...r.temporal, address: this.config.temporal.address, namespace: this.config.temporal.namespace },
    };
  }
}
