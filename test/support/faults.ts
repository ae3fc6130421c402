import type { EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkerOptions } from '@temporalio/worker';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Test-only fault injection into the real activities on the real worker, from outside
 * them: an activity interceptor says which step is running, and an ORM subscriber acts
 * just before that step's transaction commits. The production activities know nothing
 * of it. A step is an activity's `step` argument when it has one (the handover's
 * `setShare` and `moveOwnership` serve several steps), else the activity's name.
 */
export interface TestFaults {
  /** This step fails permanently just before its transaction commits, so nothing of it is kept. */
  failStep?: string;
  /**
   * This step pauses just before its transaction commits (its checks done, its locks held)
   * for `ms`, or until `until` settles, and says when it got there (race and progress tests).
   * `at: 'start'` pauses before the transaction begins instead, holding no connection (on
   * SQLite the test app's API and worker share one, which a held transaction would keep).
   * `at: 'activity'` pauses as the activity starts, before any of its code runs: for steps
   * that do not go through MikroORM transactions (add-all-users' plain-knex batches).
   */
  holdStep?: { step: string; ms?: number; until?: Promise<unknown>; entered?: boolean; at?: 'start' | 'commit' | 'activity' };
}

const currentStep = new AsyncLocalStorage<string>();

/** Worker interceptors that run each activity inside the name of its step (and hold it there for `at: 'activity'`). */
export function stepInterceptors(faults: TestFaults = {}): NonNullable<WorkerOptions['interceptors']> {
  return {
    activity: [
      (ctx) => ({
        inbound: {
          execute: async (input, next) => {
            const [first] = input.args as Array<{ step?: unknown } | undefined>;
            const step = typeof first?.step === 'string' ? first.step : ctx.info.activityType;
            const hold = faults.holdStep;
            if (hold?.at === 'activity' && hold.step === step) {
              hold.entered = true;
              await (hold.until ?? sleep(hold.ms ?? 0));
            }
            return currentStep.run(step, () => next(input));
          },
        },
      }),
    ],
  };
}

/** Makes `faults` act on the transactions of `orm` that activities commit (API transactions run outside any step). */
export function injectFaults(orm: MikroORM, faults: TestFaults): void {
  const holdIfDue = async (at: 'start' | 'commit'): Promise<void> => {
    const hold = faults.holdStep;
    if (hold === undefined || hold.step !== currentStep.getStore() || (hold.at ?? 'commit') !== at) return;
    hold.entered = true;
    await (hold.until ?? sleep(hold.ms ?? 0));
  };
  const subscriber: EventSubscriber = {
    async beforeTransactionStart(_args: TransactionEventArgs): Promise<void> {
      await holdIfDue('start');
    },
    async beforeTransactionCommit(_args: TransactionEventArgs): Promise<void> {
      const step = currentStep.getStore();
      if (step === undefined) return;
      await holdIfDue('commit');
      if (faults.failStep === step) throw ApplicationFailure.nonRetryable(`injected fault in ${step}`, 'InjectedFault');
    },
  };
  orm.em.getEventManager().registerSubscriber(subscriber);
}
