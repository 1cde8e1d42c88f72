// The simulated network's physics: per-link latency, loss and duplication odds, and partitions.
import type { PeerId } from '../core/ring.ts';
import { mix32, type Random } from './random.ts';

/** One-way latency of a message: a fixed base per link (uniform in [baseMinMs, baseMaxMs]) plus exponential jitter per message. */
export interface LatencyModel {
  baseMinMs: number;
  baseMaxMs: number;
  /** Mean of the per-message jitter; it is what reorders datagrams. */
  jitterMeanMs: number;
}

/** Named profiles: a data centre and the public internet. */
export const LATENCY = {
  lan: { baseMinMs: 0.1, baseMaxMs: 1, jitterMeanMs: 0.2 },
  wan: { baseMinMs: 5, baseMaxMs: 150, jitterMeanMs: 10 },
} as const satisfies Record<string, LatencyModel>;

export interface Faults {
  /** Odds that a UDP datagram is lost. */
  loss: number;
  /** Odds that a UDP datagram arrives twice. */
  duplicate: number;
  /** Odds that a TCP message is lost (its kept-open connection broke; the actor drops it). */
  tcpLoss: number;
  /** Odds that a TCP message arrives twice (a harsher world than TCP's, to test idempotence). */
  tcpDuplicate: number;
}

export class Network {
  constructor(
    private readonly seed: number,
    private readonly latency: LatencyModel,
    readonly faults: Faults,
  ) {}

  /** No more loss or duplication from now on: the settle phase, after which liveness can be checked. */
  calm(): void {
    Object.assign(this.faults, { loss: 0, duplicate: 0, tcpLoss: 0, tcpDuplicate: 0 } satisfies Faults);
  }

  /** The fixed part of a link's latency, the same both ways; hashed, not stored, so 10^5 peers cost nothing. */
  baseMs(a: PeerId, b: PeerId): number {
    if (a === b) return 0.01;
    const { baseMinMs, baseMaxMs } = this.latency;
    const u = mix32(this.seed, Math.min(a, b), Math.max(a, b)) / 4_294_967_296;
    return baseMinMs + u * (baseMaxMs - baseMinMs);
  }

  /** One message's one-way latency. */
  delayMs(random: Random, a: PeerId, b: PeerId): number {
    return this.baseMs(a, b) + random.exponential(this.latency.jitterMeanMs);
  }
}

/** Partitions in force: each splits the peers into groups that cannot reach each other. */
export class Partitions {
  /** Per partition: the group of each listed peer; peers not listed form one more group. */
  private readonly active = new Map<number, Map<PeerId, number>>();

  get size(): number {
    return this.active.size;
  }

  add(id: number, groups: readonly (readonly PeerId[])[]): void {
    const groupOf = new Map<PeerId, number>();
    for (const [i, group] of groups.entries()) for (const peer of group) groupOf.set(peer, i);
    this.active.set(id, groupOf);
  }

  heal(id: number): boolean {
    return this.active.delete(id);
  }

  healAll(): number {
    const n = this.active.size;
    this.active.clear();
    return n;
  }

  reachable(a: PeerId, b: PeerId): boolean {
    if (a === b) return true;
    for (const groupOf of this.active.values()) if ((groupOf.get(a) ?? -1) !== (groupOf.get(b) ?? -1)) return false;
    return true;
  }
}
