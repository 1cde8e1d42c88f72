// Replication: which peers hold which keys, the write quorum of a store, anti-entropy between neighbours,
// hand-off before a departure, and dropping copies a peer no longer needs. Pure.
//
// What is promised: every file is held by the peer responsible for its key and the next R-1 peers.
// A store completes only once W copies (the responsible peer's and W-1 replicas) are durable.
// Copies that are missing anywhere, for whatever reason, are found by anti-entropy: every peer sends
// each of its R-1 successors the list of files it is responsible for (a digest), and each side sends
// the other what it lacks. A copy a peer no longer needs is dropped only after the R-1 peers before it
// confirm that they hold the same bytes.
import type { Effect, TimerName, TransferRef } from './io.ts';
import { lines } from './lines.ts';
import type { Digest, DigestReply, FileEntry, HoldQuery, Message } from './messages.ts';
import { between, type PeerId } from './ring.ts';

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
}

/** The most replicas a peer can place: its successor list is this long (SUCCESSOR_COUNT + 1). */
export const MAX_REPLICAS = 3;
/** Entries in one digest message: a digest of more goes in several messages, each covering a key range. */
export const MAX_DIGEST_ENTRIES = 2048;
/** The most peers a hold query visits (it goes to a key's R keepers; the wire takes no more). */
export const HOLD_QUERY_DEPTH = 8;
export const SYNC_TIMER: TimerName = { kind: 'sync' };
export const HANDOFF_TIMER: TimerName = { kind: 'handoff' };

/** What the replicator needs from the machine that hosts it. */
export interface ReplicaHost {
  readonly id: PeerId;
  /** Name -> sha256 (hex) of every file this peer holds. */
  readonly held: Map<string, string>;
  /** 2^idBits. */
  readonly spaceSize: number;
  keyOf(name: string): number;
  successors(): readonly PeerId[];
  predecessors(): readonly [PeerId | null, PeerId | null];
  /** In a ring and not departing. */
  active(): boolean;
  send(to: PeerId, message: Message, now: number, out: Effect[]): void;
  /** Looks up the peer responsible for `key`; the answer comes back through Replicator.found. */
  find(key: number, now: number, out: Effect[]): void;
}

// --- pure helpers (table-tested) ------------------------------------------------------------

/** The peers that hold copies besides this one: its first R-1 successors, without itself or repeats. */
export function replicaTargets(self: PeerId, successors: readonly PeerId[], replicas: number): PeerId[] {
  return [...new Set(successors.slice(0, replicas - 1))].filter((p) => p !== self);
}

/**
 * The range of keys a peer holds copies of, as (lo, self]: its own range and those of its R-1
 * predecessors. `rangeStarts` maps a predecessor to the start of its own range (from its digests).
 * 'all' when the ring has fewer than R peers; undefined while what it needs is not known yet.
 */
export function holdingRange(
  self: PeerId,
  successors: readonly PeerId[],
  predecessors: readonly (PeerId | null)[],
  rangeStarts: ReadonlyMap<PeerId, PeerId>,
  replicas: number,
): { lo: PeerId } | 'all' | undefined {
  if (replicaTargets(self, successors, replicas).length < Math.min(replicas - 1, successors.length) || successors[0] === self) return 'all';
  const first = predecessors[0];
  if (first === null || first === undefined) return undefined;
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
export function entriesIn(held: ReadonlyMap<string, string>, keyOf: (name: string) => number, lo: PeerId, hi: PeerId): FileEntry[] {
  const out: FileEntry[] = [];
  for (const [name, sha256] of held) if (between(lo, keyOf(name), hi)) out.push({ name, sha256 });
  return out;
}

/**
 * Splits the entries of the range (lo, hi] into digests of at most `max` entries, each covering a
 * contiguous key range (lo_i, hi_i], so a receiver can tell what the sender lacks within each one.
 */
export function digestParts(entries: readonly FileEntry[], keyOf: (name: string) => number, lo: PeerId, hi: PeerId, size: number, max = MAX_DIGEST_ENTRIES): { lo: PeerId; hi: PeerId; entries: FileEntry[] }[] {
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

/** Of `entries`, those not held here with the same bytes. */
export function missing(entries: readonly FileEntry[], held: ReadonlyMap<string, string>): string[] {
  return entries.filter((e) => held.get(e.name) !== e.sha256).map((e) => e.name);
}

// --- the replicator -----------------------------------------------------------------------

interface PendingStore {
  name: string;
  origin: PeerId;
  op: number;
  hops: number;
  /** Durable copies so far, this peer's included. */
  copies: number;
  need: number;
  outstanding: number;
  answered: boolean;
  failures: string[];
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
  private readonly wanted = new Map<string, PeerId>();
  /** Files arriving now, so two neighbours do not send the same one at once. */
  private readonly receiving = new Set<string>();
  private readonly stores = new Map<string, PendingStore>();
  /** Copies this peer no longer needs, asked about: name -> the peers that said they keep it. */
  private readonly releasing = new Map<string, { sha256: string; keepers: Set<PeerId> }>();
  /** Copies on their way (or waiting their turn), as `peer:name`. */
  private readonly sendingCopies = new Set<string>();
  private handoff?: Handoff;
  private nextSyncAt = Infinity;

  constructor(private readonly config: ReplicationConfig, private readonly host: ReplicaHost) {}

  get replicas(): number {
    return this.config.replicas;
  }

  start(now: number, out: Effect[]): void {
    this.scheduleSync(now + this.config.syncIntervalMs, out);
  }

  /** The successors or predecessors changed: exchange digests soon, once pings have told everyone. */
  topologyChanged(now: number, out: Effect[]): void {
    if (this.nextSyncAt > now + this.config.syncDelayMs) this.scheduleSync(now + this.config.syncDelayMs, out);
  }

  /** The sync timer: an anti-entropy round, and the next one scheduled. */
  syncTick(now: number, out: Effect[]): void {
    this.nextSyncAt = Infinity;
    this.sync(now, out);
    this.scheduleSync(now + this.config.syncIntervalMs, out);
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

  // --- stores: the write quorum ---------------------------------------------------------------

  /** The responsible peer has the file durable: copy it to the replicas, answer the origin at W copies. */
  stored(ref: Extract<TransferRef, { purpose: 'store' }>, now: number, out: Effect[]): void {
    const targets = replicaTargets(this.host.id, this.host.successors(), this.config.replicas);
    const pending: PendingStore = {
      name: ref.name, origin: ref.origin, op: ref.op, hops: ref.hops,
      copies: 1, need: Math.min(this.config.writeQuorum, 1 + targets.length), outstanding: targets.length, answered: false, failures: [],
    };
    const key = storeKey(ref.origin, ref.op);
    this.stores.set(key, pending);
    for (const peer of targets) {
      out.push({ type: 'transfer', ref: { purpose: 'replica', peer, op: ref.op, origin: ref.origin, name: ref.name, hops: ref.hops } });
    }
    this.storeProgress(key, pending, now, out);
  }

  private storeProgress(key: string, pending: PendingStore, now: number, out: Effect[]): void {
    if (!pending.answered && (pending.copies >= pending.need || pending.outstanding === 0)) {
      pending.answered = true;
      const ok = pending.copies >= pending.need;
      const error = ok ? '' : `only ${pending.copies} of the ${pending.need} copies a store needs are durable (${pending.failures.join('; ')})`;
      if (ok) out.push({ type: 'emit', line: lines.storeAccepted(pending.name, this.host.keyOf(pending.name), pending.origin) });
      else out.push({ type: 'emit', line: lines.storeFailed(pending.name, pending.origin, error) });
      this.host.send(pending.origin, { type: 'stored', op: pending.op, name: pending.name, hops: pending.hops, copies: pending.copies, error }, now, out);
    }
    if (pending.outstanding === 0) this.stores.delete(key);
  }

  // --- transfers of copies ---------------------------------------------------------------------

  /**
   * Whether a copy `from` sends may come in; the reason when it may not. A store's copy (it has the store's
   * op) comes from the peer responsible for the file, which may be ahead of this peer's view of its predecessors,
   * so it is taken as a store is; any other copy must have been asked for by a digest.
   */
  acceptCopy(from: PeerId, name: string, op: number | undefined): string | undefined {
    if (this.receiving.has(name)) return `File ${name} is already arriving`;
    if (op !== undefined || this.wanted.get(name) === from) return undefined;
    const [first, second] = this.host.predecessors();
    if (from === first || from === second) return undefined;
    if (this.host.successors().includes(from) && first !== null && between(first, this.host.keyOf(name), this.host.id)) return undefined;
    return `Peer ${this.host.id} did not ask Peer ${from} for File ${name}`;
  }

  copyStarted(name: string): void {
    this.receiving.add(name);
  }

  copyReceived(ref: TransferRef, sha256: string | undefined, error: string | undefined, out: Effect[]): void {
    this.receiving.delete(ref.name);
    if (this.wanted.get(ref.name) === ref.peer) this.wanted.delete(ref.name);
    if (error !== undefined || sha256 === undefined) {
      out.push({ type: 'emit', line: lines.copyFailed(ref.name, ref.peer, error ?? 'no checksum') });
      return;
    }
    this.host.held.set(ref.name, sha256);
    this.releasing.delete(ref.name);
    out.push({ type: 'emit', line: lines.copyStored(ref.name, ref.peer) });
  }

  /** The sender side of a copy ended: a store's (it counts towards the store's W), or one sent by anti-entropy or hand-off. */
  copySent(ref: Extract<TransferRef, { purpose: 'replica' }>, error: string | undefined, now: number, out: Effect[]): void {
    if (ref.op === undefined) this.sendingCopies.delete(`${ref.peer}:${ref.name}`);
    else {
      const key = storeKey(ref.origin, ref.op);
      const pending = this.stores.get(key);
      if (pending !== undefined && pending.name === ref.name) {
        pending.outstanding--;
        if (error === undefined) pending.copies++;
        else pending.failures.push(`Peer ${ref.peer}: ${error}`);
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
    const targets = replicaTargets(self, successors, Math.max(2, this.config.replicas));
    if (first !== null && targets.length > 0) {
      const entries = entriesIn(this.host.held, (n) => this.host.keyOf(n), first, self);
      for (const part of digestParts(entries, (n) => this.host.keyOf(n), first, self, this.host.spaceSize)) {
        const digest: Digest = { type: 'digest', rangeLo: first, lo: part.lo, hi: part.hi, entries: part.entries, handoff: false };
        for (const peer of targets) this.host.send(peer, digest, now, out);
      }
    }
    this.release(now, out);
  }

  onDigest(from: PeerId, digest: Digest, now: number, out: Effect[]): void {
    if (!this.host.active()) return;
    const [first, second] = this.host.predecessors();
    if (!digest.handoff && (from === first || from === second)) this.rangeStarts.set(from, digest.rangeLo);
    // With R = 1 only a departing peer's digest asks for copies: nobody else keeps replicas.
    const copies = digest.handoff || this.config.replicas > 1;
    const want = copies ? missing(digest.entries, this.host.held).filter((name) => !this.receiving.has(name)) : [];
    for (const name of want) this.wanted.set(name, from);
    if (!digest.handoff) {
      // What the sender should hold but lacks, it gets from here.
      const listed = new Set(digest.entries.map((e) => e.name));
      for (const entry of entriesIn(this.host.held, (n) => this.host.keyOf(n), digest.lo, digest.hi)) {
        if (!listed.has(entry.name)) this.sendCopy(from, entry.name, out);
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

  /** The keys this peer keeps copies of, as far as it knows: 'all', a range (lo, self], or none yet. */
  private range(): { lo: PeerId } | 'all' | undefined {
    return holdingRange(this.host.id, this.host.successors(), this.host.predecessors(), this.rangeStarts, this.config.replicas);
  }

  private keeps(name: string): boolean {
    const range = this.range();
    return range === 'all' || (range !== undefined && between(range.lo, this.host.keyOf(name), this.host.id));
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
    const range = this.range();
    this.releasing.clear();
    if (range === undefined || range === 'all' || this.host.predecessors()[0] === null) return;
    const extra = [...this.host.held].filter(([name]) => !between(range.lo, this.host.keyOf(name), this.host.id));
    const keys = new Set<number>();
    for (const [name, sha256] of extra.slice(0, MAX_DIGEST_ENTRIES)) {
      this.releasing.set(name, { sha256, keepers: new Set() });
      keys.add(this.host.keyOf(name));
    }
    for (const key of keys) this.host.find(key, now, out);
  }

  /** A lookup of a key this peer holds extra copies of found its responsible peer: ask it and the next R-1. */
  found(key: number, responsible: PeerId, now: number, out: Effect[]): void {
    if (responsible === this.host.id) return; // it takes itself for responsible: its own range will say so
    const names = [...this.releasing.keys()].filter((name) => this.host.keyOf(name) === key);
    if (names.length > 0) this.host.send(responsible, { type: 'holdQuery', origin: this.host.id, ttl: this.config.replicas, names }, now, out);
  }

  /**
   * Answers the origin for the names it keeps and holds, asks the origin for those it keeps but lacks
   * (the origin may hold the only copies left), and passes the query on to its first successor.
   */
  onHoldQuery(query: HoldQuery, now: number, out: Effect[]): void {
    if (!this.host.active()) return;
    // A keeper answers whichever bytes it has: its version is the one anti-entropy spreads (the responsible peer's).
    const kept = query.names.filter((name) => this.keeps(name));
    const held = kept.filter((name) => this.host.held.has(name));
    if (held.length > 0) this.host.send(query.origin, { type: 'holdReply', held }, now, out);
    const want = query.origin === this.host.id ? [] : kept.filter((name) => !this.host.held.has(name) && !this.receiving.has(name));
    if (want.length > 0) {
      for (const name of want) this.wanted.set(name, query.origin);
      this.host.send(query.origin, { type: 'digestReply', want }, now, out);
    }
    const next = this.host.successors()[0];
    if (query.ttl > 1 && next !== undefined && next !== query.origin && next !== this.host.id) {
      this.host.send(next, { ...query, ttl: query.ttl - 1 }, now, out);
    }
  }

  onHoldReply(from: PeerId, held: readonly string[], out: Effect[]): void {
    for (const name of held) {
      const release = this.releasing.get(name);
      if (release === undefined) continue;
      release.keepers.add(from);
      if (release.keepers.size < this.config.replicas) continue;
      this.releasing.delete(name);
      if (this.host.held.get(name) !== release.sha256 || this.keeps(name)) continue;
      this.host.held.delete(name);
      out.push({ type: 'drop', name });
      out.push({ type: 'emit', line: lines.copyDropped(name, [...release.keepers].sort((a, b) => a - b)) });
    }
  }

  // --- hand-off before a departure -------------------------------------------------------------

  /**
   * Gives the first successor that is not `departing` with this peer every file it lacks, then calls `done` (also after
   * the timeout). With every successor departing too (a whole ring leaving), each peer keeps its files on disk.
   */
  handOff(now: number, out: Effect[], done: (now: number, out: Effect[]) => void, departing: ReadonlySet<PeerId> = new Set()): void {
    const to = this.host.successors().find((peer) => !departing.has(peer));
    if (to === undefined || to === this.host.id || this.host.held.size === 0) {
      done(now, out);
      return;
    }
    const entries = [...this.host.held].map(([name, sha256]) => ({ name, sha256 }));
    const parts = digestParts(entries, (n) => this.host.keyOf(n), this.host.id, this.host.id, this.host.spaceSize);
    this.handoff = { to, done, repliesDue: parts.length, outstanding: new Set() };
    for (const part of parts) {
      this.host.send(to, { type: 'digest', rangeLo: this.host.id, lo: part.lo, hi: part.hi, entries: part.entries, handoff: true }, now, out);
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

function storeKey(origin: PeerId, op: number): string {
  return `${origin}:${op}`;
}

/** A copy sent by anti-entropy or hand-off: it serves no command, so it has no op. */
function copyRef(peer: PeerId, name: string): TransferRef {
  return { purpose: 'replica', peer, origin: peer, name, hops: 0 };
}
