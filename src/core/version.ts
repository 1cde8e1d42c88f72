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

/** A peer's hybrid logical clock: stamps follow its clock, and never fall behind one it has seen. */
export class HybridClock {
  private last = 0;

  /** A fresh stamp, later than every stamp this clock gave or saw. */
  tick(now: number): number {
    this.last = Math.max(Math.floor(now), this.last + 1);
    return this.last;
  }

  /** A stamp seen on a record from elsewhere. */
  observe(stamp: number, now?: number): void {
    if (now !== undefined && stamp > now + MAX_AHEAD_MS) return;
    if (stamp > this.last) this.last = stamp;
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
