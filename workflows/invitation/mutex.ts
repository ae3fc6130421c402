import { condition } from '@temporalio/workflow';

/**
 * One step at a time for one invitation (accept, decline, revoke, resend, reminder,
 * expiry never interleave their writes), as Temporal's message-passing samples do with a
 * Mutex. Deterministic: waiting is a workflow `condition`, so replay takes the same turns.
 */
export class Mutex {
  private locked = false;

  async runExclusive<T>(step: () => Promise<T>): Promise<T> {
    await condition(() => !this.locked);
    this.locked = true;
    try {
      return await step();
    } finally {
      this.locked = false;
    }
  }
}
