// Successor-list arithmetic: ring order, filling, and the repairs after a join, a departure or a death. Pure.
import { distance, spaceSize, type PeerId } from './ring.ts';

/** How many successors a peer keeps on the original's 8-bit ring: the original keeps two (r, --successors). */
export const SUCCESSOR_COUNT = 2;
/** The longest successor list a peer keeps (a ping response carries it; the wire takes 32 ids). */
export const MAX_SUCCESSOR_COUNT = 32;
/** Successors that print lines when they change (`My new first/second successor`), as the original. */
export const NAMED_SUCCESSORS = 2;

/** Distinct peers other than `self`, in clockwise order starting after `self`. */
export function ringOrder(self: PeerId, peers: Iterable<PeerId>, idBits: number): PeerId[] {
  const size = spaceSize(idBits);
  return [...new Set(peers)]
    .filter((p) => p !== self)
    .sort((a, b) => distance(self, a, size) - distance(self, b, size));
}

/**
 * A successor list of exactly `count` entries from candidates already in ring order: duplicates and
 * `self` dropped, the candidates read only up to where they come round to `self` again, and, when the ring has fewer
 * peers, the ring walked round again (a ring of two peers gives [other, self]; a peer alone gives [self, self]), as the
 * original does.
 */
export function fillSuccessors(self: PeerId, inOrder: readonly PeerId[], count = SUCCESSOR_COUNT): PeerId[] {
  // Candidates that come round to `self` have walked the whole ring: what follows is this list again, or peers that
  // were in it before (a successor's wrapped list in a ring smaller than r). Taken, two lists pushed round a 4-peer
  // ring with crashed peers in their tails took turns at every peer, each change pushed on (hosts 10661: 80,000 messages
  // in 30 s).
  const first = inOrder.findIndex((p) => p !== self);
  const others = first < 0 ? [] : inOrder.slice(first);
  const round = others.indexOf(self);
  const distinct = [...new Set(round < 0 ? others : others.slice(0, round))].slice(0, count);
  const cycle = [...distinct, self];
  const out: PeerId[] = [];
  for (let i = 0; out.length < count; i++) out.push(cycle[i % cycle.length]!);
  return out;
}

/**
 * The list's peers up to its first repeat or `self`: where it ends going round the ring. A short ring's list comes
 * round (fillSuccessors: [10, 30, 40, 50, 0, 10] at 0), and what follows is the list again.
 */
export function distinctRun(self: PeerId, list: readonly PeerId[]): PeerId[] {
  const run: PeerId[] = [];
  for (const peer of list) {
    if (peer === self || run.includes(peer)) break;
    run.push(peer);
  }
  return run;
}

/** The list of the peer a newcomer joins after: [newcomer, ...its old successors]. */
export function afterJoin(
  self: PeerId,
  successors: readonly PeerId[],
  newcomer: PeerId,
  count = SUCCESSOR_COUNT,
): PeerId[] {
  return fillSuccessors(self, [newcomer, ...successors], count);
}

/** The newcomer's list: what follows it, i.e. the accepting peer's old successors, then the accepting peer itself. */
export function newcomerList(
  newcomer: PeerId,
  accepter: PeerId,
  accepterSuccessors: readonly PeerId[],
  count = SUCCESSOR_COUNT,
): PeerId[] {
  return fillSuccessors(newcomer, [...accepterSuccessors, accepter], count);
}

/** A predecessor's list after `leaving` departs: the leaving peer's successors take its place. */
export function afterDeparture(
  self: PeerId,
  successors: readonly PeerId[],
  leaving: PeerId,
  leavingSuccessors: readonly PeerId[],
  count = SUCCESSOR_COUNT,
): PeerId[] {
  const spliced = successors
    .flatMap((s) => (s === leaving ? [...leavingSuccessors] : [s]))
    .filter((s) => s !== leaving);
  return fillSuccessors(self, spliced, count);
}

/**
 * The list after some successors were declared dead: every peer this one knows to follow it (its
 * successors and the lists they last reported in ping responses), less the dead, nearest first.
 * Two adjacent peers dying at once is covered by the second one's last reported list.
 */
export function afterDeaths(
  self: PeerId,
  successors: readonly PeerId[],
  dead: ReadonlySet<PeerId>,
  reported: ReadonlyMap<PeerId, readonly PeerId[]>,
  idBits: number,
  count = SUCCESSOR_COUNT,
): PeerId[] {
  const known = [...successors, ...successors.flatMap((s) => reported.get(s) ?? [])];
  return fillSuccessors(
    self,
    ringOrder(
      self,
      known.filter((p) => !dead.has(p)),
      idBits,
    ),
    count,
  );
}
