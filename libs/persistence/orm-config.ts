import { Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { POSTGRESQL_MIGRATIONS } from './migrations/postgresql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * One ORM configuration for the API, the worker, scripts and tests. Migrations are
 * generated per driver (their SQL differs) and listed explicitly, so the same code runs
 * from TypeScript (jest) and from compiled JavaScript (dist) without globbing.
 */
export function ormOptions(database: AppConfig['database'], overrides: Partial<Options> = {}): Options {
  const common: Options = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true },
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    ...overrides,
  };
  if (database.driver === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      driver: BetterSqliteDriver,
      dbName: database.path,
      pool: { min: 1, max: 1, afterCreate: sqlitePragmas } as Options['pool'],
      migrations: migrations('sqlite', SQLITE_MIGRATIONS),
    };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    pool: { min: 0, max: 10 },
    migrations: migrations('postgresql', POSTGRESQL_MIGRATIONS),
  };
}

function migrations(folder: string, list: { name: string; class: unknown }[]): Options['migrations'] {
  return {
    migrationsList: list as NonNullable<Options['migrations']>['migrationsList'],
    // Where `npm run migration:create` writes a new one (source, not dist).
    path: join(process.cwd(), 'libs/persistence/migrations', folder),
    pathTs: join(process.cwd(), 'libs/persistence/migrations', folder),
    transactional: true,
    allOrNothing: true,
    snapshot: false,
    silent: true,
    emit: 'ts',
  };
}

/** WAL lets the API read while the worker writes; busy_timeout waits instead of failing. */
function sqlitePragmas(conn: { pragma: (sql: string) => unknown }, done: (err: Error | null, conn: unknown) => void): void {
  conn.pragma('journal_mode = WAL');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('foreign_keys = ON');
  conn.pragma('synchronous = NORMAL');
  done(null, conn);
}
