import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorKind } from '../../../libs/domain/errors';
import { RETRY_AFTER_SECONDS, unavailableDependency } from './unavailable';
import { PROBLEM_JSON, toProblem } from './problem';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

/** The JSON error every 4xx and 5xx carries (section 8); served as RFC 9457 problem details (problem.ts). */
export interface ErrorBody {
  error: string;
  message: string;
  rule?: string;
  field?: string;
  /** A 400 with several invalid fields lists each (the first is also `field`/`message`). */
  errors?: Array<{ field: string; message: string }>;
}

/**
 * The one place errors become HTTP: domain errors by their kind, framework errors by
 * their status, an unreachable dependency (Temporal, the database) a 503 with
 * Retry-After, anything else a logged 500 that reveals nothing.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const [status, body] = this.toResponse(exception);
    if (res.headersSent) return;
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(status)
      .type(PROBLEM_JSON)
      .json(toProblem(status, body, routeOf(req)));
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      return [STATUS[exception.kind], { error: exception.kind, message: exception.message, rule: exception.rule, field: exception.field }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // The router's own 404 ("Cannot GET /invite/<token>/x") would repeat the path, token included.
      if (errorCode(status) === 'not_found') return [status, { error: 'not_found', message: 'not found' }];
      const response = exception.getResponse();
      // Our own bodies (the validation pipe's) have no statusCode; Nest's built-in ones do.
      if (typeof response === 'object' && !('statusCode' in response) && 'error' in response && 'message' in response) {
        return [status, response as ErrorBody];
      }
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      // Express' JSON parser fails before any DTO: name the body itself.
      const field = status === 400 && /JSON/.test(message) ? 'body' : undefined;
      return [status, { error: errorCode(status), message: field ? `the request body is not valid JSON: ${message}` : message, field }];
    }
    if (isBodyParserError(exception)) {
      return [exception.status, { error: 'invalid', message: bodyParserMessage(exception), field: 'body' }];
    }
    const dependency = unavailableDependency(exception);
    if (dependency) {
      // Expected while a dependency is down: one line, no stack (the log is not flooded).
      this.logger.warn(`503: ${dependency} is unavailable (${exception instanceof Error ? exception.name : typeof exception})`);
      return [503, { error: 'unavailable', message: `${dependency} is unavailable; retry later` }];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [500, { error: 'internal', message: 'internal error' }];
  }
}

function routeOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // The framework's catch-all (`/{*all}`) is no route of ours: no instance then.
  return typeof path === 'string' && !path.includes('*') ? path : undefined;
}

/** Nest's HttpStatus keys the codes; a status arrives as a plain number. */
const ERROR_CODES = new Map<number, string>([
  [HttpStatus.BAD_REQUEST, 'invalid'],
  [HttpStatus.UNAUTHORIZED, 'unauthenticated'],
  [HttpStatus.FORBIDDEN, 'forbidden'],
  [HttpStatus.NOT_FOUND, 'not_found'],
  [HttpStatus.CONFLICT, 'conflict'],
  [HttpStatus.PAYLOAD_TOO_LARGE, 'invalid'],
  [HttpStatus.TOO_MANY_REQUESTS, 'rate_limited'],
]);

function errorCode(status: number): string {
  return ERROR_CODES.get(status) ?? (status >= 500 ? 'internal' : 'invalid');
}

/** Strict JSON parsing refuses a bare string or number: that is valid JSON, just not an object. */
function bodyParserMessage(e: { type: string; body?: unknown }): string {
  if (e.type === 'entity.too.large') return 'the request body is too large';
  if (e.type === 'entity.parse.failed' && typeof e.body === 'string') {
    try {
      const value: unknown = JSON.parse(e.body);
      return `the request body must be a JSON object, not ${value === null ? 'null' : `a ${typeof value}`}`;
    } catch {
      // not JSON at all
    }
  }
  return 'the request body is not valid JSON';
}

function isBodyParserError(e: unknown): e is { status: number; type: string; body?: unknown } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    typeof (e as { type?: unknown }).type === 'string' &&
    (e as { status: number }).status < 500
  );
}
