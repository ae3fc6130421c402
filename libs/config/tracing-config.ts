import { z } from 'zod';

/**
 * Issue 11: OpenTelemetry traces, exported by OTLP only when an endpoint is set (the
 * standard OTEL_* names, so a collector's usual settings work). Off by default.
 */
export const tracingSchema = z.object({
  /** Base URL of an OTLP/HTTP receiver (a collector, Jaeger, Tempo …); traces go to <url>/v1/traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** The full traces URL, when it is not <endpoint>/v1/traces. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json', 'grpc'])
    .refine((p) => p !== 'grpc', 'grpc is not supported here; use http/protobuf (the OTLP/HTTP port, 4318)')
    .default('http/protobuf'),
  /** Prefix of service.name: "<name>-api" and "<name>-worker". */
  OTEL_SERVICE_NAME: z.string().min(1).default('collab'),
});

export interface TracingConfig {
  /** Undefined: tracing is off (no provider, no interceptors, no exporter). */
  tracesUrl?: string;
  protocol: 'http/protobuf' | 'http/json';
  serviceName: string;
}

export function tracingOf(e: z.infer<typeof tracingSchema>): TracingConfig {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/$/, '');
  return {
    tracesUrl: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined),
    protocol: e.OTEL_EXPORTER_OTLP_PROTOCOL === 'http/json' ? 'http/json' : 'http/protobuf',
    serviceName: e.OTEL_SERVICE_NAME,
  };
}
