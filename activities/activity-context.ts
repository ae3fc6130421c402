import { Context } from '@temporalio/activity';

/**
 * Workflow id + run id + activity id: the same on every retry of one step, so writes keyed
 * by it happen once. The run id matters: a deterministic operation id is started again
 * (ALLOW_DUPLICATE) or continues as new, and activity ids restart at 1 in every run.
 */
export function idempotencyKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.workflowId ?? 'standalone'}:${info.workflowExecution?.runId ?? ''}:${info.activityId}`;
}
