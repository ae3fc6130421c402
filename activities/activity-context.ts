import { Context } from '@temporalio/activity';

/** Workflow id + activity id: the same on every retry of one step, so writes keyed by it happen once. */
export function idempotencyKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.workflowId ?? 'standalone'}:${info.activityId}`;
}
