import type { TestFaults } from '../../support/faults';
import type { TestApp } from '../../support/test-app';

/** What a recording may use: the real app and worker, and test-only faults (../../support/faults.ts). */
export interface RecordingContext {
  t: TestApp;
  faults: TestFaults;
}

/**
 * One branch of one workflow, driven through the real API (or the Temporal client where
 * the API cannot reach the branch). `run` returns the id of the workflow once it has
 * closed; every run of it is saved as `<name>.json` or `<name>.run-N.json`.
 */
export interface Recording {
  name: string;
  /** The branch this history covers, in a few words. */
  covers: string;
  run(ctx: RecordingContext): Promise<string>;
}
