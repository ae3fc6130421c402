import { EntityManager } from '@mikro-orm/core';
import { Global, Injectable, Module, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Invitation } from '../../../libs/persistence/entities';
import { sqlConnection } from '../../../libs/persistence/sql-connection';

/**
 * One registry per app (tests start several apps in one process). Beside HTTP totals:
 * operations started by kind, and invitations by status read at scrape time. What the
 * operations then do (completed by outcome, durations, mails) the worker exports with the
 * Temporal SDK's metrics (libs/temporal/operation-metrics.ts).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    registers: [this.registry],
  });
  readonly operationsStarted = new Counter({
    name: 'collab_operations_started_total',
    help: 'Operations started (workflows), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  constructor(em: EntityManager) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'collab_invitations',
      help: 'Invitations by status (pending, accepted, declined, revoked, expired, undeliverable)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const table = em.getMetadata().get(Invitation.name).tableName;
        const rows = await sqlConnection(em.fork()).execute<Array<{ status: string; n: number | string }>>(
          `select status, count(*) as n from ${table} group by status`,
        );
        this.reset();
        for (const row of rows) this.set({ status: row.status }, Number(row.n));
      },
    });
  }
}

/** Metrics for every module of the API (operations count their starts). */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}

/** Counts every request by its route pattern (never the raw URL: no ids or tokens as labels). */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: req.method, route: `${req.baseUrl}${route}` };
      end(labels);
      this.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
    });
    next();
  }
}
