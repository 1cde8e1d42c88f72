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

/**
 * Finger routing: the successor list is a run of consecutive peers, so a key between two of them (successors[i] < key
 * <= successors[i + 1]) is the later one's, and a lookup goes straight there as final: a hop less than through the
 * finger before the key, which would send it to its own first successor. `successors` is the list less the peers that
 * missed a hop lately, as the first successor's final hop takes it: a request sent so past an avoided holder goes as
 * sent past its key (PeerMachine.sentPastSilentHolders), as it would from the finger before the key. The list is read
 * only while it runs clockwise short of this peer (where the ring is smaller than the list, it comes round). A stale
 * entry (a peer joined just before it) is caught by the receiver, which passes the lookup back (PeerMachine).
 */
export function straightToKeyPeer(
  self: PeerId,
  key: number,
  successors: readonly PeerId[],
  bits: number,
): Hop | undefined {
  const size = spaceSize(bits);
  for (let i = 0; i + 1 < successors.length; i++) {
    const [from, to] = [successors[i]!, successors[i + 1]!];
    if (between(from, self, to) || distance(self, to, size) <= distance(self, from, size)) return undefined;
    if (between(from, key, to)) return { to, final: true };
  }
  return undefined;
}
