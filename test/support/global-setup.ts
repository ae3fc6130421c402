import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { resolveTemporalCli } from '../../libs/temporal/temporal-cli';
import { DevServer, startDevServer } from '../../libs/temporal/dev-server';
import { loadOrBundleWorkflows } from '../../libs/temporal/workflow-bundle';
import { freePort } from '../../libs/net/free-port';
import { RECORDING_DYNAMIC_CONFIG } from '../replay/histories';

declare global {
  var __TEST_RUN__: { temporal: DevServer; dir: string; pgAdminUrl?: string; pgDatabase?: string } | undefined;
}

/**
 * Once per `jest` run: a Temporal dev server (in memory, headless, our search
 * attributes), the workflow bundle, and a fresh database (a new PostgreSQL database
 * when DATABASE_URL is set, else a new SQLite file). Tests read them from the env.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_VERSION_CHECK_DISABLED = '1';
  const dir = mkdtempSync(join(tmpdir(), 'collab-test-'));
  mkdirSync(join(process.cwd(), 'test', 'artifacts'), { recursive: true });

  const temporal = await startDevServer({
    cli: resolveTemporalCli(),
    port: await freePort(),
    headless: true,
    logFile: join(dir, 'temporal.log'),
    // `npm run histories:record`: the server suggests continue-as-new early, so the recorded
    // histories include the runs that continue as new (test/replay/README.md).
    dynamicConfig: process.env.RECORD_HISTORIES === '1' ? RECORDING_DYNAMIC_CONFIG : undefined,
  });
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;

  const bundlePath = join(dir, 'workflow-bundle.js');
  await loadOrBundleWorkflows(bundlePath);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;

  globalThis.__TEST_RUN__ = { temporal, dir };
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = `collab_test_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${database}`;
    process.env.TEST_DATABASE_URL = testUrl.toString();
    Object.assign(globalThis.__TEST_RUN__, { pgAdminUrl: url, pgDatabase: database });
  } else {
    process.env.TEST_SQLITE_PATH = join(dir, 'app.sqlite');
  }
}
