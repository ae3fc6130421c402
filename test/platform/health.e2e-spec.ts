import { CACHE_MS, Readiness } from '../../apps/api/health/readiness';
import { freePort } from '../../libs/net/free-port';
import { waitForHealth } from '../../libs/net/wait-for-health';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Issue #15 (liveness and readiness apart), #10 (public health says only up/down; a bad
 * Authorization header on it is ignored) and #16 (health is cheap under load).
 */
describe('health: liveness, readiness, details', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    // Readiness may honestly be down while the lazy Temporal connection first comes up.
    await waitForHealth(`${t.http.baseUrl}/health/ready`, 60_000);
  });
  afterAll(() => t.close());

  it('liveness and readiness answer up, and say nothing more', async () => {
    for (const path of ['/health/live', '/health/ready', '/health']) {
      const res = await t.http.get(path);
      expect([path, res.status, res.body]).toEqual([path, 200, { status: 'up' }]);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('the public probes ignore a malformed or forged Authorization header', async () => {
    for (const authorization of ['Basic Zm9vOmJhcg==', 'Bearer not.a.jwt', 'Bearer']) {
      for (const path of ['/health', '/health/live', '/health/ready']) {
        const res = await t.http.request('GET', path, undefined, { authorization });
        expect([path, authorization, res.status]).toEqual([path, authorization, 200]);
      }
    }
  });

  it('details need a bearer token, then name each dependency', async () => {
    expect((await t.http.get('/health/details')).status).toBe(401);
    const [admin] = (await anOrganisation(t.orm)).users;
    const res = await t.http.as(await t.tokenFor(admin)).get('/health/details');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'up',
      database: { status: 'up', driver: t.config.database.driver },
      temporal: { status: 'up', address: t.config.temporal.address },
    });
  });

  it('100 concurrent readiness probes share rounds of dependency checks: at most one round per cache period, not one per caller', async () => {
    const readiness = t.app.get(Readiness);
    await t.http.get('/health/ready');
    const before = readiness.rounds;
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 100 }, () => t.http.get('/health/ready')));
    const periods = Math.ceil((Date.now() - started) / CACHE_MS) + 1;
    expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(readiness.rounds - before).toBeLessThanOrEqual(Math.min(periods, 99));
  });

  it('callers within one cache period share one round (single flight), the next period runs a new one', async () => {
    const readiness = t.app.get(Readiness);
    const now = Date.now() + 60_000;
    const before = readiness.rounds;
    const reports = await Promise.all(Array.from({ length: 50 }, () => readiness.report(now)));
    expect(readiness.rounds - before).toBe(1);
    expect(new Set(reports).size).toBe(1);
    await readiness.report(now + CACHE_MS - 1);
    expect(readiness.rounds - before).toBe(1);
    await readiness.report(now + CACHE_MS);
    expect(readiness.rounds - before).toBe(2);
  });
});

describe('health when Temporal is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false, env: { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` } });
  });
  afterAll(() => t.close());

  it('liveness stays up (no I/O), readiness answers 503 "down" fast, without saying why', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect([ready.status, ready.body]).toEqual([503, { status: 'down' }]);
    expect(ready.text).not.toMatch(/temporal|127\.0\.0\.1|sqlite|postgres/i);
    const [admin] = (await anOrganisation(t.orm)).users;
    const details = await t.http.as(await t.tokenFor(admin)).get('/health/details');
    expect(details.status).toBe(503);
    expect(details.body).toMatchObject({ status: 'down', database: { status: 'up' }, temporal: { status: 'down' } });
  });
});
