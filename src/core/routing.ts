// Choosing a lookup's next hop: along the successors (the original), or to the closest preceding finger (Chord). Pure.
import { between, distance, spaceSize, type PeerId } from './ring.ts';

/** `successor`: one peer at a time, as the original (O(N) hops); `finger`: Chord's finger tables (O(log N)). */
export type Routing = 'successor' | 'finger';
export const ROUTINGS: readonly Routing[] = ['successor', 'finger'];

/** The original's 8-bit ring keeps its routes and lines; larger spaces route on fingers. */
export function defaultRouting(idBits: number): Routing {
  return idBits <= 8 ? 'successor' : 'finger';
}

export interface Hop {
  to: PeerId;
  /** The receiver is responsible for the key (it lies between this peer and its first successor). */
  final: boolean;
}

/**
 * Where a lookup for `key` at `self` goes next; undefined when `self` serves it (it is final here, the
 * key is its id, or it is alone). With candidates (fingers and the successor list), it goes to the one that
 * most closely precedes the key, skipping `avoid` (peers that did not acknowledge a hop): progress on
 * every hop, so never more hops than peers, and at worst the first successor.
 */
export function nextHop(
  self: PeerId,
  key: number,
  successors: readonly PeerId[],
  bits: number,
  candidates: Iterable<PeerId> = [],
  avoid: ReadonlySet<PeerId> = new Set(),
): Hop | undefined {
  const first = successors[0] ?? self;
  if (key === self || first === self) return undefined;
  if (between(self, key, first)) return { to: first, final: true };
  const size = spaceSize(bits);
  let best = first;
  let bestDistance = distance(self, first, size);
  for (const peer of candidates) {
    if (peer === self || avoid.has(peer)) continue;
    if (peer === key) return { to: peer, final: true }; // the key's own peer holds it
    const d = distance(self, peer, size);
    if (d > bestDistance && between(self, peer, key)) {
      best = peer;
      bestDistance = d;
    }
  }
  return { to: best, final: false };
}
