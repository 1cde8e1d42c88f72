// The scrub: a peer re-reads its held copies over time and checks each against the sha256 recorded when it was written
// (as ZFS, Ceph and Cassandra scrub), so a copy damaged or deleted under the peer is found without waiting for a read.
// A digest carries the recorded sha256, so anti-entropy alone never sees such a copy; once the scrub finds it, the
// machine forgets it (as when a read finds damage) and anti-entropy copies a good one back from another holder. Pure.
import type { Effect, TimerName } from './io.ts';

export const SCRUB_TIMER: TimerName = { kind: 'scrub' };

/**
 * Held copies checked per round (a round every sync interval), at most: a peer holding F small files checks each within
 * ceil(F / SCRUB_FILES_PER_ROUND) rounds. At the default 30 s interval, 1,000 files take about two hours.
 */
export const SCRUB_FILES_PER_ROUND = 4;

/**
 * Bytes a round reads, at most, but for its first copy (a round checks at least one): four 64 MiB copies would be
 * 256 MiB in one round. A copy larger than what the round has left is not read, and opens the next round. So the scrub
 * stays off the paths of commands: at the default 30 s interval, about 0.5 MiB/s.
 */
export const SCRUB_BYTES_PER_ROUND = 16 * 1024 * 1024;

/** A held copy as the scrub needs it: the sha256 its store recorded. */
export interface Recorded {
  sha256: string;
}

/** How the disk answered a check: the copy's size as recorded, and `skipped` when it was larger than asked (not read). */
export interface Checked {
  sizeBytes?: number;
  skipped?: boolean;
}

export class Scrubber {
  /** The last name checked: the next check goes on after it, in name order, wrapping round. */
  private cursor: string | undefined;
  /** The check asked of the disk and not answered yet: one at a time. */
  private checking: { name: string; sha256: string } | undefined;
  /** The round under way: the names it checked and the bytes they had; undefined between rounds. */
  private round: { names: Set<string>; bytes: number } | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly held: ReadonlyMap<string, Recorded>,
    private readonly perRound = SCRUB_FILES_PER_ROUND,
    private readonly bytesPerRound = SCRUB_BYTES_PER_ROUND,
  ) {}

  start(now: number, out: Effect[]): void {
    out.push({ type: 'schedule', timer: SCRUB_TIMER, at: now + this.intervalMs });
  }

  /** A round: the next held copies in turn are checked, one at a time, unless the disk has not answered the last check. */
  tick(now: number, out: Effect[]): void {
    out.push({ type: 'schedule', timer: SCRUB_TIMER, at: now + this.intervalMs });
    if (this.checking !== undefined) return; // a slow disk: its reads do not pile up
    this.round = { names: new Set(), bytes: 0 };
    this.next(out);
  }

  /**
   * The disk answered the check of `name` at `sha256`: whether this peer asked for it. The round goes on with the next
   * copy while it has files and bytes left; a copy skipped (larger than the bytes left) ends it and opens the next.
   */
  answered(name: string, sha256: string, checked: Checked, out: Effect[]): boolean {
    if (this.checking?.name !== name || this.checking.sha256 !== sha256) return false;
    this.checking = undefined;
    const round = this.round;
    if (round === undefined) return true;
    if (checked.skipped === true) {
      this.round = undefined;
      return true;
    }
    this.cursor = name;
    round.bytes += checked.sizeBytes ?? 0;
    this.next(out);
    return true;
  }

  /** Asks for the next copy in turn, or ends the round (files or bytes used up, or every copy checked in it). */
  private next(out: Effect[]): void {
    const round = this.round;
    if (round === undefined) return;
    const name = nextInTurn(this.held.keys(), this.cursor, 1)[0];
    if (
      name === undefined ||
      round.names.has(name) ||
      round.names.size >= this.perRound ||
      round.bytes >= this.bytesPerRound
    ) {
      this.round = undefined;
      return;
    }
    const sha256 = this.held.get(name)!.sha256;
    const first = round.names.size === 0;
    round.names.add(name);
    this.checking = { name, sha256 };
    out.push({ type: 'verify', name, sha256, ...(first ? {} : { maxBytes: this.bytesPerRound - round.bytes }) });
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
