import { payloadCodecFor } from '../../libs/temporal/data-converter';
import { HISTORIES_DIR, saveRuns } from './histories';
import type { Recording, RecordingContext } from './recordings/recording';
import { cancelRecordings } from './recordings/cancel.recordings';
import { projectRecordings } from './recordings/project.recordings';
import { workspaceRecordings } from './recordings/workspace.recordings';
import type { TestFaults } from '../support/faults';
import { startTestApp } from '../support/test-app';

/**
 * `npm run histories:record` (test/replay/README.md): runs every recording against the
 * real app and worker and writes each workflow run's history to test/replay/histories.
 * Skipped in a normal test run, so histories only change when someone means it.
 * To add a workflow: write its recordings in ./recordings and list them here.
 */
const recordings: Recording[] = [...workspaceRecordings, ...projectRecordings, ...cancelRecordings];

const recording = process.env.RECORD_HISTORIES === '1';

(recording ? describe : describe.skip)(`recording workflow histories into ${HISTORIES_DIR}`, () => {
  const faults: TestFaults = {};
  const ctx = {} as RecordingContext;
  beforeAll(async () => {
    Object.assign(ctx, { t: await startTestApp({ faults }), faults });
  });
  afterAll(() => ctx.t.close());

  for (const r of recordings) {
    it(`records ${r.name}: ${r.covers}`, async () => {
      const workflowId = await r.run(ctx);
      const files = await saveRuns(ctx.t.client, workflowId, r.name, payloadCodecFor(ctx.t.config));
      expect(files.length).toBeGreaterThan(0);
    });
  }
});
