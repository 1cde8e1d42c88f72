// The peer runtime: one PeerMachine and the ports it works through. It carries out the machine's effects, and decides
// the little the machine cannot (how much work may be under way, which copies wait their turn, which files go inline,
// what a held file that cannot be read means) the same way for a real peer and a simulated one.
import type { CommandKind, Effect, Input, OpResult, TimerName, TransferRef } from '../core/io.ts';
import { transferHeaderOf, transferRefOf } from '../core/io.ts';
import type { PeerLine } from '../core/lines.ts';
import type { PeerMachine } from '../core/machine.ts';
import { INLINE_MAX_BYTES, type LookupKind, type Message, type TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Checked } from '../core/scrub.ts';
import type { Version } from '../core/version.ts';
import type {
  Admission,
  Clock,
  DiskPort,
  FileSink,
  FileSource,
  Keep,
  NetworkPort,
  ReadFailure,
  SendFailure,
  TimerHandle,
} from './ports.ts';
import { TimerTable } from './timer-table.ts';

/** What the runtime bounds; the same settings in both drivers. */
export interface RuntimeLimits {
  /** Commands under way, files being received, requested files being sent: each at most this many at once. */
  maxInFlight: number;
  /** Copies between holders (replication, repair, hand-off) sent at once; the rest wait their turn. */
  maxConcurrentCopies: number;
  /** Files travel in chunks of this size; a file of one chunk, and at most INLINE_MAX_BYTES, goes inline. */
  chunkBytes: number;
  /** On a graceful close, files still being sent get this long to finish. */
  closeGraceMs: number;
}

/** Work a peer has under way, each kind bounded by maxInFlight: its commands, files arriving, requested files it sends. */
export interface InFlight {
  commands: number;
  receiving: number;
  sending: number;
}

/** What the runtime tells its driver: the lines the peer prints, commands ending, its departure, its crash. */
export interface RuntimeEvents {
  line(line: PeerLine): void;
  done(op: number, kind: CommandKind, name: string, result: OpResult): void;
  /** The machine departed (a graceful quit completed): the driver closes the peer. */
  left(): void;
  /** An input threw (a bug): the runtime stopped as abruptly as a killed peer; the driver closes its ports. */
  crashed(error: unknown): void;
  /** Every input as it is handed to the machine (the simulator's trace). */
  input?(input: Input): void;
}

export interface RuntimePorts<S extends FileSource, K extends FileSink> {
  network: NetworkPort<S>;
  disk: DiskPort<S, K>;
  clock: Clock;
}

/** What the runtime needs of the machine it drives (the simulator's tests hand it broken variants). */
export type RuntimeMachine = Pick<PeerMachine, 'id' | 'handle'>;

/** A store's file arriving at one version. */
function arrivalKey(name: string, version: Version): string {
  return `${version.stamp}:${version.origin}:${version.op}:${name}`;
}

/**
 * A queued step: an input for the machine, or work the runtime does between inputs (a function: an input never is).
 * Queued as themselves, not wrapped: an object per input was garbage of every message (bench/README.md, alloc29's round).
 */
type Step = Input | (() => void);

/** What a drain returns when its input did not run at once (or it had none): one array, not a new one per input. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

export class PeerRuntime<S extends FileSource, K extends FileSink> {
  readonly refusedBusy: InFlight = { commands: 0, receiving: 0, sending: 0 };
  private readonly timers = new TimerTable<TimerHandle>();
  /** The user's file of each store under way. */
  private readonly sources = new Map<number, S>();
  private readonly commands = new Set<number>();
  /** Commands whose place is taken but which have not started yet. */
  private readonly reserved = new Set<number>();
  private readonly queue: Step[] = [];
  private draining = false;
  /** Copies waiting for a slot. */
  private readonly copyQueue: TransferRef[] = [];
  private copiesRunning = 0;
  /** nextCopies is starting copies: a copy that ends within its send does not start the next in a nested call. */
  private startingCopies = false;
  private delivering = 0;
  private receivingCount = 0;
  /** Transfers this peer sends now, each with how to end it early. */
  private readonly sending = new Set<TransferRef>();
  private transferSeq = 0;
  /** The machine's answer to the transferStarted being handled now. */
  private admissions = new Map<number, string | Keep>();
  /** While a file is being admitted: the store's copies to replicas it starts, sent once its sink exists. */
  private admittingCopies: TransferRef[] | undefined;
  /**
   * Stores' files arriving here now, by name and version: their copies to the replicas are sent from the arriving
   * bytes (the disk port's openArriving), not read back once this peer's own copy is durable. `waiting`: copies not
   * given their source yet.
   */
  private readonly arriving = new Map<string, { sink: K; waiting: Set<(opened: S | ReadFailure) => void> }>();
  /** The scrub's checks waiting their turn (one at a time: each reads a whole file), and whether one is under way. */
  private readonly verifyQueue: Extract<Effect, { type: 'verify' }>[] = [];
  private verifying = false;
  private closed = false;
  private afterSends: (() => void) | undefined;
  /** Test hook: the next input throws this, as a bug in the machine would. */
  private fault: string | undefined;

  constructor(
    readonly machine: RuntimeMachine,
    private readonly ports: RuntimePorts<S, K>,
    private readonly events: RuntimeEvents,
    private readonly limits: RuntimeLimits,
  ) {}

  get id(): PeerId {
    return this.machine.id;
  }

  inFlight(): InFlight {
    return { commands: this.commands.size, receiving: this.receivingCount, sending: this.delivering };
  }

  /** Starts the ping rounds, anti-entropy and fix-fingers. */
  start(): void {
    this.feed({ type: 'start' });
  }

  /**
   * Starts a store or request, a join or a departure. It always ends with one `done` for `op` (at once when the peer
   * already has maxInFlight commands under way). A store sends `source` (the runtime closes it).
   */
  command(
    op: number,
    kind: CommandKind,
    name: string,
    extra: { source?: S; via?: PeerId; departing?: readonly PeerId[] } = {},
  ): void {
    // Its place was taken by reserve(), or is taken now (a command nobody reserved is not remembered as reserved).
    if (!this.reserved.delete(op) && !this.takePlace(op, kind, name)) {
      extra.source?.close();
      return;
    }
    if (this.closed) {
      extra.source?.close();
      this.commands.delete(op);
      this.events.done(op, kind, name, {
        ok: false,
        code: 'SHUTTING_DOWN',
        error: `Peer ${this.id} is shutting down`,
        ms: 0,
      });
      return;
    }
    if (extra.source !== undefined) this.sources.set(op, extra.source);
    if (kind === 'join') this.feed({ type: 'join', op, via: extra.via! });
    else if (kind === 'quit')
      this.feed({ type: 'quit', op, ...(extra.departing === undefined ? {} : { departing: extra.departing }) });
    else
      this.feed({
        type: 'command',
        kind: kind as LookupKind,
        op,
        name,
        ...(extra.source === undefined ? {} : { sizeBytes: extra.source.sizeBytes }),
      });
  }

  /**
   * Takes a command's place among those under way now, before the driver prepares it (a store opens the user's
   * file first): false, and the command completed at once, when the peer already has maxInFlight under way or is
   * closing. `command` then starts it; `release` gives the place back if it never starts.
   */
  reserve(op: number, kind: CommandKind, name: string): boolean {
    if (!this.takePlace(op, kind, name)) return false;
    this.reserved.add(op);
    return true;
  }

  /** A command's place among those under way: false, and the command completed at once, when there is none. */
  private takePlace(op: number, kind: CommandKind, name: string): boolean {
    if (this.closed || this.commands.size >= this.limits.maxInFlight) {
      if (!this.closed) this.refusedBusy.commands++;
      const error = this.closed
        ? `Peer ${this.id} is shutting down`
        : `Peer ${this.id} already has ${this.commands.size} commands under way (the limit): try again when some have completed`;
      this.events.done(op, kind, name, { ok: false, code: this.closed ? 'SHUTTING_DOWN' : 'BUSY', error, ms: 0 });
      return false;
    }
    this.commands.add(op);
    return true;
  }

  /** A reserved command that will not start (its file could not be read): its place is free again. */
  release(op: number): void {
    if (this.reserved.delete(op)) this.commands.delete(op);
  }

  /** A message arrived from `from` (a datagram or a frame on a connection). */
  received(from: PeerId, message: Message): void {
    this.feed({ type: 'message', from, message });
  }

  /** A message sent to `to` was never read: the connection was refused, or closed just after it was written. */
  undeliverable(to: PeerId, message: Message): void {
    this.feed({ type: 'undeliverable', to, message });
  }

  /**
   * A file is arriving from `from`: taken in or refused. Closing, or already receiving maxInFlight files, it is refused
   * here; otherwise the machine decides (it took part in the store, asked for the copy, or requested the file).
   */
  admit(from: PeerId, header: TransferHeader): Admission<K> {
    if (this.closed) return { ok: false, reason: `Peer ${this.id} is shutting down` };
    if (this.receivingCount >= this.limits.maxInFlight) {
      this.refusedBusy.receiving++;
      return {
        ok: false,
        reason: `Peer ${this.id} is busy: it is already receiving ${this.receivingCount} files (the limit); try again later`,
      };
    }
    const ref = transferRefOf(from, header);
    const transfer = ++this.transferSeq;
    const copies: TransferRef[] = [];
    this.admittingCopies = copies;
    try {
      this.handleNow({ type: 'transferStarted', transfer, ref, sizeBytes: header.sizeBytes });
    } catch (error) {
      this.crash();
      this.events.crashed(error);
      return { ok: false, reason: `Peer ${this.id} is shutting down` };
    } finally {
      this.admittingCopies = undefined;
    }
    const decision = this.admissions.get(transfer);
    this.admissions.delete(transfer);
    if (decision === undefined || typeof decision === 'string')
      return { ok: false, reason: decision ?? `Peer ${this.id} did not take File ${header.name}` };
    this.receivingCount++;
    const sink = this.ports.disk.create(ref.purpose, ref.name, ref.op, decision);
    const arrival =
      ref.purpose === 'store' && decision.pending === true && decision.version !== undefined
        ? arrivalKey(ref.name, decision.version)
        : undefined;
    if (arrival !== undefined) this.arriving.set(arrival, { sink, waiting: new Set() });
    for (const copy of copies) this.transfer(copy);
    let finished = false;
    return {
      ok: true,
      sink,
      finished: (error, sha256) => {
        if (finished) return;
        finished = true;
        this.receivingCount--;
        if (arrival !== undefined) this.arrived(arrival, ref.name, decision.version!, error);
        this.feed(
          error === undefined
            ? { type: 'transferReceived', ref, ...(sha256 === undefined ? {} : { sha256 }) }
            : { type: 'transferReceived', ref, error },
        );
      },
    };
  }

  /** Test hook: the next input throws `reason`, as a bug would; the runtime crashes. */
  failNextInput(reason: string): void {
    this.fault = reason;
  }

  /** Stops at once, as a killed peer: no more inputs, timers cleared, nothing waited for. */
  crash(): void {
    if (this.closed) return;
    this.stopWork();
  }

  /** Closed: timers cleared, nothing queued or waiting its turn, the stores' files released. */
  private stopWork(): void {
    this.closed = true;
    this.stopTimers();
    this.queue.length = 0;
    this.copyQueue.length = 0;
    this.verifyQueue.length = 0;
    this.arriving.clear();
    for (const source of this.sources.values()) source.close();
    this.sources.clear();
  }

  /** A graceful close: timers stop, nothing new starts, files being sent get closeGraceMs to finish; then `done`. */
  close(done: () => void): void {
    if (this.closed) return done();
    this.stopWork();
    if (this.sending.size === 0) return done();
    const clock = this.ports.clock;
    const grace = clock.setTimer(clock.now() + this.limits.closeGraceMs, () => finish(), 'closeGrace');
    const finish = () => {
      if (this.afterSends === undefined) return;
      this.afterSends = undefined;
      clock.clearTimer(grace);
      done();
    };
    this.afterSends = finish;
  }

  /**
   * Hands the machine one input, after those already queued; returns the effects of this input when it ran at once
   * (none when it waited behind others). Effects are always carried out whole before the next input.
   */
  feed(input: Input): readonly Effect[] {
    if (this.closed) return NO_EFFECTS;
    this.queue.push(input);
    return this.drain(input);
  }

  private later(task: () => void): void {
    this.queue.push(task);
    this.drain();
  }

  private drain(mine?: Input): readonly Effect[] {
    let result: readonly Effect[] = NO_EFFECTS;
    if (this.draining) return result;
    this.draining = true;
    try {
      for (let step = this.queue.shift(); step !== undefined && !this.closed; step = this.queue.shift()) {
        if (typeof step === 'function') step();
        else {
          const effects = this.handleNow(step);
          if (step === mine) result = effects;
        }
      }
    } catch (error) {
      this.crash();
      this.events.crashed(error);
    } finally {
      this.draining = false;
    }
    return result;
  }

  /** The machine handles `input` now and its effects are carried out, before anything else. */
  private handleNow(input: Input): Effect[] {
    if (this.fault !== undefined) {
      const fault = this.fault;
      this.fault = undefined;
      throw new Error(fault);
    }
    this.events.input?.(input);
    const effects = this.machine.handle(input, this.ports.clock.now());
    // Lines first: a line is stamped on the process's causal clock as it is emitted, and the message it announces
    // must not reach another peer, which stamps its receipt, before that.
    for (let i = 0; i < effects.length; i++) if (effects[i]!.type === 'emit') this.run(effects[i]!);
    for (let i = 0; i < effects.length; i++) if (effects[i]!.type !== 'emit') this.run(effects[i]!);
    return effects;
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'send':
        if (effect.transport === 'udp') this.ports.network.datagram(effect.to, effect.message);
        else this.ports.network.send(effect.to, effect.message);
        return;
      case 'schedule': {
        // Scheduling a timer of the same name again replaces it.
        const clock = this.ports.clock;
        const old = this.timers.get(effect.timer);
        if (old !== undefined) clock.clearTimer(old);
        this.timers.set(effect.timer, clock.setTimer(effect.at, this.timerFired, effect.timer));
        return;
      }
      case 'cancel': {
        const old = this.timers.delete(effect.timer);
        if (old !== undefined) this.ports.clock.clearTimer(old);
        return;
      }
      case 'transfer':
        // A store's copies wait for the sink of the file being admitted: they are sent from its bytes.
        if (this.admittingCopies !== undefined && effect.ref.purpose === 'replica' && effect.ref.pending === true)
          this.admittingCopies.push(effect.ref);
        else this.transfer(effect.ref);
        return;
      case 'admitTransfer': {
        // Set one by one: two spreads that both add a key (a store's copy: version and pending) cost V8 (Node 20) a
        // hidden class per call (bench/README.md, get28).
        const keep: Keep = {};
        if (effect.version !== undefined) keep.version = effect.version;
        if (effect.pending === true) keep.pending = true;
        this.admissions.set(effect.transfer, keep);
        return;
      }
      case 'refuseTransfer':
        this.admissions.set(effect.transfer, effect.reason);
        return;
      case 'emit':
        this.events.line(effect.line);
        return;
      case 'drop':
        this.drop(effect);
        return;
      case 'settle':
        this.settle(effect);
        return;
      case 'verify':
        this.verifyQueue.push(effect);
        this.nextVerify();
        return;
      case 'complete':
        this.sources.get(effect.op)?.close();
        this.sources.delete(effect.op);
        this.commands.delete(effect.op);
        this.events.done(effect.op, effect.kind, effect.name, effect.result);
        return;
      case 'leave':
        this.events.left();
        return;
    }
  }

  // A closure in run itself (its callbacks) would capture its `this`, and V8 would then make a context for every
  // effect run, a send's and a timer's too (bench/README.md, twenty-fifth round): the callbacks are made here.
  private drop({ name, sha256, version }: Extract<Effect, { type: 'drop' }>): void {
    this.ports.disk.remove(
      name,
      sha256,
      (removed, error) =>
        this.feed({ type: 'dropped', name, sha256, removed, ...(error === undefined ? {} : { error }) }),
      version,
    );
  }

  private settle({ name, version, outcome }: Extract<Effect, { type: 'settle' }>): void {
    this.ports.disk.settle(name, version, outcome, (error) =>
      this.feed({ type: 'settled', name, version, outcome, ...(error === undefined ? {} : { error }) }),
    );
  }

  /**
   * The scrub's next check, if none is under way. A copy found damaged is removed (unless a newer copy replaced it
   * meanwhile), as a send that finds one does, so the good copy anti-entropy brings is not taken for one already here;
   * one the disk will not remove (read-only) stays known until a later round. A read error keeps the copy.
   */
  private nextVerify(): void {
    if (this.verifying || this.closed) return;
    const check = this.verifyQueue.shift();
    if (check === undefined) return;
    this.verifying = true;
    const { name, sha256, maxBytes } = check;
    const answer = (lost: boolean, checked: Checked = {}) => {
      this.verifying = false;
      const { sizeBytes, skipped } = checked;
      this.feed({
        type: 'verified',
        name,
        sha256,
        ...(lost ? { lost } : {}),
        ...(sizeBytes === undefined ? {} : { sizeBytes }),
        ...(skipped === true ? { skipped } : {}),
      });
      this.nextVerify();
    };
    this.ports.disk.verify(
      name,
      sha256,
      (failure, checked) => {
        if (failure === undefined || failure.kind === 'io') return answer(false, checked);
        if (failure.kind === 'missing') return answer(true, checked);
        this.ports.disk.remove(name, sha256, (removed) => answer(removed, checked));
      },
      maxBytes,
    );
  }

  // --- files this peer sends ------------------------------------------------------------------

  /**
   * Requested files are bounded (maxInFlight), copies take turns (maxConcurrentCopies), a store's file goes at once, and
   * so do its copies to the replicas: the store waits for them, within a deadline that must not run while they queue.
   */
  private transfer(ref: TransferRef): void {
    if (ref.purpose === 'deliver') {
      if (this.delivering >= this.limits.maxInFlight) {
        this.refusedBusy.sending++;
        const error = `Peer ${this.id} is already sending ${this.delivering} requested files (the limit)`;
        this.feed({ type: 'transferSent', ref, error });
        return;
      }
      this.delivering++;
      this.send(ref, () => this.delivering--);
    } else if (ref.purpose === 'replica' && ref.pending !== true) {
      this.copyQueue.push(ref);
      this.nextCopies();
    } else this.send(ref, () => {});
  }

  private nextCopies(): void {
    // A copy can end within its own send (a disk that answers in the call: a name no longer held): the loop below goes
    // on with the next, rather than a nested call per copy, which a long queue of such copies took past the stack.
    if (this.startingCopies) return;
    this.startingCopies = true;
    try {
      while (this.copiesRunning < this.limits.maxConcurrentCopies && this.copyQueue.length > 0) {
        this.copiesRunning++;
        this.send(this.copyQueue.shift()!, () => {
          this.copiesRunning--;
          this.nextCopies();
        });
      }
    } finally {
      this.startingCopies = false;
    }
  }

  /** The largest file that travels inline: one chunk, and at most the protocol's INLINE_MAX_BYTES. */
  private get inlineMaxBytes(): number {
    return Math.min(INLINE_MAX_BYTES, this.limits.chunkBytes);
  }

  private send(ref: TransferRef, release: () => void): void {
    this.sending.add(ref);
    let ended = false;
    const end = (failure: SendFailure | ReadFailure | undefined, lost = false) => {
      if (ended) return;
      ended = true;
      this.sending.delete(ref);
      release();
      if (this.sending.size === 0) this.afterSends?.();
      this.feed(
        failure === undefined
          ? { type: 'transferSent', ref }
          : {
              type: 'transferSent',
              ref,
              error: failure.message,
              ...(lost ? { lost } : {}),
              ...('unsent' in failure && failure.unsent === true ? { unsent: true } : {}),
            },
      );
    };
    if (ref.purpose === 'store') {
      const source = this.sources.get(ref.op);
      if (source === undefined) return end({ kind: 'io', message: `no source for operation ${ref.op}` });
      return this.sendFrom(ref, source, false, end);
    }
    // A store's copy to a replica is its pending copy (from its bytes as they arrive, if they still are); anything else
    // sends the held one.
    const pending = ref.pending === true ? ref.version : undefined;
    this.openCopy(ref.name, pending, (opened) => {
      if ('kind' in opened) {
        // A held copy that cannot be read is lost here: the machine forgets it, and replicas serve and repair it. A
        // store's pending copy that is gone was replaced by a newer store's: `lost` tells the machine that too.
        const lost = opened.kind !== 'io' && pending === undefined;
        if (lost) this.feed({ type: 'fileLost', name: ref.name });
        return end(opened, lost || (pending !== undefined && opened.kind === 'missing'));
      }
      this.sendFrom(ref, opened, true, (failure) => {
        opened.close();
        if (
          failure !== undefined &&
          'damaged' in failure &&
          failure.damaged === true &&
          opened.sha256 !== undefined &&
          pending === undefined
        ) {
          // Damaged on disk: removed (unless a newer copy replaced it meanwhile), then the machine hears it is lost. The
          // send's failure says lost even when the scrub removed the copy first (its check raced this send): the machine
          // heard that from the scrub, and walks the request on to the replicas unless it holds a newer copy.
          return this.ports.disk.remove(ref.name, opened.sha256, (removed) => {
            if (removed) this.feed({ type: 'fileLost', name: ref.name });
            end(failure, true);
          });
        }
        end(failure);
      });
    });
  }

  /** Opens what a copy sends: the held copy, or a store's pending one (still arriving here, or on disk). */
  private openCopy(name: string, pending: Version | undefined, done: (opened: S | ReadFailure) => void): void {
    const arrival = pending === undefined ? undefined : this.arriving.get(arrivalKey(name, pending));
    if (arrival === undefined) return this.ports.disk.open(name, this.inlineMaxBytes, done, pending);
    // Still arriving: from its bytes once they are here (a port that can), else from disk once it is written (arrived).
    let answered = false;
    const once = (opened: S | ReadFailure) => {
      if (answered) return;
      answered = true;
      arrival.waiting.delete(once);
      done(opened);
    };
    arrival.waiting.add(once);
    this.ports.disk.openArriving?.(arrival.sink, this.inlineMaxBytes, once);
  }

  /**
   * A store's file finished arriving here (written and durable, or failed): copies still waiting for its bytes read
   * them from disk now, or fail with it.
   */
  private arrived(key: string, name: string, version: Version, error: string | undefined): void {
    const arrival = this.arriving.get(key);
    this.arriving.delete(key);
    for (const waiting of arrival?.waiting ?? []) {
      if (error === undefined) this.ports.disk.open(name, this.inlineMaxBytes, waiting, version);
      else waiting({ kind: 'io', message: `File ${name} could not be written here: ${error}` });
    }
  }

  private sendFrom(ref: TransferRef, source: S, held: boolean, end: (failure: SendFailure | undefined) => void): void {
    if (this.closed && !held) return end({ message: 'the peer is shutting down' });
    const header = transferHeaderOf(ref, source.sizeBytes, source.version);
    if (ref.peer === this.id) return this.later(() => this.toSelf(header, source, end));
    this.ports.network.sendFile(ref.peer, header, source, source.sizeBytes <= this.inlineMaxBytes, end);
  }

  /** A peer sending a file to itself (it stores its own key, or requests a file it holds) copies it locally. */
  private toSelf(header: TransferHeader, source: S, end: (failure: SendFailure | undefined) => void): void {
    const admission = this.admit(this.id, header);
    if (!admission.ok) return end({ message: admission.reason });
    this.ports.disk.copy(source, admission.sink, (error, sha256, damaged) => {
      admission.finished(error, sha256);
      end(error === undefined ? undefined : { message: error, ...(damaged === true ? { damaged } : {}) });
    });
  }

  private stopTimers(): void {
    this.timers.clear((timer) => this.ports.clock.clearTimer(timer));
  }

  /** Every timer's `fire`: the machine's timer is an input. */
  private readonly timerFired = (timer: TimerName): void => {
    this.timers.delete(timer);
    this.feed({ type: 'timer', timer });
  };
}
