import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Readiness } from './readiness';

/**
 * The public probes, answered before authentication (so a stale or malformed
 * Authorization header from a probe or a proxy is ignored, issue #10) and saying only
 * up or down (no driver, address or error text; those are at /health/details):
 *   GET /health/live   200 while the process runs: from memory, no I/O (liveness)
 *   GET /health/ready  200 when the database and Temporal answer, else 503 (readiness)
 *   GET /health        the same as /health/ready (what existing probes call)
 */
@Injectable()
export class HealthMiddleware implements NestMiddleware {
  constructor(private readonly readiness: Readiness) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const path = req.originalUrl.split('?')[0].replace(/\/$/, '');
    res.setHeader('cache-control', 'no-store');
    if (path === '/health/live') {
      res.status(200).json({ status: 'up' });
      return;
    }
    if (path !== '/health' && path !== '/health/ready') {
      next();
      return;
    }
    this.readiness.report().then(
      (r) => void res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'up' : 'down' }),
      () => void res.status(503).json({ status: 'down' }),
    );
  }
}
