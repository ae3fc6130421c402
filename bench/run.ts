/**
 * `npm run bench`: runs every bench, prints a table and writes bench/results.json, one
 * entry per figure keyed by name: { value, baseline, ratio, unit }. Figures are ratios
 * against baselines measured in the same run, so they compare across machines.
 * Select benches by name: `npm run bench -- add-all-users`.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bench, BenchFigure } from './figures';

/** Every bench; each lives in its own bench/<name>.bench.ts. */
const BENCHES: Array<() => Promise<Bench>> = [
  () => import('./invitations.bench').then((m) => m.invitationsBench()),
  () => import('./add-all-users.bench').then((m) => m.default()),
  () => import('./reads.bench').then((m) => m.readsBench()),
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures: BenchFigure[] = [];
  for (const load of BENCHES) {
    const bench = await load();
    if (only.length && !only.includes(bench.name)) continue;
    console.log(`• ${bench.name}`);
    figures.push(...(await bench.run()));
  }
  if (figures.length === 0) {
    console.log('no bench selected');
    return;
  }
  console.table(
    figures.map((f) => ({
      name: f.name,
      value: round(f.value),
      baseline: round(f.baseline),
      ratio: round(f.ratio),
      unit: f.unit,
      target: f.target ?? '',
      met: f.met ?? '',
    })),
  );
  const out = join(resolve(__dirname, '..', '..'), 'bench', 'results.json');
  // Figures of the benches not run this time stay as they were.
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  const current = Object.fromEntries(figures.map((f) => [f.name, { value: f.value, baseline: f.baseline, ratio: f.ratio, unit: f.unit }]));
  writeFileSync(out, JSON.stringify({ ...previous, ...current }, null, 2) + '\n');
  console.log(`written ${out}`);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
