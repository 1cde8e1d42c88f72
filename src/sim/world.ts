// The simulated world: peers (each a PeerRuntime around a PeerMachine, as in the product) on simulated ports (a
// virtual clock, an in-memory network with faults, in-memory disks). The world keeps scheduling, faults and invariants.
import type { CommandKind, Effect, Input, OpErrorCode, OpResult } from '../core/io.ts';
import type { PeerLine } from '../core/lines.ts';
import { compareVersions, type Version } from '../core/version.ts';
import { LATE_HOLDERS_ASKED, type LookupKind, type Message, type TransferHeader } from '../core/messages.ts';
import { PeerRuntime } from '../runtime/runtime.ts';
import type { SendFailure } from '../runtime/ports.ts';
import { idealFingers } from '../core/fingers.ts';
import { between, keyOf, spaceSize, successorsInRing, type PeerId } from '../core/ring.ts';
import type { Routing } from '../core/routing.ts';
import { machineConfig, resolveConfig } from '../config.ts';
import { EventQueue } from './heap.ts';
import { describeInput, describeMessage } from './describe.ts';
import {
  checkCompletion,
  checkForks,
  checkHops,
  checkQuiet,
  checkWire,
  Durability,
  idealHolders,
  newestAcknowledged,
  responsibleIn,
  type Finding,
  type InvariantName,
  type WorldView,
} from './invariants.ts';
import type { DecodeLimits } from '../wire/codec.ts';
import { Network, Partitions, type Faults, type LatencyModel } from './network.ts';
import type { Random } from './random.ts';
import { keepOn, SimDisk, simPorts, sourceOf, type SimSink, type SimSource, type SimWorldPorts } from './ports.ts';
import { findable, holderReach, type ReachEvent, unknownAtEnd } from './reach.ts';
import { Trace } from './trace.ts';
import { Transfers, type TransferEvent } from './transfers.ts';
import type { Content, Disturbance, MachineFactory, OpRecord, SimMachine, Violation } from './types.ts';

export interface WorldConfig {
  seed: number;
  idBits: number;
  ids: readonly PeerId[];
  successorCount: number;
  /** Helpers a silent successor is probed through (SWIM's k; a real peer's default when left out). */
  indirectProbes?: number;
  /** How lookups are routed (the core's default for the id space when left out). */
  routing?: Routing;
  /** Finger routing: peers built with the ring get their ideal finger tables, as they get their successor lists (else fix-fingers learns them). */
  builtFingers?: boolean;
  /** Copies of every file (R). */
  replicas: number;
  pingIntervalMs: number;
  /** Misses in a row before a successor is declared gone (K). */
  pingMissLimit: number;
  opTimeoutMs: number;
  connectTimeoutMs: number;
  transferIdleTimeoutMs: number;
  bandwidthBytesPerMs: number;
  latency: LatencyModel;
  faults: Faults;
  invariants: readonly InvariantName[];
  machine: MachineFactory;
  /** Events kept for a violation report. */
  traceWindow: number;
  /** A run that takes more steps than this is stuck (something schedules without end). */
  maxSteps: number;
  /** Each peer's zone: its simulated host (peers left out have none). */
  zones?: ReadonlyMap<PeerId, string>;
}

export type SimRuntime = PeerRuntime<SimSource, SimSink>;

/** A departure a member owes (departuresOwed). */
interface OwedDeparture {
  /** Its list dropped the leaver without saying the departure. */
  dropped: boolean;
  /** Its list when the leaver left: a peer not in it came since (a newcomer). */
  listed: readonly PeerId[];
}

interface SimPeer {
  readonly id: PeerId;
  /** As it was configured at build time (its command line): a restarted peer starts from these again. */
  readonly successors: readonly PeerId[];
  machine: SimMachine | null;
  runtime: SimRuntime | null;
  /** In the ring: alive, joined (or built in), not departed. */
  member: boolean;
  /** Left gracefully: it never comes back. */
  departed: boolean;
  /** Bumped at each crash or departure: timers and connections of an earlier life are void. */
  incarnation: number;
  /** Its runtime's timers: token -> what fires, and the name it is called with. */
  timers: Map<number, { fire: (name: unknown) => void; name: unknown }>;
  disk: Map<string, Content>;
  /** Stores' copies on its disk waiting for their store to be settled. */
  pendingDisk: Map<string, Content>;
  /** Full or read-only: writes fail (and deletions too, read-only). The disk's state: it outlives crashes. */
  diskMode: DiskMode;
  /** Names deleted from under the running peer that its machine has not found missing yet (it cannot know before). */
  vanished: Set<string>;
  /** The disk as it was at an earlier moment (a 'snapshot' event): what a restart on an old copy of it finds. */
  snapshot?: Map<string, Content>;
  /** Last arrival time on each TCP connection from this peer: a kept-open connection delivers in order. */
  tcpArrival?: Map<PeerId, number>;
  /** Busy (a loaded machine, a long pause): its messages and timers wait until then, in order. */
  stalledUntil?: number;
  /** When the stall that ends at stalledUntil began (stalls that overlap are one). */
  stalledSince?: number;
}

type WorldEvent =
  | { type: 'start'; peer: PeerId; inc: number }
  /** `inc` is the receiver's incarnation for TCP (its connection dies with it), null for UDP. */
  | { type: 'deliver'; from: PeerId; to: PeerId; transport: 'udp' | 'tcp'; message: Message; inc: number | null }
  | { type: 'timer'; peer: PeerId; token: number; inc: number }
  | { type: 'op'; kind: LookupKind; origin?: PeerId; name?: string }
  /** A crash of the given peer or of a random member; with `restart`, it comes back that much later. */
  | {
      type: 'crash';
      peer?: PeerId;
      restart?: { afterMs: number; keepDisk: boolean; mode: RestartMode; swap?: DiskSwap };
    }
  /**
   * `join`: the restarted peer asks a member to place it; `static`: it comes back with the successors it was built with.
   * `swap`: it comes back on another data directory than the one it stopped with.
   */
  | { type: 'restart'; peer: PeerId; keepDisk: boolean; mode: RestartMode; swap?: DiskSwap }
  /** The given peer's disk (or a random member's) turns full or read-only, or works again ('ok', also for 'all'). */
  | { type: 'diskMode'; peer?: PeerId | 'all'; mode: DiskMode; forMs?: number }
  /** A file held by a live peer is deleted or damaged under it; a request for it follows `requestAfterMs` later. */
  | { type: 'fileFault'; fault: FileFault; requestAfterMs?: number }
  /** Keeps a copy of the peer's disk as it is now (what a restart on an old copy finds). */
  | { type: 'snapshot'; peer: PeerId }
  /** A new peer (a fresh id unless given) joins through a random member; `attempt` counts retries of a restart's join. */
  | { type: 'join'; peer?: PeerId; attempt: number }
  /** A graceful departure of the given member, or of a random one. */
  | { type: 'quit'; peer?: PeerId }
  /** The given member, or a random one, handles nothing for `forMs` (its thread busy): what reaches it waits. */
  | { type: 'stall'; peer?: PeerId; forMs: number }
  | { type: 'partition'; id: number; groups: PeerId[][] }
  | { type: 'heal'; id: number | 'all' }
  /** A message `peer` sent to `to` on TCP was never read (its connection was refused, or closed just after): it comes back. */
  | { type: 'refused'; peer: PeerId; inc: number; to: PeerId; message: Message }
  | TransferEvent;

export type RestartMode = 'join' | 'static';
export type DiskMode = 'ok' | 'full' | 'readonly';
export type FileFault = 'delete' | 'truncate' | 'corrupt';
/** A data directory swapped between runs: an old copy of the peer's own (its last snapshot), or another peer's. */
export type DiskSwap = 'stale' | 'other';

/**
 * A restarted peer whose join is refused (the ring still lists it), or that finds no live member to join through, tries
 * again this many times.
 */
const REJOIN_ATTEMPTS = 5;

export interface WorldStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  lines: number;
  crashes: number;
  restarts: number;
  joins: number;
  quits: number;
  /** 'Peer N is no longer alive' lines, and those about a peer that was in fact alive. */
  deaths: number;
  wrongDeaths: number;
  partitions: number;
  opsSkipped: number;
  /**
   * Requests that failed (not found, timed out, no route) while a member held a committed copy of the name from the
   * request's start to its end (src/sim/reach.ts): one the origin could reach all along (issue 19's "lookups that fail
   * while a live holder exists": the target, 0), or only ones that were down or cut off from it at some moment (reported,
   * not a target); and what each was, for a report.
   */
  failedWithReachableHolder: number;
  failedWithUnreachableHolder: number;
  failedWithHolderNotes: string[];
  stalls: number;
}

export class World implements WorldView, SimWorldPorts {
  readonly random: Random;
  readonly trace: Trace;
  readonly ops = new Map<number, OpRecord>();
  /** Lookup messages sent for each command, by origin and op: the forks invariant. */
  private readonly lookupMessages = new Map<string, number>();
  readonly stats: WorldStats = {
    sent: 0,
    delivered: 0,
    dropped: 0,
    duplicated: 0,
    lines: 0,
    crashes: 0,
    restarts: 0,
    joins: 0,
    quits: 0,
    deaths: 0,
    wrongDeaths: 0,
    partitions: 0,
    opsSkipped: 0,
    failedWithReachableHolder: 0,
    failedWithUnreachableHolder: 0,
    failedWithHolderNotes: [],
    stalls: 0,
  };
  readonly successorCount: number;
  /**
   * For each member, the departed peers it listed and has not said the departure of yet, each with whether its list has
   * dropped it since without saying it (decided then: releasePushedOut) and the list it had when the leaver left.
   */
  private readonly departuresOwed = new Map<PeerId, Map<PeerId, OwedDeparture>>();
  readonly replicas: number;
  now = 0;
  step = 0;
  violation: Violation | undefined;
  /** Every crash, static restart, join, departure and heal that happened, in order (convergence is timed from each). */
  readonly disturbances: Disturbance[] = [];
  /** Every partition, heal, stop and start, in order: what a failed request's holders are judged by (src/sim/reach.ts). */
  private readonly reachEvents: ReachEvent[] = [];
  /** The least hop timeout the world's settings give its peers (a requester's first chance to send a request another way). */
  private get hopTimeoutMs(): number {
    return resolveConfig({
      idBits: this.config.idBits,
      pingIntervalMs: this.config.pingIntervalMs,
      pingMissLimit: this.config.pingMissLimit,
      opTimeoutMs: this.config.opTimeoutMs,
    }).hopTimeoutMs;
  }

  private readonly peers = new Map<PeerId, SimPeer>();
  private readonly queue = new EventQueue<WorldEvent>();
  private readonly network: Network;
  readonly partitions = new Partitions();
  private readonly transfers: Transfers;
  readonly on: ReadonlySet<InvariantName>;
  /** What a real receiver's decoder allows (the wire invariant): the ring's id width, the default file limits. */
  private readonly wireLimits: DecodeLimits;
  /** name -> peer -> tokens a store wrote there. */
  private readonly writes = new Map<string, Map<PeerId, Set<number>>>();
  private readonly storedNames: string[] = [];
  /** Ops not completed yet, for updating the holders they may name when membership changes. */
  private readonly pending = new Set<OpRecord>();
  private readonly storedNameSet = new Set<string>();
  private members: PeerId[] | null = null;
  private readonly responsibleCache = new Map<number, PeerId>();
  private opSeq = 0;
  /** The version each store's bytes were given where the store was taken, by content token. */
  private readonly tokenVersions = new Map<number, Version>();
  private timerSeq = 0;
  /** Where the copies of every file are, for the `durable` invariant (only when it is checked). */
  private readonly durability: Durability | undefined;
  /**
   * The same per version (`name#token`), only to tell which acknowledged versions were lost at once: `newest` excuses
   * those (restarts 10146: all three holders of the newest version crashed within 2.4 s, and an older copy lived on).
   * Its own findings are not checked: older versions go as newer ones replace them.
   */
  private readonly versions: Durability | undefined;

  constructor(
    readonly config: WorldConfig,
    random: Random,
  ) {
    this.random = random;
    this.trace = new Trace(config.traceWindow);
    this.network = new Network(config.seed, config.latency, config.faults);
    this.transfers = new Transfers(this);
    this.on = new Set(config.invariants);
    const limits = resolveConfig({ idBits: config.idBits });
    this.wireLimits = { idBits: config.idBits, maxFileBytes: limits.maxFileBytes, maxChunkBytes: limits.chunkBytes };
    this.successorCount = config.successorCount;
    this.replicas = config.replicas;
    const zones =
      this.on.has('zones') && config.zones !== undefined
        ? {
            zoneOf: (id: PeerId) => this.zoneOf(id),
            // The copies can span zones only where the responsible peer's own successor list reaches a live peer of
            // another zone (README: "as long as a key's successor list reaches another zone"): a list whose other-zone
            // peers are dead, not declared gone yet, leaves the copies in one zone until it is repaired (hosts 1017).
            spread: (name: string) => {
              const members = this.memberIds();
              if (members.length === 0) return false;
              const key = keyOf(name, config.idBits);
              const holders = idealHolders(this, members, key);
              if (new Set(holders.map((id) => this.zoneOf(id))).size < 2) return false;
              const responsible = this.responsible(key);
              const zone = this.zoneOf(responsible);
              const list = this.peers.get(responsible)?.machine?.status().successors ?? [];
              return list.some((id) => this.peers.get(id)?.member === true && this.zoneOf(id) !== zone);
            },
          }
        : undefined;
    if (this.on.has('durable')) {
      const members = () => this.memberIds().length;
      this.durability = new Durability(config.replicas, repairWindowMs(config), members, zones);
      this.versions = new Durability(config.replicas, repairWindowMs(config), members);
    }
    const ring = successorsInRing(config.ids, config.successorCount);
    const sorted = [...ring.keys()].sort((a, b) => a - b);
    for (const [id, successors] of ring) {
      const peer = newPeer(id, successors, true);
      this.peers.set(id, peer);
      this.boot(peer, successors, config.builtFingers === true ? idealFingers(id, sorted, config.idBits) : undefined);
    }
  }

  /** Every peer that ever was (a lookup never needs more hops than this many). */
  get peerCount(): number {
    return this.peers.size;
  }

  // --- the world as the checks and the transfers see it -------------------------------------

  zoneOf(id: PeerId): string | undefined {
    return this.config.zones?.get(id);
  }

  memberIds(): readonly PeerId[] {
    this.members ??= [...this.peers.values()]
      .filter((p) => p.member)
      .map((p) => p.id)
      .sort((a, b) => a - b);
    return this.members;
  }

  responsible(key: number): PeerId {
    let id = this.responsibleCache.get(key);
    if (id === undefined) this.responsibleCache.set(key, (id = responsibleIn(this.memberIds(), key)));
    return id;
  }

  machineOf(id: PeerId): SimMachine | undefined {
    return this.peers.get(id)?.machine ?? undefined;
  }

  /** The runtime of a peer whose process runs. */
  runtimeOf(id: PeerId): SimRuntime | undefined {
    return this.peers.get(id)?.runtime ?? undefined;
  }

  diskOf(id: PeerId): Map<string, Content> {
    return this.peers.get(id)?.disk ?? new Map();
  }

  /**
   * Graceful departures a member never said ("Peer N will depart"), though the leaver was among its successors when it
   * left: it found the leaver gone by its pings or a neighbour's list instead.
   */
  untoldDepartures(): number {
    let owed = 0;
    for (const leavers of this.departuresOwed.values()) owed += leavers.size;
    return owed;
  }

  transferCounts(): { ok: number; failed: number } {
    return { ok: this.transfers.ok, failed: this.transfers.failed };
  }

  /** Every peer whose process runs, with its disk. */
  *livePeers(): Iterable<{ id: PeerId; member: boolean; disk: ReadonlyMap<string, Content> }> {
    for (const peer of this.peers.values()) if (peer.machine !== null) yield peer;
  }

  incarnationOf(id: PeerId): number {
    return this.peers.get(id)?.incarnation ?? -1;
  }

  isPeer(id: PeerId): boolean {
    return this.peers.has(id);
  }

  versionOf(token: number): Version | undefined {
    return this.tokenVersions.get(token);
  }

  wasWritten(name: string, peer: PeerId, token: number): boolean {
    return this.writes.get(name)?.get(peer)?.has(token) ?? false;
  }

  lostAtOnce(): ReadonlySet<string> {
    return this.durability?.lostAtOnce ?? new Set();
  }

  versionLostAtOnce(name: string, token: number, byMs = Infinity): boolean {
    return this.versions?.lostAtOnceBy(versionKey(name, token), byMs) ?? false;
  }

  nameLostAtOnce(name: string, byMs = Infinity): boolean {
    return this.durability?.lostAtOnceBy(name, byMs) ?? false;
  }

  vanishedAt(id: PeerId): ReadonlySet<string> {
    return this.peers.get(id)?.vanished ?? new Set();
  }

  // --- the peers' ports (SimWorldPorts) -------------------------------------------------------------

  commit(peer: PeerId, sink: SimSink, content: Content): string | undefined {
    if (sink.aborted) return undefined;
    sink.arrived(content); // in memory now, whether or not the write below succeeds
    const mode = this.peers.get(peer)?.diskMode ?? 'ok';
    if (mode !== 'ok') {
      this.note(`@${peer} write of ${sink.name} failed: the disk is ${mode}`);
      return DISK_ERRORS[mode];
    }
    if (sink.purpose !== 'deliver') {
      const p = this.peers.get(peer)!;
      // The responsible peer's own pending copy is marked so on its disk (as the real store's copy log marks it); a copy
      // sent from another peer's pending one is not this peer's own.
      const { own: _sent, ...plain } = content;
      const own = sink.purpose === 'store' && sink.keep.pending === true;
      const kept = keepOn(p.disk, p.pendingDisk, sink.name, own ? { ...plain, own: true } : plain, sink.keep);
      if (typeof kept === 'object') return kept.error;
      if (sink.keep.version !== undefined && !this.tokenVersions.has(content.token))
        this.tokenVersions.set(content.token, sink.keep.version);
      if (kept === 'kept' && sink.keep.pending !== true) this.write(peer, sink.name, p.disk.get(sink.name)!);
      // A pending copy counts as a copy of the name for `durable` (its store may be acknowledged before it is settled here).
      else if (kept === 'kept') {
        this.durability?.written(peer, sink.name, true);
        this.versions?.written(peer, versionKey(sink.name, content.token), true);
      }
      return undefined;
    }
    const record = sink.op === undefined ? undefined : this.ops.get(sink.op);
    if (record?.origin === peer) record.received = content;
    return undefined;
  }

  removeError(peer: PeerId): string | undefined {
    return this.peers.get(peer)?.diskMode === 'readonly' ? DISK_ERRORS.readonly : undefined;
  }

  promoted(peer: PeerId, name: string, content: Content): void {
    this.write(peer, name, content);
  }

  removed(peer: PeerId, name: string, token: number): void {
    this.versions?.dropped(peer, versionKey(name, token), this.now);
    // A pending copy discarded beside a held one: the peer still has the name.
    if (!this.diskOf(peer).has(name)) this.check(this.durability?.dropped(peer, name, this.now));
  }

  sendFile(
    from: PeerId,
    to: PeerId,
    header: TransferHeader,
    content: Content,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    this.transfers.start(from, to, header, content, inline, done);
  }

  setTimer<T>(peer: PeerId, at: number, fire: (name: T) => void, name: T): number {
    const p = this.peers.get(peer)!;
    const token = ++this.timerSeq;
    p.timers.set(token, { fire: fire as (name: unknown) => void, name });
    this.at(at, { type: 'timer', peer, token, inc: p.incarnation });
    return token;
  }

  clearTimer(peer: PeerId, token: unknown): void {
    this.peers.get(peer)?.timers.delete(token as number);
  }

  /** When a message `from` sends to `to` now arrives: its kept-open connection delivers in order. */
  tcpArrival(from: PeerId, to: PeerId): number {
    const sender = this.peers.get(from)!;
    sender.tcpArrival ??= new Map();
    const at = Math.max(this.now + this.delayMs(from, to), (sender.tcpArrival.get(to) ?? 0) + 0.001);
    sender.tcpArrival.set(to, at);
    return at;
  }

  /** A store's bytes land on a peer's disk. */
  write(peer: PeerId, name: string, content: Content): void {
    const replaced = this.diskOf(peer).get(name)?.token;
    if (replaced !== undefined && replaced !== content.token)
      this.versions?.dropped(peer, versionKey(name, replaced), this.now);
    this.versions?.written(peer, versionKey(name, content.token));
    this.diskOf(peer).set(name, content);
    this.peers.get(peer)?.vanished.delete(name);
    this.noteWritten(peer, name, content.token);
    this.durability?.written(peer, name);
  }

  private noteWritten(peer: PeerId, name: string, token: number): void {
    let byPeer = this.writes.get(name);
    if (byPeer === undefined) this.writes.set(name, (byPeer = new Map()));
    let tokens = byPeer.get(peer);
    if (tokens === undefined) byPeer.set(peer, (tokens = new Set()));
    tokens.add(token);
  }

  delayMs(from: PeerId, to: PeerId): number {
    return this.network.delayMs(this.random, from, to);
  }

  check(finding: Finding): void {
    if (finding === undefined || this.violation !== undefined) return;
    this.violation = {
      invariant: finding.invariant,
      message: finding.message,
      seed: this.config.seed,
      step: this.step,
      atMs: this.now,
      trace: this.trace.recent(),
    };
  }

  note(text: string): void {
    this.trace.add(`#${this.step} ${this.now.toFixed(3)} ${text}`);
  }

  // --- scheduling from outside ------------------------------------------------------------------

  at(atMs: number, event: WorldEvent): void {
    this.queue.push(Math.max(atMs, this.now), event);
  }

  /** Runs events up to `untilMs` (inclusive), or until an invariant breaks, or until `pause` says so after an event. */
  run(untilMs: number, pause?: () => boolean): void {
    while (this.violation === undefined && this.queue.peekTime() <= untilMs) {
      const { at, item } = this.queue.pop()!;
      this.now = at;
      if (++this.step > this.config.maxSteps) {
        this.violation = {
          invariant: 'progress',
          message: `more than ${this.config.maxSteps} steps: something schedules without end`,
          seed: this.config.seed,
          step: this.step,
          atMs: at,
          trace: this.trace.recent(),
        };
        return;
      }
      this.process(item);
      if (pause?.() === true) return;
    }
    if (this.violation === undefined) this.now = Math.max(this.now, untilMs);
  }

  /** The disturbance window is over: the network stops losing and duplicating (partitions heal by their own events). */
  calm(): void {
    this.network.calm();
    this.note('network calm: no more loss or duplication');
  }

  /** The whole-ring checks; call them when no command is under way and no disturbance is in force. */
  checkQuiet(): void {
    this.check(checkQuiet(this, this.on));
  }

  // --- events --------------------------------------------------------------------------------

  private process(event: WorldEvent): void {
    const stalled = this.stalledUntil(event);
    if (stalled !== undefined) return this.at(stalled, event); // after what waits already: the order is kept
    switch (event.type) {
      case 'start': {
        const peer = this.peers.get(event.peer)!;
        if (peer.runtime !== null && peer.incarnation === event.inc) peer.runtime.start();
        break;
      }
      case 'deliver':
        this.deliver(event);
        break;
      case 'refused': {
        const peer = this.peers.get(event.peer)!;
        if (peer.runtime !== null && peer.incarnation === event.inc)
          peer.runtime.undeliverable(event.to, event.message);
        break;
      }
      case 'timer': {
        const peer = this.peers.get(event.peer)!;
        // Stale: cancelled, replaced by a later schedule, or set in an earlier life.
        const timer = peer.timers.get(event.token);
        if (peer.runtime === null || peer.incarnation !== event.inc || timer === undefined) return;
        peer.timers.delete(event.token);
        timer.fire(timer.name);
        break;
      }
      case 'op':
        this.command(event.kind, event.origin, event.name);
        break;
      case 'crash': {
        const peer = this.peerOrMember(event.peer);
        if (peer === undefined) break;
        this.crash(peer.id, event.restart?.keepDisk === true);
        const restart = event.restart;
        if (restart !== undefined)
          this.at(this.now + restart.afterMs, {
            type: 'restart',
            peer: peer.id,
            keepDisk: restart.keepDisk,
            mode: restart.mode,
            ...(restart.swap === undefined ? {} : { swap: restart.swap }),
          });
        break;
      }
      case 'restart':
        this.restart(event.peer, event.keepDisk, event.mode, event.swap);
        break;
      case 'diskMode':
        this.setDiskMode(event.peer, event.mode, event.forMs);
        break;
      case 'fileFault':
        this.fileFault(event.fault, event.requestAfterMs);
        break;
      case 'snapshot': {
        const peer = this.peers.get(event.peer);
        if (peer !== undefined) peer.snapshot = new Map(peer.disk);
        break;
      }
      case 'join':
        this.join(event.peer, event.attempt);
        break;
      case 'quit':
        this.quit(event.peer);
        break;
      case 'stall': {
        const peer = this.peerOrMember(event.peer);
        if (peer === undefined) break;
        const was = peer.stalledUntil;
        if (was === undefined || was < this.now) peer.stalledSince = this.now;
        peer.stalledUntil = Math.max(peer.stalledUntil ?? 0, this.now + event.forMs);
        // A stall that starts before the last one ended extends it: a request given during the first is stalled till
        // the new end (stalls 13655: its requester stalled from its start to its end, in three overlapping stalls).
        if (was !== undefined && was >= this.now)
          for (const record of this.ops.values())
            if (record.origin === peer.id && record.result === undefined && record.stalledUntilAtIssue === was)
              record.stalledUntilAtIssue = peer.stalledUntil;
        // A stall that starts within a hop timeout of a request's start leaves its requester no time to send it
        // another way: its first hop's acknowledgement could not be missed yet (stalls 2075: 27 asked 40, the key's
        // peer, stalled a moment before; 27 stalled 94 ms later, till past its deadline). As if stalled from its start.
        for (const record of this.ops.values())
          if (
            record.origin === peer.id &&
            record.result === undefined &&
            record.stalledUntilAtIssue === undefined &&
            this.now - record.issuedAt < this.hopTimeoutMs
          )
            record.stalledUntilAtIssue = peer.stalledUntil;
        this.stats.stalls++;
        this.note(`stall ${peer.id} for ${event.forMs.toFixed(0)} ms`);
        break;
      }
      case 'partition':
        this.partitions.add(event.id, event.groups);
        this.reachEvents.push({ atMs: this.now, type: 'partition', id: event.id, groups: event.groups });
        for (const record of this.pending) this.noteUnknownHolders(record);
        this.stats.partitions++;
        this.note(
          `partition ${event.id}: ${event.groups.map((g) => `{${g.length <= 8 ? g.join(',') : `${g.length} peers`}}`).join(' | ')} | rest`,
        );
        this.transfers.partitioned();
        break;
      case 'heal':
        // What the requests under way could find until now: a holder found only once the cut is gone was unknown on
        // its requester's side till this moment (src/sim/reach.ts unknownAtEnd).
        for (const record of this.pending) this.noteUnknownHolders(record);
        if (event.id === 'all' ? this.partitions.healAll() > 0 : this.partitions.heal(event.id)) {
          this.reachEvents.push({ atMs: this.now, type: 'heal', id: event.id });
          this.note(`heal ${event.id}`);
          this.disturbances.push({ kind: 'heal', atMs: this.now });
        }
        break;
      default:
        this.transfers.process(event);
    }
  }

  /** Until when the peer an event is for is stalled, if it is: its messages, timers and start wait till then. */
  private stalledUntil(event: WorldEvent): number | undefined {
    const id =
      event.type === 'deliver'
        ? event.to
        : event.type === 'timer' || event.type === 'refused' || event.type === 'start'
          ? event.peer
          : undefined;
    const until = id === undefined ? undefined : this.peers.get(id)?.stalledUntil;
    return until !== undefined && until > this.now ? until : undefined;
  }

  /** Hands one input to a live peer's runtime (after what it already has queued); returns the effects if it ran at once. */
  feed(peer: SimPeer | PeerId, input: Input): readonly Effect[] {
    const p = typeof peer === 'number' ? this.peers.get(peer)! : peer;
    return p.runtime!.feed(input);
  }

  /** What a peer's runtime tells the world: its lines, its commands ending, its departure. */
  private runtimeEvents(peer: SimPeer) {
    return {
      input: (input: Input) => this.note(`@${peer.id} ${describeInput(input)}`),
      line: (line: PeerLine) => {
        this.stats.lines++;
        if (line.event === 'peer.dead') this.declaredDead(peer.id, line['dead'] as PeerId);
        if (line.event === 'peer.departing') this.departuresOwed.get(peer.id)?.delete(line['leaving'] as PeerId);
        if (line.event === 'successor.first' || line.event === 'successor.second') this.releasePushedOut(peer);
      },
      done: (op: number, kind: CommandKind, name: string, result: OpResult) =>
        this.complete(peer, op, kind, name, result),
      left: () => this.depart(peer),
      crashed: (error: unknown) => {
        this.violation ??= {
          invariant: 'progress',
          message: `peer ${peer.id}'s runtime threw: ${String(error)}`,
          seed: this.config.seed,
          step: this.step,
          atMs: this.now,
          trace: this.trace.recent(),
        };
      },
    };
  }

  send(from: PeerId, to: PeerId, transport: 'udp' | 'tcp', message: Message): void {
    this.stats.sent++;
    this.check(checkWire(this.on, from, to, message, this.wireLimits));
    if (message.type === 'lookup') {
      // Each lookup the requester sent (the first, and each retry when one was lost) takes one path, bounded on its own;
      const key = `${message.origin}:${message.op}:${message.retry ?? 0}`;
      const count = (this.lookupMessages.get(key) ?? 0) + 1;
      this.lookupMessages.set(key, count);
      this.check(
        checkForks(
          this,
          this.on,
          count,
          `lookup ${message.kind} ${message.name} (op ${message.op} of ${message.origin})`,
          message.retry,
        ),
      );
    }
    // Lookups, and the membership's walks: one that no peer takes must end within a turn of the ring, not at its bound.
    const walk = walkOf(message);
    if (walk !== undefined) this.check(checkHops(this, this.on, from, walk.hops, walk.what));
    const target = this.peers.get(to);
    let why: string | undefined;
    const { faults } = this.network;
    if (target === undefined) why = 'no such peer';
    else if (!this.partitions.reachable(from, to)) why = 'partitioned';
    else if (transport === 'tcp' && target.machine === null) why = 'connection refused';
    else if (this.random.chance(transport === 'udp' ? faults.loss : faults.tcpLoss)) why = 'lost';
    if (target === undefined || why !== undefined) {
      this.stats.dropped++;
      this.note(`drop ${from}->${to} ${transport} ${describeMessage(message)}: ${why}`);
      // The sender's actor hears of a refused connection a round trip later, as the real one does.
      if (why === 'connection refused') this.handBack(from, to, message, this.delayMs(from, to));
      return;
    }
    const copies = this.random.chance(transport === 'udp' ? faults.duplicate : faults.tcpDuplicate) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      const at = transport === 'tcp' ? this.tcpArrival(from, to) : this.now + this.delayMs(from, to);
      this.at(at, {
        type: 'deliver',
        from,
        to,
        transport,
        message,
        inc: transport === 'tcp' ? target.incarnation : null,
      });
    }
  }

  /** `message` comes back to `from` as undeliverable once the end of its connection to `to` reaches it (`extraMs` sooner or later). */
  private handBack(from: PeerId, to: PeerId, message: Message, extraMs = 0): void {
    const sender = this.peers.get(from)!;
    this.at(this.now + extraMs + this.delayMs(to, from), {
      type: 'refused',
      peer: from,
      inc: sender.incarnation,
      to,
      message,
    });
  }

  private deliver(event: Extract<WorldEvent, { type: 'deliver' }>): void {
    const target = this.peers.get(event.to)!;
    let why: string | undefined;
    if (target.machine === null) why = 'peer is down';
    else if (event.inc !== null && event.inc !== target.incarnation) why = 'connection reset';
    else if (!this.partitions.reachable(event.from, event.to)) why = 'partitioned';
    if (why !== undefined) {
      this.stats.dropped++;
      this.note(`drop ${event.from}->${event.to} ${event.transport} ${describeMessage(event.message)}: ${why}`);
      // The close race: the receiver died while the message was on its kept-open connection. The real transport hands
      // such a message back as undeliverable (src/actor/transport.ts CLOSE_RACE_MS) once it sees the connection end.
      if (event.transport === 'tcp' && why !== 'partitioned') this.handBack(event.from, event.to, event.message);
      return;
    }
    this.stats.delivered++;
    target.runtime!.received(event.from, event.message);
  }

  // --- commands ------------------------------------------------------------------------------

  private command(kind: LookupKind, origin: PeerId | undefined, name: string | undefined): void {
    const peer = this.peerOrMember(origin);
    if (peer === undefined) {
      this.stats.opsSkipped++;
      return;
    }
    const chosen = name ?? this.chooseName(kind);
    const key = keyOf(chosen, this.config.idBits);
    const record = this.open(peer, kind, chosen, key);
    if (kind === 'request') {
      record.heldAtIssue = this.holdersOf(chosen);
      this.noteUnknownHolders(record);
      if (peer.stalledUntil !== undefined && peer.stalledUntil > this.now)
        record.stalledUntilAtIssue = peer.stalledUntil;
    }
    // Sizes spread log-uniformly from 1 KiB to 4 MiB.
    if (kind === 'store')
      record.content = { token: this.random.u32(), sizeBytes: Math.round(2 ** this.random.range(10, 22)) };
    if (kind === 'store' && !this.storedNameSet.has(chosen)) {
      this.storedNameSet.add(chosen);
      this.storedNames.push(chosen);
    }
    peer.runtime!.command(
      record.op,
      kind,
      chosen,
      record.content === undefined ? {} : { source: sourceOf(record.content) },
    );
  }

  /** The given peer if it is alive, or a random member. */
  private peerOrMember(id: PeerId | undefined): SimPeer | undefined {
    const members = this.memberIds();
    const chosen = id ?? (members.length > 0 ? this.random.pick(members) : undefined);
    const peer = chosen === undefined ? undefined : this.peers.get(chosen);
    return peer?.runtime == null ? undefined : peer;
  }

  private open(peer: SimPeer, kind: CommandKind, name: string, key?: number): OpRecord {
    const op = ++this.opSeq;
    const holders = new Set<PeerId>();
    const record: OpRecord = {
      op,
      origin: peer.id,
      incarnation: peer.incarnation,
      kind,
      name,
      ...(key === undefined ? {} : { key }),
      issuedAt: this.now,
      holders,
    };
    this.addHolders(record);
    this.ops.set(op, record);
    this.pending.add(record);
    return record;
  }

  /** Stores sometimes overwrite a name; requests mostly ask for stored names, sometimes for absent ones. */
  private chooseName(kind: LookupKind): string {
    const fresh = () => String(this.random.int(10_000)).padStart(4, '0');
    const reuse = kind === 'store' ? 0.2 : 0.85;
    return this.storedNames.length > 0 && this.random.chance(reuse) ? this.random.pick(this.storedNames) : fresh();
  }

  private complete(peer: SimPeer, op: number, kind: CommandKind, name: string, result: OpResult): void {
    const record = this.ops.get(op);
    const outcome = result.ok
      ? `ok holder=${result.holder}`
      : `failed holder=${result.holder ?? '-'} (${result.error})`;
    this.note(`@${peer.id} complete op=${op} ${kind} ${name} ${outcome} hops=${result.hops ?? '-'}`);
    this.check(
      checkCompletion(this, this.on, record, { peer: peer.id, incarnation: peer.incarnation, op, kind, name, result }),
    );
    if (record === undefined || record.result !== undefined) return;
    record.result = result;
    record.completedAt = this.now;
    if (kind === 'request' && !result.ok && LOOKUP_FAILURES.has(result.code)) this.failedWhileHeld(peer.id, record);
    this.pending.delete(record);
    if (kind === 'store' && result.ok) {
      this.check(this.durability?.acknowledged(name, this.now));
      if (record.content !== undefined) this.versions?.acknowledged(versionKey(name, record.content.token), this.now);
    }
    if (kind === 'join' && result.ok && peer.runtime !== null) {
      peer.member = true;
      this.membershipChanged();
    } else if (kind === 'join' && !result.ok && record.attempt !== undefined) this.rejoinLater(peer.id, record.attempt);
  }

  /** An operator restarting a peer tries again once the ring has had time to notice it was gone (a bounded number of times). */
  private rejoinLater(id: PeerId, attempt: number): void {
    if (attempt >= REJOIN_ATTEMPTS) return;
    this.at(this.now + (this.config.pingMissLimit + 1) * this.config.pingIntervalMs, {
      type: 'join',
      peer: id,
      attempt: attempt + 1,
    });
  }

  /**
   * The members that hold a whole committed copy of `name` now. A copy damaged or deleted under its peer is none, though
   * its machine holds it until it reads it (disk 1388: every copy was damaged when the request was given, and a store
   * after its walk wrote peer 1's again before its deadline; counted at both ends, peer 1 made it a reachable failure).
   * A copy whole at both ends but damaged in between still counts: stricter than the truth, never looser.
   */
  private holdersOf(name: string, floor?: Version): PeerId[] {
    return [...this.peers.values()]
      .filter((p) => {
        const copy = p.disk.get(name);
        return (
          p.member &&
          p.machine?.holds(name) === true &&
          copy !== undefined &&
          copy.damaged === undefined &&
          (floor === undefined || (copy.version !== undefined && compareVersions(copy.version, floor) >= 0))
        );
      })
      .map((p) => p.id);
  }

  /**
   * A request's holders (when it was given) that no peer on its origin's side knows of now (src/sim/reach.ts
   * `findable`), with the time: looked at when it is given, when a cut begins and before a cut heals, as what the
   * peers knew then.
   */
  private noteUnknownHolders(record: OpRecord): void {
    if (record.kind !== 'request' || record.heldAtIssue === undefined || record.heldAtIssue.length === 0) return;
    const found = this.findableFrom(record.origin);
    for (const holder of record.heldAtIssue)
      if (!found.has(holder)) (record.unknownHolders ??= new Map()).set(holder, this.now);
      else (record.knownHolders ??= new Set()).add(holder);
  }

  /** The peers `origin` could find now, by what the live peers on its side know (src/sim/reach.ts `findable`). */
  private findableFrom(origin: PeerId): Set<PeerId> {
    const knows = (id: PeerId) => {
      const machine = this.peers.get(id)?.machine;
      return machine === null || machine === undefined
        ? undefined
        : (machine.knownPeers?.(this.now) ?? knownOf(machine));
    };
    return findable(origin, knows, (from, to) => this.partitions.reachable(from, to));
  }

  /**
   * A request failed: counted if a member that held a committed copy of the name when the request was given holds it
   * still, as reachable or not by what the network did meanwhile (src/sim/reach.ts).
   */
  private failedWhileHeld(origin: PeerId, record: OpRecord): void {
    // Unknown on its side once (at its start, as a cut began, before a heal) and still at its end, or unknown at every
    // such moment and found again only within a hop timeout of its end (src/sim/reach.ts unknownAtEnd).
    const unknown =
      record.unknownHolders === undefined
        ? undefined
        : unknownAtEnd(
            record.unknownHolders,
            record.knownHolders ?? new Set(),
            this.findableFrom(origin),
            this.now,
            this.hopTimeoutMs,
          );
    const reach = holderReach(
      {
        origin,
        startMs: record.issuedAt,
        endMs: this.now,
        heldAtStart: record.heldAtIssue ?? [],
        // A copy older than what the requester had stored before it asked is none it may be served (`monotonic`): not
        // a holder for it (restarts 10146: its own older copy, after every holder of the version it stored crashed).
        heldAtEnd: this.holdersOf(record.name, newestAcknowledged(this, origin, record.name, record.issuedAt)?.version),
        ...(unknown === undefined ? {} : { unknown }),
      },
      this.reachEvents,
    );
    if (reach.reachable.length === 0 && reach.unreachable.length === 0) return;
    // A holder stalled at the request's end answers nothing sent to it since its stall began until after that end: out
    // of the request's reach, as a holder down for a while is (stalls 201: the three holders of 0299 stalled in turn,
    // each till past the deadline of both requests for it). A stall over before the end only delays its answers to the
    // ways sent to it meanwhile; but one that ends within a hop timeout of the end, and covered the whole request from
    // its start, left the requester no time to hear from the holder and send it a way: out of its reach too, as a
    // holder unknown throughout but for the last hop timeout is (unknownAtEnd). A shorter stall, begun after the request
    // did, left it the time before the stall (review31s). Stalls 2836: 30
    // was stalled from 2507 to 6208 ms, 314 ms before the deadline of 43's request (hop timeout 1.25 s), whose ways all
    // went meanwhile to peers stalled past the end; 30 was avoided then.
    const lateBy = this.now - this.hopTimeoutMs;
    const stalledAtEnd = reach.reachable.filter((id) => {
      const peer = this.peers.get(id);
      const until = peer?.stalledUntil ?? -Infinity;
      return until > this.now || (until > lateBy && (peer?.stalledSince ?? Infinity) <= record.issuedAt);
    });
    if (stalledAtEnd.length > 0) {
      reach.reachable = reach.reachable.filter((id) => !stalledAtEnd.includes(id));
      reach.unreachable = [...reach.unreachable, ...stalledAtEnd];
    }
    // A requester stalled from the request's start to its end ran none of it (stalls 10080: its deadline fell due as the
    // stall ended): every holder was out of its reach, as if it had been down.
    const stalled = (record.stalledUntilAtIssue ?? -Infinity) >= this.now;
    const reachable = reach.reachable.length > 0 && !stalled;
    if (reachable) this.stats.failedWithReachableHolder++;
    else this.stats.failedWithUnreachableHolder++;
    const held = reachable
      ? `while ${reach.reachable.join(', ')} held it, reachable`
      : stalled
        ? `while ${[...reach.reachable, ...reach.unreachable].join(', ')} held it, its requester stalled throughout`
        : `while ${reach.unreachable.join(', ')} held it, cut off, down${stalledAtEnd.length === 0 ? '' : `, stalled at its end (${stalledAtEnd.join(', ')})`}${reach.unknown === undefined ? '' : ` or unknown on its side (${reach.unknown.join(', ')})`} for a while`;
    const note = `${record.kind} ${record.name} (op ${record.op}) from ${origin} at ${this.now.toFixed(0)} ms: ${record.result!.ok ? '' : record.result!.code}, ${held}`;
    if (reachable && this.stats.failedWithHolderNotes.length < 20) this.stats.failedWithHolderNotes.push(note);
    this.note(`failed while held: ${note}`);
  }

  // --- crashes and restarts -------------------------------------------------------------------

  private boot(peer: SimPeer, successors: readonly PeerId[], fingers?: PeerId[]): void {
    // Built as a real peer's is: the settings resolved from the same defaults, then where this peer starts.
    const settings = resolveConfig({
      idBits: this.config.idBits,
      routing: this.config.routing,
      pingIntervalMs: this.config.pingIntervalMs,
      pingMissLimit: this.config.pingMissLimit,
      successorCount: this.config.successorCount,
      indirectProbes: this.config.indirectProbes,
      opTimeoutMs: this.config.opTimeoutMs,
      replicas: this.config.replicas,
    });
    const disk = new SimDisk(this, peer.id, peer.disk, peer.pendingDisk);
    const machine = this.config.machine(
      machineConfig(settings, {
        id: peer.id,
        successors,
        held: disk.list(),
        pending: disk.listPending(),
        ...(fingers === undefined ? {} : { fingers }),
        ...(this.zoneOf(peer.id) === undefined ? {} : { zone: this.zoneOf(peer.id)! }),
      }),
    );
    peer.machine = machine;
    peer.runtime = new PeerRuntime(machine, simPorts(this, peer.id, disk), this.runtimeEvents(peer), settings);
    peer.member = successors.length > 0;
    this.reachEvents.push({ atMs: this.now, type: 'up', peer: peer.id });
  }

  /** `diskReturns`: it restarts later with its disk (its copies are not lost, only away). */
  private crash(id: PeerId, diskReturns = false): void {
    const peer = this.peers.get(id);
    if (peer?.runtime == null) return;
    this.note(`crash ${id}`);
    this.stats.crashes++;
    this.disturbances.push({ kind: 'crash', atMs: this.now, peer: id });
    this.stop(peer);
    this.versions?.stopped(id, versionKeys(peer), diskReturns, this.now);
    this.check(this.durability?.stopped(id, copyNames(peer), diskReturns, this.now));
  }

  /** The peer's process ends: its timers, connections and ops die with it. */
  private stop(peer: SimPeer): void {
    this.reachEvents.push({ atMs: this.now, type: 'down', peer: peer.id });
    this.departuresOwed.delete(peer.id);
    peer.runtime?.crash();
    peer.runtime = null;
    peer.machine = null;
    peer.member = false;
    peer.incarnation++;
    peer.timers = new Map();
    for (const record of this.pending) {
      if (record.origin !== peer.id) continue;
      record.orphaned = true;
      this.pending.delete(record);
    }
    this.membershipChanged();
    this.transfers.crashed(peer.id);
  }

  /**
   * A departed peer a member's new list pushed past its end rather than passed over: newcomers (peers the member did
   * not list when the leaver left) now fill its list short of the leaver. The member is no longer one of the leaver's
   * two predecessors, which SPEC 2 has say the departure, so it owes nothing (membership seed 1319: 18 listed [56, 102]
   * when 102 left, then placed 38; 102's walk reached 18 after that). A list that comes round (a short ring's, ending in
   * the member itself or a repeat) holds every peer there is: one missing from it was passed over. Decided here, apart
   * from the core's rule (rememberNamed), when the member's list first drops the leaver: passed over unsaid, it stays
   * owed.
   */
  private releasePushedOut(peer: SimPeer): void {
    const owed = this.departuresOwed.get(peer.id);
    if (!owed?.size) return;
    const list = peer.machine?.status().successors;
    if (list === undefined) return;
    const run: PeerId[] = [];
    for (const p of list) {
      if (p === peer.id || run.includes(p)) break;
      run.push(p);
    }
    const round = run.length < list.length;
    for (const [leaver, state] of owed) {
      if (state.dropped || list.includes(leaver)) continue;
      const short = run.every((p) => between(peer.id, p, leaver));
      const newcomer = run.some((p) => !state.listed.includes(p));
      if (!round && short && newcomer) owed.delete(leaver);
      else state.dropped = true;
    }
  }

  private depart(peer: SimPeer): void {
    if (peer.runtime === null) return;
    this.note(`leave ${peer.id}`);
    peer.departed = true;
    for (const other of this.peers.values()) {
      const listed = other.machine?.status().successors ?? [];
      const named = listed.slice(0, 2); // the two predecessors SPEC tells
      if (other === peer || !other.member || !named.includes(peer.id)) continue;
      const owed = this.departuresOwed.get(other.id) ?? new Map<PeerId, OwedDeparture>();
      this.departuresOwed.set(other.id, owed.set(peer.id, { dropped: false, listed: [...listed] }));
    }
    this.stop(peer);
    this.versions?.stopped(peer.id, versionKeys(peer), false, this.now);
    this.check(this.durability?.stopped(peer.id, copyNames(peer), false, this.now));
  }

  private restart(id: PeerId, keepDisk: boolean, mode: RestartMode, swap?: DiskSwap): void {
    const peer = this.peers.get(id);
    if (peer === undefined || peer.runtime !== null || peer.departed) return;
    const disk = !keepDisk
      ? 'with an empty disk'
      : swap === undefined
        ? 'with its disk'
        : swap === 'stale'
          ? 'with an old copy of its disk'
          : "with another peer's disk";
    this.note(`restart ${id} (${mode}) ${disk} (${peer.disk.size} file(s) it had)`);
    this.stats.restarts++;
    if (!keepDisk) {
      peer.disk.clear();
      peer.pendingDisk.clear();
    } else if (swap !== undefined) this.swapDisk(peer, swap);
    // As the real peer, it checks its files against their checksums before it starts: damaged ones are dropped.
    for (const [name, content] of [...peer.disk]) if (content.damaged === true) peer.disk.delete(name);
    peer.vanished.clear();
    this.versions?.restarted(id, versionKeys(peer), keepDisk, this.now);
    const pendingOnly = new Set([...peer.pendingDisk.keys()].filter((name) => !peer.disk.has(name)));
    this.check(this.durability?.restarted(id, copyNames(peer), keepDisk, this.now, pendingOnly));
    this.boot(peer, mode === 'static' ? peer.successors : []);
    this.membershipChanged();
    this.at(this.now, { type: 'start', peer: id, inc: peer.incarnation });
    if (mode === 'join') this.at(this.now, { type: 'join', peer: id, attempt: 1 });
    else this.disturbances.push({ kind: 'restart', atMs: this.now, peer: id }); // a join-mode restart is timed from its join
  }

  /** The peer's data directory is replaced: by its last snapshot (empty if none), or by a copy of another peer's. */
  private swapDisk(peer: SimPeer, swap: DiskSwap): void {
    const others = [...this.peers.values()].filter((p) => p.id !== peer.id && p.disk.size > 0);
    const from = swap === 'stale' ? peer.snapshot : others.length > 0 ? this.random.pick(others).disk : undefined;
    peer.disk.clear();
    peer.pendingDisk.clear();
    for (const [name, content] of from ?? []) {
      if (content.damaged === true) continue;
      peer.disk.set(name, content);
      // Bytes a store wrote, though at another time or peer: a request served from them returns a store's bytes.
      this.noteWritten(peer.id, name, content.token);
    }
  }

  // --- disk faults ------------------------------------------------------------------------------

  private setDiskMode(id: PeerId | 'all' | undefined, mode: DiskMode, forMs: number | undefined): void {
    if (id === 'all') {
      for (const peer of this.peers.values()) peer.diskMode = 'ok';
      return;
    }
    const peer = id === undefined ? this.peerOrMember(undefined) : this.peers.get(id);
    if (peer === undefined) return void this.stats.opsSkipped++;
    this.note(`disk of ${peer.id} ${mode === 'ok' ? 'works again' : `is ${mode}`}`);
    peer.diskMode = mode;
    if (forMs !== undefined) this.at(this.now + forMs, { type: 'diskMode', peer: peer.id, mode: 'ok' });
  }

  /**
   * A copy of a stored file at one of its live holders (the responsible peer half the time) is deleted, or damaged,
   * under the running peer. That holder lost it (the `durable` invariant counts it as failed now), and the peer finds
   * out only when it reads it: a request for the file, which follows, or a copy it sends.
   */
  private fileFault(fault: FileFault, requestAfterMs: number | undefined): void {
    const candidates = this.storedNames.filter((name) =>
      [...this.peers.values()].some(
        (p) => p.runtime !== null && p.disk.get(name)?.damaged === undefined && p.disk.has(name),
      ),
    );
    if (candidates.length === 0) return void this.stats.opsSkipped++;
    const name = this.random.pick(candidates);
    const holders = [...this.peers.values()].filter(
      (p) => p.runtime !== null && p.disk.has(name) && p.disk.get(name)!.damaged === undefined,
    );
    const responsible =
      this.memberIds().length > 0 ? this.peers.get(this.responsible(keyOf(name, this.config.idBits))) : undefined;
    const peer =
      responsible !== undefined && holders.includes(responsible) && this.random.chance(0.5)
        ? responsible
        : this.random.pick(holders);
    const content = peer.disk.get(name)!;
    this.note(`${fault} ${name} at ${peer.id}`);
    if (fault === 'delete') {
      peer.disk.delete(name);
      if (peer.machine?.holds(name) === true) peer.vanished.add(name);
    } else peer.disk.set(name, { ...content, damaged: true });
    this.versions?.faulted(peer.id, versionKey(name, content.token), this.now);
    this.check(this.durability?.faulted(peer.id, name, this.now));
    if (requestAfterMs !== undefined) this.at(this.now + requestAfterMs, { type: 'op', kind: 'request', name });
  }

  /** A new peer (or a restarted one, `attempt` > 0) asks a random member to place it. */
  private join(id: PeerId | undefined, attempt: number): void {
    const via = this.peerOrMember(undefined);
    let peer = id === undefined ? undefined : this.peers.get(id);
    if (peer === undefined) {
      const fresh = id ?? this.freshId();
      if (fresh === undefined || via === undefined) return void this.stats.opsSkipped++;
      peer = newPeer(fresh, [], false);
      this.peers.set(fresh, peer);
      this.boot(peer, []);
      peer.runtime!.start();
    }
    if (peer.runtime === null || peer.member || via === undefined || via.id === peer.id) {
      // A restarted peer with no live member to join through at this moment (all down, or the one picked is): its
      // operator tries again later, as after a refused join; left out of the ring, its disk's copies were unreachable
      // for the rest of the run (swap 7243: a ring of two, both down when the first came back).
      if (attempt > 0 && peer.runtime !== null && !peer.member) this.rejoinLater(peer.id, attempt);
      return void this.stats.opsSkipped++;
    }
    this.stats.joins++;
    const record = this.open(peer, 'join', `via ${via.id}`);
    if (attempt > 0) record.attempt = attempt;
    this.disturbances.push({ kind: 'join', atMs: this.now, peer: peer.id, op: record.op });
    peer.runtime!.command(record.op, 'join', record.name, { via: via.id });
  }

  private quit(id: PeerId | undefined): void {
    const peer = this.peerOrMember(id);
    if (peer === undefined || !peer.member) return void this.stats.opsSkipped++;
    this.stats.quits++;
    const record = this.open(peer, 'quit', '');
    this.disturbances.push({ kind: 'quit', atMs: this.now, peer: peer.id, op: record.op });
    peer.runtime!.command(record.op, 'quit', '');
  }

  /** An id no peer has had, or undefined when the space is (nearly) full. */
  private freshId(): PeerId | undefined {
    const size = spaceSize(this.config.idBits);
    for (let i = 0; i < 64; i++) {
      const id = this.random.int(size);
      if (!this.peers.has(id)) return id;
    }
    return undefined;
  }

  private declaredDead(by: PeerId, peer: PeerId): void {
    this.stats.deaths++;
    if (this.peers.get(peer)?.runtime == null) return;
    this.stats.wrongDeaths++;
    this.note(`peer ${by} wrongly declared ${peer} gone`);
    if (this.on.has('alive'))
      this.check({ invariant: 'alive', message: `peer ${by} declared ${peer} dead, which is alive` });
  }

  /** Members changed: responsibility moved, and a lookup under way may rightly end at the new holder. */
  private membershipChanged(): void {
    this.members = null;
    this.responsibleCache.clear();
    if (this.memberIds().length === 0) return;
    for (const record of this.pending) this.addHolders(record);
  }

  /** The peers an op may rightly end at now: the responsible one, and for a request the replicas after it. */
  private addHolders(record: OpRecord): void {
    const members = this.memberIds();
    if (record.key === undefined || members.length === 0) return;
    const first = this.responsible(record.key);
    record.holders.add(first);
    if (record.kind !== 'request') return;
    const at = members.indexOf(first);
    // A walk that finds no copy at the R holders asks the last one's successor too while it is new to that list
    // (src/core/machine.ts, mayHoldLateCopies): copies it took while apart are served from there (membership 9151).
    for (let i = 1; i < Math.min(this.config.replicas + LATE_HOLDERS_ASKED, members.length); i++)
      record.holders.add(members[(at + i) % members.length]!);
    // Across zones the copies go to the next peers of other zones within the responsible peer's list, as the core places them.
    if (this.config.zones !== undefined)
      for (const id of idealHolders(this, members, record.key)) record.holders.add(id);
  }

  /** Starts every peer at a random moment of the first second, as a script starting them one by one. */
  startAll(): void {
    for (const peer of this.peers.values())
      this.at(this.random.range(0, 1000), { type: 'start', peer: peer.id, inc: peer.incarnation });
  }
}

/** The ways a request fails that leave a file unserved (not a bad name, a busy peer, a stale or damaged copy). */
const LOOKUP_FAILURES: ReadonlySet<OpErrorCode> = new Set<OpErrorCode>(['NOT_FOUND', 'TIMEOUT', 'NO_ROUTE']);

/** What a write (or, read-only, a deletion) on a faulty disk fails with, as the real FileStore reports it. */
const DISK_ERRORS: Record<Exclude<DiskMode, 'ok'>, string> = {
  full: 'ENOSPC: no space left on device',
  readonly: 'EROFS: read-only file system',
};

/** A version of a name, for `versions`: its store's content token. */
function versionKey(name: string, token: number): string {
  return `${name}#${token}`;
}

/** The versions on a peer's disk, held and pending, whole. */
function versionKeys(peer: SimPeer): string[] {
  return [...peer.disk, ...peer.pendingDisk]
    .filter(([, content]) => content.damaged === undefined)
    .map(([name, content]) => versionKey(name, content.token));
}

/**
 * The names a peer has a copy of whose bytes are still the recorded ones, its stores' pending copies too: `durable`
 * counts those as copies when written, so they park and fail with their peer as held ones do (swap 12566: 48's pending
 * copy of 4531 stayed live to the checker after 48 crashed and came back with an old disk that lacked it).
 */
function copyNames(peer: SimPeer): string[] {
  const names = new Set<string>();
  for (const disk of [peer.disk, peer.pendingDisk])
    for (const [name, content] of disk) if (content.damaged === undefined) names.add(name);
  return [...names];
}

/**
 * How long the ring has to copy again what a failed peer held: K missed pings and the timeout to notice it,
 * then digests (one interval, two when predecessors had to be learned again) and a transfer that may break.
 */
export function repairWindowMs(
  config: Pick<WorldConfig, 'pingIntervalMs' | 'pingMissLimit' | 'connectTimeoutMs' | 'transferIdleTimeoutMs'>,
): number {
  return (config.pingMissLimit + 4) * config.pingIntervalMs + config.connectTimeoutMs + config.transferIdleTimeoutMs;
}

/** A peer before its first boot: no process yet, an empty disk. */
function newPeer(id: PeerId, successors: readonly PeerId[], member: boolean): SimPeer {
  return {
    id,
    successors,
    machine: null,
    runtime: null,
    member,
    departed: false,
    incarnation: 0,
    timers: new Map(),
    disk: new Map(),
    pendingDisk: new Map(),
    diskMode: 'ok',
    vanished: new Set(),
  };
}

/** What a machine without knownPeers (a test's stand-in) knows, by its status: its lists and fingers. */
function knownOf(machine: SimMachine): PeerId[] {
  const status = machine.status();
  return [...status.successors, ...status.predecessors, ...(status.fingers ?? [])].filter(
    (p): p is PeerId => p !== null && p !== machine.id,
  );
}

/** What a message that travels peer to peer along the ring is, for the hop bound's finding; undefined for the rest. */
function walkOf(message: Message): { hops: number; what: string } | undefined {
  switch (message.type) {
    case 'lookup':
      return { hops: message.hops, what: `lookup ${message.kind} ${message.name} (op ${message.op})` };
    case 'findSuccessor':
      return { hops: message.hops, what: `finger lookup of ${message.target} from ${message.origin}` };
    case 'joinRequest':
      return { hops: message.hops, what: `join request of ${message.newcomer}` };
    case 'departure':
      return { hops: message.hops, what: `departure of ${message.leaving}` };
    case 'successorChange':
      return { hops: message.hops, what: `successor change of ${message.origin}` };
    default:
      return undefined;
  }
}
