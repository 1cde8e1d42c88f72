// One real peer: a PeerRuntime on the real ports (sockets, its FileStore, setTimeout). This module opens and closes
// them and reports what the peer does; what the peer decides is the runtime's and its machine's.
import type { OpResult } from '../core/io.ts';
import type { PeerLine } from '../core/lines.ts';
import { lines } from '../core/lines.ts';
import { PeerMachine, type MachineStatus } from '../core/machine.ts';
import type { PeerId } from '../core/ring.ts';
import { PeerRuntime, type InFlight } from '../runtime/runtime.ts';
import { FileStore } from '../store/file-store.ts';
import { EdgeCodec } from '../wire/edge.ts';
import { sha1First32 } from '../wire/name-hash.ts';
import { AddressBook, type Address } from './addresses.ts';
import type { PeerAddress } from '../wire/codec.ts';
import type { ActorConfig, PeerCommand } from './config.ts';
import { RealDisk, RealSource, type RealSink } from './disk.ts';
import type { ActorReport } from './events.ts';
import type { LocalExchange } from './local-exchange.ts';
import { RealNetwork } from './network.ts';
import { resolveSource, SourceError } from './source.ts';
import { threadClock } from './timer-queue.ts';
import { flushTrace, traceInput, tracedPorts, TRACING } from './trace.ts';
import type { ConnectionCounts, DropReason } from './transport.ts';

export type { InFlight };

export interface ActorStatus extends MachineStatus {
  /** What this peer binds, what it tells others, and its zone. */
  address: Address;
  advertised: Address;
  zone: string;
  dataDir: string;
  files: { name: string; sizeBytes: number; sha256: string }[];
  /** Datagrams and frames dropped, by reason. */
  dropped: Record<DropReason, number>;
  sendFailures: number;
  /**
   * Datagrams and frames read off the sockets, good or bad; `local`: frames peers of the same thread handed over in
   * memory (src/actor/local-exchange.ts).
   */
  received: { datagrams: number; frames: number; local: number };
  /** Frames this peer handed over in memory to peers of its thread, rather than writing them to a socket. */
  sentLocal: number;
  connections: ConnectionCounts;
  inFlight: InFlight;
  /** Requests refused because that kind of work was at its limit. */
  refusedBusy: InFlight;
  /** Whether messages are sealed with a ring secret, and how many nonces the replay check remembers. */
  sealed: boolean;
  nonces: number;
}

export class Actor {
  private readonly machine: PeerMachine;
  private readonly runtime: PeerRuntime<RealSource, RealSink>;
  private readonly network: RealNetwork;
  private readonly disk: RealDisk;
  private readonly codec: EdgeCodec;
  private readonly addresses: AddressBook;
  /** The command text of each op under way (its done event says it). */
  private readonly commands = new Map<number, string>();
  /**
   * Its end once begun (a close, or a crash's teardown): every later close waits for the same one, so a kill during a
   * quit's grace period returns once the sockets and the store are closed, not before (review29a).
   */
  private ended?: Promise<void>;

  private constructor(
    private readonly config: ActorConfig,
    private readonly store: FileStore,
    private readonly emit: (event: ActorReport) => void,
    local: LocalExchange | undefined,
    private readonly linesWanted: () => boolean,
  ) {
    this.disk = new RealDisk(store, config.receiveDir, config.chunkBytes);
    this.machine = new PeerMachine({
      ...config,
      seeds: config.seeds.map((seed) => seed.id),
      held: this.disk.list(),
      pending: this.disk.listPending(),
      nameHash: sha1First32,
    });
    this.codec = new EdgeCodec({
      self: config.id,
      limits: { idBits: config.idBits, maxFileBytes: config.maxFileBytes, maxChunkBytes: config.chunkBytes },
      secret: config.secret,
      replayWindowMs: config.replayWindowMs,
      nonceCacheEntries: config.nonceCacheEntries,
    });
    this.addresses = new AddressBook(
      config.id,
      { bound: { host: config.host, port: config.port }, advertised: config.advertised },
      config,
      config.known,
    );
    this.network = new RealNetwork(
      config,
      this.codec,
      this.addresses,
      (fn) => this.guard(fn),
      (line) => this.emitLine(line),
      local,
    );
    this.runtime = new PeerRuntime(
      this.machine,
      TRACING
        ? { ...tracedPorts(config.id, this.network, this.disk, store), clock: threadClock }
        : { network: this.network, disk: this.disk, clock: threadClock },
      {
        line: (line) => this.emitLine(line),
        done: (op, _kind, _name, result) => this.done(op, result),
        left: () => void this.close(true), // departed: the host ends the thread when it sees 'closed'
        crashed: (error) => this.crash(error),
        ...(TRACING ? { input: (input) => traceInput(config.id, input) } : {}),
      },
      config,
    );
    this.network.attach(this.runtime);
  }

  /**
   * Opens the data directory and binds the peer's sockets. Rejects with a readable message when it cannot. `local`: the
   * exchange of the peers hosted on the same thread, which then hand this one their messages in memory.
   */
  static async open(
    config: ActorConfig,
    emit: (event: ActorReport) => void,
    local?: LocalExchange,
    linesWanted: () => boolean = () => true,
  ): Promise<Actor> {
    const store = await FileStore.open(config.dataDir);
    // A directory of another ring or peer is refused (ForeignDataError, code FOREIGN_DATA) unless adopted.
    await store.claim({ ringId: config.ringId, peerId: config.id }, config.adoptData).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    // A restarted peer serves only files whose bytes still match their checksums; the others come back from replicas.
    const damaged = [...store.damaged];
    for (const name of store.names()) {
      if (!(await store.verify(name))) {
        damaged.push(name);
        await store.remove(name);
      }
    }
    const actor = new Actor(config, store, emit, local, linesWanted);
    for (const name of damaged) actor.emitLine(lines.fileLost(name));
    try {
      await actor.network.open();
    } catch (error) {
      await actor.network.close();
      await store.close();
      const { host, port } = actor.addresses.own.bound;
      const code = (error as { code?: string }).code;
      const why =
        code === 'EADDRINUSE'
          ? `port already in use (by another program, or Peer ${config.id} is already running)`
          : (error as Error).message;
      throw Object.assign(new Error(`Peer ${config.id} cannot listen on ${host}:${port}: ${why}`), {
        code: code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'SPAWN_FAILED',
      });
    }
    return actor;
  }

  get id(): PeerId {
    return this.config.id;
  }

  /** The port others reach it on (the one the OS gave, when it was started on port 0). */
  get port(): number {
    return this.addresses.own.advertised.port;
  }

  /** Where peers of its own process listen, once those that took any free port are bound. */
  learn(addresses: readonly PeerAddress[]): void {
    this.addresses.configure(addresses);
  }

  /** Says where it listens and where its successors do: the exercise's start-up lines. */
  announce(): void {
    this.emitLine(lines.started(this.id, this.addresses.own.bound.port));
    const successors = this.config.successors.filter((s) => s !== this.id).slice(0, 2);
    const ports = successors.map((s) => this.addresses.of(s)?.port);
    if (successors.length > 0 && ports.every((p) => p !== undefined))
      this.emitLine(lines.successorPorts(this.id, successors, ports));
  }

  /** Starts the ping rounds. */
  start(): void {
    this.runtime.start();
  }

  /** Starts a command, in this turn; it always ends with one 'done' event for `op`. */
  command(op: number, command: PeerCommand, text: string): void {
    this.commands.set(op, text);
    if (command.kind === 'join') return this.runtime.command(op, 'join', '', { via: command.via });
    if (command.kind === 'quit')
      return this.runtime.command(
        op,
        'quit',
        '',
        command.departing === undefined ? {} : { departing: command.departing },
      );
    if (command.kind === 'request') {
      if (command.into === 'memory') this.disk.keepInMemory(op);
      return this.runtime.command(op, 'request', command.name);
    }
    // A peer with no place for another command says BUSY before it looks for the file.
    if (!this.runtime.reserve(op, 'store', command.name)) return;
    let source: RealSource;
    try {
      const found = resolveSource(command.name, command.path, this.config, command.empty === true);
      source = RealSource.userFile(found.path, found.sizeBytes);
    } catch (error) {
      this.runtime.release(op);
      const code = error instanceof SourceError ? error.code : 'BAD_SOURCE';
      this.done(op, { ok: false, code, error: (error as Error).message, ms: 0 });
      return;
    }
    this.runtime.command(op, 'store', command.name, { source });
  }

  status(): ActorStatus {
    const transport = this.network.transport;
    return {
      ...this.machine.status(),
      address: this.addresses.own.bound,
      advertised: this.addresses.own.advertised,
      zone: this.config.zone,
      dataDir: this.config.dataDir,
      files: this.store.names().map((name) => this.store.get(name)!),
      dropped: { ...transport.dropped },
      sendFailures: transport.sendFailures,
      received: { datagrams: transport.datagrams, frames: transport.frames, local: transport.localFrames },
      sentLocal: transport.localSent,
      connections: { open: transport.openConnections, ...transport.connections },
      inFlight: this.runtime.inFlight(),
      refusedBusy: { ...this.runtime.refusedBusy },
      sealed: this.codec.sealed,
      nonces: this.codec.rememberedNonces,
    };
  }

  /** Test hook: the actor's next input (a message, a timer, a command) throws `reason`, as a bug would. */
  failNextInput(reason: string): void {
    this.runtime.failNextInput(reason);
  }

  /**
   * The actor threw: it stops at once, as abruptly as a killed peer (no departure sent, sockets destroyed, so its
   * neighbours find out from missed pings), and reports why. The thread and the other actors go on.
   */
  crash(error: unknown): void {
    if (this.ended !== undefined) return;
    const settleEnd = this.begin();
    const why = error instanceof Error ? error.message : String(error);
    // Stopped in this turn (an async function runs up to its first await), yet inside the teardown: should stopping
    // throw, the sockets and the store are still closed and the end still settles (a close would wait on it forever).
    const teardown = (async () => {
      try {
        this.runtime.crash();
        this.network.abort();
      } finally {
        await this.network.close();
        await this.store.close();
      }
    })().finally(() => this.emit({ kind: 'crashed', peer: this.id, error: why }));
    // A close asked after it waits for its end, however it went (a failed stop or store close does not escape to the
    // thread).
    settleEnd(teardown.catch(() => {}));
  }

  /** Runs actor code triggered from outside (a socket): an exception crashes this actor, not the thread. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.crash(error);
    }
  }

  /**
   * Stops timers, lets files being sent finish (briefly), closes every socket. `departed`: after a graceful departure,
   * messages still on their way (the departure to a second predecessor) get closeGraceMs to arrive. A close asked while
   * one (or a crash's teardown) is under way resolves when that one has ended.
   */
  close(departed = false): Promise<void> {
    if (this.ended === undefined) {
      const settleEnd = this.begin();
      settleEnd(this.shutDown(departed));
    }
    return this.ended!;
  }

  /** Marks its end as begun, in this turn (before anything the end runs could ask again); the result settles it. */
  private begin(): (end: Promise<void>) => void {
    let settle!: (end: Promise<void>) => void;
    this.ended = new Promise<void>((resolve) => (settle = resolve));
    return settle;
  }

  private async shutDown(departed: boolean): Promise<void> {
    await new Promise<void>((resolve) => this.runtime.close(resolve));
    await this.network.close(departed ? this.config.closeGraceMs : 0);
    await this.store.close();
    flushTrace();
    this.emit({ kind: 'closed', peer: this.id });
  }

  /** Stops taking datagrams, telling nobody: its thread is about to be terminated (Transport.closeUdp). */
  async deafen(): Promise<void> {
    await this.network.transport.closeUdp();
  }

  private emitLine(line: PeerLine): void {
    if (line.event === 'peer.dead' && typeof line.dead === 'number') this.network.silent(line.dead);
    // Nobody listens (a program that only sends commands): no report made per line, which `emit` would drop unstamped.
    if (this.linesWanted()) this.emit({ kind: 'line', peer: this.id, line });
  }

  private done(op: number, result: OpResult): void {
    const command = this.commands.get(op) ?? '';
    this.commands.delete(op);
    const bytes = this.disk.takeFromMemory(op);
    // Set, not spread: an empty object and a hidden class per operation otherwise (alloc29's round).
    const report: ActorReport & { kind: 'done' } = { kind: 'done', peer: this.id, op, command, result };
    if (result.ok && bytes) report.bytes = bytes;
    this.emit(report);
  }
}
