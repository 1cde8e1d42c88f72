// The simulated world: PeerMachines from src/core on a virtual clock, over an in-memory network with faults.
import type { Effect, Input, OpResult } from '../core/io.ts';
import type { LookupKind, Message } from '../core/messages.ts';
import { keyOf, successorsInRing, type PeerId } from '../core/ring.ts';
import { EventQueue } from './heap.ts';
import { describeInput, describeMessage } from './describe.ts';
import { checkCompletion, checkHops, checkQuiet, responsibleIn, type Finding, type InvariantName, type WorldView } from './invariants.ts';
import { Network, Partitions, type Faults, type LatencyModel } from './network.ts';
import type { Random } from './random.ts';
import { Trace } from './trace.ts';
import { Transfers, type TransferEvent } from './transfers.ts';
import type { Content, MachineFactory, OpRecord, SimMachine, Violation } from './types.ts';

export interface WorldConfig {
  seed: number;
  idBits: number;
  ids: readonly PeerId[];
  successorCount: number;
  pingIntervalMs: number;
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
}

interface SimPeer {
  readonly id: PeerId;
  /** As it was configured at build time (its command line): a restarted peer starts from these again. */
  readonly successors: readonly PeerId[];
  machine: SimMachine | null;
  /** Bumped at each crash: timers and connections of an earlier life are void. */
  incarnation: number;
  timers: Map<string, number>;
  disk: Map<string, Content>;
}

type WorldEvent =
  | { type: 'start'; peer: PeerId; inc: number }
  /** `inc` is the receiver's incarnation for TCP (its connection dies with it), null for UDP. */
  | { type: 'deliver'; from: PeerId; to: PeerId; transport: 'udp' | 'tcp'; message: Message; inc: number | null }
  | { type: 'timer'; peer: PeerId; name: string; token: number; inc: number }
  | { type: 'op'; kind: LookupKind; origin?: PeerId; name?: string }
  | { type: 'crash'; peer: PeerId }
  | { type: 'restart'; peer: PeerId; keepDisk: boolean }
  | { type: 'partition'; id: number; groups: PeerId[][] }
  | { type: 'heal'; id: number | 'all' }
  | TransferEvent;

export interface WorldStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  lines: number;
  crashes: number;
  restarts: number;
  partitions: number;
  opsSkipped: number;
  unknownEffects: number;
}

export class World implements WorldView {
  readonly random: Random;
  readonly trace: Trace;
  readonly ops = new Map<number, OpRecord>();
  readonly stats: WorldStats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, lines: 0, crashes: 0, restarts: 0, partitions: 0, opsSkipped: 0, unknownEffects: 0 };
  readonly peerCount: number;
  readonly successorCount: number;
  now = 0;
  step = 0;
  violation: Violation | undefined;

  private readonly peers = new Map<PeerId, SimPeer>();
  private readonly queue = new EventQueue<WorldEvent>();
  private readonly network: Network;
  readonly partitions = new Partitions();
  private readonly transfers: Transfers;
  readonly on: ReadonlySet<InvariantName>;
  /** Last arrival time on each TCP link: a kept-open connection delivers in order. */
  private readonly tcpArrival = new Map<string, number>();
  /** name -> peer -> tokens a store wrote there. */
  private readonly writes = new Map<string, Map<PeerId, Set<number>>>();
  private readonly storedNames: string[] = [];
  private readonly storedNameSet = new Set<string>();
  private live: PeerId[] | null = null;
  private readonly responsibleCache = new Map<number, PeerId>();
  private opSeq = 0;
  private timerSeq = 0;

  constructor(readonly config: WorldConfig, random: Random) {
    this.random = random;
    this.trace = new Trace(config.traceWindow);
    this.network = new Network(config.seed, config.latency, config.faults);
    this.transfers = new Transfers(this);
    this.on = new Set(config.invariants);
    this.successorCount = config.successorCount;
    const ring = successorsInRing(config.ids, config.successorCount);
    this.peerCount = ring.size;
    for (const [id, successors] of ring) {
      const peer: SimPeer = { id, successors, machine: null, incarnation: 0, timers: new Map(), disk: new Map() };
      this.peers.set(id, peer);
      this.boot(peer);
    }
  }

  // --- the world as the checks and the transfers see it -------------------------------------

  liveIds(): readonly PeerId[] {
    this.live ??= [...this.peers.values()].filter((p) => p.machine !== null).map((p) => p.id).sort((a, b) => a - b);
    return this.live;
  }

  responsible(key: number): PeerId {
    let id = this.responsibleCache.get(key);
    if (id === undefined) this.responsibleCache.set(key, (id = responsibleIn(this.liveIds(), key)));
    return id;
  }

  machineOf(id: PeerId): SimMachine | undefined {
    return this.peers.get(id)?.machine ?? undefined;
  }

  diskOf(id: PeerId): Map<string, Content> {
    return this.peers.get(id)?.disk ?? new Map();
  }

  incarnationOf(id: PeerId): number {
    return this.peers.get(id)?.incarnation ?? -1;
  }

  isPeer(id: PeerId): boolean {
    return this.peers.has(id);
  }

  wasWritten(name: string, peer: PeerId, token: number): boolean {
    return this.writes.get(name)?.get(peer)?.has(token) ?? false;
  }

  /** A store's bytes land on a peer's disk. */
  write(peer: PeerId, name: string, content: Content): void {
    this.diskOf(peer).set(name, content);
    let byPeer = this.writes.get(name);
    if (byPeer === undefined) this.writes.set(name, (byPeer = new Map()));
    let tokens = byPeer.get(peer);
    if (tokens === undefined) byPeer.set(peer, (tokens = new Set()));
    tokens.add(content.token);
  }

  delayMs(from: PeerId, to: PeerId): number {
    return this.network.delayMs(this.random, from, to);
  }

  check(finding: Finding): void {
    if (finding === undefined || this.violation !== undefined) return;
    this.violation = { invariant: finding.invariant, message: finding.message, seed: this.config.seed, step: this.step, atMs: this.now, trace: this.trace.recent() };
  }

  note(text: string): void {
    this.trace.add(`#${this.step} ${this.now.toFixed(3)} ${text}`);
  }

  // --- scheduling from outside ------------------------------------------------------------------

  at(atMs: number, event: WorldEvent): void {
    this.queue.push(Math.max(atMs, this.now), event);
  }

  /** Runs events up to `untilMs` (inclusive), or until an invariant breaks. */
  run(untilMs: number): void {
    while (this.violation === undefined && this.queue.peekTime() <= untilMs) {
      const { at, item } = this.queue.pop()!;
      this.now = at;
      if (++this.step > this.config.maxSteps) {
        this.violation = { invariant: 'progress', message: `more than ${this.config.maxSteps} steps: something schedules without end`, seed: this.config.seed, step: this.step, atMs: at, trace: this.trace.recent() };
        return;
      }
      this.process(item);
    }
    if (this.violation === undefined) this.now = Math.max(this.now, untilMs);
  }

  /** The whole-ring checks; call them when no command is under way and no disturbance is in force. */
  checkQuiet(): void {
    this.check(checkQuiet(this, this.on));
  }

  // --- events --------------------------------------------------------------------------------

  private process(event: WorldEvent): void {
    switch (event.type) {
      case 'start': {
        const peer = this.peers.get(event.peer)!;
        if (peer.machine !== null && peer.incarnation === event.inc) this.feed(peer, { type: 'start' });
        break;
      }
      case 'deliver':
        this.deliver(event);
        break;
      case 'timer': {
        const peer = this.peers.get(event.peer)!;
        // Stale: cancelled, replaced by a later schedule, or set in an earlier life.
        if (peer.machine === null || peer.incarnation !== event.inc || peer.timers.get(event.name) !== event.token) return;
        peer.timers.delete(event.name);
        this.feed(peer, { type: 'timer', timer: event.name });
        break;
      }
      case 'op':
        this.command(event.kind, event.origin, event.name);
        break;
      case 'crash':
        this.crash(event.peer);
        break;
      case 'restart':
        this.restart(event.peer, event.keepDisk);
        break;
      case 'partition':
        this.partitions.add(event.id, event.groups);
        this.stats.partitions++;
        this.note(`partition ${event.id}: ${event.groups.map((g) => `{${g.length <= 8 ? g.join(',') : `${g.length} peers`}}`).join(' | ')} | rest`);
        this.transfers.partitioned();
        break;
      case 'heal':
        if (event.id === 'all' ? this.partitions.healAll() > 0 : this.partitions.heal(event.id)) this.note(`heal ${event.id}`);
        break;
      default:
        this.transfers.process(event);
    }
  }

  /** Hands one input to a live peer and carries out the effects; returns them. */
  feed(peer: SimPeer | PeerId, input: Input): Effect[] {
    const p = typeof peer === 'number' ? this.peers.get(peer)! : peer;
    const machine = p.machine!;
    this.note(`@${p.id} ${describeInput(input)}`);
    const effects = machine.handle(input, this.now);
    for (const effect of effects) this.apply(p, effect);
    return effects;
  }

  private apply(peer: SimPeer, effect: Effect): void {
    switch (effect.type) {
      case 'send':
        this.send(peer.id, effect.to, effect.transport, effect.message);
        break;
      case 'schedule': {
        const token = ++this.timerSeq;
        peer.timers.set(effect.timer, token);
        this.at(effect.at, { type: 'timer', peer: peer.id, name: effect.timer, token, inc: peer.incarnation });
        break;
      }
      case 'cancel':
        peer.timers.delete(effect.timer);
        break;
      case 'transfer':
        this.transfers.start(peer.id, effect.ref);
        break;
      case 'refuseTransfer':
        break; // read by whoever fed the transferStarted
      case 'emit':
        this.stats.lines++;
        break;
      case 'complete':
        this.complete(peer, effect.op, effect.kind, effect.name, effect.result);
        break;
      default:
        this.stats.unknownEffects++; // an effect added to the core that the simulator does not play yet
    }
  }

  private send(from: PeerId, to: PeerId, transport: 'udp' | 'tcp', message: Message): void {
    this.stats.sent++;
    if (message.type === 'lookup') this.check(checkHops(this, this.on, from, message.hops, `lookup ${message.kind} ${message.name} (op ${message.op})`));
    const target = this.peers.get(to);
    const drop = (why: string) => {
      this.stats.dropped++;
      this.note(`drop ${from}->${to} ${transport} ${describeMessage(message)}: ${why}`);
    };
    if (target === undefined) return drop('no such peer');
    if (!this.partitions.reachable(from, to)) return drop('partitioned');
    const { faults } = this.network;
    if (transport === 'tcp' && target.machine === null) return drop('connection refused');
    if (this.random.chance(transport === 'udp' ? faults.loss : faults.tcpLoss)) return drop('lost');
    const copies = this.random.chance(transport === 'udp' ? faults.duplicate : faults.tcpDuplicate) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      let at = this.now + this.delayMs(from, to);
      if (transport === 'tcp') {
        const link = `${from}>${to}`;
        at = Math.max(at, (this.tcpArrival.get(link) ?? 0) + 0.001);
        this.tcpArrival.set(link, at);
      }
      this.at(at, { type: 'deliver', from, to, transport, message, inc: transport === 'tcp' ? target.incarnation : null });
    }
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
      return;
    }
    this.stats.delivered++;
    this.feed(target, { type: 'message', from: event.from, message: event.message });
  }

  // --- commands ------------------------------------------------------------------------------

  private command(kind: LookupKind, origin: PeerId | undefined, name: string | undefined): void {
    const live = this.liveIds();
    const from = origin ?? (live.length > 0 ? this.random.pick(live) : undefined);
    const peer = from === undefined ? undefined : this.peers.get(from);
    if (peer?.machine == null) {
      this.stats.opsSkipped++;
      return;
    }
    const chosen = name ?? this.chooseName(kind);
    const op = ++this.opSeq;
    const key = keyOf(chosen, this.config.idBits);
    const record: OpRecord = { op, origin: peer.id, incarnation: peer.incarnation, kind, name: chosen, key, issuedAt: this.now, responsibleAtIssue: this.responsible(key) };
    // Sizes spread log-uniformly from 1 KiB to 4 MiB.
    if (kind === 'store') record.content = { token: this.random.u32(), sizeBytes: Math.round(2 ** this.random.range(10, 22)) };
    if (kind === 'store' && !this.storedNameSet.has(chosen)) {
      this.storedNameSet.add(chosen);
      this.storedNames.push(chosen);
    }
    this.ops.set(op, record);
    this.feed(peer, { type: 'command', kind, op, name: chosen });
  }

  /** Stores sometimes overwrite a name; requests mostly ask for stored names, sometimes for absent ones. */
  private chooseName(kind: LookupKind): string {
    const fresh = () => String(this.random.int(10_000)).padStart(4, '0');
    const reuse = kind === 'store' ? 0.2 : 0.85;
    return this.storedNames.length > 0 && this.random.chance(reuse) ? this.random.pick(this.storedNames) : fresh();
  }

  private complete(peer: SimPeer, op: number, kind: LookupKind, name: string, result: OpResult): void {
    const record = this.ops.get(op);
    const outcome = result.ok ? `ok holder=${result.holder}` : `failed holder=${result.holder ?? '-'} (${result.error})`;
    this.note(`@${peer.id} complete op=${op} ${kind} ${name} ${outcome} hops=${result.hops ?? '-'}`);
    this.check(checkCompletion(this, this.on, record, { peer: peer.id, incarnation: peer.incarnation, op, kind, name, result }));
    if (record !== undefined && record.result === undefined) {
      record.result = result;
      record.completedAt = this.now;
    }
  }

  // --- crashes and restarts -------------------------------------------------------------------

  private boot(peer: SimPeer): void {
    peer.machine = this.config.machine({
      id: peer.id,
      idBits: this.config.idBits,
      successors: [...peer.successors],
      pingIntervalMs: this.config.pingIntervalMs,
      opTimeoutMs: this.config.opTimeoutMs,
      held: [...peer.disk.keys()],
    });
    this.liveChanged();
  }

  private crash(id: PeerId): void {
    const peer = this.peers.get(id);
    if (peer?.machine == null) return;
    this.note(`crash ${id}`);
    this.stats.crashes++;
    peer.machine = null;
    peer.incarnation++;
    peer.timers = new Map();
    this.liveChanged();
    for (const record of this.ops.values()) if (record.origin === id && record.result === undefined) record.orphaned = true;
    this.transfers.crashed(id);
  }

  private restart(id: PeerId, keepDisk: boolean): void {
    const peer = this.peers.get(id);
    if (peer === undefined || peer.machine !== null) return;
    this.note(`restart ${id} ${keepDisk ? 'with its disk' : `with an empty disk (${peer.disk.size} file(s) gone)`}`);
    this.stats.restarts++;
    if (!keepDisk) peer.disk.clear();
    this.boot(peer);
    this.at(this.now, { type: 'start', peer: id, inc: peer.incarnation });
  }

  private liveChanged(): void {
    this.live = null;
    this.responsibleCache.clear();
  }

  /** Starts every peer at a random moment of the first second, as a script starting them one by one. */
  startAll(): void {
    for (const peer of this.peers.values()) this.at(this.random.range(0, 1000), { type: 'start', peer: peer.id, inc: peer.incarnation });
  }
}
