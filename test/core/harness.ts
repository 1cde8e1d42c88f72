// An in-memory ring for table tests: each peer the shared PeerRuntime on the simulator's ports, with zero latency;
// deliveries, transfers and timers played synchronously, when the test says.
import assert from 'node:assert/strict';
import {
  timerKey,
  transferRefOf,
  type CommandKind,
  type Effect,
  type Input,
  type OpResult,
  type TimerName,
  type TransferRef,
} from '../../src/core/io.ts';
import type { PeerLine } from '../../src/core/lines.ts';
import { machineConfig, resolveConfig } from '../../src/config.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import { SYNC_TIMER } from '../../src/core/replication.ts';
import type { FileEntry, LookupKind, Message, TransferHeader } from '../../src/core/messages.ts';
import { successorsInRing, type NameHash, type PeerId } from '../../src/core/ring.ts';
import type { Routing } from '../../src/core/routing.ts';
import type { SendFailure } from '../../src/runtime/ports.ts';
import { PeerRuntime } from '../../src/runtime/runtime.ts';
import {
  digestOf as simDigestOf,
  keepOn,
  SimDisk,
  simPorts,
  sourceOf,
  type SimSink,
  type SimSource,
  type SimWorldPorts,
} from '../../src/sim/ports.ts';
import type { Content } from '../../src/sim/types.ts';
import type { Version } from '../../src/core/version.ts';

// --- harness ------------------------------------------------------------------------------------

/** A file's bytes in the harness: a token derived from its name, so every store of a name has the same bytes. */
export function contentOf(name: string): Content {
  let token = 2166136261;
  for (const char of name) token = Math.imul(token ^ char.charCodeAt(0), 16777619) >>> 0;
  return { token, sizeBytes: 1024 };
}

/** The version of the files a harness peer starts with (its data directory's). */
export const HELD_VERSION: Version = { stamp: 1, origin: 0, op: 0 };

/** The sha256 the machines are told a file has (the simulator's digest of its content). */
export function digestOf(name: string): string {
  return simDigestOf(contentOf(name));
}

export function heldFiles(names: readonly string[]): FileEntry[] {
  return names.map((name) => ({ name, sha256: digestOf(name), version: HELD_VERSION }));
}

export type RingSpec = ReadonlyArray<readonly [PeerId, readonly PeerId[]]>;

/** SPEC.md section 1: 2→4,5  4→5,8  5→8,9  8→9,14  9→14,19  14→19,2  19→2,4. */
export const EXAMPLE: RingSpec = [
  [2, [4, 5]],
  [4, [5, 8]],
  [5, [8, 9]],
  [8, [9, 14]],
  [9, [14, 19]],
  [14, [19, 2]],
  [19, [2, 4]],
];
export const EXAMPLE_IDS = EXAMPLE.map(([id]) => id);

export const PING_INTERVAL_MS = 30_000;
export const OP_TIMEOUT_MS = 30_000;

/** A file on its way, as the sender's network port was handed it; `fail` ends it at the sender as a broken connection would. */
export interface TransferDelivery {
  kind: 'transfer';
  from: PeerId;
  ref: TransferRef;
  header: TransferHeader;
  content: Content;
  fail(error: string): void;
  /** Internal: how the sender's runtime hears the end. */
  done(failure: SendFailure | undefined): void;
}

/** A message on its way (of one type, when `T` says). */
export interface Send<T extends Message['type'] = Message['type']> {
  kind: 'send';
  from: PeerId;
  to: PeerId;
  transport: 'udp' | 'tcp';
  message: Extract<Message, { type: T }>;
}

export type Delivery = Send | TransferDelivery;

export interface Completion {
  peer: PeerId;
  op: number;
  kind: CommandKind;
  name: string;
  result: OpResult;
}

export interface RingOptions {
  held?: Record<number, string[]>;
  /** Copies of every file (R). Default 1: the original's behaviour, which most tables here describe. */
  replicas?: number;
  pingIntervalMs?: number;
  opTimeoutMs?: number;
  /** Virtual milliseconds each delivery takes, so `ms` in results means something. */
  stepMs?: number;
  /** Successors each peer keeps (r); default: the 8-bit ring's two. */
  successorCount?: number;
  /** Each peer's zone (--zone); default none: copies go to the next peers. */
  zones?: Record<number, string>;
  /** Helpers a silent successor is probed through (SWIM's k); default: a real peer's (3). */
  indirectProbes?: number;
  /** Default: the 8-bit ring's, along successors; 'finger' learns its table by fix-fingers (when the test fires it). */
  routing?: Routing;
  /** The id space's bits; default 8 (SPEC.md's rings). */
  idBits?: number;
  /** Each peer's finger table as built (as the simulator's static rings have them); default none. */
  fingers?: (id: PeerId) => PeerId[];
  /** How names map to keys; default: four-digit names are their own keys (wider rings want sha1First32). */
  nameHash?: NameHash;
  /**
   * A message sent over TCP to a peer not in the ring comes back to its sender as undeliverable (a refused
   * connection), as the runtime reports it; default: it is lost, as a datagram is.
   */
  refused?: boolean;
}

interface Peer {
  machine: PeerMachine;
  runtime: PeerRuntime<SimSource, SimSink>;
  disk: Map<string, Content>;
}

/**
 * A ring of peers, each a PeerRuntime around a PeerMachine on the simulator's ports (SimNetworkPort, SimDisk,
 * SimClock) with zero latency: sends (UDP and TCP alike) and files go through one FIFO queue, played when the test
 * says; a file is admitted at the receiver (refused: the sender hears why), written, then acknowledged.
 */
export class TestRing implements SimWorldPorts {
  readonly machines = new Map<PeerId, PeerMachine>();
  private readonly peers = new Map<PeerId, Peer>();
  /** Every peer's disk; it outlives the peer (a departed or killed peer's files stay where they were). */
  private readonly disks = new Map<PeerId, Map<string, Content>>();
  private readonly pendingDisks = new Map<PeerId, Map<string, Content>>();
  readonly queue: Delivery[] = [];
  /** Every delivery made, in order. */
  readonly delivered: Delivery[] = [];
  /** Deliveries addressed to a peer that is not in the ring. */
  readonly undeliverable: Delivery[] = [];
  readonly emitted = new Map<PeerId, PeerLine[]>();
  readonly completions: Completion[] = [];
  readonly refusals: Array<{ peer: PeerId; transfer: number; reason: string }> = [];
  /** Peers whose machine said 'leave' (graceful departure done). */
  readonly left = new Set<PeerId>();
  /** Timers currently scheduled at each peer (scheduled and not cancelled or fired): key (timerKey) -> when. */
  readonly timers = new Map<PeerId, Map<string, number>>();
  private readonly timerHandles = new Map<PeerId, Map<string, object>>();
  now = 0;
  /** Peers whose disk fails every write of the DHT's copies, with the error (a full disk). */
  readonly diskErrors = new Map<PeerId, string>();
  /** Peers whose disk deletes nothing and commits no pending copy, with the error (a read-only disk). */
  readonly readOnly = new Map<PeerId, string>();
  /** While set, a message for which it says true is lost on the way (a partition; lost datagrams, by transport or kind). */
  cut: ((from: PeerId, to: PeerId, transport: 'udp' | 'tcp', message: Message) => boolean) | undefined;
  private nextOp = 1;
  private nextTransfer = 1;
  private readonly stepMs: number;
  private readonly replicas: number;
  private readonly successorCount: number | undefined;
  private readonly indirectProbes: number | undefined;
  private readonly idBits: number;
  private readonly nameHash: NameHash | undefined;
  private readonly refused: boolean;

  constructor(spec: RingSpec, options: RingOptions = {}) {
    this.stepMs = options.stepMs ?? 1;
    this.replicas = options.replicas ?? 1;
    this.successorCount = options.successorCount;
    this.indirectProbes = options.indirectProbes;
    this.idBits = options.idBits ?? 8;
    this.nameHash = options.nameHash;
    this.refused = options.refused ?? false;
    for (const [id, successors] of spec) this.boot(id, [...successors], options);
  }

  /** `kept`: the disk it had (held and pending copies), when it restarts with it. */
  private boot(
    id: PeerId,
    successors: PeerId[],
    options: RingOptions,
    kept?: { disk: Map<string, Content>; pending: Map<string, Content> },
  ): PeerMachine {
    const disk =
      kept?.disk ??
      new Map((options.held?.[id] ?? []).map((name) => [name, { ...contentOf(name), version: HELD_VERSION }] as const));
    this.disks.set(id, disk);
    const pending = kept?.pending ?? new Map<string, Content>();
    this.pendingDisks.set(id, pending);
    const simDisk = new SimDisk(this, id, disk, pending);
    const settings = resolveConfig({
      idBits: this.idBits,
      pingIntervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
      opTimeoutMs: options.opTimeoutMs ?? OP_TIMEOUT_MS,
      replicas: options.replicas ?? this.replicas,
      successorCount: options.successorCount ?? this.successorCount,
      indirectProbes: options.indirectProbes ?? this.indirectProbes,
      ...(options.routing === undefined ? {} : { routing: options.routing }),
    });
    const machine = new PeerMachine(
      machineConfig(settings, {
        id,
        successors,
        held: simDisk.list(),
        pending: simDisk.listPending(),
        ...(options.zones?.[id] === undefined ? {} : { zone: options.zones[id] }),
        ...(options.fingers === undefined ? {} : { fingers: options.fingers(id) }),
        ...(this.nameHash === undefined ? {} : { nameHash: this.nameHash }),
      }),
    );
    const runtime = new PeerRuntime(
      machine,
      simPorts(this, id, simDisk),
      {
        line: (line) => this.emitted.get(id)!.push(line),
        done: (op, kind, name, result) => this.completions.push({ peer: id, op, kind, name, result }),
        left: () => {
          // The actor closes: from now on nothing reaches this peer.
          this.left.add(id);
          this.remove(id);
        },
        crashed: (error) => {
          throw error;
        },
      },
      settings,
    );
    this.machines.set(id, machine);
    this.peers.set(id, { machine, runtime, disk });
    this.emitted.set(id, []);
    this.timers.set(id, new Map());
    this.timerHandles.set(id, new Map());
    return machine;
  }

  private remove(id: PeerId): void {
    const peer = this.peers.get(id);
    if (peer === undefined) return;
    peer.runtime.crash();
    this.peers.delete(id);
    this.machines.delete(id);
    this.timers.get(id)!.clear();
    this.timerHandles.get(id)!.clear();
  }

  // --- the simulator's ports, with zero latency -------------------------------------------------

  send(from: PeerId, to: PeerId, transport: 'udp' | 'tcp', message: Message): void {
    this.queue.push({ kind: 'send', from, to, transport, message });
  }

  sendFile(
    from: PeerId,
    to: PeerId,
    header: TransferHeader,
    content: Content,
    _inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    // The ref as the machine named it: its version and pending flag travel in the (hidden) header.
    const { version: _version, pending: _pending, ...ref } = transferRefOf(to, header);
    let ended = false;
    const end = (failure: SendFailure | undefined) => {
      if (ended || !this.peers.has(from)) return;
      ended = true;
      done(failure);
    };
    // Only what the file is shows in comparisons (kind, from, ref); how it travels is there but not enumerable.
    const delivery = { kind: 'transfer', from, ref } as TransferDelivery;
    const hidden = { header, content, done: end, fail: (error: string) => end({ message: error }) };
    for (const [key, value] of Object.entries(hidden))
      Object.defineProperty(delivery, key, { value, enumerable: false });
    this.queue.push(delivery);
  }

  commit(peer: PeerId, sink: SimSink, content: Content): string | undefined {
    if (sink.purpose === 'deliver' || sink.aborted) return undefined;
    sink.arrived(content);
    const error = this.diskErrors.get(peer);
    if (error !== undefined) return error;
    // The responsible peer's own pending copy is marked so on its disk, as the simulator's world marks it.
    const { own: _sent, ...plain } = content;
    const own = sink.purpose === 'store' && sink.keep.pending === true;
    const copy = own ? { ...plain, own: true as const } : plain;
    const kept = keepOn(this.disk(peer), this.pendingDisks.get(peer)!, sink.name, copy, sink.keep);
    return typeof kept === 'object' ? kept.error : undefined;
  }

  promoted(peer: PeerId, name: string, content: Content): void {
    this.disk(peer).set(name, content);
  }

  removed(): void {}

  removeError(peer: PeerId): string | undefined {
    return this.readOnly.get(peer);
  }

  setTimer<T>(peer: PeerId, at: number, fire: (name: T) => void, name: T): object {
    const handle = { fire };
    // The runtime's timers are named by the machine's TimerName; its close's grace timer by a string.
    const label = typeof name === 'string' ? name : timerKey(name as TimerName);
    this.timers.get(peer)?.set(label, at);
    this.timerHandles.get(peer)?.set(label, handle);
    return handle;
  }

  clearTimer(peer: PeerId, handle: unknown): void {
    const handles = this.timerHandles.get(peer);
    if (handles === undefined) return;
    for (const [key, h] of handles) {
      if (h !== handle) continue;
      handles.delete(key);
      this.timers.get(peer)!.delete(key);
    }
  }

  // --- driving the ring -----------------------------------------------------------------------

  /** A new peer with no successors yet (it is about to join), started. */
  addPeer(id: PeerId, options: RingOptions = {}): PeerMachine {
    assert.ok(!this.machines.has(id), `peer ${id} is already here`);
    const machine = this.boot(id, [], { ...options, replicas: options.replicas ?? this.replicas });
    this.peers.get(id)!.runtime.start();
    return machine;
  }

  /** Abrupt departure: the peer's machine is gone; whatever is sent to it is lost. */
  kill(id: PeerId): void {
    assert.ok(this.machines.has(id), `no peer ${id} to kill`);
    this.remove(id);
  }

  /**
   * A killed peer starts again with `successors` (as `init` starts one), on the disk it had, pending copies and all, or
   * on an empty one.
   */
  restart(id: PeerId, successors: PeerId[], disk: 'kept' | 'empty'): PeerMachine {
    assert.ok(!this.machines.has(id), `peer ${id} is running`);
    const kept = disk === 'kept' ? { disk: this.disks.get(id)!, pending: this.pendingDisks.get(id)! } : undefined;
    const machine = this.boot(id, successors, { replicas: this.replicas }, kept);
    this.peers.get(id)!.runtime.start();
    return machine;
  }

  /** Starts a join of `peer` through `via`, or a graceful departure of `peer`; returns the op id. */
  join(peer: PeerId, via: PeerId): number {
    const op = this.nextOp++;
    this.runtime(peer).command(op, 'join', '', { via });
    return op;
  }

  /** `departing`: the peers leaving at the same time (the files go to the first successor not among them). */
  quit(peer: PeerId, departing?: readonly PeerId[]): number {
    const op = this.nextOp++;
    this.runtime(peer).command(op, 'quit', '', departing === undefined ? {} : { departing });
    return op;
  }

  /** Fires `timer` at every peer where it is scheduled, earliest first, delivering what each causes. */
  fireAll(timer: TimerName): void {
    const key = timerKey(timer);
    const due = [...this.timers].flatMap(([peer, timers]) =>
      timers.has(key) && this.machines.has(peer) ? [[peer, timers.get(key)!] as const] : [],
    );
    for (const [peer] of due.sort((a, b) => a[1] - b[1])) {
      this.fire(peer, timer);
      this.deliver();
    }
  }

  /**
   * One ping round everywhere, then its timeouts: the direct pings' (a silent successor is probed through others),
   * then the indirect probes' (misses counted, deaths declared).
   */
  pingRound(): void {
    this.fireAll({ kind: 'ping' });
    this.fireAll({ kind: 'pingTimeout' });
    this.fireAll({ kind: 'pingTimeout' });
    this.fireAll({ kind: 'behind' });
  }

  /** Every live peer's successor list. */
  successorLists(): Record<number, PeerId[]> {
    return Object.fromEntries([...this.machines].map(([id, m]) => [id, m.status().successors]));
  }

  static of(ids: readonly PeerId[], options: RingOptions = {}): TestRing {
    return new TestRing([...successorsInRing(ids, 2).entries()], options);
  }

  machine(id: PeerId): PeerMachine {
    const m = this.machines.get(id);
    assert.ok(m, `no peer ${id} in the ring`);
    return m;
  }

  runtime(id: PeerId): PeerRuntime<SimSource, SimSink> {
    const peer = this.peers.get(id);
    assert.ok(peer, `no peer ${id} in the ring`);
    return peer.runtime;
  }

  /** The stores' copies waiting on a peer's disk to be settled. */
  pendingDisk(id: PeerId): Map<string, Content> {
    const disk = this.pendingDisks.get(id);
    assert.ok(disk, `no peer ${id} was ever in the ring`);
    return disk;
  }

  /** The files on a peer's disk (also once it left or was killed). */
  disk(id: PeerId): Map<string, Content> {
    const disk = this.disks.get(id);
    assert.ok(disk, `no peer ${id} was ever in the ring`);
    return disk;
  }

  /** Hands one input to a peer's runtime, which carries out its effects; returns them. */
  feed(peer: PeerId, input: Input): readonly Effect[] {
    return this.runtime(peer).feed(input);
  }

  /** Starts every peer (as `init` starts one) and delivers what follows: their first pings and the answers. */
  start(): this {
    for (const id of this.machines.keys()) this.feed(id, { type: 'start' });
    this.deliver();
    return this;
  }

  /** Starts a store or request at `peer` (without delivering anything yet); returns its op id. */
  command(peer: PeerId, kind: LookupKind, name: string): number {
    const op = this.nextOp++;
    this.runtime(peer).command(op, kind, name, kind === 'store' ? { source: sourceOf(contentOf(name)) } : {});
    return op;
  }

  /** A command run to the end; returns its completion. */
  run(peer: PeerId, kind: LookupKind, name: string): Completion {
    const op = this.command(peer, kind, name);
    this.deliver();
    return this.completionOf(peer, op);
  }

  /** When `timer` is due at `peer`; undefined when it is not scheduled there. */
  scheduled(peer: PeerId, timer: TimerName): number | undefined {
    return this.timers.get(peer)!.get(timerKey(timer));
  }

  /** Fires a scheduled timer at its time (the clock never goes back). */
  fire(peer: PeerId, timer: TimerName): readonly Effect[] {
    const key = timerKey(timer);
    const at = this.timers.get(peer)!.get(key);
    assert.ok(at !== undefined, `timer ${key} is not scheduled at peer ${peer}`);
    this.timers.get(peer)!.delete(key);
    this.timerHandles.get(peer)!.delete(key);
    this.now = Math.max(this.now, at);
    return this.feed(peer, { type: 'timer', timer });
  }

  /** Delivers queued traffic until the queue is empty or `stopBefore` says to stop at its head. */
  deliver(stopBefore?: (next: Delivery) => boolean, maxSteps = 10_000): void {
    if (!this.deliverAtMost(maxSteps, stopBefore))
      throw new Error(`still delivering after ${maxSteps} steps: a message loops`);
  }

  /** Delivers until `which` is at the head of the queue, and takes that delivery out: held back (or lost) as the test says. */
  holdBack<D extends Delivery>(which: (next: Delivery) => next is D): D;
  holdBack(which: (next: Delivery) => boolean): Delivery;
  holdBack(which: (next: Delivery) => boolean): Delivery {
    this.deliver(which);
    assert.ok(this.queue.length > 0, 'the delivery to hold back never came');
    return this.queue.shift()!;
  }

  /** Delivers at most `steps` deliveries: false when traffic was still queued after them (a walk that does not end). */
  deliverAtMost(steps: number, stopBefore?: (next: Delivery) => boolean): boolean {
    for (let step = 0; this.queue.length > 0; step++) {
      if (step >= steps) return false;
      if (stopBefore?.(this.queue[0]!)) return true;
      const next = this.queue.shift()!;
      this.now += this.stepMs;
      this.delivered.push(next);
      if (next.kind === 'send') this.deliverSend(next);
      else this.deliverTransfer(next);
    }
    return true;
  }

  private deliverSend(send: Send): void {
    const absent = !this.machines.has(send.to);
    if (absent || this.cut?.(send.from, send.to, send.transport, send.message) === true) {
      this.undeliverable.push(send);
      // A refused connection, as the transport hands it back (a partition's or a lost datagram's loss is silent).
      if (absent && this.refused && send.transport === 'tcp' && this.machines.has(send.from))
        this.runtime(send.from).undeliverable(send.to, send.message);
      return;
    }
    this.runtime(send.to).received(send.from, send.message);
  }

  private deliverTransfer(t: TransferDelivery): void {
    const receiver = t.ref.peer;
    if (!this.machines.has(receiver)) {
      this.undeliverable.push(t);
      t.done({ message: `Peer ${receiver} is unreachable`, unsent: true }); // no connection: nothing landed
      return;
    }
    const admission = this.runtime(receiver).admit(t.from, t.header);
    if (!admission.ok) {
      this.refusals.push({ peer: receiver, transfer: this.nextTransfer++, reason: admission.reason });
      t.done({ message: admission.reason });
      return;
    }
    this.nextTransfer++;
    const error = this.commit(receiver, admission.sink, t.content);
    admission.finished(error, error === undefined ? simDigestOf(t.content) : undefined);
    t.done(error === undefined ? undefined : { message: error });
  }

  /** The text of every line `peer` printed. */
  texts(peer: PeerId): string[] {
    return this.emitted.get(peer)!.map((line) => line.text);
  }

  /** Every peer's lines, for peers that printed any. */
  allTexts(): Record<number, string[]> {
    const out: Record<number, string[]> = {};
    for (const [id, emitted] of this.emitted) if (emitted.length > 0) out[id] = emitted.map((line) => line.text);
    return out;
  }

  completionOf(peer: PeerId, op: number): Completion {
    const found = this.completions.filter((c) => c.peer === peer && c.op === op);
    assert.equal(found.length, 1, `op ${op} at peer ${peer} completed ${found.length} times`);
    return found[0]!;
  }

  /** Forgets lines, completions and deliveries so far (the machines keep their state). */
  clearLog(): void {
    for (const emitted of this.emitted.values()) emitted.length = 0;
    this.completions.length = 0;
    this.delivered.length = 0;
    this.refusals.length = 0;
  }

  /** The messages delivered (or lost) since delivery `since`; of one type when `type` is given. */
  sends(): Send[];
  sends<T extends Message['type']>(type: T, since?: number): Send<T>[];
  sends(type?: Message['type'], since = 0): Send[] {
    return this.delivered
      .slice(since)
      .filter((d): d is Send => d.kind === 'send' && (type === undefined || d.message.type === type));
  }
}

/**
 * `ring` started and its first ping round's timeouts fired, then `rounds - 1` more ping rounds played: every peer knows
 * its predecessors.
 */
export function started(ring: TestRing, rounds = 1): TestRing {
  ring.start();
  ring.fireAll({ kind: 'pingTimeout' });
  for (let i = 1; i < rounds; i++) ring.pingRound();
  return ring;
}

/** Rounds of pings (deaths found, lists repaired, predecessors learned) and anti-entropy (each peer's sync once a round). */
export function settle(ring: TestRing, rounds = 6): void {
  for (let i = 0; i < rounds; i++) {
    ring.pingRound();
    ring.fireAll(SYNC_TIMER);
  }
}

export function ofType<T extends Effect['type']>(
  effects: readonly Effect[],
  type: T,
): Array<Extract<Effect, { type: T }>> {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

export function lone(id: PeerId, successors: PeerId[], held: string[] = [], opTimeoutMs = OP_TIMEOUT_MS): PeerMachine {
  return new PeerMachine(
    machineConfig(resolveConfig({ idBits: 8, pingIntervalMs: PING_INTERVAL_MS, opTimeoutMs, replicas: 1 }), {
      id,
      successors,
      held: heldFiles(held),
    }),
  );
}

/** Fires every hop timer scheduled at `peer` (what its hop timeout does), then delivers what follows; how many fired. */
export function hopTimeouts(ring: TestRing, peer: PeerId): number {
  if (!ring.machines.has(peer)) return 0;
  const keys = [...(ring.timers.get(peer)?.keys() ?? [])].filter((k) => k.startsWith('hop:'));
  for (const key of keys) ring.fire(peer, { kind: 'hop', ack: Number(key.slice(4)) } satisfies TimerName);
  ring.deliver();
  return keys.length;
}

/**
 * Fires the hop timers of `peers` round after round until none is left (each round's lookups sent again time out in
 * the next): what the hop timeouts do while the requester's retries go the same silent way. Bounded.
 */
export function everyHopTimeout(ring: TestRing, ...peers: PeerId[]): number {
  let fired = 0;
  for (let round = 0; round < 50; round++) {
    const now = peers.reduce((sum, peer) => sum + hopTimeouts(ring, peer), 0);
    if (now === 0) return fired;
    fired += now;
  }
  throw new Error('hop timeouts did not end');
}

/**
 * `origin` gives a command whose first lookups are lost; its retry `retry` then arrives at `at` as if sent past the
 * key (final, detoured, one hop), and the ring runs on. Returns the op.
 */
export function sentPastKey(
  ring: TestRing,
  {
    origin,
    kind,
    name,
    key,
    at,
    retry,
  }: { origin: PeerId; kind: LookupKind; name: string; key: number; at: PeerId; retry: number },
): number {
  ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry === undefined;
  const op = ring.command(origin, kind, name);
  ring.deliver();
  ring.cut = undefined;
  const past = { type: 'lookup', kind, origin, op, name, key, final: true } as const;
  ring.feed(at, { type: 'message', from: origin, message: { ...past, hops: 1, attempt: 0, retry, detoured: true } });
  ring.deliver();
  return op;
}

/**
 * Stalls 11117's last retry (test/core/hop-acks, hop-lines): key 3's holders are 4, 5 and 8 (R = 3), only 4 has the
 * file; 9 hears from 5 and 8 (they ping it) and of 4 (5's ping names it). Then 5 stalls: nothing it is sent is handled.
 * 19's last retry comes to 9, past the key. Returns the ring and 19's op, delivered.
 */
export function lastRetryPastKeyWhile5Stalls(): { ring: TestRing; op: number } {
  const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 4: ['0003'] } });
  ring.start();
  ring.pingRound();
  ring.cut = (_from, to, _transport, message) => to === 5 || (message.type === 'lookup' && message.retry === undefined);
  const op = ring.command(19, 'request', '0003');
  ring.deliver();
  const past = { type: 'lookup', kind: 'request', origin: 19, op, name: '0003', key: 3, final: true } as const;
  ring.feed(9, { type: 'message', from: 19, message: { ...past, hops: 1, attempt: 0, retry: 2, detoured: true } });
  ring.deliver();
  return { ring, op };
}
