// Chord finger tables: finger i of peer n points at successor(n + 2^i). The table, what a peer learns into it, and fix-fingers' walk. Pure.
import { between, distance, firstAtOrAfter, idDistance, spaceSize, type PeerId } from './ring.ts';

/** Where finger `i` of peer `id` starts: id + 2^i, wrapped. */
export function fingerStart(id: PeerId, i: number, bits: number): number {
  return (id + spaceSize(i)) % spaceSize(bits);
}

/**
 * The ideal table of `id` in a ring of `sorted` members: finger i is the first member at or after its
 * start. Computed from the whole ring (tests, the simulator's static build, benchmarks); peers learn theirs.
 */
export function idealFingers(id: PeerId, sorted: readonly PeerId[], bits: number): PeerId[] {
  return Array.from({ length: bits }, (_, i) => firstAtOrAfter(sorted, fingerStart(id, i, bits)));
}

/** One peer's fingers: null where none is known (at start, or after that peer went). */
export class FingerTable {
  private readonly entries: (PeerId | null)[];
  private readonly size: number;
  /** Each finger's start, computed once: learn runs on every message a peer hears. */
  private readonly starts: number[];

  constructor(
    readonly id: PeerId,
    readonly bits: number,
    initial?: readonly PeerId[],
  ) {
    this.size = spaceSize(bits);
    this.starts = Array.from({ length: bits }, (_, i) => fingerStart(id, i, bits));
    this.entries = Array.from({ length: bits }, (_, i) => initial?.[i] ?? null);
  }

  get(i: number): PeerId | null {
    return this.entries[i] ?? null;
  }

  list(): (PeerId | null)[] {
    return [...this.entries];
  }

  /** Every distinct peer in the table other than this one. */
  peers(): PeerId[] {
    return [...new Set(this.entries)].filter((p): p is PeerId => p !== null && p !== this.id);
  }

  /**
   * `peer` is successor(start of finger i), as a fix-fingers lookup found: it is finger i, and every
   * following finger whose start lies in [start i, peer] has the same successor. Returns the index
   * after the last finger set.
   */
  found(i: number, peer: PeerId): number {
    const reach = peer === this.id ? this.size : distance(this.id, peer, this.size);
    let j = i;
    do {
      this.entries[j] = peer;
      j++;
    } while (j < this.bits && idDistance(this.id, this.starts[j]!, this.size) <= reach);
    return j;
  }

  /** A live peer heard from: it takes the fingers whose start it is closer to than their current entry. */
  learn(peer: PeerId): void {
    if (peer === this.id) return;
    const size = this.size;
    const entries = this.entries;
    const starts = this.starts;
    for (let i = 0; i < this.bits; i++) {
      const current = entries[i];
      if (current === peer) continue;
      if (current === null || current === undefined) {
        entries[i] = peer;
        continue;
      }
      const start = starts[i]!;
      if (idDistance(start, peer, size) < idDistance(start, current, size)) entries[i] = peer;
    }
  }

  /** A peer that died or departed: its fingers are unknown until fix-fingers finds their successors again. */
  forget(peer: PeerId): void {
    for (let i = 0; i < this.bits; i++) if (this.entries[i] === peer) this.entries[i] = null;
  }

  /** Whether finger i's start lies between this peer and its first successor: then the successor is that finger. */
  coveredBySuccessor(i: number, successor: PeerId): boolean {
    return between(this.id, this.starts[i]!, successor);
  }
}
