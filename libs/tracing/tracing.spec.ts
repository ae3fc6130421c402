import { ConfigError, loadConfig } from '../config/app-config';
import { activityTracingInterceptors, clientTracingInterceptors, workflowTracingSinks } from './temporal-tracing';
import { currentTracing, startTracing, traceFields } from './tracing';

const secret = 'x'.repeat(32);

describe('tracing configuration (issue 11)', () => {
  it('is off by default: no provider, no Temporal interceptors, no trace fields in logs', () => {
    const config = loadConfig({ AUTH_HS256_SECRET: secret }).observability.tracing;
    expect(config.tracesUrl).toBeUndefined();
    expect(startTracing(config, 'api')).toBeUndefined();
    expect(currentTracing()).toBeUndefined();
    expect(clientTracingInterceptors()).toEqual([]);
    expect(activityTracingInterceptors()).toEqual([]);
    expect(Object.keys(workflowTracingSinks())).toEqual(['exporter']);
    expect(traceFields()).toEqual({});
  });

  it('exports to <endpoint>/v1/traces, or to the traces endpoint named, by OTLP/HTTP protobuf unless JSON is asked for', () => {
    const base = { AUTH_HS256_SECRET: secret, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' };
    expect(loadConfig(base).observability.tracing).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', protocol: 'http/protobuf', serviceName: 'collab' });
    expect(
      loadConfig({ ...base, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/traces', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).observability.tracing,
    ).toMatchObject({ tracesUrl: 'http://tempo:4318/traces', protocol: 'http/json' });
  });

  it('refuses grpc and a bad endpoint up front, naming the setting', () => {
    expect(() => loadConfig({ AUTH_HS256_SECRET: secret, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not supported/);
    expect(() => loadConfig({ AUTH_HS256_SECRET: secret, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(ConfigError);
  });
});
