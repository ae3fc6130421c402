import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { temporalConnectionOptions } from './connection-options';

const base = { AUTH_HS256_SECRET: 'x'.repeat(32), TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233' };

describe('Temporal connection options (issue #15: Temporal Cloud and mTLS by configuration)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  const file = (name: string) => {
    writeFileSync(join(dir, name), `PEM ${name}`);
    return join(dir, name);
  };

  it('is plaintext by default', () => {
    expect(temporalConnectionOptions(loadConfig(base).temporal)).toEqual({ address: 'ns.acct.tmprl.cloud:7233' });
  });

  it('an API key implies TLS (Temporal Cloud)', () => {
    expect(temporalConnectionOptions(loadConfig({ ...base, TEMPORAL_API_KEY: 'key-1' }).temporal)).toEqual({
      address: base.TEMPORAL_ADDRESS,
      apiKey: 'key-1',
      tls: {},
    });
  });

  it('mTLS reads the CA, certificate and key files and the server name', () => {
    const options = temporalConnectionOptions(
      loadConfig({
        ...base,
        TEMPORAL_TLS_CA_FILE: file('ca.pem'),
        TEMPORAL_TLS_CERT_FILE: file('client.pem'),
        TEMPORAL_TLS_KEY_FILE: file('client.key'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }).temporal,
    );
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
    expect(String(options.tls?.serverRootCACertificate)).toBe('PEM ca.pem');
    expect([String(options.tls?.clientCertPair?.crt), String(options.tls?.clientCertPair?.key)]).toEqual(['PEM client.pem', 'PEM client.key']);
  });

  it('refuses a certificate without its key, TLS=false with TLS settings, and names an unreadable file', () => {
    expect(() => loadConfig({ ...base, TEMPORAL_TLS_CERT_FILE: file('c.pem') })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' })).toThrow(/TEMPORAL_TLS/);
    expect(() => temporalConnectionOptions(loadConfig({ ...base, TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') }).temporal)).toThrow(
      /TEMPORAL_TLS_CA_FILE: cannot read .*ENOENT/,
    );
  });

  it('worker concurrency settings are optional and validated', () => {
    expect(loadConfig(base).temporal.worker).toEqual({});
    expect(loadConfig({ ...base, WORKER_MAX_CONCURRENT_ACTIVITIES: '50', WORKER_MAX_CACHED_WORKFLOWS: '0' }).temporal.worker).toEqual({
      maxConcurrentActivities: 50,
      maxCachedWorkflows: 0,
    });
    expect(() => loadConfig({ ...base, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/);
  });
});
