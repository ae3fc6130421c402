import { CallHandler, ExecutionContext, HttpCode, Injectable, NestInterceptor, Type, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { RequestFacts } from '../http/request-id';
import { Observable, tap } from 'rxjs';
import { OperationAccepted } from './operation.dto';

/**
 * A route that starts a long operation (section 7): 202, documented with its body type,
 * and `Location` pointing at the operation to follow, taken from the body the service
 * returned (`href`, or the one item's `href` of a bulk answer with a single item).
 */
export function AcceptedOperation(type: Type<unknown> = OperationAccepted): MethodDecorator & ClassDecorator {
  return applyDecorators(
    HttpCode(202),
    ApiAcceptedResponse({
      type,
      description: 'accepted: the operation runs; follow it at `Location`',
      headers: {
        Location: {
          description: 'the operation to follow (GET /operations/{id}); absent when a bulk answer started several',
          schema: { type: 'string', format: 'uri-reference' },
        },
      },
    }),
    UseInterceptors(OperationLocation),
  );
}

@Injectable()
export class OperationLocation implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    const req = context.switchToHttp().getRequest<Request & RequestFacts>();
    return next.handle().pipe(
      tap((body) => {
        const href = locationOf(body);
        if (href) res.location(href);
        // The request's log line names the operation(s) it started (issue 11).
        req.operationIds = operationIdsOf(body);
      }),
    );
  }
}

function operationIdsOf(body: unknown): string[] {
  const b = body as { operationId?: unknown; items?: Array<{ operationId?: unknown }> } | undefined;
  if (typeof b?.operationId === 'string') return [b.operationId];
  return (b?.items ?? []).map((i) => i.operationId).filter((id): id is string => typeof id === 'string');
}

function locationOf(body: unknown): string | undefined {
  const b = body as { href?: unknown; items?: Array<{ href?: unknown }> } | undefined;
  if (typeof b?.href === 'string') return b.href;
  if (Array.isArray(b?.items) && b.items.length === 1 && typeof b.items[0].href === 'string') return b.items[0].href;
  return undefined;
}
