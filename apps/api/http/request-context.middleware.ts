import { Injectable, NestMiddleware } from '@nestjs/common';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { runInRequest } from '../../../libs/logging/request-context';
import { redactUrl } from '../../../libs/logging/redact';
import { currentTracing } from '../../../libs/tracing/active-tracing';
import type { RequestFacts } from './request-id';

/**
 * Makes the request id (set by pino-http, request-id.ts) available to services via
 * AsyncLocalStorage and, when tracing is on (libs/tracing), serves the request inside a
 * SERVER span: a child of the caller's `traceparent` if it sent one, the parent of the
 * StartWorkflow span of the operation it starts. Named by route when the response ends.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly tracer = trace.getTracer('collab-api');

  use(req: Request & RequestFacts, res: Response, next: NextFunction): void {
    const id = (req as Request & { id?: unknown }).id;
    const requestId = typeof id === 'string' ? id : undefined;
    if (!currentTracing()) {
      runInRequest(requestId, next);
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = this.tracer.startSpan(
      req.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': redactUrl(req.path), ...(requestId ? { 'http.request.id': requestId } : {}) },
      },
      parent,
    );
    req.traceId = span.spanContext().traceId;
    res.once('close', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route === 'string') span.updateName(`${req.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => runInRequest(requestId, next));
  }
}
