/** One measured figure against a baseline measured in the same run (bench/results.json). */
export interface BenchFigure {
  name: string;
  value: number;
  baseline: number;
  /** value / baseline, or as the bench defines it (documented in its file). */
  ratio: number;
  unit: string;
  /** The target, e.g. "ratio <= 3"; printed beside the figure. */
  target?: string;
  met?: boolean;
}

export interface Bench {
  name: string;
  run(): Promise<BenchFigure[]>;
}

/** A figure whose ratio value / baseline must stay at or below `maxRatio`. */
export function figure(name: string, value: number, baseline: number, unit: string, maxRatio: number): BenchFigure {
  const ratio = value / baseline;
  return { name, value, baseline, ratio, unit, target: `ratio <= ${maxRatio}`, met: ratio <= maxRatio };
}

/** The median of a few runs (issue 13: one run is at the mercy of a shared machine). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
