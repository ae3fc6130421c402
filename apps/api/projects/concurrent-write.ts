import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Conflict } from '../../../libs/domain/errors';

/**
 * Section 8: two requests that race for the same row (the same share added twice, a project
 * changed under another change) get a 409 to retry, never a 500.
 */
export async function refusingRaces<T>(write: () => Promise<T>, message = 'the project changed at the same time; try again'): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException || e instanceof OptimisticLockError) throw new Conflict(message);
    throw e;
  }
}
