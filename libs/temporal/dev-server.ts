import { Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { SEARCH_ATTRIBUTE_KEYS } from '../operations/search-attributes';

export interface DevServerOptions {
  cli: string;
  port: number;
  uiPort?: number;
  /** R-A2: the codec server the UI decodes payloads with (`POST {url}/decode`). */
  uiCodecEndpoint?: string;
  /** Persist to this SQLite file; in memory when absent. */
  dbFilename?: string;
  headless?: boolean;
  namespace?: string;
  logFile?: string;
  /** Server dynamic config (`--dynamic-config-value KEY=VALUE`), e.g. a low continue-as-new threshold for recording histories. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` and waits until it answers. Our own start instead of
 * the SDK's, which gives a spawned server 5 s and then gives up (flaky on 2 cores).
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn', '--namespace', opts.namespace ?? 'default'];
  if (opts.dbFilename) args.push('--db-filename', opts.dbFilename, '--sqlite-pragma', 'journal_mode=WAL');
  if (opts.headless) args.push('--headless');
  else if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  if (!opts.headless && opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  for (const key of SEARCH_ATTRIBUTE_KEYS) args.push('--search-attribute', `${key.name}=${key.type === 'KEYWORD_LIST' ? 'KeywordList' : 'Keyword'}`);
  // CollabInvitationIds lists up to 100 invitation ids (3.9 KB); the server's default limit per value is 2 KB.
  for (const service of ['frontend', 'history']) args.push('--dynamic-config-value', `${service}.searchAttributesSizeOfValueLimit=8192`);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const child = spawn(opts.cli, args, {
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (opts.logFile) {
    const log = createWriteStream(opts.logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited with code ${code}${opts.logFile ? `; see ${opts.logFile}` : ''}`))),
  );
  const address = `127.0.0.1:${opts.port}`;
  await Promise.race([waitForTemporal(address, 60_000), exited]);
  return {
    address,
    uiUrl: opts.headless ? undefined : `http://localhost:${opts.uiPort ?? opts.port + 1000}`,
    process: child,
    stop: () => stopProcess(child),
  };
}

export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
