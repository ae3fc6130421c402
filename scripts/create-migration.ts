/**
 * Generates a migration for each driver from the entities: `npm run migration:create`.
 * SQLite is generated against a throwaway file; PostgreSQL needs DATABASE_URL pointing
 * at a database that has every earlier migration applied. Add the new class to the
 * folder's index.ts. Never edit a migration that has run.
 */
import { MikroORM } from '@mikro-orm/core';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ormOptions } from '../libs/persistence/orm-config';

async function generate(database: Parameters<typeof ormOptions>[0]): Promise<void> {
  const orm = await MikroORM.init(ormOptions(database));
  try {
    const migrator = orm.migrator;
    await migrator.up();
    const initial = (await migrator.getExecutedMigrations()).length === 0;
    const result = await migrator.createMigration(undefined, false, initial);
    console.log(`${database.driver}: ${result.fileName || 'no changes'}`);
  } finally {
    await orm.close(true);
  }
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `migration-gen-${process.pid}.sqlite`);
  await generate({ driver: 'sqlite', path: file, migrate: false, migrationWaitMs: 0 });
  rmSync(file, { force: true });
  if (process.env.DATABASE_URL) await generate({ driver: 'postgresql', url: process.env.DATABASE_URL, migrate: false, migrationWaitMs: 0 });
  else console.log('postgresql: skipped (set DATABASE_URL to a PostgreSQL database)');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
