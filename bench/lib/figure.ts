// What a figure module exports and what the runner hands it: the mode, a seeded RNG, recording and progress.

export type Mode = 'quick' | 'full';

/** One line of the results: a distribution (n samples) or a single derived value (p95/p99 null). */
export interface Row {
  figure: string;
  /** Unique across the run, e.g. `lookup.request.actor.N32`. */
  name: string;
  /** What a person reads in the table. */
  label: string;
  n: number;
  p50: number;
  p95: number | null;
  p99: number | null;
  mean: number;
  unit: string;
  params?: Record<string, number | string>;
  /** The rows this one is compared with (its floors), measured in the same run: the table shows p50 / reference p50 for each. */
  references?: string[];
  note?: string;
}

/** A row of one derived value (a rate, a size, a time taken once), not a distribution; `n` 1 unless given. */
export function valueRow(row: Omit<Row, 'n' | 'p50' | 'p95' | 'p99' | 'mean'> & { value: number; n?: number }): Row {
  const { value, n = 1, ...rest } = row;
  return { ...rest, n, p50: value, p95: null, p99: null, mean: value };
}

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

export interface Context {
  mode: Mode;
  random: () => number;
  record(row: Row): void;
  /** This figure's progress, 0..1, and what it is doing now. */
  progress(fraction: number, detail?: string): void;
  /** Notes for latest.md under this figure (what a reader must know to read the numbers). */
  note(text: string): void;
  /** A table of its own under the figure (where rows of the common table would not read well side by side). */
  table(table: Table): void;
  /** A part of the figure that could not be measured: shown in bold, the figure is marked partial and the run exits 1. */
  problem(text: string): void;
}

export interface Figure {
  name: string;
  title: string;
  /** Figures whose rows this one's ratios refer to; the runner runs them first, in the same run. */
  needs?: string[];
  /** Rough seconds it takes, to weigh the progress bar. */
  seconds(mode: Mode): number;
  run(ctx: Context): Promise<void>;
}
