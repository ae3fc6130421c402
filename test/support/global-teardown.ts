import { rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__TEST_RUN__;
  if (!run) return;
  await run.temporal.stop();
  if (run.pgAdminUrl && run.pgDatabase) {
    const admin = new Client({ connectionString: run.pgAdminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${run.pgDatabase}" WITH (FORCE)`);
    await admin.end();
  }
  rmSync(run.dir, { recursive: true, force: true });
}
