import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '../../../libs/config/app-config';
import { Readiness } from './readiness';

/**
 * Readiness with its details, for an authenticated operator (issue #10: the public
 * probes say only up/down). Shares the probes' cached checks.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and Temporal answer, 503 (with which one failed) otherwise. */
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
