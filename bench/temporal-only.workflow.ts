/**
 * bench/invitations: the invitation workflow's first task with nothing behind it. The same
 * shape (two local activities with a search-attribute upsert between them, then a durable
 * wait) whose activities do nothing, so a run of it measures Temporal alone.
 */
import { condition, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { SearchAttr } from '../libs/operations/search-attributes';

const { firstStep, secondStep } = proxyLocalActivities<{ firstStep(): Promise<void>; secondStep(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

export async function temporalOnlyWorkflow(): Promise<void> {
  await firstStep();
  upsertSearchAttributes([
    { key: SearchAttr.invitationId, value: workflowInfo().runId },
    { key: SearchAttr.invitationState, value: 'pending' },
  ]);
  await secondStep();
  await condition(() => false, '7 days');
}
