import { Context } from '@temporalio/activity';

/**
 * Workflow id + run id + activity id: the same on every retry of one step, so writes keyed
 * by it happen once. The run id matters: operation ids are reused (a second save of the
 * same project, a re-invitation), and each run's writes are their own.
 */
export function idempotencyKey(): string {
  const info = Context.current().info;
  const execution = info.workflowExecution;
  return execution ? `${execution.workflowId}:${execution.runId}:${info.activityId}` : `standalone:${info.activityId}`;
}
