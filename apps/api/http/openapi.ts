import { ParseUUIDPipe, Type, applyDecorators } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ApiExtraModels, ApiOperation, ApiParam, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_JSON, ProblemDetails } from './problem';

/**
 * The OpenAPI contract of one route, written beside it (docs/decisions.md, issue 11):
 * a readable operationId, a summary, a description naming the rules it enforces, and
 * every error status it can answer, each with the one problem-details schema. Path
 * parameters validated by `uuidParam` are documented `format: uuid` from the pipe itself.
 */
export interface ContractSpec {
  /** camelCase, unique: what generated clients name the method. */
  id: string;
  summary: string;
  /** Names the rule ids (R-…) the route enforces. */
  description: string;
  /** Error statuses beside 401 (added unless `public`) and 503 (every route needs its database). */
  errors?: number[];
  public?: boolean;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `field` names the input at fault, `rule` the rule refusing it',
  401: 'no valid bearer token',
  403: 'a rule forbids the caller this action (`rule` names it)',
  404: 'not found, or not visible to the caller (R-T1: the two answer alike)',
  409: 'the current state refuses the change (`rule` names the rule)',
  410: 'no longer available (R-I3)',
  429: 'too many requests; try again later',
  503: 'a dependency (database or Temporal) does not answer; nothing was done',
};

export function Contract(spec: ContractSpec): MethodDecorator {
  const statuses = [...new Set([...(spec.public ? [] : [401]), ...(spec.errors ?? []), 503])].sort();
  const decorators = [
    ApiOperation({ operationId: spec.id, summary: spec.summary, description: spec.description, ...(spec.public ? { security: [] } : {}) }),
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status] ?? 'error', content: problemContent() })),
  ];
  const apply = applyDecorators(...decorators);
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    for (const name of uuidParamsOf(target, key)) ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
    apply(target, key, descriptor);
  };
}

/** The problem-details body of an error response; also for responses outside Contract. */
export function problemContent() {
  return { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetails) } } };
}

/** Path parameters of a handler whose pipe is a ParseUUIDPipe (decorators of parameters run before the method's). */
function uuidParamsOf(target: object, key: string | symbol): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
  return Object.entries(args)
    .filter(
      ([k, arg]) => k.split(':')[0] === String(RouteParamtypes.PARAM) && typeof arg.data === 'string' && arg.pipes?.some((p) => p instanceof ParseUUIDPipe),
    )
    .map(([, arg]) => arg.data as string);
}

/** `{ id, name }` of a user or organisation embedded in another resource: one shape everywhere. */
export class NamedRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The schema of a `Page<T>` (http/pagination.ts), named `<T>Page`. */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  let page = pages.get(item);
  if (!page) {
    class ItemPage {
      @ApiProperty({ type: [item] }) items!: T[];
      @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
    }
    Object.defineProperty(ItemPage, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
    page = ItemPage;
    pages.set(item, page);
  }
  return page as Type<{ items: T[]; nextCursor: string | null }>;
}
