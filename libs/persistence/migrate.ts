import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { ClientBase } from 'pg';
import { createHash } from 'node:crypto';
import { sqlConnection } from './sql-connection';

/**
 * Brings the schema up to date; safe to call when nothing is pending, and safe when
 * several replicas call it at once: on PostgreSQL they queue on an advisory lock and the
 * later ones find nothing pending; on SQLite (one host, one file) a loser of the race
 * finds the winner's migrations applied and succeeds too. Answers how many it applied.
 */
export async function migrate(orm: MikroORM): Promise<number> {
  if (isPostgres(orm)) return withPostgresLock(orm, 'collaboration:migrate', async () => (await orm.migrator.up()).length);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await orm.migrator.up()).length;
    } catch (e) {
      // Another process migrated this file meanwhile (our transaction rolled back) or
      // still holds the write lock; done if nothing is pending any more, else retry.
      if ((await pendingMigrations(orm)).length === 0) return 0;
      if (attempt >= 10) throw e;
      await sleep(500 * attempt);
    }
  }
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPendingMigrations()).map((m) => m.name);
}

/**
 * For a process that must not migrate (production API replicas, workers): waits until
 * the migrate job has applied every migration this code knows, or fails after timeoutMs.
 */
export async function waitForMigrations(orm: MikroORM, opts: { timeoutMs: number; onWait?: (pending: string[]) => void }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastReport = 0;
  for (;;) {
    const pending = await pendingMigrations(orm);
    if (pending.length === 0) return;
    if (Date.now() >= deadline)
      throw new Error(`the database lacks ${pending.length} migration(s) (${pending.join(', ')}); run \`npm run migrate\` (or set DATABASE_MIGRATE=true)`);
    if (Date.now() - lastReport >= 10_000) {
      opts.onWait?.(pending);
      lastReport = Date.now();
    }
    await sleep(1000);
  }
}

/**
 * Runs fn while holding a PostgreSQL session advisory lock named `name` (one connection
 * of the pool holds it; fn uses the others). Other holders of the same name wait.
 */
export async function withPostgresLock<T>(orm: MikroORM, name: string, fn: () => Promise<T>): Promise<T> {
  // Knex types its pool as `any`; on PostgreSQL its connections are node-postgres clients.
  const client = sqlConnection(orm.em).getKnex().client as Knex.Client;
  const conn = (await client.acquireConnection()) as ClientBase;
  const key = lockKey(name);
  try {
    await conn.query('select pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await client.releaseConnection(conn);
  }
}

export function isPostgres(orm: MikroORM): boolean {
  return orm.config.get('driver')?.name === 'PostgreSqlDriver';
}

/** A stable 63-bit advisory lock key for a name (bigint as text, as pg expects). */
function lockKey(name: string): string {
  return (createHash('sha256').update(name).digest().readBigInt64BE(0) & 0x7fffffffffffffffn).toString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
