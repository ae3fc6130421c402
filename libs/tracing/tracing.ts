import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { hostname } from 'node:os';
import type { TracingConfig } from '../config/tracing-config';
import { Tracing, currentTracing, setActiveTracing } from './active-tracing';

export { currentTracing, traceFields, type Tracing } from './active-tracing';

/**
 * Issue 11: OpenTelemetry for this process when OTLP is configured, else nothing at all
 * (no provider is registered, so @opentelemetry/api stays a no-op and the Temporal
 * interceptors are not installed: zero cost when off). Spans leave in batches through
 * OTLP/HTTP (protobuf or JSON); the W3C trace context propagates (traceparent).
 * Once per process; later calls return the same tracing.
 */
export function startTracing(config: TracingConfig, service: 'api' | 'worker'): Tracing | undefined {
  const running = currentTracing();
  if (running || !config.tracesUrl) return running;
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
  const tracing: Tracing = {
    processor,
    resource,
    flush: () => provider.forceFlush(),
    async shutdown() {
      setActiveTracing(undefined);
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  setActiveTracing(tracing);
  return tracing;
}
