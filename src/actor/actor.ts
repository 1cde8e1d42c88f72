// One peer: its PeerMachine, sockets, timers and file store. Feeds the machine inputs and carries out its effects.
import { open, type FileHandle } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timerKey, transferHeaderOf, transferRefOf, type Effect, type Input, type OpResult, type TransferRef } from '../core/io.ts';
import type { TransferHeader } from '../core/messages.ts';
import type { PeerLine } from '../core/lines.ts';
import { PeerMachine, type MachineStatus } from '../core/machine.ts';
import type { PeerId } from '../core/ring.ts';
import { createHash } from 'node:crypto';
import { AtomicFileWriter, writeSmallFileSync } from '../store/atomic-file.ts';
import { FileStore } from '../store/file-store.ts';
import { INLINE_MAX_BYTES, MAX_ACK_ERROR_CHARS, type Body, type InlinePart } from '../wire/codec.ts';
import { EdgeCodec } from '../wire/edge.ts';
import { frame } from '../wire/framing.ts';
import type { ActorConfig, PeerCommand } from './config.ts';
import type { ActorEvent } from './events.ts';
import { resolveSource, type Source } from './source.ts';
import pLimit from 'p-limit';
import { lines } from '../core/lines.ts';
import { copyInto, CorruptFileError, describeSocketError, sendFile, TransferReceiver, type FileWriter } from './transfers.ts';
import { sha1First32 } from '../wire/name-hash.ts';
import { AddressBook, type Address } from './addresses.ts';
import { InlineSender } from './inline.ts';
import { readSmallFileSync } from '../store/small-file.ts';
import { Transport, type ConnectionCounts, type DropReason, type Undeliverable } from './transport.ts';

/** Work a peer has under way, each kind bounded by maxInFlight: its commands, files arriving, requested files it sends. */
export interface InFlight { commands: number; receiving: number; sending: number }

export interface ActorStatus extends MachineStatus {
  address: Address;
  dataDir: string;
  files: { name: string; sizeBytes: number; sha256: string }[];
  /** Datagrams and frames dropped, by reason. */
  dropped: Record<DropReason, number>;
  sendFailures: number;
  /** Datagrams and frames read off the sockets, good or bad. */
  received: { datagrams: number; frames: number };
  connections: ConnectionCounts;
  inFlight: InFlight;
  /** Requests refused because that kind of work was at its limit. */
  refusedBusy: InFlight;
  /** Whether messages are sealed with a ring secret, and how many nonces the replay check remembers. */
  sealed: boolean;
  nonces: number;
}

const clock = () => performance.timeOrigin + performance.now();

/** Why an inline file never reached its receiver, by what the transport saw. */
const UNDELIVERABLE: Record<Undeliverable, (to: PeerId) => string> = {
  unknown: (to) => `no address is known for Peer ${to}`,
  refused: () => 'connection refused (is the peer running?)',
  closed: () => 'connection closed before the file was acknowledged',
};

/** What a transfer sends: the whole file when it goes inline (INLINE_MAX_BYTES at most), else a handle opened for reading. */
interface Outgoing {
  file: FileHandle | Uint8Array;
  sizeBytes: number;
  /** The sha256 (hex) a held file is known to have. */
  sha256?: string;
}

export class Actor {
  private readonly machine: PeerMachine;
  private readonly transport: Transport;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sources = new Map<number, Source>();
  private readonly commands = new Map<number, string>();
  private readonly receivers = new Map<Socket, TransferReceiver>();
  /** Transfers the machine is asked about, each with how to refuse it (on its connection, or with an InlineAck). */
  private readonly pendingReceivers = new Map<number, (reason: string) => void>();
  private readonly inline: InlineSender;
  /** Inline files being written now: a close waits for them, so no temporary file outlives the peer. */
  private readonly inlineArriving = new Set<Promise<void>>();
  /** Their writers: a crash aborts them, so nothing is kept by a peer that is gone. */
  private readonly inlineWriters = new Set<FileWriter>();
  private readonly sending = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private readonly codec: EdgeCodec;
  /** The peer at the other end of each inbound transfer connection, to address its acknowledgement. */
  private readonly transferPeers = new WeakMap<Socket, PeerId>();
  private readonly refusedBusy: InFlight = { commands: 0, receiving: 0, sending: 0 };
  private readonly addresses: AddressBook;
  /** Copies between holders take turns (a repair may move thousands); a user's store or request never waits for them. */
  private readonly copySlots: ReturnType<typeof pLimit>;
  private transferSeq = 0;
  /** Requested files being sent now (bounded by maxInFlight). */
  private delivering = 0;
  private closed = false;
  /** Test hook (failNextInput): the next input throws this, as a bug in the actor would. */
  private fault: string | undefined;

  private constructor(
    private readonly config: ActorConfig,
    private readonly store: FileStore,
    private readonly emit: (event: ActorEvent) => void,
  ) {
    this.machine = new PeerMachine({ ...config, held: store.names().map((name) => ({ name, sha256: store.get(name)!.sha256 })), nameHash: sha1First32 });
    this.copySlots = pLimit(config.maxConcurrentCopies);
    this.codec = new EdgeCodec({
      self: config.id,
      limits: { idBits: config.idBits, maxFileBytes: config.maxFileBytes, maxChunkBytes: config.chunkBytes },
      secret: config.secret,
      replayWindowMs: config.replayWindowMs,
      nonceCacheEntries: config.nonceCacheEntries,
    });
    this.addresses = new AddressBook(config.id, { host: config.host, port: config.port }, config, config.known);
    this.inline = new InlineSender((to, part) => this.transport.sendTcp(to, part), config.transferIdleTimeoutMs);
    this.shutdown.signal.addEventListener('abort', () => this.inline.failAll('the peer is shutting down'), { once: true });
    this.transport = new Transport(
      { id: config.id, addresses: this.addresses, codec: this.codec, limits: config },
      {
        message: (from, message) => this.feed({ type: 'message', from, message }),
        transferFrame: (conn, from, body) => this.guard(() => this.onTransferFrame(conn, from, body)),
        transferClosed: (conn) => this.guard(() => {
          this.receivers.get(conn)?.closed();
          this.receivers.delete(conn);
        }),
        inline: (from, part) => this.guard(() => this.onInline(from, part)),
        undeliverable: (to, message, why) => {
          if (message.type === 'inlineFile' || message.type === 'inlineAck') this.inline.undelivered(message, UNDELIVERABLE[why](to));
          else this.feed({ type: 'undeliverable', to, message });
        },
        disconnected: (to) => this.inline.disconnected(to),
      },
    );
  }

  /** Opens the data directory and binds the peer's sockets. Rejects with a readable message when it cannot. */
  static async open(config: ActorConfig, emit: (event: ActorEvent) => void): Promise<Actor> {
    const store = await FileStore.open(config.dataDir);
    // A restarted peer serves only files whose bytes still match their checksums; the others come back from replicas.
    const damaged = [...store.damaged];
    for (const name of store.names()) {
      if (!(await store.verify(name))) {
        damaged.push(name);
        await store.remove(name);
      }
    }
    const actor = new Actor(config, store, emit);
    for (const name of damaged) actor.emitLine(lines.fileLost(name));
    try {
      await actor.transport.open();
    } catch (error) {
      await actor.transport.close();
      const { host, port } = actor.addresses.own;
      const code = (error as { code?: string }).code;
      const why = code === 'EADDRINUSE' ? `port already in use (is Peer ${config.id} already running?)` : (error as Error).message;
      throw new Error(`Peer ${config.id} cannot listen on ${host}:${port}: ${why}`);
    }
    return actor;
  }

  get id(): PeerId {
    return this.config.id;
  }

  /** Starts the ping rounds. */
  start(): void {
    this.feed({ type: 'start' });
  }

  /** Starts a command; it always ends with one 'done' event for `op`. */
  async command(op: number, command: PeerCommand, text: string): Promise<void> {
    if (this.commands.size >= this.config.maxInFlight) {
      this.refusedBusy.commands++;
      this.emit({ kind: 'done', peer: this.id, t: clock(), op, command: text, result: {
        ok: false, code: 'BUSY', ms: 0, error: `Peer ${this.id} already has ${this.commands.size} commands under way (the limit): try again when some have completed`,
      } });
      return;
    }
    this.commands.set(op, text);
    if (command.kind === 'join') return this.feed({ type: 'join', op, via: command.via });
    if (command.kind === 'quit') return this.feed({ type: 'quit', op, handOff: command.handOff !== false });
    if (command.kind === 'store') {
      try {
        const source = await resolveSource(command.name, command.path, this.config);
        this.sources.set(op, source);
        if (source.notice !== undefined) this.emitLine({ event: 'store.empty', text: source.notice, name: command.name });
      } catch (error) {
        this.done(op, { ok: false, code: 'BAD_SOURCE', error: (error as Error).message, ms: 0 });
        return;
      }
    }
    this.feed({ type: 'command', kind: command.kind, op, name: command.name });
  }

  status(): ActorStatus {
    return {
      ...this.machine.status(),
      address: this.addresses.own,
      dataDir: this.config.dataDir,
      files: this.store.names().map((name) => this.store.get(name)!),
      dropped: { ...this.transport.dropped },
      sendFailures: this.transport.sendFailures,
      received: { datagrams: this.transport.datagrams, frames: this.transport.frames },
      connections: { open: this.transport.openConnections, ...this.transport.connections },
      inFlight: { commands: this.commands.size, receiving: this.receiving, sending: this.delivering },
      refusedBusy: { ...this.refusedBusy },
      sealed: this.codec.sealed,
      nonces: this.codec.rememberedNonces,
    };
  }

  /** Test hook: the actor's next input (a message, a timer, a command) throws `reason`, as a bug would. */
  failNextInput(reason: string): void {
    this.fault = reason;
  }

  /**
   * The actor threw: it stops at once, as abruptly as a killed peer (no departure sent, sockets destroyed, so its
   * neighbours find out from missed pings), and reports why. The thread and the other actors go on.
   */
  crash(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.shutdown.abort();
    for (const writer of this.inlineWriters) void writer.abort();
    const why = error instanceof Error ? error.message : String(error);
    void this.transport.close().finally(() => this.emit({ kind: 'crashed', peer: this.id, t: clock(), error: why }));
  }

  /** Runs actor code triggered from outside (a socket, a timer): an exception crashes this actor, not the thread. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.crash(error);
    }
  }

  /** Stops timers, lets files being sent finish (briefly), closes every socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.sending.size > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(this.sending), new Promise((r) => (grace = setTimeout(r, this.config.closeGraceMs)))]);
      clearTimeout(grace);
    }
    this.shutdown.abort();
    // Files still arriving are dropped, and their temporary files removed, before the thread can end.
    const arriving = [...this.receivers.values()];
    for (const receiver of arriving) receiver.closed();
    await this.transport.close();
    await Promise.allSettled([...arriving.map((receiver) => receiver.idle()), ...this.inlineArriving]);
    this.emit({ kind: 'closed', peer: this.id, t: clock() });
  }

  private addressOf(peer: PeerId): Address {
    const address = this.addresses.of(peer);
    if (address === undefined) throw new Error(`no address is known for Peer ${peer}`);
    return address;
  }

  private feed(input: Input): void {
    if (this.closed) return;
    this.guard(() => {
      if (this.fault !== undefined) throw new Error(this.fault);
      for (const effect of this.machine.handle(input, clock())) this.run(effect);
    });
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'send':
        if (effect.transport === 'udp') this.transport.sendUdp(effect.to, effect.message);
        else this.transport.sendTcp(effect.to, effect.message);
        break;
      case 'schedule': {
        const key = timerKey(effect.timer);
        clearTimeout(this.timers.get(key));
        const timer = setTimeout(() => {
          this.timers.delete(key);
          this.feed({ type: 'timer', timer: effect.timer });
        }, Math.max(0, effect.at - clock()));
        this.timers.set(key, timer);
        break;
      }
      case 'cancel': {
        const key = timerKey(effect.timer);
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
        break;
      }
      case 'transfer':
        this.startTransfer(effect.ref);
        break;
      case 'refuseTransfer': {
        const refuse = this.pendingReceivers.get(effect.transfer);
        this.pendingReceivers.delete(effect.transfer);
        refuse?.(effect.reason);
        break;
      }
      case 'emit':
        this.emitLine(effect.line);
        break;
      case 'drop':
        void this.store.remove(effect.name).catch((error: Error) => this.emitLine({ event: 'store.error', text: `Could not delete File ${effect.name}: ${error.message}`, name: effect.name }));
        break;
      case 'complete':
        this.sources.delete(effect.op);
        this.done(effect.op, effect.result);
        break;
      case 'leave':
        void this.close(); // departed: the host ends the thread when it sees 'closed'
        break;
    }
  }

  /** Says why before closing, so the sender reports the reason rather than a dropped connection. */
  private refuse(conn: Socket, reason: string): void {
    const ack: Body = { type: 'transferAck', ok: false, error: reason.slice(0, MAX_ACK_ERROR_CHARS) };
    conn.end(frame(this.codec.encode(this.transferPeers.get(conn) ?? this.id, ack)));
  }

  private emitLine(line: PeerLine): void {
    this.emit({ kind: 'line', peer: this.id, t: clock(), line });
  }

  private done(op: number, result: OpResult): void {
    const command = this.commands.get(op) ?? '';
    this.commands.delete(op);
    this.emit({ kind: 'done', peer: this.id, t: clock(), op, command, result });
  }

  // --- transfers ----------------------------------------------------------------------------

  /**
   * Where the bytes of a transfer this peer sends come from: read whole when they go inline (at most INLINE_MAX_BYTES,
   * and one chunk), else an open handle to stream from.
   */
  private async sourceOf(ref: TransferRef): Promise<Outgoing> {
    const small = Math.min(INLINE_MAX_BYTES, this.config.chunkBytes);
    if (ref.purpose === 'store') {
      const source = this.sources.get(ref.op);
      if (source === undefined) throw new Error(`no source for operation ${ref.op}`);
      const { path, sizeBytes } = source;
      if (path === null) return { file: new Uint8Array(0), sizeBytes };
      if (sizeBytes > small) return { file: await open(path, 'r'), sizeBytes };
      const data = readSmallFileSync(path, sizeBytes);
      if (data.length !== sizeBytes) throw new Error(`File ${ref.name} changed since the store began (it is no longer ${sizeBytes} bytes)`);
      return { file: data, sizeBytes };
    }
    const read = await this.store.readSmall(ref.name, small);
    if (read !== undefined) return { file: read.data, sizeBytes: read.file.sizeBytes, sha256: read.file.sha256 };
    const held = await this.store.openForReading(ref.name);
    if (held === undefined) throw new Error(`File ${ref.name} is no longer stored here`);
    return { file: held.handle, sizeBytes: held.file.sizeBytes, sha256: held.file.sha256 };
  }

  /** Where the bytes of a transfer this peer receives go. */
  private openWriter(ref: TransferRef): Promise<FileWriter> {
    if (ref.purpose !== 'deliver') return this.store.writer(ref.name);
    // The user's copy: whole or absent, but not fsynced (the DHT's own copies are).
    return AtomicFileWriter.open(this.receivedPath(ref.name), { durable: false });
  }

  private receivedPath(name: string): string {
    return join(this.config.receiveDir, `received_${name}.pdf`);
  }

  private startTransfer(ref: TransferRef): void {
    // Files sent in answer to other peers' requests are bounded here (a store is a bounded command; copies take turns).
    if (ref.purpose === 'deliver' && this.delivering >= this.config.maxInFlight) {
      this.refusedBusy.sending++;
      const error = `Peer ${this.id} is already sending ${this.delivering} requested files (the limit)`;
      queueMicrotask(() => this.feed({ type: 'transferSent', ref, error }));
      return;
    }
    if (ref.purpose === 'deliver') this.delivering++;
    const run = () => this.transfer(ref).finally(() => {
      if (ref.purpose === 'deliver') this.delivering--;
    });
    const task = (ref.purpose === 'replica' ? this.copySlots(run) : run()).then(
      () => this.feed({ type: 'transferSent', ref }),
      (error: Error) => {
        this.feed({ type: 'transferSent', ref, error: describeSocketError(error) });
      },
    );
    this.sending.add(task);
    void task.finally(() => this.sending.delete(task));
  }

  private async transfer(ref: TransferRef): Promise<void> {
    const source = await this.sourceOf(ref);
    try {
      await this.sendFrom(ref, source);
    } catch (error) {
      // The bytes read are not those the checksum was recorded for: this copy is damaged (unless a newer one replaced it).
      if (error instanceof CorruptFileError && source.sha256 !== undefined) {
        if (await this.store.removeIf(ref.name, source.sha256).catch(() => false)) this.feed({ type: 'fileLost', name: ref.name });
      }
      throw error;
    } finally {
      if (!(source.file instanceof Uint8Array)) await source.file.close().catch(() => {});
    }
  }

  private async sendFrom(ref: TransferRef, source: Outgoing): Promise<void> {
    if (this.closed) throw new Error('the peer is shutting down');
    if (ref.peer === this.id) return this.transferToSelf(ref, source.file);
    const header = transferHeaderOf(ref, source.sizeBytes);
    if (source.file instanceof Uint8Array) {
      const data = source.file;
      const sha256 = createHash('sha256').update(data).digest();
      if (source.sha256 !== undefined && sha256.toString('hex') !== source.sha256) throw new CorruptFileError(ref.name);
      return this.inline.deliver(ref.peer, header, data, sha256);
    }
    await sendFile({
      expectedSha256: source.sha256,
      peer: ref.peer,
      to: this.addressOf(ref.peer),
      header,
      file: source.file,
      chunkBytes: this.config.chunkBytes,
      connectTimeoutMs: this.config.connectTimeoutMs,
      idleTimeoutMs: this.config.transferIdleTimeoutMs,
      deadlineMs: this.config.transferTimeoutMs,
      codec: this.codec,
      maxFrameBytes: this.config.maxFrameBytes,
      signal: this.shutdown.signal,
    });
  }

  /** A peer sending a file to itself (it stores its own key, or requests a file it holds) copies it locally. */
  private async transferToSelf(ref: TransferRef, file: FileHandle | Uint8Array): Promise<void> {
    const local: TransferRef = { ...ref, peer: this.id };
    const effects = this.machine.handle({ type: 'transferStarted', transfer: -1, ref: local }, clock());
    const refusal = effects.find((e) => e.type === 'refuseTransfer');
    for (const effect of effects) if (effect.type !== 'refuseTransfer') this.run(effect);
    if (refusal !== undefined) throw new Error(refusal.reason);
    try {
      if (file instanceof Uint8Array) await this.keepWhole(local, file);
      else await copyInto(file, await this.openWriter(local), this.config.chunkBytes);
    } catch (error) {
      this.feed({ type: 'transferReceived', ref: local, error: (error as Error).message });
      throw error;
    }
    this.feed({ type: 'transferReceived', ref: local, sha256: this.store.get(local.name)?.sha256 });
  }

  private onTransferFrame(conn: Socket, from: PeerId, body: Body): void {
    if (body.type !== 'transferHeader') {
      this.receivers.get(conn)?.frame(body);
      return;
    }
    this.transferPeers.set(conn, from);
    const header = body.header;
    const ref = this.admit(from, header, (reason) => this.refuse(conn, reason));
    if (ref === undefined) return; // refused: the connection is closed
    conn.setTimeout(this.config.transferIdleTimeoutMs, () => conn.destroy());
    const deadline = setTimeout(() => conn.destroy(), this.config.transferTimeoutMs);
    conn.once('close', () => clearTimeout(deadline));
    const receiver = new TransferReceiver(conn, (ack) => this.codec.encode(from, ack), header, this.openWriter(ref), (error) => {
      this.feed(error === undefined ? { type: 'transferReceived', ref, sha256: this.store.get(ref.name)?.sha256 } : { type: 'transferReceived', ref, error });
    });
    this.receivers.set(conn, receiver);
  }

  /** Files arriving now, on connections of their own or inline. */
  private get receiving(): number {
    return this.receivers.size + this.inlineArriving.size;
  }

  /** Asks the machine whether to take a file arriving from `from`: its ref if so; if not, `refuse` was told why. */
  private admit(from: PeerId, header: TransferHeader, refuse: (reason: string) => void): TransferRef | undefined {
    // Closing, the machine hears nothing more, so it could not refuse: nothing is taken in.
    if (this.closed) {
      refuse(`Peer ${this.id} is shutting down`);
      return undefined;
    }
    if (this.receiving >= this.config.maxInFlight) {
      this.refusedBusy.receiving++;
      refuse(`Peer ${this.id} is busy: it is already receiving ${this.receiving} files (the limit); try again later`);
      return undefined;
    }
    const ref = transferRefOf(from, header);
    const transfer = ++this.transferSeq;
    this.pendingReceivers.set(transfer, refuse);
    this.feed({ type: 'transferStarted', transfer, ref });
    return this.pendingReceivers.delete(transfer) ? ref : undefined;
  }

  private onInline(from: PeerId, part: InlinePart): void {
    if (part.type === 'inlineAck') {
      if (!this.inline.answered(from, part)) this.transport.dropped.unexpected++;
      return;
    }
    const answer = (error?: string) => {
      if (!this.closed) this.transport.sendTcp(from, { type: 'inlineAck', transfer: part.transfer, ok: error === undefined, error: (error ?? '').slice(0, MAX_ACK_ERROR_CHARS) });
    };
    const ref = this.admit(from, part.header, answer);
    if (ref === undefined) return;
    // As on a transfer connection: the machine hears the outcome first, then the sender gets its answer.
    const task = this.keepWhole(ref, part.data, part.sha256).then(
      () => {
        this.feed({ type: 'transferReceived', ref, sha256: this.store.get(ref.name)?.sha256 });
        answer();
      },
      (error: Error) => {
        this.feed({ type: 'transferReceived', ref, error: error.message });
        answer(error.message);
      },
    );
    this.inlineArriving.add(task);
    void task.finally(() => this.inlineArriving.delete(task));
  }

  /** Writes a whole file (inline, or this peer's own) where a transfer of its purpose goes, checking its digest if one came. */
  private async keepWhole(ref: TransferRef, data: Uint8Array, sha256?: Uint8Array): Promise<void> {
    if (ref.purpose === 'deliver') {
      if (sha256 !== undefined) {
        const actual = createHash('sha256').update(data).digest();
        if (!actual.equals(sha256)) throw new Error(`the file's sha256 is ${actual.toString('hex')}, not the announced ${Buffer.from(sha256).toString('hex')}: it was not kept`);
      }
      writeSmallFileSync(this.receivedPath(ref.name), data);
      return;
    }
    const writer = await this.openWriter(ref);
    this.inlineWriters.add(writer);
    try {
      await writer.write(data);
      await writer.commit(sha256);
    } catch (error) {
      await writer.abort();
      throw error;
    } finally {
      this.inlineWriters.delete(writer);
    }
  }
}
