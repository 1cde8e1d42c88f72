// What must hold in every run: checks made after each step (cheap) and once the ring is quiet (whole-ring).
import type { CommandKind, OpResult } from '../core/io.ts';
import { replicaTargets } from '../core/replication.ts';
import { firstAtOrAfter, successorsInRing, type PeerId } from '../core/ring.ts';
import { MAX_LOOKUP_RETRIES, type Message, walkedPastKey } from '../core/messages.ts';
import { decodeEnvelope, encodeEnvelope, type DecodeLimits } from '../wire/codec.ts';
import type { Content, OpRecord, SimMachine } from './types.ts';
import { compareVersions, type Version } from '../core/version.ts';
import type { OpErrorCode } from '../core/io.ts';

/**
 * A store that failed for sure: its responsible peer said so, or it never got there. Its bytes must never be served.
 * (TIMEOUT and TRANSFER_FAILED may hide a store that was taken: its origin never learned how it ended.)
 */
const DEFINITE_FAILURES: ReadonlySet<OpErrorCode> = new Set<OpErrorCode>([
  'STORE_FAILED',
  'SUPERSEDED',
  'BAD_NAME',
  'NOT_IN_RING',
  'BUSY',
  'BAD_SOURCE',
  'NO_FILE',
  'SHUTTING_DOWN',
]);

/** Whether a store's bytes may be served: it was acknowledged, or its outcome is unknown (still under way, timed out). */
function mayServe(record: OpRecord): boolean {
  return record.result === undefined || record.result.ok || !DEFINITE_FAILURES.has(record.result.code);
}

export const INVARIANTS = {
  ring: 'once quiet, the successor lists of the members are the next members in id order: one ring, no live member skipped',
  successorLive: "once quiet, every member's successor list holds a live member",
  holder:
    'every lookup that completed ok named a peer that was responsible for its key among the members at some moment while it was under way',
  bytes:
    'every ok store was written at its holder, and every ok request returned bytes that a store wrote at the holder',
  completion: 'every command completes exactly once, at its origin; once quiet, none is pending',
  disk: 'a peer holds a file (to the machine) exactly when the file is on its disk',
  copies:
    'once quiet, every file a store acknowledged is on the disks of exactly its R holders among the members (the responsible peer and the next R-1), with the same bytes; but for those lost when R of their holders failed at once (see durable)',
  hopBound:
    "no lookup travels more hops than there are peers, plus the peers a request may try after the key's: its R-1 replicas and one successor new to the last one's list (it would be going round the ring); nor does a join request, a successor change or a departure passed along the ring",
  durable:
    'a file a store acknowledged stays on a live peer or on the disk of a down peer that comes back, unless R of its holders (as many as it had copies, if fewer) failed within a repair window of each other; a copy deleted or damaged under its peer is that holder failing',
  newest:
    'once quiet, every copy of a file is at least as new as the newest store of it that was acknowledged (stores racing, stale or foreign disks, partitions)',
  acknowledged:
    'a request returns the bytes of a store that was acknowledged (or whose outcome its origin never learned), never of one that failed',
  monotonic:
    'a request never returns bytes older than a store of the name acknowledged to the same origin before the request began',
  wire: "every message a peer sends is one its receiver decodes (the real codec, with the ring's limits), as sent",
  zones:
    'a file a store acknowledged whose holders span two zones or more (the ring has them within its successor lists) is not lost when one whole zone (a host) fails',
  forks:
    "a command's lookup takes one path: its messages, every hop and every hop sent another way counted, are at most twice the peers plus the peers a request may try after the key's (a peer that passed it on does not pass on a second copy of it); a requester sends a lost lookup again at most MAX_LOOKUP_RETRIES times, each a lookup bounded so on its own",
  alive:
    'no live peer is declared dead while TCP delivers (lost or duplicated datagrams alone never kill a live peer: indirect probes, then refutation)',
} as const;

export type InvariantName = keyof typeof INVARIANTS;

/**
 * Every invariant the families check by default. `alive` is checked only where a family names it: a peer that restarts
 * and has not joined again, or one cut off by a partition, is silent though alive, and is rightly declared dead.
 */
export const ALL_INVARIANTS: readonly InvariantName[] = (Object.keys(INVARIANTS) as InvariantName[]).filter(
  (name) => name !== 'alive',
);

/** What holds whatever the network does: no ring-shape or placement checks. */
export const SAFETY: readonly InvariantName[] = ['bytes', 'completion', 'disk', 'hopBound', 'durable'];

/**
 * What holds where live peers can be wrongly declared dead (lost datagrams, partitions), once the network is calm
 * again and the ring had time to settle: everything but `holder`, since a lookup that completes while the ring is
 * split or wrongly repaired names the peer responsible on its side, as it must (the ring then heals).
 */
export const UNLESS_SPLIT: readonly InvariantName[] = ALL_INVARIANTS.filter((name) => name !== 'holder');

export type Finding = { invariant: InvariantName; message: string } | undefined;

/** What the checks may read of the world. */
export interface WorldView {
  /** Every peer id the ring was built with (a lookup never needs more hops than this many). */
  readonly peerCount: number;
  readonly successorCount: number;
  /** Copies of every file (R). */
  readonly replicas: number;
  /** The ring's members (alive, joined, not departed), sorted. */
  memberIds(): readonly PeerId[];
  /** The member responsible for a key now. */
  responsible(key: number): PeerId;
  machineOf(id: PeerId): SimMachine | undefined;
  diskOf(id: PeerId): ReadonlyMap<string, Content>;
  readonly ops: ReadonlyMap<number, OpRecord>;
  /** Whether a store ever wrote `token` under `name` at `peer`. */
  wasWritten(name: string, peer: PeerId, token: number): boolean;
  /** The version a store's bytes (its content token) were given where the store was taken. */
  versionOf(token: number): Version | undefined;
  /** Acknowledged files lost as `durable` allows (R of their holders failed at once): nothing can bring them back. */
  lostAtOnce(): ReadonlySet<string>;
  /**
   * An acknowledged version of a name (its store's content token) lost as `durable` allows, though older copies of the
   * name may live on: every holder of that version failed at once (at `byMs` or before, if given).
   */
  versionLostAtOnce(name: string, token: number, byMs?: number): boolean;
  /** Whether `name` (every version of it) is lost as `durable` allows, and was by `byMs` (if given). */
  nameLostAtOnce(name: string, byMs?: number): boolean;
  /** Names deleted from under a running peer that it has not tried to read since: its machine cannot know yet. */
  vanishedAt(id: PeerId): ReadonlySet<string>;
  /** A peer's zone (its simulated host); undefined in runs without hosts. */
  zoneOf(id: PeerId): string | undefined;
}

/**
 * The holders of a key among the members, as the core places them: the responsible member, then (src/core/replication.ts)
 * its next R-1 members, or across zones within the next r (its successor list) where the ring has several.
 */
export function idealHolders(view: WorldView, members: readonly PeerId[], key: number): PeerId[] {
  const first = members.indexOf(view.responsible(key));
  const responsible = members[first]!;
  const next = Array.from(
    { length: Math.min(view.successorCount, members.length) },
    (_, i) => members[(first + 1 + i) % members.length]!,
  );
  return [responsible, ...replicaTargets(responsible, next, view.replicas, (id) => view.zoneOf(id))];
}

/** Whether `peer` has `name`, as far as it can know: on its disk, or deleted under it while its machine holds it. */
function hasCopy(view: WorldView, peer: PeerId, name: string): boolean {
  return view.diskOf(peer).has(name) || (view.vanishedAt(peer).has(name) && view.machineOf(peer)?.holds(name) === true);
}

/** The same answer as core responsibleFor(key, ids), by binary search on ids already sorted. */
export function responsibleIn(sorted: readonly PeerId[], key: number): PeerId {
  return firstAtOrAfter(sorted, key);
}

/** At each `complete` effect. `record` is the world's record before this completion is entered in it. */
export function checkCompletion(
  view: WorldView,
  on: ReadonlySet<InvariantName>,
  record: OpRecord | undefined,
  at: { peer: PeerId; incarnation: number; op: number; kind: CommandKind; name: string; result: OpResult },
): Finding {
  const what = `${at.kind} ${at.name} (op ${at.op})`;
  if (on.has('completion')) {
    if (record === undefined)
      return { invariant: 'completion', message: `peer ${at.peer} completed op ${at.op}, which nobody gave it` };
    if (record.origin !== at.peer || record.incarnation !== at.incarnation) {
      return {
        invariant: 'completion',
        message: `${what} was given to peer ${record.origin} (incarnation ${record.incarnation}) but completed at peer ${at.peer} (incarnation ${at.incarnation})`,
      };
    }
    if (record.kind !== at.kind || record.name !== at.name)
      return {
        invariant: 'completion',
        message: `op ${at.op} was ${record.kind} ${record.name} but completed as ${what}`,
      };
    if (record.result !== undefined)
      return { invariant: 'completion', message: `${what} at peer ${at.peer} completed twice` };
  }
  if (record === undefined || !at.result.ok || (at.kind !== 'store' && at.kind !== 'request')) return undefined;
  const holder = at.result.holder;
  if (on.has('holder') && !record.holders.has(holder) && holder !== view.responsible(record.key!)) {
    return {
      invariant: 'holder',
      message: `${what} from peer ${at.peer} completed ok at holder ${holder}, but key ${record.key} belonged to peer(s) ${[...record.holders].join(', ')} while it was under way`,
    };
  }
  if (on.has('bytes')) {
    const token = at.kind === 'store' ? record.content?.token : record.received?.token;
    if (token === undefined)
      return {
        invariant: 'bytes',
        message: `${what} completed ok at peer ${at.peer} but no bytes ${at.kind === 'store' ? 'were sent' : 'arrived'}`,
      };
    if (at.kind === 'request' && record.received?.damaged === true) {
      return {
        invariant: 'bytes',
        message: `${what} completed ok at peer ${at.peer} with the bytes of a damaged copy at holder ${holder}`,
      };
    }
    if (!view.wasWritten(record.name, holder, token)) {
      return {
        invariant: 'bytes',
        message: `${what} completed ok with holder ${holder}, but no store wrote those bytes (token ${token.toString(16)}) there`,
      };
    }
  }
  return undefined;
}

/** When a store transfer ended at its receiver: the machine and the disk agree. */
export function checkWrite(view: WorldView, on: ReadonlySet<InvariantName>, peer: PeerId, name: string): Finding {
  if (!on.has('disk')) return undefined;
  const machine = view.machineOf(peer);
  const onDisk = hasCopy(view, peer, name);
  if (machine !== undefined && machine.holds(name) !== onDisk) {
    return {
      invariant: 'disk',
      message: `peer ${peer} ${onDisk ? 'has' : 'lacks'} ${name} on disk but its machine says it ${onDisk ? 'does not hold' : 'holds'} it`,
    };
  }
  return undefined;
}

/**
 * At each message sent: through the real codec, as the actor would send and receive it. The core and the codec are
 * separate, so a message the core may send but the receiver's decoder refuses is dropped live and never here.
 */
export function checkWire(
  on: ReadonlySet<InvariantName>,
  from: PeerId,
  to: PeerId,
  message: Message,
  limits: DecodeLimits,
): Finding {
  if (!on.has('wire')) return undefined;
  const decoded = decodeEnvelope(encodeEnvelope(from, message), limits);
  if (decoded.ok) return undefined;
  return {
    invariant: 'wire',
    message: `peer ${from} sent ${to} a ${message.type} its decoder refuses (${decoded.reason}: ${decoded.detail})`,
  };
}

/** At each lookup message sent: how many its command's lookup has taken so far. */
export function checkForks(
  view: WorldView,
  on: ReadonlySet<InvariantName>,
  messages: number,
  what: string,
  retry = 0,
): Finding {
  if (!on.has('forks')) return undefined;
  // The requester's retries are its own bounded decision (src/core/machine.ts, retryLookup): each is one more lookup,
  // and more of them than the bound is a fork.
  if (retry > MAX_LOOKUP_RETRIES)
    return { invariant: 'forks', message: `${what} was sent again ${retry} times, more than ${MAX_LOOKUP_RETRIES}` };
  const bound = 2 * (view.peerCount + walkedPast(view));
  if (messages <= bound) return undefined;
  return {
    invariant: 'forks',
    message: `${what} took ${messages} lookup messages, more than ${bound} in a ring of ${view.peerCount} peers with ${view.replicas} copies of each file: it forked`,
  };
}

/** Peers a request's walk may ask after the key's own, in this world. */
function walkedPast(view: WorldView): number {
  return walkedPastKey(view.replicas);
}

/** At each lookup sent. */
export function checkHops(
  view: WorldView,
  on: ReadonlySet<InvariantName>,
  from: PeerId,
  hops: number,
  what: string,
): Finding {
  if (!on.has('hopBound') || hops <= view.peerCount + walkedPast(view)) return undefined;
  return {
    invariant: 'hopBound',
    message: `peer ${from} forwarded ${what} on hop ${hops}, in a ring of ${view.peerCount} peers with ${view.replicas} copies of each file`,
  };
}

/** Whole-ring checks for a quiet moment: no command under way, no disturbance in force. */
export function checkQuiet(view: WorldView, on: ReadonlySet<InvariantName>): Finding {
  const members = view.memberIds();
  if (on.has('completion')) {
    for (const record of view.ops.values()) {
      if (record.result === undefined && !record.orphaned) {
        return {
          invariant: 'completion',
          message: `${record.kind} ${record.name} (op ${record.op}) given to peer ${record.origin} at ${record.issuedAt.toFixed(3)} ms never completed`,
        };
      }
    }
    for (const id of members) {
      const pending = view.machineOf(id)!.status().pendingOps;
      if (pending !== 0)
        return { invariant: 'completion', message: `peer ${id} still has ${pending} op(s) pending once quiet` };
    }
  }
  const expected = on.has('ring') ? successorsInRing(members, view.successorCount) : undefined;
  const memberSet = new Set(members);
  for (const id of members) {
    const status = view.machineOf(id)!.status();
    const want = expected?.get(id);
    if (want !== undefined && status.successors.join() !== want.join()) {
      return {
        invariant: 'ring',
        message: `peer ${id} has successors [${status.successors.join(', ')}], but the next members are [${want.join(', ')}]`,
      };
    }
    if (on.has('successorLive') && members.length > 1 && !status.successors.some((s) => s !== id && memberSet.has(s))) {
      return {
        invariant: 'successorLive',
        message: `peer ${id} has no live member among its successors [${status.successors.join(', ')}]`,
      };
    }
    if (on.has('disk')) {
      const vanished = [...view.vanishedAt(id)].filter((name) => status.held.includes(name));
      const disk = [...view.diskOf(id).keys(), ...vanished].sort();
      if (status.held.join() !== disk.join())
        return {
          invariant: 'disk',
          message: `peer ${id} holds [${status.held.join(', ')}] but its disk has [${disk.join(', ')}]`,
        };
    }
  }
  return (
    (on.has('copies') ? checkCopies(view, members) : undefined) ??
    (on.has('newest') ? checkNewest(view, members) : undefined) ??
    checkServed(view, on)
  );
}

/** Every live copy of a name is at least as new as the newest acknowledged store of it (versions decide, not arrival). */
function checkNewest(view: WorldView, members: readonly PeerId[]): Finding {
  const newest = new Map<string, { version: Version; record: OpRecord }>();
  for (const record of view.ops.values()) {
    if (record.kind !== 'store' || record.result?.ok !== true || record.content === undefined) continue;
    const version = view.versionOf(record.content.token);
    if (version === undefined) continue;
    const best = newest.get(record.name);
    if (best === undefined || compareVersions(version, best.version) > 0) newest.set(record.name, { version, record });
  }
  for (const [name, { version, record }] of newest) {
    if (view.lostAtOnce().has(name) || view.versionLostAtOnce(name, record.content!.token)) continue;
    for (const id of members) {
      const copy = view.diskOf(id).get(name);
      if (
        copy !== undefined &&
        copy.damaged !== true &&
        (copy.version === undefined || compareVersions(copy.version, version) < 0)
      ) {
        return {
          invariant: 'newest',
          message: `peer ${id} holds ${name} at an older version (token ${copy.token.toString(16)}) than the store acknowledged at ${(record.completedAt ?? 0).toFixed(0)} ms (op ${record.op}, token ${record.content!.token.toString(16)})`,
        };
      }
    }
  }
  return undefined;
}

/** Every request that completed ok got bytes a store may serve, and none older than what its origin had stored before it asked. */
function checkServed(view: WorldView, on: ReadonlySet<InvariantName>): Finding {
  const storeOf = new Map<number, OpRecord>();
  for (const record of view.ops.values())
    if (record.kind === 'store' && record.content !== undefined) storeOf.set(record.content.token, record);
  for (const request of view.ops.values()) {
    if (request.kind !== 'request' || request.result?.ok !== true || request.received === undefined) continue;
    const what = `request ${request.name} (op ${request.op}) at peer ${request.origin}`;
    const store = storeOf.get(request.received.token);
    if (on.has('acknowledged') && store !== undefined && !mayServe(store)) {
      return {
        invariant: 'acknowledged',
        message: `${what} returned the bytes of store op ${store.op} at peer ${store.origin}, which failed (${store.result?.ok === false ? store.result.code : ''})`,
      };
    }
    const got = view.versionOf(request.received.token);
    if (!on.has('monotonic') || got === undefined) continue;
    const floor = newestAcknowledged(view, request.origin, request.name, request.issuedAt);
    // A newer version (or the whole name) lost as `durable` allows (its holders failed at once), an older copy living
    // on: as for `newest`, but only a loss by the time the request was served (this looks back over every request; a
    // later loss excuses none).
    const servedAt = request.completedAt ?? Infinity;
    if (
      floor !== undefined &&
      compareVersions(got, floor.version) < 0 &&
      !view.nameLostAtOnce(request.name, servedAt) &&
      !view.versionLostAtOnce(request.name, floor.store.content!.token, servedAt)
    ) {
      return {
        invariant: 'monotonic',
        message: `${what} returned an older version than store op ${floor.store.op}, acknowledged to the same peer before the request began`,
      };
    }
  }
  return undefined;
}

/**
 * The newest version of `name` a store acknowledged to `origin` before `beforeMs`, and that store: no request of
 * `origin` from then on may be served an older one (`monotonic`).
 */
export function newestAcknowledged(
  view: Pick<WorldView, 'ops' | 'versionOf'>,
  origin: PeerId,
  name: string,
  beforeMs: number,
): { version: Version; store: OpRecord } | undefined {
  let newest: { version: Version; store: OpRecord } | undefined;
  for (const store of view.ops.values()) {
    if (store.kind !== 'store' || store.origin !== origin || store.name !== name || store.result?.ok !== true) continue;
    if ((store.completedAt ?? Infinity) > beforeMs || store.content === undefined) continue;
    const version = view.versionOf(store.content.token);
    if (version !== undefined && (newest === undefined || compareVersions(version, newest.version) > 0))
      newest = { version, store };
  }
  return newest;
}

/** Exactly R copies of every acknowledged file, at the right members, all with the same bytes. */
function checkCopies(view: WorldView, members: readonly PeerId[]): Finding {
  if (members.length === 0) return undefined;
  const keys = new Map<string, number>();
  for (const record of view.ops.values())
    if (record.kind === 'store' && record.result?.ok === true && record.key !== undefined)
      keys.set(record.name, record.key);
  for (const name of view.lostAtOnce()) keys.delete(name);
  for (const [name, key] of keys) {
    const want = idealHolders(view, members, key).sort((a, b) => a - b);
    const have = members.filter((id) => hasCopy(view, id, name));
    if (have.join() !== want.join())
      return {
        invariant: 'copies',
        message: `${name} (key ${key}) is held by [${have.join(', ')}], not by its holders [${want.join(', ')}]`,
      };
    const tokens = new Set(have.flatMap((id) => view.diskOf(id).get(name)?.token ?? []));
    if (tokens.size > 1)
      return { invariant: 'copies', message: `the copies of ${name} at [${have.join(', ')}] differ` };
  }
  return undefined;
}

/**
 * The `durable` invariant: where the copies of every file are, as peers write, drop, fail and come back.
 * A failure is a crash whose disk does not come back (never restarted, or restarted empty) or a departure;
 * a crash whose peer restarts with its disk only parks its copies. A file is lost when it has no copy left,
 * live or parked. That is excused only when its holders failed "at once": R of them (or as many as it had
 * copies since it was last whole, if fewer: a store acknowledged at W copies) within `windowMs` before the
 * loss, the time the ring has to notice a failure and copy the file again. Failures of a file are forgotten
 * each time it is whole again (R copies, or one per member in a smaller ring).
 */
export class Durability {
  /** Name -> live peers with a copy on disk (every name written, acknowledged or not). */
  private readonly live = new Map<string, Set<PeerId>>();
  /** Name -> down peers whose disk comes back with them. */
  private readonly parked = new Map<string, Set<PeerId>>();
  /**
   * Every name written: its holders' failures since the file was last whole, and the most copies it had since (kept
   * before its store is acknowledged too: copies may fail between their write and the acknowledgement).
   */
  private readonly files = new Map<string, DurableFile>();
  /** Names a store acknowledged: from then on they must not be lost. */
  private readonly acknowledgedNames = new Set<string>();
  /** Acknowledged names lost when R of their holders failed at once (until a store acknowledges them again). */
  readonly lostAtOnce = new Set<string>();
  /** When each name in `lostAtOnce` was lost. */
  private readonly lostAtMs = new Map<string, number>();

  /**
   * `zones` (the `zones` invariant): each peer's zone, and whether a name's holders among the members span two zones
   * or more now. A file whose holders spanned zones when it was last whole must survive the failure of one zone.
   */
  constructor(
    private readonly replicas: number,
    private readonly windowMs: number,
    private readonly members: () => number,
    private readonly zones?: { zoneOf: (peer: PeerId) => string | undefined; spread: (name: string) => boolean },
  ) {}

  /** Whether `name` is lost at once, and was by `byMs`. */
  lostAtOnceBy(name: string, byMs: number): boolean {
    const atMs = this.lostAtMs.get(name);
    return atMs !== undefined && atMs <= byMs;
  }

  /** A store's ok completion: from now on the name must not be lost (its copies may have failed already). */
  acknowledged(name: string, atMs: number): Finding {
    this.lostAtOnce.delete(name);
    this.lostAtMs.delete(name);
    this.acknowledgedNames.add(name);
    // Acknowledged short of R copies, all of them in one zone (the copy to the other zone failed: hosts 10136), it
    // spans zones only once anti-entropy brings it whole (grew).
    this.fileOf(name).spread = this.zones?.spread(name) === true && this.copiesSpanZones(name);
    this.grew(name);
    return this.check(name, atMs, 'its store was acknowledged');
  }

  /**
   * A copy on `peer`'s disk. `pending`: a store's copy not settled yet: it counts as a copy, but does not make the file
   * whole again (it may be a newer store's, discarded later: disk 90, where one on a ring of one member wiped the
   * failures of the acknowledged copies' holders, and their loss was then taken for a bug).
   */
  written(peer: PeerId, name: string, pending = false): void {
    setOf(this.live, name).add(peer);
    this.fileOf(name);
    this.grew(name, !pending);
  }

  private copiesSpanZones(name: string): boolean {
    return new Set([...(this.live.get(name) ?? [])].map((peer) => this.zones?.zoneOf(peer))).size >= 2;
  }

  private fileOf(name: string): DurableFile {
    let file = this.files.get(name);
    if (file === undefined) this.files.set(name, (file = { failures: [], mostCopies: 0, spread: false }));
    return file;
  }

  /** A copy deleted or damaged under a running peer: that holder lost it, as if it had failed. */
  faulted(peer: PeerId, name: string, atMs: number): Finding {
    this.live.get(name)?.delete(peer);
    this.fileOf(name).failures.push({ peer, atMs });
    return this.check(name, atMs, `peer ${peer} lost its copy (deleted or damaged under it)`);
  }

  dropped(peer: PeerId, name: string, atMs: number): Finding {
    this.live.get(name)?.delete(peer);
    return this.check(name, atMs, `peer ${peer} dropped its copy`);
  }

  /** A peer stopped (crash or departure): its copies park when its disk comes back with it, else they fail. */
  stopped(peer: PeerId, names: Iterable<string>, diskReturns: boolean, atMs: number): Finding {
    let finding: Finding;
    for (const name of names) {
      this.live.get(name)?.delete(peer);
      if (diskReturns) setOf(this.parked, name).add(peer);
      else this.fileOf(name).failures.push({ peer, atMs });
      finding ??= this.check(name, atMs, `peer ${peer} ${diskReturns ? 'stopped' : 'failed'}`);
    }
    return finding;
  }

  /**
   * A stopped peer runs again: its parked copies still on the disk it starts on are live again; the others (an empty
   * disk, a damaged copy dropped at start-up, another data directory) fail now.
   */
  restarted(
    peer: PeerId,
    names: Iterable<string>,
    keptDisk: boolean,
    atMs: number,
    pending: ReadonlySet<string> = new Set(),
  ): Finding {
    let finding: Finding;
    const kept = new Set(keptDisk ? names : []); // once: `names` may be an iterator
    for (const [name, peers] of this.parked) {
      if (!peers.delete(peer) || kept.has(name)) continue;
      this.fileOf(name).failures.push({ peer, atMs });
      finding ??= this.check(name, atMs, `peer ${peer} came back with an empty disk`);
    }
    // A store's pending copy back on its disk counts as a copy, as when it was written, but does not make the file whole.
    for (const name of kept) this.written(peer, name, pending.has(name));
    return finding;
  }

  private grew(name: string, repairs = true): void {
    const file = this.files.get(name);
    if (file === undefined) return;
    const copies = this.live.get(name)?.size ?? 0;
    file.mostCopies = Math.max(file.mostCopies, copies);
    // Whole again: earlier failures were repaired.
    if (repairs && copies >= Math.min(this.replicas, Math.max(1, this.members()))) {
      file.failures = [];
      file.mostCopies = copies;
      file.spread = this.zones?.spread(name) === true;
    }
  }

  private check(name: string, atMs: number, what: string): Finding {
    const file = this.files.get(name);
    if (
      file === undefined ||
      !this.acknowledgedNames.has(name) ||
      (this.live.get(name)?.size ?? 0) > 0 ||
      (this.parked.get(name)?.size ?? 0) > 0
    )
      return undefined;
    const atOnce = new Set(file.failures.filter((f) => f.atMs >= atMs - this.windowMs).map((f) => f.peer));
    const needed = Math.min(this.replicas, Math.max(1, file.mostCopies));
    const zones = new Set([...atOnce].map((peer) => this.zones?.zoneOf(peer)));
    if (this.zones !== undefined && file.spread && zones.size === 1 && !zones.has(undefined)) {
      return {
        invariant: 'zones',
        message: `${name} (acknowledged) has no copy left once ${what}, though its holders spanned zones: every holder that failed was in zone ${[...zones][0]} (${[...atOnce].join(', ')})`,
      };
    }
    if (atOnce.size >= needed) {
      if (!this.lostAtOnce.has(name)) this.lostAtMs.set(name, atMs);
      this.lostAtOnce.add(name);
      return undefined;
    }
    const failed = file.failures.map((f) => `${f.peer} at ${f.atMs.toFixed(0)} ms`).join(', ') || 'none';
    return {
      invariant: 'durable',
      message: `${name} (acknowledged) has no copy left once ${what}: ${atOnce.size} of its holders failed within ${this.windowMs.toFixed(0)} ms (it had up to ${file.mostCopies} copies; holders failed since it was last whole: ${failed})`,
    };
  }
}

interface DurableFile {
  failures: Array<{ peer: PeerId; atMs: number }>;
  mostCopies: number;
  /** Its holders among the members spanned two zones or more when it was last whole. */
  spread: boolean;
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  return set;
}
