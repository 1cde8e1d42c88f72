// Whether a failed request had a holder it could reach, in the simulated network's own terms (issue 19's "lookups that
// fail while a live holder exists"): computed from the world's ground truth (who was up, which partitions were in
// force), never from what the peers believed.
import type { PeerId } from '../core/ring.ts';
import { Partitions } from './network.ts';

/** What changed who can reach whom, as the world did it. */
export type ReachEvent =
  | { atMs: number; type: 'partition'; id: number; groups: readonly (readonly PeerId[])[] }
  | { atMs: number; type: 'heal'; id: number | 'all' }
  /** The peer's process stopped (a crash, a departure): nothing reaches it until it is up again. */
  | { atMs: number; type: 'down'; peer: PeerId }
  | { atMs: number; type: 'up'; peer: PeerId };

/** A request that failed: who gave it, when, and which members held a committed copy of its name at its start and end. */
export interface FailedRequest {
  origin: PeerId;
  startMs: number;
  endMs: number;
  heldAtStart: readonly PeerId[];
  heldAtEnd: readonly PeerId[];
  /**
   * Holders that no peer the origin could reach knew of (findable) at a moment of the request (its start, just after a
   * cut began, just before one healed) and still at its end, or at every such moment and found again only within a hop
   * timeout of its end (unknownAtEnd): no lookup from the origin's side could have been sent to them in time.
   */
  unknown?: ReadonlySet<PeerId>;
}

export interface HolderReach {
  /** Held the file from the request's start to its end, up all along and never cut off from the origin: the target's count. */
  reachable: PeerId[];
  /** Held it at both ends, but was down, or partitioned from the origin, at some moment of the request. */
  unreachable: PeerId[];
  /** Of the unreachable: those only unknown on the origin's side for a while (up and on its side throughout). */
  unknown?: PeerId[];
}

/**
 * Sorts the request's holders (those holding the file at its start and at its end) by whether the origin could reach
 * them throughout. Partitions split peers into groups; two peers in one group of every partition in force reach each
 * other directly, so "every path cut" and "cut off from it" are the same test here. `events` are in time order; those
 * at or before the start give the state the request began in.
 */
export function holderReach(request: FailedRequest, events: readonly ReachEvent[]): HolderReach {
  const atEnd = new Set(request.heldAtEnd);
  const candidates = request.heldAtStart.filter((id) => atEnd.has(id));
  const partitions = new Partitions();
  const down = new Set<PeerId>();
  const lost = new Set<PeerId>();
  const check = () => {
    for (const id of candidates)
      if (down.has(id) || down.has(request.origin) || !partitions.reachable(request.origin, id)) lost.add(id);
  };
  let started = false;
  for (const event of events) {
    if (event.atMs > request.endMs) break;
    if (!started && event.atMs > request.startMs) {
      check();
      started = true;
    }
    apply(event, partitions, down);
    if (started) check();
  }
  if (!started) check();
  const unknown = candidates.filter((id) => !lost.has(id) && request.unknown?.has(id) === true);
  return {
    reachable: candidates.filter((id) => !lost.has(id) && !unknown.includes(id)),
    unreachable: candidates.filter((id) => lost.has(id) || unknown.includes(id)),
    ...(unknown.length === 0 ? {} : { unknown }),
  };
}

/**
 * The peers `origin` could find at this moment: those some peer it reaches knows of, starting from what it knows itself,
 * through live peers on its side of every cut. A lookup goes only to a peer its sender knows; a holder that no peer on
 * the origin's side knows (its ring neighbours all across a cut, partitions 11061) is found by no lookup until it, or
 * they, learn of the other, which takes the repair of a ring split by the cut (rounds of missed pings), not a lookup.
 */
export function findable(
  origin: PeerId,
  knows: (peer: PeerId) => readonly PeerId[] | undefined,
  reaches: (from: PeerId, to: PeerId) => boolean,
): Set<PeerId> {
  const found = new Set<PeerId>([origin]);
  const queue = [origin];
  for (let peer = queue.shift(); peer !== undefined; peer = queue.shift())
    for (const next of knows(peer) ?? [])
      if (!found.has(next) && knows(next) !== undefined && reaches(origin, next)) {
        found.add(next);
        queue.push(next);
      }
  return found;
}

/**
 * Of a request's holders that no peer on its origin's side knew of at some moment (`lastUnknownAt`: the last such moment
 * sampled, at its start, as a cut began and just before a cut healed), those out of its reach at its end (`endMs`):
 * unknown still (not in `foundAtEnd`); or unknown at every sample since its start (not in `knownAtASample`) and found
 * only within `hopTimeoutMs` of the end. A holder known at a sample meanwhile, or again long before the end, counts as
 * reachable (hosts 5314: unknown for 120 ms). One found only by a heal a moment before the end was out of reach: every
 * retry went while no peer on its side knew of it, and a way sent to a peer across the cut goes on only at its hop
 * timeout (partitions 2137: a heal 88 ms before the deadline, hop timeout 1.37 s; hosts 2580).
 */
export function unknownAtEnd(
  lastUnknownAt: ReadonlyMap<PeerId, number>,
  knownAtASample: ReadonlySet<PeerId>,
  foundAtEnd: ReadonlySet<PeerId>,
  endMs: number,
  hopTimeoutMs: number,
): Set<PeerId> {
  const unknown = new Set<PeerId>();
  for (const [holder, at] of lastUnknownAt)
    if (!foundAtEnd.has(holder) || (!knownAtASample.has(holder) && endMs - at < hopTimeoutMs)) unknown.add(holder);
  return unknown;
}

function apply(event: ReachEvent, partitions: Partitions, down: Set<PeerId>): void {
  switch (event.type) {
    case 'partition':
      partitions.add(event.id, event.groups);
      break;
    case 'heal':
      if (event.id === 'all') partitions.healAll();
      else partitions.heal(event.id);
      break;
    case 'down':
      down.add(event.peer);
      break;
    case 'up':
      down.delete(event.peer);
      break;
  }
}
