import { Connection } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { RpcRetries, deadlineInterceptors } from './rpc-deadline';

/**
 * The SDK retries an unreachable server on timers. A retry that fires after the connection
 * closed used to ask the closed channel for a call, which throws "Channel has been shut
 * down" from the timer, outside any caller (it failed whole test files at random).
 */
describe('Temporal RPC retries around a closing connection', () => {
  /** A connection to port 1, where nothing listens: every attempt fails UNAVAILABLE and is retried on a timer. */
  function unreachable() {
    const retries = new RpcRetries();
    const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: deadlineInterceptors(30_000, retries) });
    const call = () =>
      connection.workflowService.getSystemInfo({}).then(
        () => 'answered',
        () => 'failed',
      );
    return { retries, connection, call };
  }

  /** Runs `body`, then says what was thrown outside any caller meanwhile. */
  async function uncaughtDuring(body: () => Promise<void>): Promise<unknown[]> {
    const uncaught: unknown[] = [];
    const record = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', record);
    try {
      await body();
    } finally {
      process.off('uncaughtException', record);
    }
    return uncaught;
  }

  it('a retry that fires after close fails its call instead of throwing from the timer', async () => {
    const uncaught = await uncaughtDuring(async () => {
      const { retries, connection, call } = unreachable();
      const answer = call();
      await sleep(400); // a few attempts, and a retry scheduled
      await retries.drain(0); // close without waiting for it
      await connection.close();
      await sleep(2_000); // the scheduled retries fire now
      // Without the guard the retry throws in its timer and the call never settles: a timeout.
      expect(await answer).toBe('failed');
    });
    expect(uncaught).toEqual([]);
  }, 15_000);

  it('a call made after close fails its caller instead of throwing from the retry interceptor', async () => {
    const uncaught = await uncaughtDuring(async () => {
      const { retries, connection, call } = unreachable();
      await retries.drain(0);
      // A request still in flight when the app closes asks Temporal once more.
      const answer = call();
      await sleep(200);
      expect(await answer).toBe('failed');
      await connection.close();
    });
    expect(uncaught).toEqual([]);
  }, 15_000);
});
