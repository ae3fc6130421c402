import {
  AbstractSqlDriver,
  AnyEntity,
  EntityData,
  QueryResult,
  BetterSqliteConnection,
  BetterSqliteKnexDialect,
  BetterSqlitePlatform,
  Configuration,
  JsonProperty,
  Utils,
} from '@mikro-orm/better-sqlite';
// knex's own SQLite transaction, to begin ours IMMEDIATE (knex has no option for it).
type KnexSqliteTransaction = new (...args: unknown[]) => { query(conn: unknown, sql: string): Promise<unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal knex module: no export path, no types
const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction') as KnexSqliteTransaction;

/**
 * Issue 13: a transaction that reads and then writes begins IMMEDIATE, taking the write
 * lock up front. A deferred one that read a snapshot and then meets another process's
 * commit fails at its first write with "database is locked" (SQLITE_BUSY_SNAPSHOT),
 * which no busy timeout can absorb; an immediate one waits for the lock (busy_timeout).
 */
class ImmediateTransaction extends SqliteTransaction {
  begin(conn: unknown): Promise<unknown> {
    return this.query(conn, 'BEGIN IMMEDIATE;');
  }
}

class ImmediateDialect extends BetterSqliteKnexDialect {
  transaction(...args: unknown[]): unknown {
    return new ImmediateTransaction(this, ...args);
  }
}

type Bindable = string | number | bigint | Buffer | null;

/**
 * Issue 13: MikroORM writes every parameter into the SQL text (platform.formatQuery) and
 * runs it unbound; a value SQLite's tokenizer cannot read (a NUL character) then failed
 * the statement. Here values are bound parameters, converted as formatQuery would have
 * quoted them; a query with a parameter that only SQL text can carry (raw SQL, a tuple)
 * keeps MikroORM's path.
 */
class BoundSqliteConnection extends BetterSqliteConnection {
  override createKnex(): void {
    this.client = this.createKnexClient(ImmediateDialect as unknown as string);
    this.connected = true;
  }

  override async execute<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[]>(
    query: unknown,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: unknown,
    loggerContext?: object,
  ): Promise<T> {
    let sql = query;
    let values = params;
    if (Utils.isObject<{ toSQL(): { sql: string; bindings?: unknown[] }; client: { transacting?: boolean } }>(query)) {
      ctx ??= query.client.transacting ? query : undefined;
      const compiled = query.toSQL();
      sql = compiled.sql;
      values = compiled.bindings ?? [];
    }
    const bindings = typeof sql === 'string' && !sql.includes('??') ? toBindings(values) : undefined;
    if (typeof sql !== 'string' || !bindings || bindings.length === 0) {
      return super.execute(query as string, params, method, ctx, loggerContext);
    }
    await this.ensureConnection();
    const text = this.config.get('onQuery')(sql, values);
    return this.executeQuery(
      text,
      async () => {
        const raw = this.getKnex().raw(text, bindings as never);
        if (ctx) raw.transacting(ctx as never);
        return this.transformRawResult<T>(await raw, method);
      },
      { query: text, params: values, ...loggerContext },
    );
  }
}

/** Parameters as better-sqlite3 binds them, or undefined when one can only be SQL text. */
function toBindings(params: unknown[]): Array<Bindable | Bindable[]> | undefined {
  const out: Array<Bindable | Bindable[]> = [];
  for (const p of params) {
    if (Array.isArray(p) && !(p as unknown as Record<symbol, unknown>)[JsonProperty]) {
      const list = p.map(scalar);
      if (list.some((v) => v === undefined) || list.length === 0) return undefined;
      out.push(list as Bindable[]);
      continue;
    }
    const value = scalar(p);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

function scalar(p: unknown): Bindable | undefined {
  if (p === null || p === undefined) return null;
  if (typeof p === 'string' || typeof p === 'number' || typeof p === 'bigint' || Buffer.isBuffer(p)) return p;
  if (typeof p === 'boolean') return p ? 1 : 0;
  if (p instanceof Date) return +p;
  if (Utils.isRawSql(p) || (Array.isArray(p) && !(p as unknown as Record<symbol, unknown>)[JsonProperty])) return undefined;
  if (Utils.isPlainObject(p) || (p as Record<symbol, unknown>)[JsonProperty]) return JSON.stringify(p);
  return undefined;
}

/** BetterSqliteDriver with immediate transactions and bound parameters. */
export class SqliteDriver extends AbstractSqlDriver<BoundSqliteConnection, BetterSqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new BetterSqlitePlatform(), BoundSqliteConnection, ['knex', 'better-sqlite3']);
  }
}
