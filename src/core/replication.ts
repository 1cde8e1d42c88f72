// Replication: which peers hold which keys, the write quorum of a store, anti-entropy between neighbours,
// hand-off before a departure, and dropping copies a peer no longer needs. Pure.
//
// What is promised: every file is held by the peer responsible for its key and the next R-1 peers; where its
// successor list spans zones (--zone), by the next peers of other zones instead (replicaTargets), so one zone's loss
// loses nothing. A peer keeps copies of its own range, and of the ranges whose responsible peers send it their digests
// as one of their holders (zoned digests; in one zone, those of its R-1 predecessors, as holdingRange says).
// Every record has a version (src/core/version.ts); a holder keeps the newest it has seen and never goes back.
// A store is taken in two phases: the responsible peer gives it a version and keeps it pending, as do the replicas
// it copies it to (the copies start as the file arrives, not after its own copy is durable); once W copies, its own
// among them, are durable (W is never lowered, unless the ring has fewer members), it commits
// (the pending copies become the file) and acknowledges the store; if it cannot, or a newer store of the name got
// there first, the pending copies are discarded and the store fails: a failed store's bytes never become the file.
// The commit is presumed (two-phase commit's "presumed commit"): a durable pending copy counted for W is part of an
// acknowledged store, so a copy whose store nobody can settle any more (its responsible peer crashed with the only
// record of the commit) must still become the file. So a discard is confirmed by every replica that may keep the copy
// before the store is reported failed, and a pending copy no peer settled within the op timeout is committed; a
// responsible peer's own pending copy is committed as soon as that peer starts again (commitOwnPending): only it could
// settle it, and its store may have been acknowledged before its commit reached the disk (a real store flushes the
// commit's record, and renames the copy into place, off the store's path; a copy it then cannot put in place is lost
// at this peer, as a disk that lost a file: a read or the scrub says so, fileLost, and the replicas repair it).
// Copies that are missing or older anywhere are found by anti-entropy: every peer sends each of its R-1 successors
// the list of files it is responsible for, with their versions (a digest), and each side sends the other what is
// newer. A copy a peer no longer needs is dropped only after the R peers that keep it confirm they hold it.
import type { Effect, TimerName, TransferRef } from './io.ts';
import { lines } from './lines.ts';
import {
  type Digest,
  type DigestReply,
  type FileEntry,
  type HoldQuery,
  MAX_ERROR_CHARS,
  type Message,
  type Settle,
  type Stored,
  walkedPastKey,
} from './messages.ts';
import { between, type PeerId, spaceSize } from './ring.ts';
import { compareVersions, describeVersion, newer, sameVersion, type Version } from './version.ts';

/** A copy as a peer keeps it: its bytes' sha256 (hex) and its version. */
export interface Held {
  sha256: string;
  version: Version;
}

export interface ReplicationConfig {
  /** Copies of every file: the responsible peer and the next R-1 peers (R, --replicas). */
  replicas: number;
  /** Durable copies a store waits for before it completes (W, at most R). */
  writeQuorum: number;
  /** How often a peer sends its digests to its successors. */
  syncIntervalMs: number;
  /** After the ring around a peer changes, its next digests go out this soon. */
  syncDelayMs: number;
  /** A departing peer gives up handing its files over when its successor has not answered or taken one for this long. */
  handoffTimeoutMs: number;
  /** A store's origin gives up on it after this: its copies are not awaited past it. */
  opTimeoutMs: number;
  /**
   * A store's copy not acknowledged within this (plus the time its bytes may take, transferAllowanceMs) after the
   * responsible peer's own copy is durable counts as failed (the hop timeout): a replica that died without a word does
   * not hold the store up.
   */
  copyTimeoutMs: number;
}

/** The most replicas a peer can place: its successor list is this long (SUCCESSOR_COUNT + 1). */
export const MAX_REPLICAS = 3;
/**
 * The most hops a lookup's messages carry (the wire refuses more): round the ring to the key's peer, each id at most
 * once, and that peer may be the origin itself, which sent it on because it knew no predecessor yet; then the walk past
 * the key's peer (walkedPastKey). Not the ring's ids alone (datagramLoss 2462: 31 peers of 32 ids, 19 asked for key 18
 * before 17 had pinged it, and the lookup came back to 19 on hop 31, whose walk took hop 33).
 */
export function maxLookupHops(idBits: number): number {
  return spaceSize(idBits) + walkedPastKey(MAX_REPLICAS);
}
/** Entries in one digest message: a digest of more goes in several messages, each covering a key range. */
export const MAX_DIGEST_ENTRIES = 2048;
/** The most peers a hold query visits (it goes to a key's R keepers; the wire takes no more). */
export const HOLD_QUERY_DEPTH = 8;
/** Across zones, a peer keeps a range for a responsible peer while its digests keep coming: this many rounds. */
export const DIGEST_KEEP_ROUNDS = 3;
/** The peers whose digests' ranges a peer remembers (digestsFrom), the latest. */
const MAX_DIGESTS_FROM = 32;
/** Times a peer asks the holders of the keys a new first predecessor took over (at once, then at its syncs). */
const HANDOVER_ROUNDS = 3;
/** Settles a peer remembers for copies that had not landed when they came; the oldest are forgotten past this. */
const MAX_SETTLED_AHEAD = 256;
/** Members remembered for a store's write quorum (Replicator.knownMembers): far more than any W. */
const MAX_KNOWN_MEMBERS = 256;
/** Sync rounds past the op timeout a pending copy waits for its settle (or a digest of its version) before it is kept. */
const DOUBT_ROUNDS = 1;
/** The slowest transfer a deadline allows for: 1 KiB per ms (about 1 MB/s), so a 64 MiB file gets about 65 s. */
export const MIN_TRANSFER_BYTES_PER_MS = 1024;
export const SYNC_TIMER: TimerName = { kind: 'sync' };

/** The time a file of `sizeBytes` may take on its way at the slowest rate a deadline allows (MIN_TRANSFER_BYTES_PER_MS). */
export function transferAllowanceMs(sizeBytes: number): number {
  return Math.ceil(sizeBytes / MIN_TRANSFER_BYTES_PER_MS);
}
export const HANDOFF_TIMER: TimerName = { kind: 'handoff' };

/** What the replicator needs from the machine that hosts it. */
export interface ReplicaHost {
  readonly id: PeerId;
  /** Every file this peer holds (serves). */
  readonly held: Map<string, Held>;
  /** Stores' copies waiting for their store to be settled: never served. */
  readonly pending: Map<string, Held>;
  /** A version seen on the wire: the peer's clock never stamps behind it. */
  observe(version: Version): void;
  /** 2^idBits. */
  readonly spaceSize: number;
  keyOf(name: string): number;
  successors(): readonly PeerId[];
  predecessors(): readonly [PeerId | null, PeerId | null];
  /** In a ring and not departing. */
  active(): boolean;
  send(to: PeerId, message: Message, now: number, out: Effect[]): void;
  /** Whether `peer` missed a ping round lately (or was declared gone): a copy it does not acknowledge is lost, not slow. */
  silent(peer: PeerId): boolean;
  /** Looks up the peer responsible for `key`; the answer comes back through Replicator.found. */
  find(key: number, now: number, out: Effect[]): void;
  /** The zones of this peer and the peers its successor list names (left out: no zones, copies in ring order). */
  zoneOf?: ZoneOf;
}

// --- pure helpers (table-tested) ------------------------------------------------------------

/** A zone's name (--zone, and on the wire): 1 to 64 printable ASCII characters without spaces. */
export function isZone(zone: string): boolean {
  return /^[\x21-\x7e]{1,64}$/.test(zone);
}

/** A peer's zone as this peer knows it (--zone; by default its advertised host); undefined when not known. */
export type ZoneOf = (peer: PeerId) => string | undefined;

/** Whether a peer sees a zone other than its own among its successors: then copies are placed across zones. */
export function spansZones(self: PeerId, successors: readonly PeerId[], zoneOf?: ZoneOf): boolean {
  const own = zoneOf?.(self);
  return own !== undefined && successors.some((p) => p !== self && (zoneOf!(p) ?? own) !== own);
}

/**
 * The peers that hold copies besides this one. In one zone: its first R-1 successors, without itself or repeats. Across
 * zones (as Cassandra places replicas across racks): walking its successor list, each peer of a zone not yet among the
 * holders; when the list has no new zone left, the next peers in order. A peer whose zone is not known yet counts as
 * no new zone. In ring order.
 */
export function replicaTargets(
  self: PeerId,
  successors: readonly PeerId[],
  replicas: number,
  zoneOf?: ZoneOf,
): PeerId[] {
  if (!spansZones(self, successors, zoneOf))
    return [...new Set(successors.slice(0, replicas - 1))].filter((p) => p !== self);
  const others = [...new Set(successors)].filter((p) => p !== self);
  const want = Math.min(replicas - 1, others.length);
  const zones = new Set([zoneOf!(self)]);
  const picked = new Set<PeerId>();
  for (const peer of others) {
    const zone = zoneOf!(peer);
    if (picked.size < want && zone !== undefined && !zones.has(zone)) {
      zones.add(zone);
      picked.add(peer);
    }
  }
  for (const peer of others) if (picked.size < want) picked.add(peer);
  return others.filter((peer) => picked.has(peer));
}

/**
 * The range of keys a peer holds copies of, as (lo, self]: its own range and those of its R-1
 * predecessors. `rangeStarts` maps a predecessor to the start of its own range (from its digests).
 * 'all' when the ring has at most R peers; undefined while what it needs is not known yet.
 */
export function holdingRange(
  self: PeerId,
  successors: readonly PeerId[],
  predecessors: readonly (PeerId | null)[],
  rangeStarts: ReadonlyMap<PeerId, PeerId>,
  replicas: number,
): { lo: PeerId } | 'all' | undefined {
  if (
    replicaTargets(self, successors, replicas).length < Math.min(replicas - 1, successors.length) ||
    successors[0] === self
  )
    return 'all';
  const first = predecessors[0];
  if (first === null || first === undefined) return undefined;
  // Its first predecessor among its successors closes the ring: a ring of at most R peers holds every key at each. Its
  // digests, which say where the predecessors' ranges start, may not have come yet (stalls 1016: a ring of 3 at R = 3,
  // its requester a holder that had not heard from its predecessor since a stall, did not serve its own copy).
  const closes = successors.indexOf(first);
  if (closes >= 0 && closes + 2 <= replicas) return 'all';
  if (replicas === 1) return { lo: first };
  const farthest = predecessors[replicas - 2];
  if (farthest === null || farthest === undefined) return undefined;
  // The chain must agree: the first predecessor's range starts at the second one.
  if (replicas === 3 && rangeStarts.get(first) !== farthest) return undefined;
  const lo = rangeStarts.get(farthest);
  if (lo === undefined) return undefined;
  return { lo };
}

/** The held files whose keys lie in (lo, hi], as digest entries sorted by key then name. */
export function entriesIn(
  held: ReadonlyMap<string, Held>,
  keyOf: (name: string) => number,
  lo: PeerId,
  hi: PeerId,
): FileEntry[] {
  const out: FileEntry[] = [];
  for (const [name, { sha256, version }] of held) if (between(lo, keyOf(name), hi)) out.push({ name, sha256, version });
  return out;
}

/**
 * Splits the entries of the range (lo, hi] into digests of at most `max` entries, each covering a
 * contiguous key range (lo_i, hi_i], so a receiver can tell what the sender lacks within each one.
 */
export function digestParts(
  entries: readonly FileEntry[],
  keyOf: (name: string) => number,
  lo: PeerId,
  hi: PeerId,
  size: number,
  max = MAX_DIGEST_ENTRIES,
): { lo: PeerId; hi: PeerId; entries: FileEntry[] }[] {
  const offset = (name: string) => (keyOf(name) - lo - 1 + size) % size; // 0 for the key just after lo
  const sorted = [...entries].sort((a, b) => offset(a.name) - offset(b.name) || (a.name < b.name ? -1 : 1));
  const parts: { lo: PeerId; hi: PeerId; entries: FileEntry[] }[] = [];
  let start = lo;
  let i = 0;
  while (sorted.length - i > max) {
    // Cut after the last entry whose key differs from the next one's, so no key is split across parts.
    let end = i + max;
    while (end > i + 1 && keyOf(sorted[end - 1]!.name) === keyOf(sorted[end]!.name)) end--;
    const cutKey = keyOf(sorted[end - 1]!.name);
    parts.push({ lo: start, hi: cutKey, entries: sorted.slice(i, end) });
    start = cutKey;
    i = end;
  }
  parts.push({ lo: start, hi, entries: sorted.slice(i) });
  return parts;
}

/** Of `entries`, those of which this peer holds no copy as new. */
export function missing(entries: readonly FileEntry[], held: ReadonlyMap<string, Held>): string[] {
  return entries.filter((e) => newer(e.version, held.get(e.name)?.version)).map((e) => e.name);
}

// --- the replicator -----------------------------------------------------------------------

interface PendingStore {
  name: string;
  origin: PeerId;
  op: number;
  hops: number;
  /** The version this peer gave the store. */
  version: Version;
  /** Durable copies so far, this peer's included. */
  copies: number;
  /** This peer's own copy: still being written, durable, or failed (the store then fails). */
  own: 'writing' | 'durable' | 'failed';
  need: number;
  /** Copies under way (not ended yet, late ones included). */
  outstanding: number;
  /** The peers those copies go to. */
  underWay: Set<PeerId>;
  /** Its file's size: its copies' deadline allows for the time its bytes may take. */
  sizeBytes: number;
  /** Peers sent a copy so far (the holders, then any next holder that stood in for one that failed). */
  tried: Set<PeerId>;
  /** Of those, peers no connection reached (refused, unreachable): none of their copy's bytes can have landed. */
  unsent: Set<PeerId>;
  /**
   * Peers whose copies were late at a deadline while they were silent to pings too: those count as failed (one that
   * ends well later is still settled) and next holders stand in for them. A late copy to a peer that answers its pings
   * is slow, not lost: it is still awaited.
   */
  late: Set<PeerId>;
  /** When it was taken: its copies' deadline is re-armed while live peers are slow, but never past the op timeout. */
  takenAt: number;
  /** Its copies' deadline is scheduled. */
  deadline: boolean;
  /** Replicas that keep a pending copy of it: they hear how the store was settled. */
  acked: PeerId[];
  /** Replicas told how it was settled (those whose copies were still on their way among them): told once. */
  told: Set<PeerId>;
  /** Its commit (this peer's own pending copy made the file) is under way. */
  committing: boolean;
  /** 'committed' or 'failed' once answered. */
  settled?: 'commit' | 'discard';
  failures: string[];
  /** A newer store of the name that won. */
  supersededBy?: Version;
  /** Its pending copy here was replaced by a newer store's before it could be copied: it waits to hear which one. */
  displaced?: boolean;
  /** The zones of its durable copies, and how many it waits for while copies are under way (0: one zone). */
  zones: Set<string>;
  zonesWanted: number;
  /** A failure not reported yet: its discard is still to be confirmed by these replicas, and (ownDue) carried out here. */
  report?: { message: Stored; waiting: Set<PeerId>; ownDue: boolean };
}

interface Handoff {
  to: PeerId;
  /** Digest parts the successor has not answered yet. */
  repliesDue: number;
  /** Files the successor asked for and has not confirmed yet. */
  outstanding: Set<string>;
  done: (now: number, out: Effect[]) => void;
}

export class Replicator {
  /** Per predecessor, where its own range starts (the `rangeLo` of its latest digest). */
  private readonly rangeStarts = new Map<PeerId, PeerId>();
  /** Files this peer asked a neighbour for: name -> the neighbour. */
  private readonly wanted = new Map<string, { peer: PeerId; at: number }>();
  /** Files arriving now, with their versions, so two neighbours do not send the same one at once. */
  private readonly receiving = new Map<string, Version>();
  private readonly stores = new Map<string, PendingStore>();
  /** Copies this peer no longer needs, asked about: name -> its version here and the peers that said they keep it. */
  private readonly releasing = new Map<string, { version: Version; keepers: Set<PeerId> }>();
  /**
   * Copies whose deletion the disk was asked for and has not answered: name -> the copy's sha256 and its keepers. Such
   * a copy stays held until the disk says it is gone: a delete that fails (a read-only disk) leaves it held, and the
   * next sync's release asks its keepers again and drops it again (disk 13049).
   */
  private readonly dropping = new Map<string, { sha256: string; version: Version; keepers: PeerId[] }>();
  /** Copies whose last drop the disk refused: said once, not at every sync that tries again, until one succeeds. */
  private readonly dropRefused = new Set<string>();
  /** Copies on their way (or waiting their turn), as `peer:name`. */
  private readonly sendingCopies = new Set<string>();
  private handoff?: Handoff;
  private nextSyncAt = Infinity;
  /**
   * The other members this peer has known (every successor it has had), less those that left gracefully: a store
   * needs min(W, 1 + this many) copies, so a peer that lost its successors to failures or a partition never
   * acknowledges a store alone, while a ring started with one peer (or left by all but one) can store at all.
   */
  private readonly knownMembers = new Set<PeerId>();
  /** Peers that left gracefully and are still in the successor list they are leaving (not counted as members). */
  private readonly left = new Set<PeerId>();
  /**
   * Per peer whose digests come here (the MAX_DIGESTS_FROM latest), its range (lo, peer] and when it last sent one:
   * across zones, this peer keeps the ranges whose responsible peers chose it as a holder lately (it cannot tell from
   * its own successor list), and serves their copies at its deadline however long ago (keptAcrossZones).
   */
  private readonly digestsFrom = new Map<PeerId, { lo: PeerId; at: number; zoned: boolean }>();
  /** The first predecessor last known (kept while it goes stale): one nearer this peer takes part of its range. */
  private ownedFrom: PeerId | undefined;
  /** The first successor last known: one nearer this peer owns the keys up to it (handOverToNewSuccessor). */
  private succeededBy: PeerId | undefined;
  /**
   * Files whose keys a new first predecessor took over: asked about at once, then again at each sync until the key's
   * responsible peer says it holds them (a newcomer asked before it knows its own predecessor keeps nothing yet), at
   * most HANDOVER_ROUNDS times.
   */
  private readonly handingOver = new Map<string, { version: Version; rounds: number; responsible?: PeerId }>();
  /**
   * Settles heard for a store's copy that had not landed here yet (its responsible peer settles the copies still on
   * their way too: it may not live to hear them land): name -> the version and how, applied when the copy lands.
   */
  private readonly settledAhead = new Map<string, { version: Version; outcome: 'commit' | 'discard'; from: PeerId }>();
  /** Discards of pending copies under way here, confirmed to their responsible peers once carried out: name -> whom. */
  private readonly confirming = new Map<string, { version: Version; to: PeerId }>();
  /** Pending copies with no settle yet, and since when (the first sync that saw them): kept once past the op timeout. */
  private readonly inDoubt = new Map<string, { version: Version; since: number }>();

  constructor(
    private readonly config: ReplicationConfig,
    private readonly host: ReplicaHost,
  ) {
    this.countMembers();
  }

  get replicas(): number {
    return this.config.replicas;
  }

  /** The peers that hold copies of this peer's keys besides itself (across zones where its successors span several). */
  private targets(): PeerId[] {
    return replicaTargets(this.host.id, this.host.successors(), this.config.replicas, this.host.zoneOf);
  }

  private zoned(): boolean {
    return spansZones(this.host.id, this.host.successors(), this.host.zoneOf);
  }

  /** A peer's zone, a peer whose zone is not known counting as one of its own. */
  private zoneKey(peer: PeerId): string {
    return this.host.zoneOf?.(peer) ?? `peer ${peer}`;
  }

  /** Across zones, the holders a request asks in turn when this peer lacks a file of its own range; else undefined. */
  copyHolders(): PeerId[] | undefined {
    return this.zoned() ? this.targets() : undefined;
  }

  start(now: number, out: Effect[]): void {
    this.countMembers();
    this.scheduleSync(now + this.config.syncIntervalMs, out);
  }

  /**
   * Pending copies this peer kept as their store's responsible peer, found on its disk as it starts: the stores they
   * belong to ended with its last run, and only it could settle them, so they are committed now (the presumed commit,
   * at once). Each was acknowledged (its Stored may have gone before its commit reached this disk: the responsible
   * peer's commit record is flushed off the store's path), or its origin never learned how it ended (it crashed
   * first): a store reported failed had its copy here discarded durably before the origin heard (failStore); one
   * whose discard the disk refused was reported with its outcome unknown (discarded).
   */
  commitOwnPending(copies: readonly { name: string; version: Version }[], out: Effect[]): void {
    for (const { name, version } of copies) {
      if (!sameVersion(this.host.pending.get(name)?.version, version)) continue;
      out.push({ type: 'emit', line: lines.copyPresumed(name, describeVersion(version)) });
      out.push({ type: 'settle', name, version, outcome: 'commit' });
    }
  }

  /** The successors or predecessors changed: exchange digests soon, once pings have told everyone. */
  topologyChanged(now: number, out: Effect[]): void {
    this.countMembers();
    this.handOverToNewPredecessor(now, out);
    this.handOverToNewSuccessor(now, out);
    if (this.nextSyncAt > now + this.config.syncDelayMs) this.scheduleSync(now + this.config.syncDelayMs, out);
  }

  /**
   * A first predecessor nearer this peer than the last one (a peer joined, or came back, between them): the keys after
   * the old one up to the new one are no longer this peer's own, yet their files may be here only (stores it took while
   * the new one was away). Their holders are asked at once (found, then a hold query, and they take what they lack), not
   * at a later sync: the digests of the key's responsible peer never come here, and this peer's own release waits until
   * it knows its holding range again (hosts 5428: 98 took a store for key 249 while 36, 46 and 81 were down; 81 joined
   * back, and a request walked 36, 46, 81 and found no copy while 98's range was not known again yet).
   */
  private handOverToNewPredecessor(now: number, out: Effect[]): void {
    const first = this.host.predecessors()[0];
    if (first === null || first === this.host.id) return;
    const before = this.ownedFrom;
    this.ownedFrom = first;
    if (before === undefined || before === first || !between(before, first, this.host.id)) return;
    this.handOver(before, first, now, out);
  }

  /**
   * A first successor nearer this peer than the last one (a ring closing again: a loop of peers that took themselves
   * for the ring, a cut healed): the keys after this peer up to it are its own, and this peer holds them only as a
   * stand-in (copies taken while it took itself for their peer). Their holders are asked at once, as for a new first
   * predecessor (hosts 7298: 19 and 15 held key 21's copies, taken in a loop {11, 15, 19}; the ring closed at 19 116 ms
   * before a request walked 24, 30 and 31, and 15's release was due at its next sync).
   */
  private handOverToNewSuccessor(now: number, out: Effect[]): void {
    const self = this.host.id;
    const next = this.host.successors()[0];
    if (next === undefined || next === self) return;
    const before = this.succeededBy;
    this.succeededBy = next;
    if (before === undefined || before === next || before === self || !between(self, next, before)) return;
    this.handOver(self, next, now, out);
  }

  /** The held files whose keys lie in (lo, hi] are handed over: their holders are asked (askHandedOver). */
  private handOver(lo: PeerId, hi: PeerId, now: number, out: Effect[]): void {
    for (const [name, { version }] of this.host.held) {
      if (this.handingOver.size >= MAX_DIGEST_ENTRIES) break;
      if (between(lo, this.host.keyOf(name), hi)) this.handingOver.set(name, { version, rounds: 0 });
    }
    this.askHandedOver(now, out);
  }

  /** One round of the hand-off: a lookup of each key handed over and not confirmed yet (its answer: found). */
  private askHandedOver(now: number, out: Effect[]): void {
    const keys = new Set<number>();
    for (const [name, handing] of this.handingOver) {
      if (handing.rounds >= HANDOVER_ROUNDS || !sameVersion(this.host.held.get(name)?.version, handing.version)) {
        this.handingOver.delete(name);
        continue;
      }
      handing.rounds++;
      keys.add(this.host.keyOf(name));
    }
    for (const key of keys) this.host.find(key, now, out);
  }

  private countMembers(): void {
    const successors = this.host.successors();
    // Out of the list it was leaving: forgotten (should it come back, it joined again, and counts).
    for (const peer of [...this.left]) if (!successors.includes(peer)) this.left.delete(peer);
    for (const peer of successors) {
      if (peer === this.host.id || this.left.has(peer)) continue; // still in the list it is leaving
      // The latest last: past MAX_KNOWN_MEMBERS the longest unseen is forgotten (a 32-bit ring's churn would grow it
      // for a peer's whole life; a store needs to know of W-1 others at most).
      this.knownMembers.delete(peer);
      this.knownMembers.add(peer);
      if (this.knownMembers.size > MAX_KNOWN_MEMBERS)
        this.knownMembers.delete(this.knownMembers.values().next().value!);
    }
  }

  /** `peer` left the ring gracefully (it said so): the ring is smaller, not broken. */
  memberLeft(peer: PeerId): void {
    this.knownMembers.delete(peer);
    if (this.host.successors().includes(peer)) this.left.add(peer);
  }

  /** Durable copies a store needs: W, unless the ring has (as this peer knows it) fewer members. */
  private required(): number {
    return Math.min(this.config.writeQuorum, 1 + this.knownMembers.size);
  }

  /** The sync timer: an anti-entropy round, and the next one scheduled. */
  syncTick(now: number, out: Effect[]): void {
    this.nextSyncAt = Infinity;
    // Copies asked for and not sent within an op deadline are not waited for (the next digest asks again if need be).
    for (const [name, { at }] of this.wanted) if (at < now - this.config.opTimeoutMs) this.wanted.delete(name);
    this.sync(now, out);
    this.presumeInDoubt(now, out);
    this.forgetReports(now);
    this.scheduleSync(now + this.config.syncIntervalMs, out);
  }

  /**
   * Pending copies whose store no peer settled (no settle, no digest listing the version held) within the op timeout
   * and a sync round are committed: the presumed commit. Its responsible peer had decided by then; a failure is
   * reported only once every copy that could be kept was discarded (failStore), so a copy left pending is one of a
   * store acknowledged, or whose origin never learned how it ended (restarts 10582: 6 acknowledged a store of 0862 with
   * its own copy and 7's pending one; its settle to 7 was refused, 7 had crashed; 7 came back with its disk, 6 with an
   * empty one, and nobody knew any more that the store had been committed).
   */
  private presumeInDoubt(now: number, out: Effect[]): void {
    for (const name of this.inDoubt.keys()) if (!this.host.pending.has(name)) this.inDoubt.delete(name);
    for (const [name, { version }] of this.host.pending) {
      if (this.underWayHere(name, version)) continue; // this peer's own store: it settles it itself
      const seen = this.inDoubt.get(name);
      if (seen === undefined || !sameVersion(seen.version, version)) {
        this.inDoubt.set(name, { version, since: now });
        continue;
      }
      if (now < seen.since + this.config.opTimeoutMs + DOUBT_ROUNDS * this.config.syncIntervalMs) continue;
      this.inDoubt.delete(name);
      out.push({ type: 'emit', line: lines.copyPresumed(name, describeVersion(version)) });
      out.push({ type: 'settle', name, version, outcome: 'commit' });
    }
  }

  /** Whether a store this peer takes (its responsible peer) is deciding on `version` of `name`. */
  private underWayHere(name: string, version: Version): boolean {
    for (const pending of this.stores.values())
      if (pending.name === name && sameVersion(pending.version, version) && pending.settled === undefined) return true;
    return false;
  }

  /** Failures whose discards were not all confirmed within the op timeout are not reported: the origin timed out. */
  private forgetReports(now: number): void {
    for (const [key, pending] of this.stores) {
      if (pending.report === undefined || now < pending.takenAt + this.config.opTimeoutMs) continue;
      pending.report = undefined;
      if (pending.outstanding === 0 && pending.own !== 'writing') this.stores.delete(key);
    }
  }

  /** The hand-off timer: the successor was silent too long, so the departure goes on without it. */
  handoffTimedOut(now: number, out: Effect[]): void {
    const handoff = this.handoff;
    if (handoff === undefined) return;
    this.handoff = undefined;
    const left = handoff.repliesDue > 0 ? undefined : handoff.outstanding.size;
    out.push({ type: 'emit', line: lines.handoffIncomplete(handoff.to, left) });
    handoff.done(now, out);
  }

  onDigestReply(from: PeerId, reply: DigestReply, now: number, out: Effect[]): void {
    this.sendWanted(from, reply.want, out);
    const handoff = this.handoff;
    if (handoff?.to === from && handoff.repliesDue > 0) {
      handoff.repliesDue--;
      for (const name of reply.want) if (this.host.held.has(name)) handoff.outstanding.add(name);
      out.push({ type: 'schedule', timer: HANDOFF_TIMER, at: now + this.config.handoffTimeoutMs });
      this.handoffProgress(now, out);
    }
  }

  // --- stores: the write quorum, in two phases ------------------------------------------------

  /**
   * The store's file is arriving here, to be kept pending at `version`: its copies to the replicas (pending there too)
   * start now, from the arriving bytes, while this peer writes its own; it commits once its own copy and W in all are
   * durable. An older store of the name still under way has lost the race.
   */
  storeArriving(
    ref: Extract<TransferRef, { purpose: 'store' }>,
    version: Version,
    sizeBytes: number,
    now: number,
    out: Effect[],
  ): void {
    const targets = this.targets();
    const pending: PendingStore = {
      name: ref.name,
      origin: ref.origin,
      op: ref.op,
      hops: ref.hops,
      version,
      copies: 0,
      own: 'writing',
      need: this.required(),
      outstanding: 0,
      underWay: new Set(),
      sizeBytes,
      tried: new Set(targets),
      unsent: new Set(),
      late: new Set(),
      takenAt: now,
      deadline: false,
      acked: [],
      told: new Set(),
      committing: false,
      failures: [],
      zones: new Set([this.zoneKey(this.host.id)]),
      // Across zones, the store waits for its copies to span as many zones as its quorum can (while they are under way).
      zonesWanted: this.zoned()
        ? Math.min(this.required(), new Set([this.host.id, ...targets].map((p) => this.zoneKey(p))).size)
        : 0,
    };
    const key = storeKey(ref.origin, ref.op);
    this.stores.set(key, pending);
    for (const [otherKey, other] of this.stores) {
      if (
        other !== pending &&
        other.name === ref.name &&
        other.settled === undefined &&
        compareVersions(other.version, version) < 0
      ) {
        other.supersededBy = version;
        this.storeProgress(otherKey, other, now, out);
      }
    }
    if (1 + targets.length < pending.need) {
      const reachable = 1 + targets.length;
      pending.failures.push(
        `only ${reachable} of the ${this.config.replicas} holders ${reachable === 1 ? 'is' : 'are'} reachable; the store needs ${pending.need}`,
      );
    } else for (const peer of targets) this.sendStoreCopy(pending, peer, out);
    this.storeProgress(key, pending, now, out);
  }

  private sendStoreCopy(pending: PendingStore, peer: PeerId, out: Effect[]): void {
    pending.outstanding++;
    pending.underWay.add(peer);
    pending.tried.add(peer);
    const { op, origin, name, hops, version } = pending;
    out.push({ type: 'transfer', ref: { purpose: 'replica', peer, op, origin, name, hops, version, pending: true } });
  }

  /** Copies of a store still awaited: under way and not late. */
  private awaited(pending: PendingStore): number {
    let n = 0;
    for (const peer of pending.underWay) if (!pending.late.has(peer)) n++;
    return n;
  }

  /**
   * While a store lacks copies (one failed, or was late at the deadline), the next peers of the successor list that were
   * not sent one stand in for those holders (their extra copies go once the ring holds R again).
   */
  private standIns(pending: PendingStore, out: Effect[]): void {
    if (pending.settled !== undefined || pending.committing) return;
    while (pending.copies + this.awaited(pending) < pending.need) {
      const next = this.host.successors().find((peer) => peer !== this.host.id && !pending.tried.has(peer));
      if (next === undefined) break;
      this.sendStoreCopy(pending, next, out);
    }
    // Across zones, a copy lost to a zone not covered otherwise is made up by the next peer of a zone not covered yet:
    // else W copies in one zone would be acknowledged while other zones were reachable, and that zone's loss loses it.
    for (let covered = this.zonesCovered(pending); covered.size < pending.zonesWanted; ) {
      const next = this.host
        .successors()
        .find(
          (peer) =>
            peer !== this.host.id &&
            !pending.tried.has(peer) &&
            this.host.zoneOf?.(peer) !== undefined &&
            !covered.has(this.zoneKey(peer)),
        );
      if (next === undefined) break;
      this.sendStoreCopy(pending, next, out);
      covered.add(this.zoneKey(next));
    }
  }

  /** The zones of a store's durable copies and of those still awaited. */
  private zonesCovered(pending: PendingStore): Set<string> {
    const zones = new Set(pending.zones);
    for (const peer of pending.underWay) if (!pending.late.has(peer)) zones.add(this.zoneKey(peer));
    return zones;
  }

  /**
   * The copies' deadline. A copy not acknowledged yet whose peer is also silent to pings (a missed round, or gone) is
   * late: it counts as failed and a next holder stands in. Copies to peers that answer their pings are slow, not lost:
   * the deadline comes again a hop timeout later (never past the op timeout), and the origin hears the store is still
   * under way (StoreReady again), so only a holder that died makes it give up early. Then the store commits or fails.
   */
  copiesDue(origin: PeerId, op: number, now: number, out: Effect[]): void {
    const key = storeKey(origin, op);
    const pending = this.stores.get(key);
    if (pending?.report !== undefined) return this.keepOriginWaiting(pending, now, out);
    if (pending === undefined || pending.settled !== undefined || pending.committing) return;
    pending.deadline = false;
    const ms = this.copyDeadlineMs(pending);
    for (const peer of pending.underWay) {
      if (pending.late.has(peer) || !this.host.silent(peer)) continue;
      pending.late.add(peer);
      pending.failures.push(`Peer ${peer} did not acknowledge its copy within ${ms / 1000} s, nor answer its pings`);
    }
    this.standIns(pending, out);
    if (this.awaited(pending) > 0 && now + this.config.copyTimeoutMs < pending.takenAt + this.config.opTimeoutMs) {
      pending.deadline = true;
      out.push({ type: 'schedule', timer: copiesTimer(pending), at: now + this.config.copyTimeoutMs });
      const { op: storeOp, name, hops } = pending;
      this.host.send(pending.origin, { type: 'storeReady', op: storeOp, name, hops }, now, out);
    } else for (const peer of pending.underWay) pending.late.add(peer); // no time left: nothing more is awaited
    this.storeProgress(key, pending, now, out);
  }

  /** How long a store's copies may take once its own copy is durable: the hop timeout and the time its bytes may take. */
  private copyDeadlineMs(pending: PendingStore): number {
    return this.config.copyTimeoutMs + transferAllowanceMs(pending.sizeBytes);
  }

  /** This peer's own copy of the store's file is durable, pending at `version`. */
  stored(ref: Extract<TransferRef, { purpose: 'store' }>, version: Version, now: number, out: Effect[]): void {
    const key = storeKey(ref.origin, ref.op);
    const pending = this.stores.get(key);
    if (pending === undefined || !sameVersion(pending.version, version)) return;
    pending.own = 'durable';
    pending.copies++;
    if (pending.outstanding > 0 && pending.settled === undefined) {
      pending.deadline = true;
      out.push({ type: 'schedule', timer: copiesTimer(pending), at: now + this.copyDeadlineMs(pending) });
    }
    if (pending.settled === 'discard') {
      // The store failed while this copy was being written (it lost a race): the copy goes too.
      if (sameVersion(this.host.pending.get(ref.name)?.version, version)) this.host.pending.delete(ref.name);
      out.push({ type: 'settle', name: ref.name, version, outcome: 'discard' });
    }
    this.storeProgress(key, pending, now, out);
  }

  /** A store this peer took could not be written here: its origin hears why (a newer store of the name won, or else). */
  storeNotTaken(
    ref: Extract<TransferRef, { purpose: 'store' }>,
    version: Version | undefined,
    error: string,
    now: number,
    out: Effect[],
  ): void {
    const winner = this.newestOf(ref.name);
    const superseded = version !== undefined && winner !== undefined && compareVersions(winner, version) > 0;
    const reason = superseded ? lostRace(ref.name, winner) : error;
    const key = storeKey(ref.origin, ref.op);
    const pending = this.stores.get(key);
    if (pending !== undefined && version !== undefined && sameVersion(pending.version, version)) {
      // Its copies may have gone out already: they are discarded with it (a failed store's bytes never become the file).
      pending.own = 'failed';
      if (pending.settled === undefined) {
        if (superseded) pending.supersededBy = winner;
        this.failStore(pending, reason, now, out);
      } else if (pending.report !== undefined) {
        pending.report.ownDue = false; // its copy was never written here
        this.reportFailure(pending, now, out);
      }
      this.storeProgress(key, pending, now, out);
      return;
    }
    out.push({ type: 'emit', line: lines.storeFailed(ref.name, ref.origin, reason) });
    this.host.send(
      ref.origin,
      {
        type: 'stored',
        op: ref.op,
        name: ref.name,
        hops: ref.hops,
        copies: 0,
        error: reason,
        ...(superseded ? { version: winner, superseded } : {}),
      },
      now,
      out,
    );
  }

  /** The newest version of `name` here, held or pending. */
  private newestOf(name: string): Version | undefined {
    const held = this.host.held.get(name)?.version;
    const pending = this.host.pending.get(name)?.version;
    return pending !== undefined && newer(pending, held) ? pending : held;
  }

  private storeProgress(key: string, pending: PendingStore, now: number, out: Effect[]): void {
    const awaited = this.awaited(pending);
    if (pending.settled === undefined && !pending.committing) {
      if (pending.supersededBy !== undefined)
        this.failStore(pending, lostRace(pending.name, pending.supersededBy), now, out);
      else if (pending.own !== 'durable') {
        // Its own copy is still being written: nothing to decide before it is durable (or failed).
      } else if (pending.copies >= pending.need && (pending.zones.size >= pending.zonesWanted || awaited === 0)) {
        // This peer's pending copy becomes the file; the store is acknowledged once that is durable (settled).
        pending.committing = true;
        out.push({ type: 'settle', name: pending.name, version: pending.version, outcome: 'commit' });
      } else if (awaited === 0 && pending.displaced !== true) {
        this.failStore(
          pending,
          `only ${pending.copies} of the ${pending.need} copies a store needs are durable (${pending.failures.join('; ')})`,
          now,
          out,
        );
      }
    }
    if (pending.deadline && (pending.settled !== undefined || pending.committing) && pending.report === undefined) {
      pending.deadline = false;
      out.push({ type: 'cancel', timer: copiesTimer(pending) });
    }
    if (
      pending.outstanding === 0 &&
      pending.settled !== undefined &&
      pending.own !== 'writing' &&
      pending.report === undefined
    )
      this.stores.delete(key);
  }

  private failStore(pending: PendingStore, error: string, now: number, out: Effect[]): void {
    pending.settled = 'discard';
    if (sameVersion(this.host.pending.get(pending.name)?.version, pending.version))
      this.host.pending.delete(pending.name);
    out.push({ type: 'settle', name: pending.name, version: pending.version, outcome: 'discard' });
    this.tellReplicas(pending, 'discard', now, out);
    out.push({ type: 'emit', line: lines.storeFailed(pending.name, pending.origin, error) });
    const winner = pending.supersededBy;
    // Reported once no copy of it is left that could be presumed committed: every peer a copy was sent to (landed,
    // late, or ended in a transfer error) confirms its discard, and this peer's own is carried out. Only a replica's
    // own word says its copy is gone: a sender's timeout or error does not say the bytes did not land (partitions 12806).
    for (const peer of pending.tried)
      if (!pending.told.has(peer)) {
        pending.told.add(peer);
        this.host.send(peer, settleMessage(pending, 'discard'), now, out);
      }
    pending.report = {
      message: storedMessage(pending, error, winner === undefined ? {} : { version: winner, superseded: true }),
      // A copy whose connection was never made left nothing there (host integration test: a killed replica).
      waiting: new Set([...pending.tried].filter((peer) => !pending.unsent.has(peer))),
      ownDue: pending.own !== 'failed',
    };
    this.reportFailure(pending, now, out);
    if (pending.report !== undefined) this.keepOriginWaiting(pending, now, out, false);
  }

  /** A failed store's answer goes to its origin once its discards are all confirmed (failStore). */
  private reportFailure(pending: PendingStore, now: number, out: Effect[]): void {
    const report = pending.report;
    if (report === undefined || report.waiting.size > 0 || report.ownDue) return;
    this.answerFailure(pending, report.message, now, out);
  }

  private answerFailure(pending: PendingStore, message: Stored, now: number, out: Effect[]): void {
    pending.report = undefined;
    if (pending.deadline) {
      pending.deadline = false;
      out.push({ type: 'cancel', timer: copiesTimer(pending) });
    }
    this.host.send(pending.origin, message, now, out);
  }

  /**
   * While a failure waits for its discards, the origin hears the store is still under way (StoreReady, as for slow
   * copies), now and at each copies' deadline, as long as some peer it waits for answers pings (it hears the discard
   * again: a settle sent while it was cut off is lost): the discard of a copy still arriving waits for its bytes (a
   * racing writer's large file), and the origin must not take that wait for a holder that died. Once only silent peers
   * are left, or no time, the origin hears the outcome is unknown: a silent peer's copy may have landed, and may
   * become the file if that peer never hears the discard (presumed commit).
   */
  private keepOriginWaiting(pending: PendingStore, now: number, out: Effect[], again = true): void {
    const report = pending.report;
    if (report === undefined || report.waiting.size === 0) return; // only its own discard is left: reported once done
    pending.deadline = false;
    const live = [...report.waiting].filter((peer) => !this.host.silent(peer));
    if (live.length === 0 || now + this.config.copyTimeoutMs >= pending.takenAt + this.config.opTimeoutMs) {
      const silent = [...report.waiting].filter((peer) => this.host.silent(peer));
      const peers = (list: PeerId[]) => list.map((peer) => `Peer ${peer}`).join(', ');
      const why = (
        `the discard of its copies was not confirmed by ${peers([...report.waiting])}` +
        (silent.length > 0 ? ` (silent: ${peers(silent)})` : '') +
        `, so a copy may be kept; it failed: ${report.message.error}`
      ).slice(0, MAX_ERROR_CHARS);
      out.push({ type: 'emit', line: lines.storeUnknown(pending.name, pending.origin, why) });
      // Object.assign, not a spread adding `unknown`: see Router.forward
      this.answerFailure(pending, Object.assign({}, report.message, { error: why, unknown: true }), now, out);
      return;
    }
    if (again) for (const peer of live) this.host.send(peer, settleMessage(pending, 'discard'), now, out);
    pending.deadline = true;
    out.push({ type: 'schedule', timer: copiesTimer(pending), at: now + this.config.copyTimeoutMs });
    const { op, name, hops } = pending;
    this.host.send(pending.origin, { type: 'storeReady', op, name, hops }, now, out);
  }

  /** A replica confirmed it discarded a failed store's copy (or holds none). */
  private discardConfirmed(from: PeerId, settle: Settle, now: number, out: Effect[]): void {
    for (const [key, pending] of this.stores) {
      const report = pending.report;
      if (report === undefined || pending.name !== settle.name || !sameVersion(pending.version, settle.version))
        continue;
      report.waiting.delete(from);
      this.reportFailure(pending, now, out);
      this.storeProgress(key, pending, now, out);
    }
  }

  /**
   * A `settle` effect was carried out here. A commit made the pending copy the file: the store it belongs to (when
   * this peer is its responsible peer) is acknowledged, and the replicas keeping it are told to commit too.
   */
  settled(
    name: string,
    version: Version,
    outcome: 'commit' | 'discard',
    error: string | undefined,
    now: number,
    out: Effect[],
  ): void {
    if (outcome === 'discard') {
      this.discarded(name, version, error, now, out);
      return;
    }
    const record = this.host.pending.get(name);
    if (error === undefined && record !== undefined && sameVersion(record.version, version)) {
      this.host.pending.delete(name);
      if (newer(version, this.host.held.get(name)?.version)) this.host.held.set(name, record);
      this.releasing.delete(name);
    }
    for (const [key, pending] of this.stores) {
      if (pending.name !== name || !pending.committing || !sameVersion(pending.version, version)) continue;
      pending.committing = false;
      if (error !== undefined) {
        // A newer store's pending copy may have replaced this one's on disk: then that store won.
        const winner = this.newestOf(name);
        if (winner !== undefined && newer(winner, version)) pending.supersededBy = winner;
        this.failStore(
          pending,
          pending.supersededBy !== undefined
            ? lostRace(name, pending.supersededBy)
            : `its copy here could not be kept: ${error}`,
          now,
          out,
        );
      } else {
        pending.settled = 'commit';
        out.push({
          type: 'emit',
          line: lines.storeAccepted(pending.name, this.host.keyOf(pending.name), pending.origin),
        });
        // The origin first: it waits for this answer, while the replicas' commits are off the store's path.
        this.host.send(pending.origin, storedMessage(pending, '', { version }), now, out);
        this.tellReplicas(pending, 'commit', now, out);
        this.releaseStandIn(name, version, now, out);
      }
      this.storeProgress(key, pending, now, out);
    }
  }

  /** A discard was carried out here: the responsible peer that asked for it hears so, or this peer's failed store goes on. */
  private discarded(name: string, version: Version, error: string | undefined, now: number, out: Effect[]): void {
    const asked = this.confirming.get(name);
    if (asked !== undefined && sameVersion(asked.version, version)) {
      this.confirming.delete(name);
      if (error === undefined) this.confirmDiscard(asked.to, name, version, now, out);
    }
    for (const [key, pending] of this.stores) {
      if (pending.report === undefined || pending.name !== name || !sameVersion(pending.version, version)) continue;
      if (pending.own === 'writing') continue; // its copy is still being written: discarded once it is (stored)
      pending.report.ownDue = false;
      // Its copy here could not be taken back durably: it may still become the file (committed as this peer starts
      // again: commitOwnPending), so the origin hears the outcome is unknown, not a failure.
      if (error !== undefined) {
        const { message } = pending.report;
        const why =
          `its copy here could not be dropped (${error}), so it may be kept; it failed: ${message.error}`.slice(
            0,
            MAX_ERROR_CHARS,
          );
        out.push({ type: 'emit', line: lines.storeUnknown(pending.name, pending.origin, why) });
        pending.report.message = Object.assign({}, message, { error: why, unknown: true });
      }
      this.reportFailure(pending, now, out);
      this.storeProgress(key, pending, now, out);
    }
  }

  private confirmDiscard(to: PeerId, name: string, version: Version, now: number, out: Effect[]): void {
    this.host.send(to, { type: 'settle', name, version, outcome: 'discard', done: true }, now, out);
  }

  /**
   * A store was settled here: the replicas that keep its pending copy hear how, and so do those whose copies are still
   * on their way. Should this peer crash before such a copy lands (before it hears that it landed), the copy is not
   * left pending for ever, its bytes never served: once two of three holders crashed, an acknowledged file was lost
   * with its third copy pending (crashes 5274, on a branch). A copy that lands later is settled then, as told here.
   */
  private tellReplicas(pending: PendingStore, outcome: 'commit' | 'discard', now: number, out: Effect[]): void {
    for (const peer of new Set([...pending.acked, ...pending.underWay])) {
      pending.told.add(peer);
      this.host.send(peer, settleMessage(pending, outcome), now, out);
    }
  }

  /** The responsible peer settled a store whose pending copy this peer may keep (or a replica confirmed a discard). */
  onSettle(from: PeerId, settle: Settle, now: number, out: Effect[]): void {
    if (settle.done === true) {
      this.discardConfirmed(from, settle, now, out);
      return;
    }
    this.host.observe(settle.version);
    const { name, version } = settle;
    const record = this.host.pending.get(name);
    if (record === undefined || !sameVersion(record.version, version)) {
      const held = this.host.held.get(name)?.version;
      // Its copy may still be on its way: it is settled as it lands (copyReceived), and a discarded one is refused.
      if (newer(version, record?.version) && newer(version, held)) this.settleAhead(settle, from);
      // No copy of it here, and none arriving (one that comes later is refused): the discard is done already.
      if (
        settle.outcome === 'discard' &&
        !sameVersion(held, version) &&
        !sameVersion(this.receiving.get(name), version)
      )
        this.confirmDiscard(from, name, version, now, out);
      return;
    }
    if (settle.outcome === 'discard') {
      this.host.pending.delete(name);
      this.confirming.set(name, { version, to: from });
    }
    out.push({ type: 'settle', name, version, outcome: settle.outcome });
  }

  private settleAhead(settle: Settle, from: PeerId): void {
    this.settledAhead.delete(settle.name); // re-inserted last: the map keeps names oldest first
    this.settledAhead.set(settle.name, { version: settle.version, outcome: settle.outcome, from });
    if (this.settledAhead.size > MAX_SETTLED_AHEAD) this.settledAhead.delete(this.settledAhead.keys().next().value!);
  }

  // --- transfers of copies ---------------------------------------------------------------------

  /**
   * Whether a copy `from` sends may come in; the reason when it may not. It must be newer than what is held (and, a
   * store's pending copy, than a pending one). A store's copy comes from the peer responsible for the file, which may
   * be ahead of this peer's view of its predecessors, so it is taken as a store is; any other copy must have been
   * asked for by a digest.
   */
  acceptCopy(from: PeerId, ref: Extract<TransferRef, { purpose: 'replica' }>): string | undefined {
    const { name, version } = ref;
    if (version === undefined) return `File ${name} came without a version`;
    const held = this.host.held.get(name)?.version;
    if (held !== undefined && !newer(version, held))
      return `File ${name} is already held here at ${sameVersion(held, version) ? 'that' : 'a newer'} version`;
    const pending = this.host.pending.get(name)?.version;
    if (ref.pending === true && pending !== undefined && !newer(version, pending))
      return `a newer store of File ${name} is pending here`;
    const ahead = this.settledAhead.get(name);
    if (ref.pending === true && ahead?.outcome === 'discard' && sameVersion(ahead.version, version))
      return `the store of File ${name} failed`;
    const arriving = this.receiving.get(name);
    if (arriving !== undefined && !newer(version, arriving)) return `File ${name} is already arriving`;
    if (ref.op !== undefined || this.wanted.get(name)?.peer === from) return undefined;
    const [first, second] = this.host.predecessors();
    if (from === first || from === second) return undefined;
    if (this.host.successors().includes(from) && first !== null && between(first, this.host.keyOf(name), this.host.id))
      return undefined;
    return `Peer ${this.host.id} did not ask Peer ${from} for File ${name}`;
  }

  copyStarted(name: string, version: Version): void {
    this.host.observe(version);
    this.receiving.set(name, version);
  }

  copyReceived(
    ref: TransferRef,
    sha256: string | undefined,
    error: string | undefined,
    now: number,
    out: Effect[],
  ): void {
    if (sameVersion(this.receiving.get(ref.name), ref.version)) this.receiving.delete(ref.name);
    if (this.wanted.get(ref.name)?.peer === ref.peer) this.wanted.delete(ref.name);
    if (error !== undefined || sha256 === undefined || ref.version === undefined) {
      out.push({ type: 'emit', line: lines.copyFailed(ref.name, ref.peer, error ?? 'no checksum') });
      const ahead = this.settledAhead.get(ref.name);
      if (ref.pending === true && ahead?.outcome === 'discard' && sameVersion(ahead.version, ref.version))
        this.confirmDiscard(ahead.from, ref.name, ahead.version, now, out); // it did not land: nothing to discard
      return;
    }
    const record: Held = { sha256, version: ref.version };
    if (ref.pending === true) {
      if (newer(ref.version, this.host.pending.get(ref.name)?.version)) this.host.pending.set(ref.name, record);
      const ahead = this.settledAhead.get(ref.name);
      if (ahead !== undefined && sameVersion(ahead.version, ref.version)) {
        this.settledAhead.delete(ref.name);
        const settle: Settle = { type: 'settle', name: ref.name, version: ref.version, outcome: ahead.outcome };
        this.onSettle(ahead.from, settle, now, out);
      }
    } else if (newer(ref.version, this.host.held.get(ref.name)?.version)) {
      this.host.held.set(ref.name, record);
      // A pending copy no newer than the file now held will never be committed (the store keeps the same rule).
      const pending = this.host.pending.get(ref.name)?.version;
      if (pending !== undefined && !newer(pending, ref.version)) this.host.pending.delete(ref.name);
      this.releasing.delete(ref.name);
    }
    out.push({ type: 'emit', line: lines.copyStored(ref.name, ref.peer) });
  }

  /** The sender side of a copy ended: a store's (it counts towards the store's W), or one sent by anti-entropy or hand-off. */
  copySent(
    ref: Extract<TransferRef, { purpose: 'replica' }>,
    error: string | undefined,
    lost: boolean,
    unsent: boolean,
    now: number,
    out: Effect[],
  ): void {
    if (ref.op === undefined || ref.pending !== true) this.sendingCopies.delete(`${ref.peer}:${ref.name}`);
    else {
      const key = storeKey(ref.origin, ref.op);
      const pending = this.stores.get(key);
      if (pending !== undefined && pending.name === ref.name) {
        pending.outstanding--;
        pending.underWay.delete(ref.peer);
        if (error === undefined) {
          pending.copies++;
          pending.acked.push(ref.peer);
          pending.zones.add(this.zoneKey(ref.peer));
          // Settled meanwhile: this replica hears how, unless it was told while its copy was on its way. A discard goes
          // again to a late copy's peer while its confirmation is awaited: told while it was silent, it may not have
          // heard, and a copy left pending is kept.
          const again =
            pending.settled === 'discard' &&
            pending.late.has(ref.peer) &&
            pending.report?.waiting.has(ref.peer) === true;
          if (pending.settled !== undefined && (!pending.told.has(ref.peer) || again))
            this.host.send(ref.peer, settleMessage(pending, pending.settled), now, out);
        } else if (lost) {
          // Its pending copy here was replaced by a newer store's, written but not yet heard of: that store says which.
          pending.displaced = true;
        } else {
          pending.failures.push(`Peer ${ref.peer}: ${error}`);
          if (unsent) {
            // Nothing of it reached that peer: there is no copy there to discard.
            pending.unsent.add(ref.peer);
            if (pending.report?.waiting.delete(ref.peer) === true) this.reportFailure(pending, now, out);
          }
          this.standIns(pending, out);
        }
        this.storeProgress(key, pending, now, out);
      }
    }
    const handoff = this.handoff;
    if (handoff?.to === ref.peer && handoff.outstanding.delete(ref.name)) {
      out.push({ type: 'schedule', timer: HANDOFF_TIMER, at: now + this.config.handoffTimeoutMs });
      this.handoffProgress(now, out);
    }
  }

  /** A copy here turned out damaged: forget it, so anti-entropy brings a good one. */
  lost(name: string, now: number, out: Effect[]): void {
    this.host.held.delete(name);
    this.releasing.delete(name);
    this.topologyChanged(now, out);
  }

  // --- anti-entropy ----------------------------------------------------------------------------

  private scheduleSync(at: number, out: Effect[]): void {
    this.nextSyncAt = at;
    out.push({ type: 'schedule', timer: SYNC_TIMER, at });
  }

  /** One round: digests of this peer's own range to its replicas, and a check for copies it no longer needs. */
  private sync(now: number, out: Effect[]): void {
    if (!this.host.active() || this.handoff !== undefined) return;
    const self = this.host.id;
    const successors = this.host.successors();
    const first = this.host.predecessors()[0];
    if (successors[0] === self) return; // alone: nobody to copy to
    // With no replicas (R = 1) the first successor still gets the digest: it hands over what this peer lacks.
    const targets = this.config.replicas === 1 ? replicaTargets(self, successors, 2) : this.targets();
    const zoned = this.config.replicas > 1 && this.zoned();
    if (first !== null && targets.length > 0) {
      const entries = entriesIn(this.host.held, (n) => this.host.keyOf(n), first, self);
      for (const part of digestParts(entries, (n) => this.host.keyOf(n), first, self, this.host.spaceSize)) {
        const digest: Digest = {
          type: 'digest',
          rangeLo: first,
          lo: part.lo,
          hi: part.hi,
          entries: part.entries,
          handoff: false,
          ...(zoned ? { zoned } : {}),
        };
        for (const peer of targets) this.host.send(peer, digest, now, out);
      }
    }
    this.release(now, out);
  }

  /** A predecessor said (in a ping) that its own range starts at `lo`, as its digest's `rangeLo` says. */
  noteRangeStart(from: PeerId, lo: PeerId): void {
    const [first, second] = this.host.predecessors();
    if (from === first || from === second) this.noteRange(from, lo, first, second);
  }

  /** Where a predecessor's own range starts; only the current predecessors' are kept (holdingRange reads no other). */
  private noteRange(from: PeerId, lo: PeerId, first: PeerId | null, second: PeerId | null): void {
    this.rangeStarts.set(from, lo);
    for (const peer of this.rangeStarts.keys()) if (peer !== first && peer !== second) this.rangeStarts.delete(peer);
  }

  onDigest(from: PeerId, digest: Digest, now: number, out: Effect[]): void {
    if (!this.host.active()) return;
    const [first, second] = this.host.predecessors();
    if (!digest.handoff && (from === first || from === second)) this.noteRange(from, digest.rangeLo, first, second);
    if (!digest.handoff) {
      this.digestsFrom.delete(from);
      this.digestsFrom.set(from, { lo: digest.rangeLo, at: now, zoned: digest.zoned === true });
      if (this.digestsFrom.size > MAX_DIGESTS_FROM) this.digestsFrom.delete(this.digestsFrom.keys().next().value!);
    }
    for (const entry of digest.entries) this.host.observe(entry.version);
    // With R = 1 only a departing peer's digest asks for copies: nobody else keeps replicas.
    const copies = digest.handoff || this.config.replicas > 1;
    const newerThere = copies
      ? digest.entries.filter((e) => newer(e.version, this.host.held.get(e.name)?.version))
      : [];
    const want: string[] = [];
    for (const entry of newerThere) {
      // The sender holds (serves) the version this peer keeps pending: its store was acknowledged, so commit it here.
      if (sameVersion(this.host.pending.get(entry.name)?.version, entry.version)) {
        out.push({ type: 'settle', name: entry.name, version: entry.version, outcome: 'commit' });
        continue;
      }
      const arriving = this.receiving.get(entry.name);
      if (arriving === undefined || newer(entry.version, arriving)) want.push(entry.name);
    }
    for (const name of want) this.wanted.set(name, { peer: from, at: now });
    // Only for a range within the sender's own (rangeLo, sender], lo before hi in it: lo = hi would be the whole ring,
    // and hi before lo nearly all of it, every file held here.
    if (
      !digest.handoff &&
      digest.lo !== digest.hi &&
      digest.rangeLo !== from &&
      between(digest.rangeLo, digest.hi, from) &&
      (digest.lo === digest.rangeLo || between(digest.rangeLo, digest.lo, digest.hi))
    ) {
      // What the sender should hold but lacks, or holds older, it gets from here.
      const listed = new Map(digest.entries.map((e) => [e.name, e.version]));
      for (const entry of entriesIn(this.host.held, (n) => this.host.keyOf(n), digest.lo, digest.hi)) {
        if (newer(entry.version, listed.get(entry.name))) this.sendCopy(from, entry.name, out);
      }
    }
    if (want.length > 0 || digest.handoff) this.host.send(from, { type: 'digestReply', want }, now, out);
  }

  private sendWanted(to: PeerId, want: readonly string[], out: Effect[]): void {
    for (const name of want) if (this.host.held.has(name)) this.sendCopy(to, name, out);
  }

  /** One copy of a file to a peer at a time: digests repeat every interval, while copies may queue longer. */
  private sendCopy(to: PeerId, name: string, out: Effect[]): void {
    const key = `${to}:${name}`;
    if (this.sendingCopies.has(key)) return;
    this.sendingCopies.add(key);
    out.push({ type: 'transfer', ref: copyRef(to, name) });
  }

  /**
   * The keys this peer keeps copies of, as far as it knows: 'all', a range (lo, self], or none yet. Across zones, only
   * its own range: the others it keeps are those whose responsible peers send it their digests (keptFor).
   */
  private range(): { lo: PeerId } | 'all' | undefined {
    const { id } = this.host;
    const successors = this.host.successors();
    const predecessors = this.host.predecessors();
    if (!this.zoned()) return holdingRange(id, successors, predecessors, this.rangeStarts, this.config.replicas);
    if (successors[0] === id) return 'all';
    if (
      replicaTargets(id, successors, this.config.replicas).length <
      Math.min(this.config.replicas - 1, successors.length)
    )
      return 'all';
    return predecessors[0] === null ? undefined : { lo: predecessors[0] };
  }

  /** Whether this peer is one of `name`'s holders by its own view of the ring (its range, or digests sent to it). */
  keeps(name: string, now: number): boolean {
    const range = this.range();
    const key = this.host.keyOf(name);
    // Its own range (after its first predecessor) a peer keeps as soon as it knows that predecessor: a peer that just
    // joined learns the rest of its holding range pings later, and meanwhile must take what the old holders hand over.
    const first = this.host.predecessors()[0];
    // The key that is this peer's own id is its own whatever its predecessors: one that forgot both (cut off from it,
    // no ping for K+1 intervals) still keeps it (partitions 10574: 505, [null, null] after a heal, refused key 505's
    // copy from the stand-in that took its store).
    return (
      key === this.host.id ||
      range === 'all' ||
      (range !== undefined && between(range.lo, key, this.host.id)) ||
      (first !== null && between(first, key, this.host.id)) ||
      this.keptFor(key, now - DIGEST_KEEP_ROUNDS * this.config.syncIntervalMs)
    );
  }

  /**
   * Whether a responsible peer ever chose this one as a holder of `name`'s key across zones (its last zoned digest named
   * the range), however long ago: its copy is one the store placed here for the key, not a leftover.
   */
  keptAcrossZones(name: string): boolean {
    return this.keptFor(this.host.keyOf(name), Number.NEGATIVE_INFINITY);
  }

  /** Whether a responsible peer that chose this one as a holder (across zones) sent a digest of `key`'s range since `since`. */
  private keptFor(key: number, since: number): boolean {
    const zoned = this.zoned();
    for (const [peer, from] of this.digestsFrom)
      if (from.at >= since && (zoned || from.zoned) && between(from.lo, key, peer)) return true;
    return false;
  }

  /**
   * Asks who keeps the copies outside this peer's range. A copy is dropped once R peers that keep it
   * (each one of its holders by its own view) said they hold it: those never drop it themselves, so two
   * extra copies cannot both go on the strength of each other. A keeper's bytes win over an extra copy's
   * (which is older, or lost a race with a newer store).
   *
   * The keepers of a key are found by a lookup of its responsible peer, not by walking the ring: they lie
   * just behind after a join took part of this peer's range, but anywhere ahead when this peer stood in for
   * a responsible peer that was cut off or down and is back (a partition healed, a restart with its disk,
   * a false death). The query then goes to the responsible peer, which passes it to the next R-1.
   */
  private release(now: number, out: Effect[]): void {
    this.askHandedOver(now, out);
    const range = this.range();
    this.releasing.clear();
    for (const name of this.dropRefused) if (!this.host.held.has(name)) this.dropRefused.delete(name); // gone another way
    if (range === undefined || range === 'all' || this.host.predecessors()[0] === null) return;
    const extra = [...this.host.held].filter(([name]) => !this.dropping.has(name) && !this.keeps(name, now));
    const keys = new Set<number>();
    for (const [name, { version }] of extra.slice(0, MAX_DIGEST_ENTRIES)) {
      this.releasing.set(name, { version, keepers: new Set() });
      keys.add(this.host.keyOf(name));
    }
    for (const key of keys) this.host.find(key, now, out);
  }

  /**
   * A store this peer took, committed here though its key is none this peer keeps by its own view of the ring, goes to
   * the key's holders now, not at the next sync (release). It was sent past them by a peer that avoided them since a cut
   * (their hops lost while cut off, nothing heard since): partitions 10574, where 224 took key 505's store 130 ms after
   * the heal, its copies at 224, 280 and 356, and requests 230 and 340 ms later walked 505, 116 and 206 (NOT_FOUND);
   * 224's next sync moved it to 505 10 ms after the second.
   */
  private releaseStandIn(name: string, version: Version, now: number, out: Effect[]): void {
    const range = this.range();
    if (range === undefined || range === 'all' || this.host.predecessors()[0] === null || this.keeps(name, now)) return;
    this.releasing.set(name, { version, keepers: new Set() });
    this.host.find(this.host.keyOf(name), now, out);
  }

  /** A lookup of a key this peer holds extra copies of (or hands over) found its responsible peer: ask it and the next R-1. */
  found(key: number, responsible: PeerId, now: number, out: Effect[]): void {
    const handing = [...this.handingOver].filter(([name]) => this.host.keyOf(name) === key);
    if (responsible === this.host.id) {
      for (const [name] of handing) this.handingOver.delete(name); // its own key again: nothing to hand over
      return; // it takes itself for responsible: its own range will say so
    }
    for (const [, entry] of handing) entry.responsible = responsible;
    const asked = new Map(handing.map(([name, { version }]) => [name, version] as const));
    for (const [name, { version }] of this.releasing) if (this.host.keyOf(name) === key) asked.set(name, version);
    const names = [...asked.keys()];
    const versions = [...asked.values()];
    if (names.length > 0)
      this.host.send(
        responsible,
        { type: 'holdQuery', origin: this.host.id, ttl: this.config.replicas, names, versions },
        now,
        out,
      );
  }

  /**
   * Answers the origin for the names it keeps and holds at the origin's version or a newer one, asks the origin for
   * those it keeps but lacks or holds older (the origin may hold the only copies left, or the newest), and passes the
   * query on to its first successor.
   */
  onHoldQuery(query: HoldQuery, now: number, out: Effect[]): void {
    if (!this.host.active()) return;
    const asked = new Map(query.names.map((name, i) => [name, query.versions[i]!] as const));
    for (const version of asked.values()) this.host.observe(version);
    const kept = query.names.filter((name) => this.keeps(name, now));
    const upToDate = (name: string) => {
      const mine = this.host.held.get(name)?.version;
      return mine !== undefined && !newer(asked.get(name)!, mine);
    };
    const held = kept.filter(upToDate);
    if (held.length > 0) this.host.send(query.origin, { type: 'holdReply', held }, now, out);
    const want =
      query.origin === this.host.id ? [] : kept.filter((name) => !upToDate(name) && !this.receiving.has(name));
    if (want.length > 0) {
      for (const name of want) this.wanted.set(name, { peer: query.origin, at: now });
      this.host.send(query.origin, { type: 'digestReply', want }, now, out);
    }
    const next = this.host.successors()[0];
    const first = this.host.predecessors()[0];
    const key = query.names.length > 0 ? this.host.keyOf(query.names[0]!) : undefined;
    if (query.ttl > 1 && this.zoned() && first !== null && key !== undefined && between(first, key, this.host.id)) {
      // The responsible peer placed the copies across zones: it asks its holders itself.
      for (const peer of this.targets())
        if (peer !== query.origin) this.host.send(peer, { ...query, ttl: 1 }, now, out);
    } else if (query.ttl > 1 && next !== undefined && next !== query.origin && next !== this.host.id) {
      this.host.send(next, { ...query, ttl: query.ttl - 1 }, now, out);
    }
  }

  onHoldReply(from: PeerId, held: readonly string[], now: number, out: Effect[]): void {
    for (const name of held) if (this.handingOver.get(name)?.responsible === from) this.handingOver.delete(name);
    for (const name of held) {
      const release = this.releasing.get(name);
      if (release === undefined) continue;
      release.keepers.add(from);
      if (release.keepers.size < this.config.replicas) continue;
      this.releasing.delete(name);
      const copy = this.host.held.get(name);
      if (copy === undefined || !sameVersion(copy.version, release.version) || this.keeps(name, now)) continue;
      if (this.dropping.has(name)) continue;
      const { sha256, version } = copy;
      this.dropping.set(name, { sha256, version, keepers: [...release.keepers].sort((a, b) => a - b) });
      out.push({ type: 'drop', name, sha256, version });
    }
  }

  /**
   * The disk answered the drop of `name`'s copy at `sha256`: `removed`, or it was not there (deleted under the peer), so
   * forgotten now; or the delete failed (`error`), so the copy stays held and the next sync asks its keepers again. A
   * newer copy that replaced it meanwhile (other bytes) is not touched.
   */
  dropped(name: string, sha256: string, removed: boolean, error: string | undefined, out: Effect[]): void {
    const asked = this.dropping.get(name);
    if (asked?.sha256 !== sha256) return;
    this.dropping.delete(name);
    if (error !== undefined) {
      if (!this.dropRefused.has(name)) out.push({ type: 'emit', line: lines.dropFailed(name, error) });
      this.dropRefused.add(name);
      return;
    }
    this.dropRefused.delete(name);
    const held = this.host.held.get(name);
    if (held?.sha256 !== sha256 || !sameVersion(held.version, asked.version)) return;
    this.host.held.delete(name);
    if (removed) out.push({ type: 'emit', line: lines.copyDropped(name, asked.keepers) });
  }

  /** Whether the disk was asked to delete `name`'s copy and has not answered. */
  isDropping(name: string): boolean {
    return this.dropping.has(name);
  }

  // --- hand-off before a departure -------------------------------------------------------------

  /**
   * Gives the first successor that is not `departing` with this peer every file it lacks, then calls `done` (also after
   * the timeout). With every successor departing too (a whole ring leaving), each peer keeps its files on disk.
   */
  handOff(
    now: number,
    out: Effect[],
    done: (now: number, out: Effect[]) => void,
    departing: ReadonlySet<PeerId> = new Set(),
  ): void {
    const to = this.host.successors().find((peer) => !departing.has(peer));
    if (to === undefined || to === this.host.id || this.host.held.size === 0) {
      done(now, out);
      return;
    }
    const entries = [...this.host.held].map(([name, { sha256, version }]) => ({ name, sha256, version }));
    const parts = digestParts(entries, (n) => this.host.keyOf(n), this.host.id, this.host.id, this.host.spaceSize);
    this.handoff = { to, done, repliesDue: parts.length, outstanding: new Set() };
    for (const part of parts) {
      this.host.send(
        to,
        { type: 'digest', rangeLo: this.host.id, lo: part.lo, hi: part.hi, entries: part.entries, handoff: true },
        now,
        out,
      );
    }
    out.push({ type: 'emit', line: lines.handoffStarted(to, entries.length) });
    out.push({ type: 'schedule', timer: HANDOFF_TIMER, at: now + this.config.handoffTimeoutMs });
  }

  private handoffProgress(now: number, out: Effect[]): void {
    const handoff = this.handoff;
    if (handoff === undefined || handoff.repliesDue > 0 || handoff.outstanding.size > 0) return;
    this.handoff = undefined;
    out.push({ type: 'cancel', timer: HANDOFF_TIMER });
    out.push({ type: 'emit', line: lines.handoffDone(handoff.to) });
    handoff.done(now, out);
  }
}

function copiesTimer(pending: PendingStore): TimerName {
  return { kind: 'copies', origin: pending.origin, op: pending.op };
}

function storeKey(origin: PeerId, op: number): string {
  return `${origin}:${op}`;
}

/** The answer to a store's origin: done (no error, its version), or failed with why (and the winner, if superseded). */
function storedMessage(pending: PendingStore, error: string, about: Pick<Stored, 'version' | 'superseded'>): Stored {
  const { op, name, hops, copies } = pending;
  return { type: 'stored', op, name, hops, copies, error, ...about };
}

function settleMessage(pending: PendingStore, outcome: 'commit' | 'discard'): Settle {
  return { type: 'settle', name: pending.name, version: pending.version, outcome };
}

/** Why a store failed that a newer store of the same name beat. */
function lostRace(name: string, winner: Version): string {
  return `a newer store of ${name} won the race: ${describeVersion(winner)}`;
}

/** A copy sent by anti-entropy or hand-off: it serves no command, so it has no op. */
function copyRef(peer: PeerId, name: string): TransferRef {
  return { purpose: 'replica', peer, origin: peer, name, hops: 0 };
}
