import { CancellationScope, CancelledFailure } from '@temporalio/workflow';

/**
 * R-O4: a stoppable operation runs each step to its end, shielded from the cancel request
 * (`nonCancellable`), and looks at the request between steps. So a step is never cut off
 * half-way (the batch in flight finishes, a handover step commits or not as a whole), and
 * the workflow knows exactly what was done when it stops. Created at the top of the
 * workflow function, where the current scope is the workflow's root scope, which
 * Temporal's cancel (`WorkflowHandle.cancel()`) cancels.
 */
export function stoppable() {
  const root = CancellationScope.current();
  return {
    /** Whether someone asked to stop (POST /operations/{id}/cancel). */
    requested(): boolean {
      return root.consideredCancelled;
    },
    /** Runs a step to its end, even when a cancel arrives meanwhile. */
    step<T>(fn: () => Promise<T>): Promise<T> {
      return CancellationScope.nonCancellable(fn);
    },
    /** Ends the workflow as cancelled (the Temporal UI shows "Canceled"), after its partial result is recorded. */
    stop(message: string): never {
      throw new CancelledFailure(message);
    },
  };
}
