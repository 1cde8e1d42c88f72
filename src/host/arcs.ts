// Which shared thread each peer of a new ring goes to: consecutive peers of the ring together, one arc per thread.
import type { PeerId } from '../core/ring.ts';

/**
 * `ids` cut into `threads` arcs of the ring, as even as they go (the first arcs one peer longer): each id with its
 * arc's number (0 up). A lookup walks successors, a store's copies go to the next peers and their acknowledgements
 * come back the same way, so with arcs a message crosses to another thread only at an arc's end, where handing peers
 * out in turn (one here, the next there) sent nearly every successor's message to the other thread (bench/README.md,
 * twenty-third round). The arcs follow the ids' order on the ring, not the order they were given in.
 */
export function arcsOf(ids: readonly PeerId[], threads: number): Map<PeerId, number> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const arcs = Math.max(1, Math.min(Math.floor(threads), sorted.length));
  return new Map(sorted.map((id, rank) => [id, Math.floor((rank * arcs) / sorted.length)]));
}
