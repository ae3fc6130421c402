import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';

/** What both the client's Connection and the worker's NativeConnection accept. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

/**
 * Connection options from config, for every process that talks to Temporal: plaintext by
 * default; TLS with an optional private CA and server name; mTLS with a client
 * certificate and key (self-hosted clusters, Temporal Cloud with certificates); or an API
 * key, which implies TLS (Temporal Cloud). A file that cannot be read fails start-up with
 * the setting's name.
 */
export function temporalConnectionOptions(temporal: AppConfig['temporal']): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: temporal.address };
  if (temporal.apiKey) options.apiKey = temporal.apiKey;
  const tls = temporal.tls;
  if (!tls) return options;
  options.tls = {};
  if (tls.serverName) options.tls.serverNameOverride = tls.serverName;
  if (tls.caFile) options.tls.serverRootCACertificate = read('TEMPORAL_TLS_CA_FILE', tls.caFile);
  if (tls.certFile && tls.keyFile)
    options.tls.clientCertPair = { crt: read('TEMPORAL_TLS_CERT_FILE', tls.certFile), key: read('TEMPORAL_TLS_KEY_FILE', tls.keyFile) };
  return options;
}

function read(setting: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`${setting}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
