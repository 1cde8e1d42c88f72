// Versions of stored records: totally ordered, so every holder keeps the newest it has seen and never goes back.
import type { PeerId } from './ring.ts';

/**
 * A record's version: a hybrid logical clock stamp (milliseconds on the clock of the peer that took the store, never
 * behind any stamp that peer has seen), then the storing peer and its op as tie-breaks.
 */
export interface Version {
  stamp: number;
  /** The peer whose store wrote it. */
  origin: PeerId;
  /** That store's op at its origin. */
  op: number;
}

/** Records written before versions existed (an adopted old data directory) lose to every version. */
export const OLDEST: Version = { stamp: 0, origin: 0, op: 0 };

/** Negative when a is older than b, positive when newer, 0 for the same version. */
export function compareVersions(a: Version, b: Version): number {
  return a.stamp - b.stamp || a.origin - b.origin || a.op - b.op;
}

export function newer(a: Version, b: Version | undefined): boolean {
  return b === undefined || compareVersions(a, b) > 0;
}

export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  return a !== undefined && b !== undefined && compareVersions(a, b) === 0;
}

/** How a version reads in lines and errors: "Peer 8's store of 2026-12-05T01:02:03.123Z (op 4)". */
export function describeVersion(v: Version): string {
  // Stamps from real clocks are milliseconds since 1970; the simulator's start at 0.
  const when = v.stamp >= 1e12 ? new Date(v.stamp).toISOString() : `t=${v.stamp}`;
  return `Peer ${v.origin}'s store of ${when} (op ${v.op})`;
}

/** A stamp further ahead of a peer's own clock than this is not followed (a wrong clock, a corrupt record). */
export const MAX_AHEAD_MS = 24 * 3600_000;

/**
 * A peer's hybrid logical clock: stamps follow its clock, and never fall behind one it has seen, unless that one is more
 * than MAX_AHEAD_MS ahead of the time of the input being handled (a wrong clock, a corrupt record).
 */
export class HybridClock {
  private last = 0;
  /** The time of the input being handled; undefined before the first. */
  private now: number | undefined;
  /** The newest stamp seen before the first input (the disk's): followed then, within the bound. */
  private early = -1;

  /** The machine's time, at each input. */
  at(now: number): void {
    this.now = now;
    if (this.early < 0) return;
    const early = this.early;
    this.early = -1;
    this.observe(early);
  }

  /**
   * A fresh stamp, later than every stamp this clock gave from its own time or followed, and than `after` (a record's
   * stamp the clock may not have followed) while one past it is a safe integer; the clock itself does not follow
   * `after`, so a later tick without it may be lower (stamps are compared per name, and each store passes its name's).
   */
  tick(now: number, after = -1): number {
    this.last = Math.max(Math.floor(now), this.last + 1);
    return after >= this.last && Number.isSafeInteger(after + 1) ? after + 1 : this.last;
  }

  /** A stamp seen on a record from elsewhere (or on the disk, before the first input). */
  observe(stamp: number): void {
    if (this.now === undefined) this.early = Math.max(this.early, stamp);
    else if (stamp <= this.now + MAX_AHEAD_MS && stamp > this.last) this.last = stamp;
  }
}

/** Whether `value` is a well-formed version (from disk or the network). */
export function isVersion(value: unknown): value is Version {
  const v = value as Partial<Version> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    [v.stamp, v.origin, v.op].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  );
}
