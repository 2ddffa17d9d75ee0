/** A goal on a figure: on its ratio to the baseline, or on its own value (e.g. a latency ceiling). */
export interface Goal {
  on: 'ratio' | 'value';
  /** The figure must be at least this (throughput-like). */
  min?: number;
  /** The figure must be below this (latency-like). */
  max?: number;
}

/** One measured figure, with the baseline it is compared to when it has one. */
export interface Figure {
  label: string;
  unit: string;
  value: number;
  /** Measured in the same run, same unit; the ratio printed is value / baseline. */
  baseline?: { label: string; value: number };
  goal?: Goal;
}

/** What a benchmark hands back to the runner; `notes` say what exactly was measured. */
export interface BenchmarkOutcome {
  figures: Figure[];
  notes?: string[];
}

/** Size knobs the runner passes down; `quick` asks for a short smoke run. */
export interface BenchmarkContext {
  quick: boolean;
  log(message: string): void;
}

/** A benchmark: one file under bench/ whose default export is this object. */
export interface BenchmarkDefinition {
  /** Also the results file name: bench/results/<name>.json. */
  name: string;
  description: string;
  run(ctx: BenchmarkContext): Promise<BenchmarkOutcome>;
}

/** Identity helper that exists only for types. */
export function defineBenchmark(definition: BenchmarkDefinition): BenchmarkDefinition {
  return definition;
}
