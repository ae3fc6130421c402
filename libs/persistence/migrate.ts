import { MikroORM } from '@mikro-orm/core';

/** Brings the schema up to date; safe to call when nothing is pending. */
export async function migrate(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().up()).length;
}
