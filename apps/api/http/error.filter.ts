import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorKind } from '../../../libs/domain/errors';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

/** The JSON error every 4xx carries (section 8). */
export interface ErrorBody {
  error: string;
  message: string;
  rule?: string;
  field?: string;
}

/**
 * The one place errors become HTTP: domain errors by their kind, framework errors by
 * their status, anything else a logged 500 that reveals nothing.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    if (res.headersSent) return;
    res.status(status).json(body);
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      return [STATUS[exception.kind], { error: exception.kind, message: exception.message, rule: exception.rule, field: exception.field }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // The router's own 404 ("Cannot GET /invite/<token>/x") would repeat the path, token included.
      if (status === HttpStatus.NOT_FOUND) return [status, { error: 'not_found', message: 'not found' }];
      const response = exception.getResponse();
      // Our own bodies (the validation pipe's) have no statusCode; Nest's built-in ones do.
      if (typeof response === 'object' && response && !('statusCode' in response) && 'error' in response && 'message' in response) {
        return [status, response as ErrorBody];
      }
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      // Express' JSON parser fails before any DTO: name the body itself.
      const field = status === 400 && /JSON/.test(message) ? 'body' : undefined;
      return [status, { error: errorCode(status), message: field ? `the request body is not valid JSON: ${message}` : message, field }];
    }
    if (isBodyParserError(exception)) {
      return [exception.status, { error: 'invalid', message: exception.type === 'entity.too.large' ? 'the request body is too large' : 'the request body is not valid JSON', field: 'body' }];
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return [500, { error: 'internal', message: 'internal error' }];
  }
}

function errorCode(status: number): string {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return 'invalid';
    case HttpStatus.UNAUTHORIZED:
      return 'unauthenticated';
    case HttpStatus.FORBIDDEN:
      return 'forbidden';
    case HttpStatus.NOT_FOUND:
      return 'not_found';
    case HttpStatus.CONFLICT:
      return 'conflict';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'invalid';
    case HttpStatus.TOO_MANY_REQUESTS:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal' : 'invalid';
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { type?: unknown }).type === 'string' && (e as { status: number }).status < 500;
}
