// Convergence: for each disturbance (crash, join, departure, heal), the time until the ring is right again.
import { checkQuiet, type InvariantName } from './invariants.ts';
import type { Disturbance } from './types.ts';
import type { World } from './world.ts';

/** What "right again" means: the ring's shape, every successor list live (the quiet checks that do not need idle commands). */
const SHAPE: ReadonlySet<InvariantName> = new Set(['ring', 'successorLive']);
/** Samples follow a disturbance at this share of the time since the oldest open one: a 2 % resolution at any scale. */
const RESOLUTION = 0.02;
const MIN_STEP_MS = 0.5;

export interface Converged extends Disturbance {
  /** Ms from the disturbance until the ring was right again (its op done, no partition in force), or null if never. */
  afterMs: number | null;
}

export interface ConvergenceSummary {
  disturbances: number;
  converged: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** The same per kind of disturbance. */
  byKind: Record<string, { n: number; converged: number; p50Ms: number | null; maxMs: number | null }>;
}

export class Convergence {
  readonly done: Converged[] = [];
  private readonly open: Disturbance[] = [];
  private seen = 0;

  constructor(
    private readonly world: World,
    private readonly maxStepMs: number,
  ) {}

  /** True once the world recorded a disturbance not taken in yet: the driver pauses to sample right after it. */
  readonly fresh = (): boolean => this.world.disturbances.length > this.seen;

  /** When to look next: soon after an open disturbance, never when there is none. */
  nextSampleAt(): number {
    const oldest = this.open[0];
    if (oldest === undefined) return Number.POSITIVE_INFINITY;
    const now = this.world.now;
    return now + Math.min(this.maxStepMs, Math.max(MIN_STEP_MS, RESOLUTION * (now - oldest.atMs)));
  }

  /** Takes in new disturbances and closes every open one the ring has now got over. */
  sample(): void {
    const world = this.world;
    while (this.seen < world.disturbances.length) this.open.push(world.disturbances[this.seen++]!);
    if (this.open.length === 0 || world.partitions.size > 0) return;
    const settled = (d: Disturbance) =>
      d.op === undefined || world.ops.get(d.op)?.result !== undefined || world.ops.get(d.op)?.orphaned === true;
    if (!this.open.some(settled) || checkQuiet(world, SHAPE) !== undefined) return;
    for (let i = 0; i < this.open.length; ) {
      const d = this.open[i]!;
      if (settled(d)) {
        this.done.push({ ...d, afterMs: world.now - d.atMs });
        this.open.splice(i, 1);
      } else i++;
    }
  }

  /** Runs the world to `untilMs`, sampling after every disturbance and as long as one is open. */
  drive(untilMs: number): void {
    const world = this.world;
    while (world.violation === undefined && world.now < untilMs) {
      world.run(Math.min(untilMs, this.nextSampleAt()), this.fresh);
      this.sample();
    }
  }

  summary(): ConvergenceSummary {
    const all = [...this.done, ...this.open.map((d) => ({ ...d, afterMs: null }))];
    const byKind: ConvergenceSummary['byKind'] = {};
    for (const kind of new Set(all.map((d) => d.kind))) {
      const times = sortedTimes(all.filter((d) => d.kind === kind));
      byKind[kind] = {
        n: all.filter((d) => d.kind === kind).length,
        converged: times.length,
        p50Ms: percentile(times, 50),
        maxMs: times.at(-1) ?? null,
      };
    }
    const times = sortedTimes(all);
    return {
      disturbances: all.length,
      converged: times.length,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.at(-1) ?? null,
      byKind,
    };
  }
}

function sortedTimes(list: readonly Converged[]): number[] {
  return list.flatMap((d) => (d.afterMs === null ? [] : [d.afterMs])).sort((a, b) => a - b);
}

/** Nearest-rank percentile of sorted values, null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}
