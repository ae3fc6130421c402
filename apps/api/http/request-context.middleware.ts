import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runInRequest } from '../../../libs/logging/request-context';

/** Makes the request id (set by pino-http, request-id.ts) available to services via AsyncLocalStorage. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const id = (req as Request & { id?: unknown }).id;
    runInRequest(typeof id === 'string' ? id : undefined, next);
  }
}
