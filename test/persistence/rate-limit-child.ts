/**
 * One process of the cross-process rate-limiter test: waits for the shared start time,
 * fires its hits at once against the shared database, prints how many were allowed.
 * argv: key, limit, hits, startAt (epoch ms), clock (epoch ms, fixed so no window ends mid-test).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../../libs/config/app-config';
import { ormOptions } from '../../libs/persistence/orm-config';
import { RateLimiter } from '../../libs/persistence/rate-limiter';

async function main(): Promise<void> {
  const [key, limit, hits, startAt, clock] = process.argv.slice(2);
  const config = loadConfig({ AUTH_HS256_SECRET: 'x'.repeat(32), DATABASE_URL: process.env.TEST_DATABASE_URL, SQLITE_PATH: process.env.TEST_SQLITE_PATH });
  const orm = await MikroORM.init(ormOptions(config.database));
  const limiter = new RateLimiter(orm);
  limiter.clock = () => Number(clock);
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const results = await Promise.all(Array.from({ length: Number(hits) }, () => limiter.hit(key, Number(limit), 3600)));
  process.stdout.write(JSON.stringify({ allowed: results.filter((r) => r.allowed).length }));
  await orm.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
