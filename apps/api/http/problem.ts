import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from './error.filter';

/** The media type of every error body (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

const TITLES: Record<string, string> = {
  invalid: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'Gone',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

/**
 * RFC 9457 problem details, a superset of the section-8 error body: `type`, `title`,
 * `status`, `detail` and `instance`, plus `error`, `message`, `rule` and `field` as before.
 */
export class ProblemDetails {
  @ApiProperty({ description: 'the kind of problem, a URN per `error` value', example: 'urn:collab:problem:conflict' }) type!: string;
  @ApiProperty({ description: 'short, the same for every problem of this type', example: 'Conflict' }) title!: string;
  @ApiProperty({ description: 'the HTTP status', example: 409 }) status!: number;
  @ApiProperty({ description: 'what went wrong, for a human; the same text as `message`' }) detail!: string;
  @ApiPropertyOptional({
    description:
      'the route this problem answers, as a template (`/operations/{operationId}`): never the path itself, so no id or token is repeated and "not yours" answers exactly like "absent" (R-T1, R-I3)',
    example: '/workspaces/{workspaceId}/collaborators',
  })
  instance?: string;
  @ApiProperty({ description: 'machine-readable kind (section 8)', example: 'conflict' }) error!: string;
  @ApiProperty({ description: 'what went wrong (section 8)' }) message!: string;
  @ApiPropertyOptional({ description: 'the rule of the specification that refused the request', example: 'R-P4' }) rule?: string;
  @ApiPropertyOptional({ description: 'the input field at fault', example: 'types' }) field?: string;
}

/**
 * Turns a section-8 body into problem details for a request to `route` (Express' route
 * pattern, absent when no route matched). The request id stays in the X-Request-Id header:
 * in the body it would make two answers that must be alike (R-T1, R-I3) differ.
 */
export function toProblem(status: number, body: ErrorBody, route: string | undefined): ProblemDetails {
  const problem: ProblemDetails = {
    type: `urn:collab:problem:${body.error}`,
    title: TITLES[body.error] ?? 'Error',
    status,
    detail: body.message,
    instance: route?.replace(/:(\w+)/g, '{$1}'),
    ...body,
  };
  // No `undefined` members: a client sees absent fields as absent.
  return Object.fromEntries(Object.entries(problem).filter(([, value]) => value !== undefined)) as ProblemDetails;
}
