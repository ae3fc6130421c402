import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import type { WorkflowInboundCallsInterceptor, WorkflowInternalsInterceptor, WorkflowOutboundCallsInterceptor } from '@temporalio/workflow';

/**
 * Issue 11: Temporal's OpenTelemetry interceptors, active only for a workflow whose start
 * carried a trace context (the API traces: libs/tracing). The workflow run span is a child
 * of the client's StartWorkflow span, each StartActivity span a child of it, and the trace
 * context travels on to the activities in their headers. A workflow started without one
 * (tracing off, or a history recorded before) runs exactly as without these interceptors.
 */
export function tracingInterceptors(): {
  inbound: WorkflowInboundCallsInterceptor[];
  outbound: WorkflowOutboundCallsInterceptor[];
  internals: WorkflowInternalsInterceptor[];
} {
  // Made at the workflow's start when it is traced; never otherwise.
  let otel: { inbound: OpenTelemetryInboundInterceptor; outbound: OpenTelemetryOutboundInterceptor; internals: OpenTelemetryInternalsInterceptor } | undefined;
  const start: WorkflowInboundCallsInterceptor = {
    execute(input, next) {
      if (!(TRACE_HEADER in input.headers)) return next(input);
      otel = {
        inbound: new OpenTelemetryInboundInterceptor(),
        outbound: new OpenTelemetryOutboundInterceptor(),
        internals: new OpenTelemetryInternalsInterceptor(),
      };
      return otel.inbound.execute(input, next);
    },
  };
  return {
    inbound: [{ ...delegating<WorkflowInboundCallsInterceptor>(OpenTelemetryInboundInterceptor, () => otel?.inbound), ...start }],
    outbound: [delegating<WorkflowOutboundCallsInterceptor>(OpenTelemetryOutboundInterceptor, () => otel?.outbound)],
    internals: [delegating<WorkflowInternalsInterceptor>(OpenTelemetryInternalsInterceptor, () => otel?.internals)],
  };
}

type Next = (input: unknown) => unknown;

/** Every interceptor method of `type`: the instance's when there is one, else straight to the next interceptor. */
function delegating<T extends object>(type: { prototype: object }, instance: () => T | undefined): T {
  const methods: Record<string, (input: unknown, next: Next) => unknown> = {};
  for (const name of Object.getOwnPropertyNames(type.prototype)) {
    if (name === 'constructor') continue;
    methods[name] = (input, next) => {
      const target = instance() as Record<string, (input: unknown, next: Next) => unknown> | undefined;
      return target ? target[name].call(target, input, next) : next(input);
    };
  }
  return methods as unknown as T;
}
