import { MikroORM } from '@mikro-orm/core';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../libs/config/app-config';
import { ormOptions } from '../../libs/persistence/orm-config';
import { RateLimiter } from '../../libs/persistence/rate-limiter';

const run = promisify(execFile);
const HOUR = 3600_000;

/**
 * The shared rate limiter on the real database (SQLite or PostgreSQL, whichever the run
 * uses): API replicas share one count, so N replicas allow the limit once (issue #15).
 */
describe('shared rate limiter', () => {
  let orm: MikroORM;
  let limiter: RateLimiter;
  let now: number;
  beforeAll(async () => {
    const config = loadConfig({ AUTH_HS256_SECRET: 'x'.repeat(32), DATABASE_URL: process.env.TEST_DATABASE_URL, SQLITE_PATH: process.env.TEST_SQLITE_PATH });
    orm = await MikroORM.init(ormOptions(config.database));
    await orm.migrator.up();
    limiter = new RateLimiter(orm);
    limiter.clock = () => now;
  });
  afterAll(() => orm.close());
  beforeEach(() => {
    now = Math.floor(Date.now() / HOUR) * HOUR + 1000; // one second into an hour window
  });

  it('allows the limit in a window, then refuses with Retry-After until the window ends, then starts again', async () => {
    const key = `t:${randomUUID()}`;
    const first = await limiter.hit(key, 3, 3600);
    expect(first).toEqual({ allowed: true, limit: 3, remaining: 2, retryAfterSeconds: 0, resetSeconds: 3599 });
    expect((await limiter.hit(key, 3, 3600)).remaining).toBe(1);
    expect((await limiter.hit(key, 3, 3600)).remaining).toBe(0);
    now += 600_000;
    expect(await limiter.hit(key, 3, 3600)).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterSeconds: 2999, resetSeconds: 2999 });
    now += 2_998_999; // the window's last millisecond: still refused
    expect((await limiter.hit(key, 3, 3600)).allowed).toBe(false);
    now += 1; // the next window starts from zero
    expect(await limiter.hit(key, 3, 3600)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps each key apart', async () => {
    const a = `t:${randomUUID()}`;
    await limiter.hit(a, 1, 60);
    expect((await limiter.hit(a, 1, 60)).allowed).toBe(false);
    expect((await limiter.hit(`t:${randomUUID()}`, 1, 60)).allowed).toBe(true);
  });

  it('a process whose clock lags counts into the newest window instead of resetting it', async () => {
    const key = `t:${randomUUID()}`;
    now += HOUR;
    await limiter.hit(key, 2, 3600);
    now -= HOUR + 1; // a replica an hour-boundary behind
    await limiter.hit(key, 2, 3600);
    now += HOUR + 1;
    expect((await limiter.hit(key, 2, 3600)).allowed).toBe(false);
  });

  it('stores only a digest of the key, and prunes counters whose window has ended', async () => {
    const key = `invite-page:203.0.113.${Math.floor(Math.random() * 255)}:${randomUUID()}`;
    await limiter.hit(key, 5, 60);
    const rows: { key_digest: string }[] = await orm.em.getConnection().execute('select key_digest from rate_limit_counters');
    expect(rows.some((r) => r.key_digest.includes(key) || key.includes(r.key_digest))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_digest))).toBe(true);
    now += 2 * HOUR;
    expect(await limiter.prune()).toBeGreaterThan(0);
    expect(await orm.em.getConnection().execute('select key_digest from rate_limit_counters where expires_at >= ?', [now])).toEqual([]);
  });

  it('refuses a limit or window that is not a positive integer', async () => {
    await expect(limiter.hit('t:x', 0, 60)).rejects.toThrow(RangeError);
    await expect(limiter.hit('t:x', 5, 0.5)).rejects.toThrow(RangeError);
  });

  it('four processes hitting one key at once are allowed exactly the limit between them', async () => {
    const key = `t:${randomUUID()}`;
    const limit = 37;
    const startAt = Date.now() + 4000; // after every child has connected
    const children = Array.from({ length: 4 }, () =>
      run(
        process.execPath,
        ['-r', join(__dirname, '../support/register-ts.js'), join(__dirname, 'rate-limit-child.ts'), key, String(limit), '25', String(startAt), String(now)],
        {
          env: process.env,
          timeout: 60_000,
        },
      ),
    );
    const allowed = (await Promise.all(children)).map((c) => (JSON.parse(c.stdout) as { allowed: number }).allowed);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(limit);
    expect(allowed.filter((n) => n > 0).length).toBeGreaterThan(1); // really concurrent, not one process taking all
    expect((await limiter.hit(key, limit, 3600)).allowed).toBe(false);
  });
});
