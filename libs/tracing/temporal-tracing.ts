import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  makeWorkflowExporter,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import { currentTracing } from './active-tracing';

/**
 * Issue 11: the Temporal side of tracing (Temporal's own OpenTelemetry interceptors). The
 * client's StartWorkflow span carries the trace into the workflow's headers; the workflow
 * bundle continues it (workflows/tracing.ts) and hands it to each activity.
 */
export function clientTracingInterceptors(): WorkflowClientInterceptor[] {
  return currentTracing() ? [new OpenTelemetryWorkflowClientInterceptor()] : [];
}

/** RunActivity spans, children of the workflow's StartActivity span; activity log lines get trace_id and span_id. */
export function activityTracingInterceptors(): ActivityInterceptorsFactory[] {
  if (!currentTracing()) return [];
  return [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })];
}

/**
 * Where the workflows' spans leave the sandbox: this process's span processor, or nowhere
 * when tracing is off here (a workflow traced by the API still runs on an untraced worker).
 */
export function workflowTracingSinks(): InjectedSinks<OpenTelemetrySinks> {
  const tracing = currentTracing();
  if (tracing) return { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) };
  return { exporter: { export: { fn: () => undefined, callDuringReplay: false } } };
}
