import { Connection } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { RpcRetries, deadlineInterceptors } from './rpc-deadline';

/**
 * The SDK retries an unreachable server on timers. A retry that fires after the connection
 * closed used to ask the closed channel for a call, which throws "Channel has been shut
 * down" from the timer, outside any caller (it failed whole test files at random).
 */
describe('Temporal RPC retries around a closing connection', () => {
  it('a retry that fires after close fails its call instead of throwing from the timer', async () => {
    const uncaught: unknown[] = [];
    const record = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', record);
    try {
      const retries = new RpcRetries();
      // Port 1: nothing listens, so every attempt fails UNAVAILABLE and is retried on a timer.
      const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: deadlineInterceptors(30_000, retries) });
      const call = connection.workflowService.getSystemInfo({}).then(
        () => 'answered',
        () => 'failed',
      );
      await sleep(400); // a few attempts, and a retry scheduled
      await retries.drain(0); // close without waiting for it
      await connection.close();
      await sleep(2_000); // the scheduled retries fire now
      expect(await call).toBe('failed');
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
    // Without the guard the retry throws in its timer and the call never settles: a timeout.
  }, 15_000);

  it('a call made after close fails its caller instead of throwing from the retry interceptor', async () => {
    const uncaught: unknown[] = [];
    const record = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', record);
    try {
      const retries = new RpcRetries();
      const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: deadlineInterceptors(30_000, retries) });
      await retries.drain(0);
      // A request still in flight when the app closes asks Temporal once more.
      const call = connection.workflowService.getSystemInfo({}).then(
        () => 'answered',
        () => 'failed',
      );
      await sleep(200);
      expect(await call).toBe('failed');
      expect(uncaught).toEqual([]);
      await connection.close();
    } finally {
      process.off('uncaughtException', record);
    }
  }, 15_000);
});
