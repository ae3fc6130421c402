import { temporal } from '@temporalio/proto';
import type { Topology } from './topology';

export interface ActivityRun {
  activityType: string;
  identity: string;
  /** The worker replica (worker-1, worker-2) whose process had that pid. */
  replica: string;
}

/** The worker's identity names its pid (apps/worker/create-worker.ts: `collab-worker@HOST pid PID queue Q`). */
export function pidOf(identity: string): number | undefined {
  const match = /\bpid (\d+)\b/.exec(identity);
  return match ? Number(match[1]) : undefined;
}

function replicaOf(t: Topology, identity: string): string {
  const pid = pidOf(identity);
  return t.workers.find((w) => pid !== undefined && w.pids.includes(pid))?.name ?? `unknown (${identity})`;
}

/** Who ran each activity of an operation, from the history of every run (continue-as-new included): ActivityTaskStarted's identity. */
export async function activityIdentities(t: Topology, workflowId: string): Promise<ActivityRun[]> {
  const runs: ActivityRun[] = [];
  for await (const execution of t.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await t.temporal.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    const scheduled = new Map<string, string>();
    for (const event of history.events ?? []) {
      const s = event.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(event.eventId), s.activityType?.name ?? '?');
      const started = event.activityTaskStartedEventAttributes;
      if (started?.identity)
        runs.push({
          activityType: scheduled.get(String(started.scheduledEventId)) ?? '?',
          identity: started.identity,
          replica: replicaOf(t, started.identity),
        });
    }
  }
  return runs;
}

/**
 * kill -9 of the worker process that is running a member batch of the operation right now
 * (DescribeWorkflowExecution's pending activity names it), so the kill lands mid-batch.
 */
export async function killWorkerRunningBatch(t: Topology, workflowId: string, timeoutMs = 600_000): Promise<{ replica: string; attempt: number }> {
  const deadline = Date.now() + timeoutMs;
  const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
  while (Date.now() < deadline) {
    const described = await t.temporal.workflow.getHandle(workflowId).describe();
    if (described.status.name !== 'RUNNING') break;
    const batch = described.raw.pendingActivities?.find((a) => a.activityType?.name === 'addMembersBatch' && a.state === STARTED && a.lastWorkerIdentity);
    const pid = batch ? pidOf(batch.lastWorkerIdentity!) : undefined;
    const victim = pid === undefined ? undefined : t.workers.find((w) => w.pid === pid);
    if (victim) {
      await victim.kill9();
      return { replica: victim.name, attempt: batch?.attempt ?? 1 };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no member batch of ${workflowId} was seen running on a worker`);
}
