// The protocol's messages as the core sees them; src/wire maps them to and from proto/ringdht.proto.
import type { PeerId } from './ring.ts';
import type { Version } from './version.ts';

export type LookupKind = 'store' | 'request';
/** store: origin -> responsible peer; deliver: holder -> requester; replica: a copy between holders. */
export type TransferPurpose = 'store' | 'deliver' | 'replica';

/** A held file as digests list it: its bytes' sha256 (hex) and its version. */
export interface FileEntry {
  name: string /** hex */;
  sha256: string;
  version: Version;
}

/** "I am your predecessor": rank 1 when the receiver is the sender's first successor, 2 when second; 0: a probe of a peer declared dead. */
export interface PingRequest {
  type: 'pingRequest';
  seq: number;
  rank: number;
  /**
   * The pinger's own predecessors, nearest first (left out: none known), as a ping response names the responder's
   * successors: a peer cut off from its successors may still reach the holders of a key just behind it.
   */
  predecessors?: PeerId[];
}
/** `predecessor`: the responder's first predecessor (null if not known), so the pinger can find a closer successor. */
export interface PingResponse {
  type: 'pingResponse';
  seq: number;
  successors: PeerId[];
  predecessor: PeerId | null;
  /** The responder's zone (left out: not known). */
  zone?: string;
  /** Each successor's zone, as far as the responder knows ('' where it does not); left out: none known. */
  zones?: string[];
  /** The responder's incarnation: raised only to refute a suspicion of it (absent: 0). */
  incarnation?: number;
}
/** A store or request travelling along the ring towards the peer responsible for `key`. */
export interface Lookup {
  type: 'lookup';
  kind: LookupKind;
  origin: PeerId;
  op: number;
  name: string;
  key: number;
  /** The sender found the receiver responsible for the key. */
  final: boolean;
  hops: number;
  /** A request the responsible peer could not serve, passed on to its replicas: 1 at the first, 2 at the second. */
  attempt: number;
  /** attempt > 0: the responsible peer, which passed the request on to its replicas (told when none has the file). */
  responsible?: PeerId;
  /** attempt > 0, copies placed across zones: the key's holders besides the responsible peer, in the order asked. */
  holders?: PeerId[];
  /** Finger routing: the receiver acknowledges the hop with this number (absent or 0: no acknowledgement wanted). */
  ack?: number;
  /** A request from a peer that keeps a copy of the file: its version (a holder with it or older answers SameCopy). */
  holds?: Version;
  /**
   * A request sent straight to a peer at or past its key, not along the route: by a peer whose successors were all
   * silent, by the requester's last retry (to each holder it knows), or back to a predecessor that is the key's peer.
   * That peer serves its copy, walks the replicas if it is the key's peer, or else passes it nearer the key or tells
   * the requester the route was cut (not that the file is absent); it is never routed round the ring from there.
   */
  detoured?: true;
  /**
   * The requester sent the lookup again another way, its earlier ones lost (no answer, or stuck): 1, 2, ... up to
   * MAX_LOOKUP_RETRIES; absent: the first. A lookup sent again is another lookup to the peers that passed the first on.
   */
  retry?: number;
  /**
   * A request asked again of the holder that took a store acknowledged to the requester, after an older copy was
   * refused: another question than the first, which that holder served already.
   */
  stale?: true;
  /**
   * attempt > 0: the walk of the key's holders passed over some of them, which missed hops lately at the peer that
   * walked (cut off a moment ago, or busy), or peers its successors report that its list does not hold yet: they may
   * hold the copies. A NOT_FOUND at the walk's end says so.
   * A store: its final hop passed over the key's peer, silent lately at the sender; the receiver takes it as stand-in.
   */
  passedOver?: true;
  /**
   * attempt > 0: a peer of the walk of the key's holders lost a ring neighbour lately (src/core/machine.ts,
   * ringUnsettled): copies taken elsewhere while the ring was changing may still be on their way to them; or it lost
   * its copy of the file lately (walkUnsettled: the replicas' copies may still be pending). A NOT_FOUND at the walk's
   * end says so.
   */
  unsettled?: true;
  /**
   * A request's second copy, sent at once beside a hop to one of its key's holders, to the next holder the sender knows
   * (src/core/machine.ts, nextHolderKnown): served where it finds a copy, never copied again, and where it would be
   * reported stuck or not found it is dropped instead, so the requester's retries keep the first copy's timing.
   */
  also?: true;
}
/** Times a requester sends a lost lookup again another way (src/core/machine.ts, retryLookup). */
export const MAX_LOOKUP_RETRIES = 2;
/**
 * Peers past a key's R holders that a walk finding no copy asks (src/core/machine.ts, mayHoldLateCopies): the last
 * holder's successor, while it is new to that list. A request's lookup may take this many hops more than its R-1 replicas.
 */
export const LATE_HOLDERS_ASKED = 1;
/** Peers a request's walk may ask after the key's own: its R-1 replicas, and the late holders past them. */
export function walkedPastKey(replicas: number): number {
  return replicas - 1 + LATE_HOLDERS_ASKED;
}
/** Responsible peer to the origin of a store: send me the file. */
export interface StoreReady {
  type: 'storeReady';
  op: number;
  name: string;
  hops: number;
}
/** Responsible peer to the origin of a store: `copies` are durable (the store is done), or `error` says why not. */
export interface Stored {
  type: 'stored';
  op: number;
  name: string;
  hops: number;
  copies: number;
  error: string;
  /** The store's version (acknowledged), or the newer one it lost a race to (failed). */
  version?: Version;
  /** Failed because a newer store of the name won. */
  superseded?: boolean;
  /**
   * Not committed here, but not known failed either: a peer sent a copy never confirmed its discard (it went silent),
   * so that copy may still become the file. The origin reports a timeout (outcome unknown), not a failure.
   */
  unknown?: boolean;
}
/** Responsible peer to the origin of a request: the file is not in the DHT. */
/** Error texts that travel (a refusal, why a file could not be sent) are cut to this many characters. */
export const MAX_ERROR_CHARS = 1024;

/** No such file at the responsible peer and its replicas; or, with `error`, a holder had it but could not send it. */
/**
 * A key's holder to a request's origin, instead of the file: the copy the origin keeps (its lookup's `holds`) is
 * `version`, the one this holder would have sent, or newer, so the origin serves its own.
 */
export interface SameCopy {
  type: 'sameCopy';
  op: number;
  name: string;
  hops: number;
  version: Version;
}
export interface NotFound {
  type: 'notFound';
  op: number;
  name: string;
  hops: number;
  error?: string;
  /**
   * To the responsible peer, not the requester: the replicas it passed `origin`'s request on to had no such file
   * either (the requester was told at once). The responsible peer prints the original's line.
   */
  copiesAsked?: { origin: PeerId };
  /**
   * To the requester: its lookup stopped at the sender, none of whose successors acknowledged it (not that the file is
   * absent). The requester fails the request with NO_ROUTE now, or serves the latest copy it keeps itself.
   */
  stuck?: true;
  /**
   * To the requester, no copy found: the peer that took itself for the key's responsible peer, whose replicas were
   * asked. A requester that knows a peer nearer the key asks it before it believes the answer (a ring not merged yet).
   */
  responsible?: PeerId;
  /** With `responsible`: the holders the walk asked, from the responsible peer to the sender. */
  asked?: number;
  /** To the requester: the lookup's `retry` (which of the ways it sent got stuck, or found no copy); absent: the first. */
  retry?: number;
  /** To the requester: the way was its ask of the latest store's holder after a stale copy was refused (Lookup.stale). */
  stale?: true;
  /** With `responsible`: the walk passed over holders that missed hops lately, or not in a walker's list yet (Lookup.passedOver). */
  passedOver?: true;
  /** With `responsible`: a peer of the walk lost a ring neighbour or its copy lately (Lookup.unsettled): the requester asks again. */
  unsettled?: true;
}

/** A newcomer asks to be placed; forwarded along the ring to the peer it follows. */
export interface JoinRequest {
  type: 'joinRequest';
  newcomer: PeerId;
  hops: number;
}
/** To the newcomer: your place is taken, these are your successors. */
export interface JoinAccepted {
  type: 'joinAccepted';
  successors: PeerId[];
  zones?: string[];
}
export interface JoinRefused {
  type: 'joinRefused';
  reason: string;
}
/**
 * "My successors are now `successors`": the peer whose first successor is `origin` takes origin's new
 * first successor as its second. Any other receiver (origin's knowledge of its predecessor was stale,
 * or missing) passes it on along the ring until it reaches that peer.
 */
export interface SuccessorChange {
  type: 'successorChange';
  origin: PeerId;
  successors: PeerId[];
  hops: number;
  zones?: string[];
}
/** `leaving` departs: its predecessors put its successors in its place (walking the ring when it did not know them). */
export interface Departure {
  type: 'departure';
  leaving: PeerId;
  successors: PeerId[];
  zones?: string[];
  hops: number;
  /** Which predecessor the leaving peer takes the receiver for: 1 or 2; 0 while it walks the ring. */
  rank: number;
  /**
   * No second predecessor has said it on the way: the leaving peer knew none (it quit before that one's first ping
   * reached it), or a walk may have passed it on a finger. The first predecessor passes it on to its own first, as rank 2.
   */
  passOn?: boolean;
}
/** To the leaving peer; `first` when it was the sender's first successor (the last peer a walk has to reach). */
export interface DepartureAck {
  type: 'departureAck';
  leaving: PeerId;
  first: boolean;
}

/**
 * A peer that keeps more than two successors sends its new list to its first predecessor as soon as it changes: that
 * one takes the tail (no line, as from a ping response), and passes its own on when it changed.
 */
export interface SuccessorList {
  type: 'successorList';
  successors: PeerId[];
  zones?: string[];
}

/**
 * SWIM's indirect probe (ping-req): `requester`'s ping to `target` went unanswered, so it asks helpers to try. A helper
 * passes it on to the target; the target answers the helper with an IndirectAck, which the helper passes back. Quiet.
 */
export interface IndirectProbe {
  type: 'indirectProbe';
  target: PeerId;
  requester: PeerId;
  seq: number;
}
export interface IndirectAck {
  type: 'indirectAck';
  target: PeerId;
  requester: PeerId;
  seq: number;
  /** The target's incarnation. */
  incarnation: number;
}
/** `peer` missed a round and its indirect probes at `incarnation`: told to it (it refutes if alive) and the helpers. */
export interface Suspect {
  type: 'suspect';
  peer: PeerId;
  incarnation: number;
}
/** `peer` is alive at `incarnation`: cancels any suspicion of it at a lower one. */
export interface Alive {
  type: 'alive';
  peer: PeerId;
  incarnation: number;
}

/** To a departing peer's successors: it no longer precedes them, so a farther peer may now claim the slot. */
export interface Leaving {
  type: 'leaving';
  peer: PeerId;
}

/**
 * Anti-entropy: the sender is responsible for the keys in (rangeLo, sender]; here are the files it
 * holds with keys in (lo, hi], a part of that range. The receiver asks for what it lacks and sends
 * what the sender lacks. `handoff`: the sender is departing, take what you lack and send nothing back.
 */
export interface Digest {
  type: 'digest';
  rangeLo: PeerId;
  lo: PeerId;
  hi: PeerId;
  entries: FileEntry[];
  handoff: boolean;
  /** The sender places copies across zones: it chose the receiver by zone, not as one of its next R-1 successors. */
  zoned?: boolean;
}
/** To a digest's sender: send me these. */
export interface DigestReply {
  type: 'digestReply';
  want: string[];
}
/**
 * "Who keeps these bytes?": asked before `origin` drops copies it no longer needs. It goes to the peer
 * responsible for the names' key (found by a lookup) and on along first successors for `ttl` peers (the
 * key's R keepers); each answers `origin`, or asks it for the file when it keeps the key but lacks it.
 */
export interface HoldQuery {
  type: 'holdQuery';
  origin: PeerId;
  ttl: number;
  names: string[] /** each name's version at the origin */;
  versions: Version[];
}
/** The names the sender holds (at the version asked about, or a newer one) and keeps, being one of their R holders by its own view. */
export interface HoldReply {
  type: 'holdReply';
  held: string[];
}

/**
 * Responsible peer to the holders of a store's pending copies: the store of `version` is acknowledged (keep it:
 * promote the pending copy), or it failed (`discard` it).
 */
export interface Settle {
  type: 'settle';
  name: string;
  version: Version;
  outcome: 'commit' | 'discard';
  /**
   * Replica to the responsible peer: this discard is carried out here, no copy of the store is left (or will land). A
   * failed store is reported failed only once every replica that may hold its copy said so: a copy left in doubt is
   * presumed committed (Replicator.presumeInDoubt), so no failed store's bytes must be left to become the file.
   */
  done?: boolean;
}

/** Fix-fingers: "who holds `target`?", routed as a lookup is; the responsible peer answers the origin directly. */
export interface FindSuccessor {
  type: 'findSuccessor';
  origin: PeerId;
  seq: number;
  target: number;
  final: boolean;
  hops: number;
  ack?: number;
  /**
   * Sent by a peer that nobody pinged lately (Membership.lookBehind), for the id just before its own, naming up to four
   * peers that pinged it last (or that those named): a peer it passes that lists one of them or saw it go, and knows no
   * live peer before the origin, probes it and takes it in (a dead arc closes), unless one of the named peers between
   * them that it did not know answers too (that one is nearer, and is taken in instead).
   */
  behind?: PeerId[];
}
/** The answer to a FindSuccessor: `successor` (the sender) is responsible for `target`. */
export interface SuccessorFound {
  type: 'successorFound';
  seq: number;
  target: number;
  successor: PeerId;
}
/** "I have it": a peer acknowledges a hop that came to it as a finger, so a dead finger is noticed and routed around. */
export interface HopAck {
  type: 'hopAck';
  ack: number;
}

/** Messages the peers exchange on the control paths (UDP for pings, TCP for the rest). */
export type Message =
  | PingRequest
  | PingResponse
  | Lookup
  | StoreReady
  | Stored
  | NotFound
  | SameCopy
  | JoinRequest
  | JoinAccepted
  | JoinRefused
  | SuccessorChange
  | Departure
  | DepartureAck
  | Leaving
  | SuccessorList
  | IndirectProbe
  | IndirectAck
  | Suspect
  | Alive
  | Digest
  | DigestReply
  | HoldQuery
  | HoldReply
  | Settle
  | FindSuccessor
  | SuccessorFound
  | HopAck;

/**
 * The largest file that travels inline (InlineFile) rather than on a connection of its own: part of the protocol, so
 * peers with other chunk sizes agree, and small enough that a control connection is never held up for long (about
 * 0.1 ms on loopback) and reading or writing it synchronously costs less than a thread-pool round trip.
 */
export const INLINE_MAX_BYTES = 64 * 1024;

/**
 * The command a transfer serves: a store's file and a request's carry the origin's `op`, and so do the replica
 * copies a store makes; a copy sent by anti-entropy or hand-off serves no command and has no op.
 */
export type TransferFor =
  | { purpose: 'store'; op: number }
  | { purpose: 'deliver'; op: number }
  | { purpose: 'replica'; op?: number };

/** Opens a file transfer (on its own TCP connection); chunks and the digest follow on the wire. */
export type TransferHeader = TransferFor & {
  origin: PeerId;
  name: string;
  sizeBytes: number;
  hops: number;
  /** The version of a held copy (a replica copy, a delivery); a store's file gets its version where it is taken. */
  version?: Version;
  /** A store's copy that waits until the store is acknowledged (Settle). */
  pending?: boolean;
};
