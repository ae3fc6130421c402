import { trace } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Tracing {
  /** The processor every span of this process goes through, the workflows' too (worker sink). */
  processor: SpanProcessor;
  resource: Resource;
  /** Sends what is buffered (tests, and a process about to exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The tracing this process started (./tracing.ts), if any. Kept apart from the SDK and
 * exporters so that what only asks (the log mixin, the middleware, the interceptors)
 * loads nothing but @opentelemetry/api.
 */
let active: Tracing | undefined;

export function currentTracing(): Tracing | undefined {
  return active;
}

export function setActiveTracing(tracing: Tracing | undefined): void {
  active = tracing;
}

/** trace_id and span_id of the active span, for log lines (the OpenTelemetry log field names); nothing when off. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  if (!active) return {};
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
