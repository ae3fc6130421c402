import { Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { POSTGRESQL_MIGRATIONS } from './migrations/postgresql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { SqliteDriver } from './sqlite-driver';

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
      driver: SqliteDriver,
      dbName: database.path,
      pool: { min: 1, max: 1, afterCreate: sqlitePragmas },
      migrations: migrations('sqlite', SQLITE_MIGRATIONS),
    };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    // A database that is down refuses the connection at once (knex propagates it: 503).
    // Waiting for a busy pool is not an outage: up to DB_POOL_WAIT_MS instead of knex's 60 s.
    // (No connect timeout: on an overloaded machine a 3 s one failed healthy connects.)
    pool: { min: 0, max: 10, acquireTimeoutMillis: DB_POOL_WAIT_MS },
    migrations: migrations('postgresql', POSTGRESQL_MIGRATIONS),
  };
}

/** How long a request waits for a free pooled connection before the API answers 503. */
export const DB_POOL_WAIT_MS = 10_000;

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

/**
 * WAL lets the API read while the worker writes; busy_timeout waits instead of failing,
 * and transactions begin IMMEDIATE (sqlite-driver.ts) so the wait is always possible.
 */
function sqlitePragmas(conn: { pragma: (sql: string) => unknown }, done: (err: Error | null, conn: unknown) => void): void {
  conn.pragma('journal_mode = WAL');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('foreign_keys = ON');
  conn.pragma('synchronous = NORMAL');
  done(null, conn);
}
