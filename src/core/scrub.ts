// The scrub: a peer re-reads its held copies over time and checks each against the sha256 recorded when it was written
// (as ZFS, Ceph and Cassandra scrub), so a copy damaged or deleted under the peer is found without waiting for a read.
// A digest carries the recorded sha256, so anti-entropy alone never sees such a copy; once the scrub finds it, the
// machine forgets it (as when a read finds damage) and anti-entropy copies a good one back from another holder. Pure.
import type { Effect, TimerName } from './io.ts';

export const SCRUB_TIMER: TimerName = { kind: 'scrub' };

/**
 * Held copies checked per round (a round every sync interval): a peer holding F files checks each within
 * ceil(F / SCRUB_FILES_PER_ROUND) rounds. At the default 30 s interval, 1,000 files take about two hours, and a peer
 * reads at most this many files each round, one at a time (the runtime), so the scrub stays off the paths of commands.
 */
export const SCRUB_FILES_PER_ROUND = 4;

/** A held copy as the scrub needs it: the sha256 its store recorded. */
export interface Recorded {
  sha256: string;
}

export class Scrubber {
  /** The last name checked: the next round goes on after it, in name order, wrapping round. */
  private cursor: string | undefined;
  /** The checks asked of the disk and not answered yet (name -> the sha256 asked about). */
  private readonly checking = new Map<string, string>();

  constructor(
    private readonly intervalMs: number,
    private readonly held: ReadonlyMap<string, Recorded>,
    private readonly perRound = SCRUB_FILES_PER_ROUND,
  ) {}

  start(now: number, out: Effect[]): void {
    out.push({ type: 'schedule', timer: SCRUB_TIMER, at: now + this.intervalMs });
  }

  /** A round: the next held copies in turn are checked, unless the disk has not answered the last round's yet. */
  tick(now: number, out: Effect[]): void {
    out.push({ type: 'schedule', timer: SCRUB_TIMER, at: now + this.intervalMs });
    if (this.checking.size > 0) return; // a slow disk: its reads do not pile up
    for (const name of nextInTurn(this.held.keys(), this.cursor, this.perRound)) {
      const sha256 = this.held.get(name)!.sha256;
      this.checking.set(name, sha256);
      this.cursor = name;
      out.push({ type: 'verify', name, sha256 });
    }
  }

  /** The disk answered the check of `name` at `sha256`: whether this peer asked for it. */
  answered(name: string, sha256: string): boolean {
    if (this.checking.get(name) !== sha256) return false;
    this.checking.delete(name);
    return true;
  }
}

/**
 * The next `count` names after `cursor` in name order, wrapping round to the first ones (each at most once): a
 * round-robin over a set that changes between rounds, with no state but the last name taken. O(names x count).
 */
export function nextInTurn(names: Iterable<string>, cursor: string | undefined, count: number): string[] {
  const after: string[] = [];
  const from: string[] = []; // the names up to the cursor, for the wrap
  for (const name of names) {
    const into = cursor === undefined || name > cursor ? after : from;
    insertSmallest(into, name, count);
  }
  return [...after, ...from].slice(0, count);
}

/** Keeps `kept` the `count` smallest names seen, sorted. */
function insertSmallest(kept: string[], name: string, count: number): void {
  if (kept.length === count && name >= kept[count - 1]!) return;
  let i = kept.length;
  while (i > 0 && kept[i - 1]! > name) i--;
  kept.splice(i, 0, name);
  if (kept.length > count) kept.pop();
}
