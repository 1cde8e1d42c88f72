// Reconnecting after long cuts: a peer alone, or cut off from peers longer than their probes last, keeps trying its
// seeds (--seeds) and the peers it lost, with backoff at a bounded rate, so two rings merge after a partition of any
// length. A try is a probe (a rank-0 ping): one that answers is in a ring and is taken in as a probed peer is. Pure.
import type { PeerId } from './ring.ts';

/** The backoff doubles from one ping interval to at most this many (10 min at 30 s, 4 s at 0.2 s). */
export const RETRY_MAX_ROUNDS = 20;
/** Peers whose probes ran out that are still retried, the most recent first: what a long partition cut off. */
export const LOST_MAX = 8;

interface Schedule {
  /** When the next try is due. */
  next: number;
  /** Tries so far: the next wait is min(2^attempt, RETRY_MAX_ROUNDS) ping intervals. */
  attempt: number;
}

/** The wait before try `attempt + 1`, in ms. */
export function retryDelayMs(attempt: number, pingIntervalMs: number): number {
  return pingIntervalMs * Math.min(2 ** Math.min(attempt, 30), RETRY_MAX_ROUNDS);
}

export class Reconnect {
  /** Peers this one lost for longer than their probes last (most recent last), each with its schedule. */
  private readonly lost = new Map<PeerId, Schedule>();
  /** The seeds' schedules while this peer is alone or cut off; cleared once it is neither. */
  private readonly seeding = new Map<PeerId, Schedule>();

  constructor(
    private readonly self: PeerId,
    private readonly seeds: readonly PeerId[],
    private readonly pingIntervalMs: number,
  ) {}

  /** Cut off: it lost peers whose probes ran out, and none of them came back yet. */
  get cutOff(): boolean {
    return this.lost.size > 0;
  }

  /**
   * `peer`'s probe window ended without an answer: it is retried from now on, with backoff. `waitMs`: the first try
   * (a peer left alone tries the peers it heard of at once).
   */
  lose(peer: PeerId, now: number, waitMs = this.pingIntervalMs): void {
    if (peer === this.self) return;
    this.lost.delete(peer);
    this.lost.set(peer, { next: now + waitMs, attempt: 0 });
    // Bounded: the oldest losses go first (a peer that died for good is not retried for ever by every peer).
    while (this.lost.size > LOST_MAX) this.lost.delete(this.lost.keys().next().value!);
  }

  /** `peer` was heard from: it is not lost. */
  found(peer: PeerId): void {
    this.lost.delete(peer);
  }

  /** Whether an answer from `peer` answers one of these tries. */
  retrying(peer: PeerId): boolean {
    return this.lost.has(peer) || this.seeding.has(peer);
  }

  /** The peers to try now (`alone`: this peer's ring is itself); each one's next try is scheduled further off. */
  due(now: number, alone: boolean): PeerId[] {
    const out: PeerId[] = [];
    const take = (peer: PeerId, schedule: Schedule) => {
      if (now < schedule.next) return;
      out.push(peer);
      schedule.next = now + retryDelayMs(++schedule.attempt, this.pingIntervalMs);
    };
    for (const [peer, schedule] of this.lost) take(peer, schedule);
    if (!alone && !this.cutOff) {
      this.seeding.clear();
      return out;
    }
    for (const seed of this.seeds) {
      if (seed === this.self) continue;
      let schedule = this.seeding.get(seed);
      if (schedule === undefined) this.seeding.set(seed, (schedule = { next: now, attempt: 0 }));
      if (!out.includes(seed)) take(seed, schedule);
    }
    return out;
  }
}
