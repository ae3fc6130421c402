import { eventually } from './eventually';

/** The sum of a metric's samples whose labels include `labels` (Prometheus text format). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? ([\d.eE+-]+|NaN)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...((m[3] as string | undefined) ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[4]);
  }
  return sum;
}

/** The worker's metrics reach its exporter when the task that recorded them completes: reads until `check` holds (5 s at most). */
export function workerMetricsUntil(url: string, check: (text: string) => boolean): Promise<string> {
  return eventually(() => workerMetrics(url), check, 51, 100);
}

/** The worker's Prometheus text, as its exporter serves it now. */
export async function workerMetrics(url: string): Promise<string> {
  return (await fetch(url)).text();
}
