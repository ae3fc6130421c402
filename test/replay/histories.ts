import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Recorded workflow histories (test/replay/README.md): one JSON file per workflow run. */
export const HISTORIES_DIR = join(__dirname, 'histories');

/**
 * Temporal dev server settings while recording (`npm run histories:record`): the server
 * suggests continue-as-new once a run's history has 8 events, so the batch workflows
 * continue as new after their first step or batch and the recordings hold those runs too.
 */
export const RECORDING_DYNAMIC_CONFIG = { 'limit.historyCount.suggestContinueAsNew': 8 };

export interface RecordedHistory {
  file: string;
  workflowType: string;
  history: History;
}

export function readHistories(): RecordedHistory[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
      const workflowType = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?';
      return { file, workflowType, history };
    });
}

/**
 * Writes every run of a closed workflow execution chain: `<name>.json` for a single run,
 * `<name>.run-1.json`, `<name>.run-2.json`… for runs that continued as new. Earlier files
 * of that name go first, so a refresh leaves no stale run behind. Returns the file names.
 * `codec`: the payload codec the app wrote with (R-A2 encrypts payloads); histories are
 * saved decoded, so they replay without a key, like those recorded before the codec.
 */
export async function saveRuns(client: Client, workflowId: string, name: string, codec?: PayloadCodec): Promise<string[]> {
  const runs: History[] = [];
  let runId: string | undefined;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) break;
    runId = previous;
  }
  for (const f of readdirSync(HISTORIES_DIR)) if (f === `${name}.json` || (f.startsWith(`${name}.run-`) && f.endsWith('.json'))) rmSync(join(HISTORIES_DIR, f));
  const files = runs.length === 1 ? [`${name}.json`] : runs.map((_, i) => `${name}.run-${i + 1}.json`);
  for (const [i, history] of runs.entries()) {
    const json: unknown = JSON.parse(historyToJSON(history));
    if (codec) await decodePayloadsIn(json, codec);
    writeFileSync(join(HISTORIES_DIR, files[i]), JSON.stringify(json, null, 2) + '\n');
  }
  return files;
}

/** Replaces, in place, every payload of a history in its JSON form (bytes as base64) by its decoded form. */
async function decodePayloadsIn(node: unknown, codec: PayloadCodec): Promise<void> {
  if (Array.isArray(node)) {
    for (const item of node) await decodePayloadsIn(item, codec);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const metadata = record.metadata as Record<string, string> | undefined;
  if (metadata && typeof metadata.encoding === 'string' && 'data' in record) {
    const payload: Payload = {
      metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(String(record.data), 'base64'),
    };
    const [decoded] = await codec.decode([payload]);
    record.metadata = Object.fromEntries(Object.entries(decoded.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    record.data = Buffer.from(decoded.data ?? new Uint8Array()).toString('base64');
    return;
  }
  for (const value of Object.values(record)) await decodePayloadsIn(value, codec);
}
