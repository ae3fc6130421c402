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
