/**
 * The load of bench/reads.bench.ts: GET one URL from `concurrency` clients in a loop until a
 * fixed number of answers, recording each latency; a run's figures are its p50, p99 and req/s.
 */

/** Requests per run at concurrency 1 and at 10 (BENCH_READS_REQUESTS=50,200 for a quick look). */
const [SERIAL, PARALLEL] = (process.env.BENCH_READS_REQUESTS ?? '200,500').split(',').map(Number);
const RUNS = 3;
const WARM_UP = 20;

export interface Sample {
  p50: number;
  p99: number;
  rps: number;
}

export interface Target {
  url: string;
  token: string;
}

type Runs = Record<1 | 10, Sample[]>;

/** RUNS runs of each concurrency for both targets, fresh and large alternating, so drift on a shared machine hits both alike. */
export async function interleavedRuns(targets: { fresh: Target; large: Target }): Promise<{ fresh: Runs; large: Runs }> {
  await load(targets.fresh, 1, WARM_UP);
  await load(targets.large, 1, WARM_UP);
  const out = { fresh: { 1: [], 10: [] } as Runs, large: { 1: [], 10: [] } as Runs };
  for (let r = 0; r < RUNS; r++) {
    for (const c of [1, 10] as const) {
      for (const which of ['fresh', 'large'] as const) out[which][c].push(await load(targets[which], c, c === 1 ? SERIAL : PARALLEL));
    }
  }
  return out;
}

async function load(target: Target, concurrency: number, total: number): Promise<Sample> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        const { ms, res, body } = await get(target);
        latencies.push(ms);
        if (res.status !== 200) throw new Error(`GET ${new URL(target.url).pathname} answered ${res.status}: ${body.slice(0, 300)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: total / seconds };
}

/**
 * One GET, timed. A kept-alive socket the server closed just as we reused it (its 5 s idle
 * timeout) fails with a reset before any request was handled: that one is sent again and
 * timed afresh, as a browser would.
 */
async function get(target: Target, attempt = 1): Promise<{ ms: number; res: Response; body: string }> {
  const t = performance.now();
  try {
    const res = await fetch(target.url, { headers: { authorization: `Bearer ${target.token}` } });
    const body = await res.text();
    return { ms: performance.now() - t, res, body };
  } catch (e) {
    if (attempt < 3 && (e as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return get(target, attempt + 1);
    throw e;
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
