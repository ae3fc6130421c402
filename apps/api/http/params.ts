import { ParseUUIDPipe } from '@nestjs/common';
import { RuleViolation } from '../../../libs/domain/errors';

/** A path id must be a UUID; anything else is a 400 that names the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new RuleViolation('input', `${name} must be a UUID`, { field: name }) });
}
