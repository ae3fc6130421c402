import type { Client } from '@temporalio/client';
import type { TestFaults } from '../support/faults';
import type { Http, Reply } from '../support/http';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * R-O4 test files: one test app for the file whose activities can be held (`holdBefore`),
 * with no hold left over from one test to the next. Call at the top of the `describe`.
 */
export function withHeldSteps(): { faults: TestFaults; app: () => TestApp } {
  const faults: TestFaults = {};
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({ faults });
  });
  afterEach(() => {
    faults.holdStep = undefined;
  });
  afterAll(() => app?.close());
  return {
    faults,
    app: () => {
      if (!app) throw new Error('the test app starts in beforeAll');
      return app;
    },
  };
}

/**
 * R-O4 tests: hold one step of the real activities before its transaction starts, or before
 * the activity runs at all (holding no connection either way: on SQLite the test app's API
 * and worker share one) until released.
 */
export function holdBefore(faults: TestFaults, step: string, at: 'start' | 'activity' = 'start') {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  const hold: NonNullable<TestFaults['holdStep']> = { step, until, at };
  faults.holdStep = hold;
  return {
    release,
    /** Resolves once the workflow has reached the step. */
    async reached(timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!hold.entered) {
        if (Date.now() > deadline) throw new Error(`step ${step} never reached`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export const cancelOperation = (http: Http, token: string, operationId: string) =>
  http.as(token).post(`/operations/${encodeURIComponent(operationId)}/cancel`, {});

/** What the Temporal UI shows: the cancel request in the history and the run closed "Canceled". */
export async function temporalView(client: Client, operationId: string): Promise<{ status: string; cancelRequested: boolean }> {
  const handle = client.workflow.getHandle(operationId);
  const history = await handle.fetchHistory();
  return {
    status: (await handle.describe()).status.name,
    cancelRequested: history.events!.some((e) => e.workflowExecutionCancelRequestedEventAttributes),
  };
}

/** The problem body without `instance` (the route template, the one part that names the route). */
export function problemOf(res: Reply<Record<string, unknown>>) {
  const body = { ...res.body };
  delete body.instance;
  return { status: res.status, contentType: res.headers.get('content-type'), body };
}
