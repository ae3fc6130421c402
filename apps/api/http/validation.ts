import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The global ValidationPipe: strips unknown fields, refuses them loudly, transforms to
 * DTO classes, and answers with the first failing field named (section 8).
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const [field, message] = firstProblem(errors, '') ?? ['body', 'invalid request'];
      return new BadRequestException({ error: 'invalid', message, field });
    },
  });
}

function firstProblem(errors: ValidationError[], prefix: string): [string, string] | undefined {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraint = error.constraints && Object.values(error.constraints)[0];
    if (constraint) return [path, constraint.includes(error.property) ? constraint.replace(error.property, path) : `${path}: ${constraint}`];
    const nested = error.children?.length ? firstProblem(error.children, path) : undefined;
    if (nested) return nested;
  }
  return undefined;
}
