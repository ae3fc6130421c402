import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The request id (issue 11): the caller's `X-Request-Id` when it is a sane token (a proxy
 * or client correlating its own logs), else a fresh UUID; echoed on the response either way.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && /^[\w.:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** What a request line carries beyond pino-http's own: who called, and the operation(s) it started. */
export interface RequestFacts {
  caller?: { userId: string };
  operationIds?: string[];
  /** The request's trace when tracing is on (request-context.middleware.ts). */
  traceId?: string;
}

export function requestProps(req: IncomingMessage & RequestFacts): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  if (req.caller) props.userId = req.caller.userId;
  if (req.traceId) props.trace_id = req.traceId;
  if (req.operationIds?.length === 1) props.operationId = req.operationIds[0];
  else if (req.operationIds?.length) props.operationIds = req.operationIds;
  return props;
}

/** 5xx are errors; refusals (4xx) are expected answers, logged as info without a stack. */
export function requestLogLevel(_req: IncomingMessage, res: ServerResponse): 'info' | 'error' {
  return res.statusCode >= 500 ? 'error' : 'info';
}
