import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';

/**
 * The connection of an entity manager, as the SQL connection it is: both databases this
 * service runs on (SQLite, PostgreSQL) use MikroORM's knex drivers, whose `execute` types
 * its rows (the core `Connection` answers `any`).
 */
export function sqlConnection(em: EntityManager): AbstractSqlConnection {
  return em.getConnection() as AbstractSqlConnection;
}
