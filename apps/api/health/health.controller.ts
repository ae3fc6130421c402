import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { Public } from '../../../libs/auth/auth.guard';
import { AppConfig } from '../../../libs/config/app-config';

type Check = { status: 'up' } | { status: 'down'; error: string };

const CHECK_SCHEMA = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } } };
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'database', 'temporal'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    database: { ...CHECK_SCHEMA, properties: { ...CHECK_SCHEMA.properties, driver: { type: 'string' } } },
    temporal: { ...CHECK_SCHEMA, properties: { ...CHECK_SCHEMA.properties, address: { type: 'string' } } },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and Temporal answer, 503 (with which one failed) otherwise. */
  @ApiOperation({ operationId: 'health', summary: 'Is the service up', description: 'R-O2: 200 when the database and Temporal answer, 503 naming the one that does not. No token needed.', security: [] })
  @ApiResponse({ status: 200, description: 'both answer', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'one does not answer (its `error` says why)', schema: HEALTH_SCHEMA })
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      check(() => this.em.getConnection().execute('select 1')),
      check(() => this.client.workflowService.getSystemInfo({})),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database: { ...database, driver: this.config.database.driver }, temporal: { ...temporal, address: this.config.temporal.address } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(probe(), 3_000);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
