import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Deepest JSON body a request may send; no DTO nests more than a few levels. */
export const MAX_BODY_DEPTH = 32;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The global ValidationPipe: strips unknown fields, refuses them loudly, transforms to
 * DTO classes, and answers 400 listing every invalid field, the first also as
 * `field`/`message` (section 8). Before any DTO sees a body it must be a JSON object,
 * nested at most MAX_BODY_DEPTH levels, with no NUL character in a string (PostgreSQL
 * text cannot hold one).
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && metadata.metatype !== Array) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalid([{ field: 'body', message: `the request body must be a JSON object, not ${describe(value)}` }]);
      }
      const problems = bodyProblems(value);
      if (problems.length) throw invalid(problems);
    }
    return super.transform(value, metadata);
  }
}

export function validationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = allProblems(errors, '');
      return invalid(problems.length ? problems : [{ field: 'body', message: 'invalid request' }]);
    },
  });
}

/** The 400 body: every problem, the first also as `field`/`message`. */
export function invalid(problems: FieldProblem[]): BadRequestException {
  const [first] = problems;
  return new BadRequestException({ error: 'invalid', message: first.message, field: first.field, errors: problems });
}

/**
 * Too deep a body and NUL characters, found without recursion (a deep body must not
 * overflow the stack that checks it). Depth counts objects and arrays.
 */
export function bodyProblems(body: object): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 1 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ field: path || 'body', message: `${path || 'body'} must not contain the NUL character (\\u0000)` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return [{ field: 'body', message: `the request body is nested more than ${MAX_BODY_DEPTH} levels deep` }];
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) problems.push({ field: path || 'body', message: `${path || 'body'} has a key with the NUL character (\\u0000)` });
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return problems.reverse();
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (value === undefined) return 'empty';
  return `a ${typeof value}`;
}

function allProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraint = error.constraints && Object.values(error.constraints)[0];
    if (constraint)
      out.push({ field: path, message: constraint.includes(error.property) ? constraint.replace(error.property, path) : `${path}: ${constraint}` });
    else if (error.children?.length) out.push(...allProblems(error.children, path));
  }
  return out;
}
