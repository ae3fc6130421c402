import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { hostname } from 'node:os';
import type { TracingConfig } from '../config/tracing-config';

export interface Tracing {
  /** The processor every span of this process goes through, the workflows' too (worker sink). */
  processor: SpanProcessor;
  resource: Resource;
  /** Sends what is buffered (tests, and a process about to exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/**
 * Issue 11: OpenTelemetry for this process when OTLP is configured, else nothing at all
 * (no provider is registered, so @opentelemetry/api stays a no-op and the Temporal
 * interceptors are not installed: zero cost when off). Spans leave in batches through
 * OTLP/HTTP (protobuf or JSON); the W3C trace context propagates (traceparent).
 * Once per process; later calls return the same tracing.
 */
export function startTracing(config: TracingConfig, service: 'api' | 'worker'): Tracing | undefined {
  if (active || !config.tracesUrl) return active;
  const exporter = config.protocol === 'http/json' ? new OtlpJsonExporter({ url: config.tracesUrl }) : new OtlpProtobufExporter({ url: config.tracesUrl });
  const resource = new Resource({
    'service.name': `${config.serviceName}-${service}`,
    'service.namespace': config.serviceName,
    'service.instance.id': `${hostname()}:${process.pid}`,
  });
  const processor = new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // The AsyncLocalStorage context manager and the W3C trace-context + baggage propagators.
  provider.register();
  active = {
    processor,
    resource,
    flush: () => provider.forceFlush(),
    async shutdown() {
      active = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  return active;
}

/** The tracing this process started, if any. */
export function currentTracing(): Tracing | undefined {
  return active;
}

/** trace_id and span_id of the active span, for log lines (the OpenTelemetry log field names); nothing when off. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  if (!active) return {};
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
