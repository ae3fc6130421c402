import { Client } from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A PostgreSQL database of the bench's own beside the one `url` names (never that one), to drop afterwards. */
export async function scratchDatabase(url: string): Promise<ScratchDatabase> {
  const name = `collab_bench_${Date.now()}_${process.pid}`;
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `measure` on a SQLite file in `dir`, then, when DATABASE_URL is set, on a scratch
 * PostgreSQL database that is dropped afterwards; `drivers` limits which of the two run.
 */
export async function onEachDatabase<T>(
  dir: string,
  measure: (driver: 'sqlite' | 'postgresql', dbEnv: Record<string, string>) => Promise<T[]>,
  drivers: string[] = ['sqlite', 'postgresql'],
): Promise<T[]> {
  const figures: T[] = [];
  if (drivers.includes('sqlite')) figures.push(...(await measure('sqlite', { SQLITE_PATH: `${dir}/bench.sqlite` })));
  if (process.env.DATABASE_URL && drivers.includes('postgresql')) {
    const database = await scratchDatabase(process.env.DATABASE_URL);
    try {
      figures.push(...(await measure('postgresql', { DATABASE_URL: database.url })));
    } finally {
      await database.drop();
    }
  }
  return figures;
}
