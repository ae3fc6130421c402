import { WorkflowInboundCallsInterceptor, WorkflowInterceptorsFactory, isCancellation, metricMeter, workflowInfo } from '@temporalio/workflow';
import { operationKindOf } from '../libs/operations/operation-ids';
import { INVITATION_REQUEST_CANCELLED } from '../libs/operations/operation-cancel';
import { SearchAttr } from '../libs/operations/search-attributes';
import { refusalHeadline } from '../libs/operations/refusal';
import { ruleFailure, ruleViolationIn } from '../libs/operations/rule-failure';
import { tracingInterceptors } from './tracing';

/**
 * An operation refused by a rule fails with the rule and its message on top (not "Activity
 * task failed") and as BENIGN, an expected answer rather than an error. GET /operations/{id}
 * reads the same details (apps/api/operations/operations.service.ts). Registered in the
 * bundle (libs/temporal/workflow-bundle.ts), after the tracing interceptors (./tracing.ts).
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const tracing = tracingInterceptors();
  return { ...tracing, inbound: [...tracing.inbound, refusalsOnTop] };
};

const refusalsOnTop: WorkflowInboundCallsInterceptor = {
  async execute(input, next) {
    try {
      const result = await next(input);
      completed(stoppedHalfWay() ? 'cancelled' : 'succeeded');
      return result;
    } catch (e) {
      const refusal = ruleViolationIn(e);
      completed(refusal ? 'refused' : isCancellation(e) ? 'cancelled' : 'failed');
      if (!refusal) throw e;
      const failure = ruleFailure(refusal);
      failure.message = refusalHeadline(refusal);
      throw failure;
    }
  },
};

/**
 * R-O4: a cancelled invitation request ends normally (its mailed invitations lived on) but
 * was cancelled: its search attribute says so, as it does in the Temporal UI.
 */
function stoppedHalfWay(): boolean {
  return workflowInfo().typedSearchAttributes.get(SearchAttr.invitationState) === INVITATION_REQUEST_CANCELLED;
}

/**
 * Operations completed by kind and outcome, and their duration, through the SDK's metric
 * meter: exported with the SDK's own metrics by the worker (never recorded during replay).
 */
function completed(outcome: 'succeeded' | 'refused' | 'failed' | 'cancelled'): void {
  const info = workflowInfo();
  const tags = { kind: operationKindOf(info.workflowId), outcome };
  metricMeter.createCounter('collab_operations_completed', 'operations', 'Operations completed, by kind and outcome').add(1, tags);
  metricMeter
    .createHistogram('collab_operation_duration', 'int', 'ms', 'Operation duration from start to completion')
    .record(Date.now() - info.startTime.getTime(), tags);
}
