// Which shared thread each peer of a new ring goes to: consecutive peers of the ring together, one arc per thread.
import type { PeerId } from '../core/ring.ts';

/**
 * `ids` cut into `threads` arcs of the ring, as even as they go (sizes differ by one at most): each id with its
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

/**
 * The shared thread for a peer that joins later (`hosts`: each thread with the peers it hosts, none empty): the thread
 * of its predecessor among them, so its arc grows by one, unless that thread would then host more than one peer over
 * the least loaded's count; then the least loaded (the first of them).
 */
export function threadForJoiner<T>(id: PeerId, hosts: ReadonlyMap<T, ReadonlySet<PeerId>>): T | undefined {
  let least: T | undefined;
  let leastCount = Number.POSITIVE_INFINITY;
  let predecessor: T | undefined;
  let predecessorGap = Number.POSITIVE_INFINITY;
  for (const [thread, ids] of hosts) {
    if (ids.size < leastCount) [least, leastCount] = [thread, ids.size];
    for (const other of ids) {
      // How far `other` is behind `id` clockwise, in order only: one past the wrap counts from beyond any id.
      const gap = other < id ? id - other : Number.MAX_SAFE_INTEGER - (other - id);
      if (gap < predecessorGap) [predecessor, predecessorGap] = [thread, gap];
    }
  }
  if (predecessor !== undefined && hosts.get(predecessor)!.size <= leastCount) return predecessor;
  return least;
}
