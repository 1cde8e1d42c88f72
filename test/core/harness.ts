// An in-memory ring of PeerMachines for table tests: deliveries, transfers and timers played synchronously.
import assert from 'node:assert/strict';
import { timerKey, type CommandKind, type Effect, type Input, type OpResult, type TimerName, type TransferRef } from '../../src/core/io.ts';
import type { PeerLine } from '../../src/core/lines.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import type { FileEntry, LookupKind, Message } from '../../src/core/messages.ts';
import { successorsInRing, type PeerId } from '../../src/core/ring.ts';

// --- harness ------------------------------------------------------------------------------------

/** The harness moves no bytes: a file's sha256 stands for its name. */
export function digestOf(name: string): string {
  return Buffer.from(name.padStart(32, '0')).toString('hex').slice(0, 64);
}

export function heldFiles(names: readonly string[]): FileEntry[] {
  return names.map((name) => ({ name, sha256: digestOf(name) }));
}

export type RingSpec = ReadonlyArray<readonly [PeerId, readonly PeerId[]]>;

/** SPEC.md section 1: 2→4,5  4→5,8  5→8,9  8→9,14  9→14,19  14→19,2  19→2,4. */
export const EXAMPLE: RingSpec = [[2, [4, 5]], [4, [5, 8]], [5, [8, 9]], [8, [9, 14]], [9, [14, 19]], [14, [19, 2]], [19, [2, 4]]];
export const EXAMPLE_IDS = EXAMPLE.map(([id]) => id);

export const PING_INTERVAL_MS = 30_000;
export const OP_TIMEOUT_MS = 30_000;

export type Delivery =
  | { kind: 'send'; from: PeerId; to: PeerId; transport: 'udp' | 'tcp'; message: Message }
  | { kind: 'transfer'; from: PeerId; ref: TransferRef };

export interface Completion { peer: PeerId; op: number; kind: CommandKind; name: string; result: OpResult }

export interface RingOptions {
  held?: Record<number, string[]>;
  /** Copies of every file (R). Default 1: the original's behaviour, which most tables here describe. */
  replicas?: number;
  pingIntervalMs?: number;
  opTimeoutMs?: number;
  /** Virtual milliseconds each delivery takes, so `ms` in results means something. */
  stepMs?: number;
}

/**
 * A ring of PeerMachines wired together in memory. Sends (UDP and TCP alike) go through one FIFO
 * queue; transfers are played the way the actor plays them: transferStarted at the receiver (stop
 * and tell the sender if refused), then transferReceived at the receiver, then transferSent at the sender.
 */
export class TestRing {
  readonly machines = new Map<PeerId, PeerMachine>();
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
  /** Timers currently scheduled at each peer (scheduled and not cancelled or fired), by timerKey: when each is due. */
  readonly timers = new Map<PeerId, Map<string, number>>();
  now = 0;
  /** While set, a message for which it says true is lost on the way (a partition). */
  cut: ((from: PeerId, to: PeerId) => boolean) | undefined;
  private nextOp = 1;
  private nextTransfer = 1;
  private readonly stepMs: number;

  private readonly replicas: number;

  constructor(spec: RingSpec, options: RingOptions = {}) {
    this.stepMs = options.stepMs ?? 1;
    this.replicas = options.replicas ?? 1;
    for (const [id, successors] of spec) {
      this.machines.set(id, new PeerMachine({
        id,
        idBits: 8,
        successors: [...successors],
        pingIntervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
        opTimeoutMs: options.opTimeoutMs ?? OP_TIMEOUT_MS,
        held: heldFiles(options.held?.[id] ?? []),
        replicas: this.replicas,
      }));
      this.emitted.set(id, []);
      this.timers.set(id, new Map());
    }
  }

  /** A new peer with no successors yet (it is about to join), started. */
  addPeer(id: PeerId, options: RingOptions = {}): PeerMachine {
    assert.ok(!this.machines.has(id), `peer ${id} is already here`);
    const machine = new PeerMachine({
      id, idBits: 8, successors: [],
      pingIntervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
      opTimeoutMs: options.opTimeoutMs ?? OP_TIMEOUT_MS,
      held: heldFiles(options.held?.[id] ?? []),
      replicas: options.replicas ?? this.replicas,
    });
    this.machines.set(id, machine);
    this.emitted.set(id, []);
    this.timers.set(id, new Map());
    this.feed(id, { type: 'start' });
    return machine;
  }

  /** Abrupt departure: the peer's machine is gone; whatever is sent to it is lost. */
  kill(id: PeerId): void {
    assert.ok(this.machines.delete(id), `no peer ${id} to kill`);
    this.timers.get(id)!.clear();
  }

  /** Starts a join of `peer` through `via`, or a graceful departure of `peer`; returns the op id. */
  join(peer: PeerId, via: PeerId): number {
    const op = this.nextOp++;
    this.feed(peer, { type: 'join', op, via });
    return op;
  }

  quit(peer: PeerId): number {
    const op = this.nextOp++;
    this.feed(peer, { type: 'quit', op });
    return op;
  }

  /** Fires `timer` at every peer where it is scheduled, earliest first, delivering what each causes. */
  fireAll(timer: TimerName): void {
    const key = timerKey(timer);
    const due = [...this.timers].flatMap(([peer, timers]) => (timers.has(key) && this.machines.has(peer) ? [[peer, timers.get(key)!] as const] : []));
    for (const [peer] of due.sort((a, b) => a[1] - b[1])) {
      this.fire(peer, timer);
      this.deliver();
    }
  }

  /** One ping round everywhere, then its timeouts (misses counted, deaths declared). */
  pingRound(): void {
    this.fireAll({ kind: 'ping' });
    this.fireAll({ kind: 'pingTimeout' });
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

  /** Hands one input to a peer, carries out its effects, and returns them. */
  feed(peer: PeerId, input: Input): Effect[] {
    const effects = this.machine(peer).handle(input, this.now);
    for (const effect of effects) {
      switch (effect.type) {
        case 'send':
          this.queue.push({ kind: 'send', from: peer, to: effect.to, transport: effect.transport, message: effect.message });
          break;
        case 'transfer':
          this.queue.push({ kind: 'transfer', from: peer, ref: effect.ref });
          break;
        case 'schedule':
          this.timers.get(peer)!.set(timerKey(effect.timer), effect.at);
          break;
        case 'cancel':
          this.timers.get(peer)!.delete(timerKey(effect.timer));
          break;
        case 'emit':
          this.emitted.get(peer)!.push(effect.line);
          break;
        case 'complete':
          this.completions.push({ peer, op: effect.op, kind: effect.kind, name: effect.name, result: effect.result });
          break;
        case 'refuseTransfer':
          this.refusals.push({ peer, transfer: effect.transfer, reason: effect.reason });
          break;
        case 'leave':
          // The actor closes: from now on nothing reaches this peer.
          this.left.add(peer);
          this.machines.delete(peer);
          break;
      }
    }
    return effects;
  }

  /** Starts a store or request at `peer` (without delivering anything yet); returns its op id. */
  command(peer: PeerId, kind: LookupKind, name: string): number {
    const op = this.nextOp++;
    this.feed(peer, { type: 'command', kind, op, name });
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
  fire(peer: PeerId, timer: TimerName): Effect[] {
    const key = timerKey(timer);
    const at = this.timers.get(peer)!.get(key);
    assert.ok(at !== undefined, `timer ${key} is not scheduled at peer ${peer}`);
    this.timers.get(peer)!.delete(key);
    this.now = Math.max(this.now, at);
    return this.feed(peer, { type: 'timer', timer });
  }

  /** Delivers queued traffic until the queue is empty or `stopBefore` says to stop at its head. */
  deliver(stopBefore?: (next: Delivery) => boolean, maxSteps = 10_000): void {
    for (let steps = 0; this.queue.length > 0; steps++) {
      if (steps >= maxSteps) throw new Error(`still delivering after ${maxSteps} steps: a message loops`);
      if (stopBefore?.(this.queue[0]!)) return;
      const next = this.queue.shift()!;
      this.now += this.stepMs;
      this.delivered.push(next);
      if (next.kind === 'send') this.deliverSend(next);
      else this.deliverTransfer(next.from, next.ref);
    }
  }

  private deliverSend(send: Extract<Delivery, { kind: 'send' }>): void {
    if (!this.machines.has(send.to) || this.cut?.(send.from, send.to) === true) {
      this.undeliverable.push(send);
      return;
    }
    this.feed(send.to, { type: 'message', from: send.from, message: send.message });
  }

  private deliverTransfer(sender: PeerId, ref: TransferRef): void {
    const receiver = ref.peer;
    if (!this.machines.has(receiver)) {
      this.undeliverable.push({ kind: 'transfer', from: sender, ref });
      this.feed(sender, { type: 'transferSent', ref, error: `Peer ${receiver} is unreachable` });
      return;
    }
    // At the receiver, the other end of the transfer is the sender.
    const received: TransferRef = { ...ref, peer: sender };
    const transfer = this.nextTransfer++;
    const started = this.feed(receiver, { type: 'transferStarted', transfer, ref: received });
    const refusal = started.find((e) => e.type === 'refuseTransfer' && e.transfer === transfer);
    if (refusal !== undefined && refusal.type === 'refuseTransfer') {
      this.feed(sender, { type: 'transferSent', ref, error: refusal.reason });
      return;
    }
    this.feed(receiver, { type: 'transferReceived', ref: received, sha256: digestOf(ref.name) });
    this.feed(sender, { type: 'transferSent', ref });
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

  sends(): Array<Extract<Delivery, { kind: 'send' }>> {
    return this.delivered.filter((d): d is Extract<Delivery, { kind: 'send' }> => d.kind === 'send');
  }
}

export function ofType<T extends Effect['type']>(effects: readonly Effect[], type: T): Array<Extract<Effect, { type: T }>> {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

export function lone(id: PeerId, successors: PeerId[], held: string[] = [], opTimeoutMs = OP_TIMEOUT_MS): PeerMachine {
  return new PeerMachine({ id, idBits: 8, successors, pingIntervalMs: PING_INTERVAL_MS, opTimeoutMs, held: heldFiles(held), replicas: 1 });
}

