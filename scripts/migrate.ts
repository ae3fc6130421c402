/**
 * `npm run migrate`: applies every pending migration to the configured database
 * (DATABASE_URL, else SQLITE_PATH) and exits. Idempotent, and safe when several replicas
 * run it at once (see libs/persistence/migrate.ts). Production runs it once per release,
 * as the compose `migrate` job; API and worker wait for it.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { loadDatabaseConfig } from '../libs/config/app-config';
import { migrate } from '../libs/persistence/migrate';
import { ormOptions } from '../libs/persistence/orm-config';

async function main(): Promise<void> {
  const database = loadDatabaseConfig();
  const orm = await MikroORM.init(ormOptions(database));
  try {
    const started = Date.now();
    const applied = await migrate(orm);
    console.log(`${database.driver}: ${applied ? `applied ${applied} migration(s)` : 'up to date'} (${Date.now() - started} ms)`);
  } finally {
    await orm.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
