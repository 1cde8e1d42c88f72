// The real peer's network port: UDP and TCP sockets (Transport), files streamed on connections of their own or sent
// inline on the kept-open ones. Inbound traffic goes to the runtime; what to take in, the runtime decides.
import type { Socket } from 'node:net';
import type { Message, TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { NetworkPort, SendFailure } from '../runtime/ports.ts';
import type { PeerRuntime } from '../runtime/runtime.ts';
import { MAX_ACK_ERROR_CHARS, type Body, type InlinePart } from '../wire/codec.ts';
import type { EdgeCodec } from '../wire/edge.ts';
import { frame } from '../wire/framing.ts';
import type { AddressBook } from './addresses.ts';
import type { PeerLine } from '../core/lines.ts';
import { diagnostics } from './diagnostics.ts';
import { Resolver } from './resolver.ts';
import type { ActorConfig } from './config.ts';
import type { RealSink, RealSource } from './disk.ts';
import { InlineSender } from './inline.ts';
import { sha256Of } from '../store/sha256.ts';
import type { LocalExchange } from './local-exchange.ts';
import { TransferPool } from './transfer-pool.ts';
import { CorruptFileError, describeSocketError, NotSentError, sendFile, TransferReceiver } from './transfers.ts';
import { Transport, type Undeliverable } from './transport.ts';

/** Why an inline file never reached its receiver, by what the transport saw. */
const UNDELIVERABLE: Record<Undeliverable, (to: PeerId) => string> = {
  unknown: (to) => `no address is known for Peer ${to}`,
  refused: () => 'connection refused (the peer may be down, or not at the address used)',
  closed: () => 'connection closed before the file was acknowledged',
};

/** What a send's error tells the runtime: its reason, and whether the copy was damaged or the file never left. */
function sendFailureOf(error: Error): SendFailure {
  return {
    message: describeSocketError(error),
    ...(error instanceof CorruptFileError ? { damaged: true } : {}),
    ...(error instanceof NotSentError ? { unsent: true } : {}),
  };
}

/** The sha256 of a copy's bytes read whole; a CorruptFileError when they are not the bytes the store recorded. */
function checkedDigest(source: RealSource, data: Uint8Array, name: string): Buffer {
  // Bytes hashed where they arrived, in this thread (a store's copies to its replicas): the same digest, not again.
  if (source.hashed !== undefined) return source.hashed;
  const sha256 = sha256Of(data);
  if (source.sha256 !== undefined && sha256.toString('hex') !== source.sha256) throw new CorruptFileError(name);
  return sha256;
}

export class RealNetwork implements NetworkPort<RealSource> {
  readonly transport: Transport;
  private runtime!: PeerRuntime<RealSource, RealSink>;
  private readonly inline: InlineSender;
  private readonly receivers = new Map<Socket, TransferReceiver>();
  /** Inline files being written now: a close waits for them, so no temporary file outlives the peer. */
  private readonly inlineArriving = new Set<Promise<void>>();
  /** Their sinks: a crash aborts them, so nothing is kept by a peer that is gone. */
  private readonly inlineSinks = new Set<RealSink>();
  /** The peer at the other end of each inbound transfer connection, to address its acknowledgement. */
  private readonly transferPeers = new WeakMap<Socket, PeerId>();
  private readonly shutdown = new AbortController();
  /**
   * Transfer connections kept open between files. Idle ones close after half the receiver's idle timeout (the same
   * setting at both ends), so the sender always closes first.
   */
  private readonly transferPool: TransferPool;

  constructor(
    private readonly config: ActorConfig,
    private readonly codec: EdgeCodec,
    private readonly addresses: AddressBook,
    /** Runs code triggered from a socket: an exception crashes this peer, not the thread. */
    guard: (fn: () => void) => void,
    /** Prints a line of this peer's (a name that does not resolve, a peer with another secret). */
    say: (line: PeerLine) => void = () => {},
    /** The peers of this thread, which this one's messages reach in memory (see Transport). */
    local?: LocalExchange,
  ) {
    const resolver = new Resolver((host, error) =>
      say(error === undefined ? diagnostics.hostResolved(host) : diagnostics.hostUnresolved(host, error)),
    );
    this.transferPool = new TransferPool(config.transferIdleTimeoutMs / 2);
    this.inline = new InlineSender((to, part) => this.sendNow(to, part), config.transferIdleTimeoutMs);
    this.shutdown.signal.addEventListener('abort', () => this.inline.failAll('the peer is shutting down'), {
      once: true,
    });
    this.transport = new Transport(
      { id: config.id, addresses, resolver, codec, limits: config, ...(local === undefined ? {} : { local }) },
      {
        message: (from, message) => this.runtime.received(from, message),
        transferFrame: (conn, from, body) => guard(() => this.onTransferFrame(conn, from, body)),
        transferChunk: (conn, _from, data) => guard(() => this.receivers.get(conn)?.chunk(data)),
        transferClosed: (conn) =>
          guard(() => {
            this.receivers.get(conn)?.closed();
            this.receivers.delete(conn);
          }),
        inline: (from, part) => guard(() => this.onInline(from, part)),
        undeliverable: (to, message, why) => {
          if (message.type === 'inlineFile' || message.type === 'inlineAck')
            this.inline.undelivered(message, UNDELIVERABLE[why](to), why !== 'closed');
          else this.runtime.undeliverable(to, message);
        },
        closing: (to) => this.inline.closing(to),
        unauthenticated: (peer, from) => say(diagnostics.unauthenticated(peer, from.host, from.port)),
      },
    );
  }

  /**
   * `peer` stopped answering: another address heard for it is tried, its host name is resolved again, and no file goes
   * on a connection kept open to it.
   */
  silent(peer: PeerId): void {
    this.transferPool.drop(peer);
    const host = this.addresses.silent(peer);
    if (host !== undefined) this.transport.forgetResolution(host);
  }

  /** The runtime inbound traffic goes to (it is built with this port). */
  attach(runtime: PeerRuntime<RealSource, RealSink>): void {
    this.runtime = runtime;
  }

  datagram(to: PeerId, message: Message): void {
    this.transport.sendUdp(to, message);
  }

  send(to: PeerId, message: Message): void {
    if (message.type !== 'hopAck') return this.sendNow(to, message);
    // A hop's acknowledgement is not urgent (the hop timeout is hundreds of ms): it leaves at the end of this turn of
    // the event loop, after what the lookup itself sends (the next hop, or a holder's small file read at once), so the
    // answer is not queued behind it at either end. (Two turns later helped a thread hosting several peers a little,
    // within the noise, and made acknowledgements later on busy threads, where a late one reroutes a lookup.)
    if (!this.acksDue) {
      this.acksDue = true;
      setImmediate(this.sendAcks);
    }
    this.acks.push({ to, message });
  }

  /**
   * Sends `message` to `to` now, and with it (right behind it, in the same socket write) the acknowledgements held for
   * `to`: a holder's small file and its acknowledgement of the lookup both go back to the requester, which then reads
   * them in one read and wakes once, not twice. They still leave after the hop's own message, and never later than the
   * end of the turn.
   */
  private sendNow(to: PeerId, message: Message | InlinePart): void {
    let after: Message[] | undefined;
    const acks = this.acks;
    if (acks.length > 0 && !this.shutdown.signal.aborted) {
      for (let i = 0; i < acks.length; ) {
        if (acks[i]!.to === to) {
          (after ??= []).push(acks[i]!.message);
          acks.splice(i, 1);
        } else i++;
      }
    }
    this.transport.sendTcp(to, message, after);
  }

  private readonly acks: { to: PeerId; message: Message }[] = [];
  private acksDue = false;
  private readonly sendAcks = (): void => {
    this.acksDue = false;
    const acks = this.acks.splice(0);
    if (!this.shutdown.signal.aborted) for (const { to, message } of acks) this.transport.sendTcp(to, message);
  };

  sendFile(
    to: PeerId,
    header: TransferHeader,
    source: RealSource,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    const inMemory = source.inMemory;
    if (inMemory !== undefined && (inline || inMemory.length === 0) && !this.shutdown.signal.aborted)
      return this.sendWhole(to, header, source, inMemory, done);
    this.stream(to, header, source, inline).then(
      () => done(undefined),
      (error: Error) => done(sendFailureOf(error)),
    );
  }

  /**
   * A file in memory (a held copy read whole, a store's file that arrived whole) sent inline in this call, its outcome
   * told with no promise: on a thread that slept, stream's async steps ran cold code on every get's way (get33).
   */
  private sendWhole(
    to: PeerId,
    header: TransferHeader,
    source: RealSource,
    data: Uint8Array,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    let sha256: Buffer;
    try {
      sha256 = checkedDigest(source, data, header.name);
    } catch (error) {
      return done(sendFailureOf(error as Error));
    }
    this.inline.sendWhole(to, header, data, sha256, (error) =>
      done(error === undefined ? undefined : sendFailureOf(error)),
    );
  }

  private async stream(to: PeerId, header: TransferHeader, source: RealSource, inline: boolean): Promise<void> {
    if (this.shutdown.signal.aborted) throw new Error('the peer is shutting down');
    // Bytes in memory leave in this very turn (an await would hold them till its end, behind the rest of it: a store's
    // copies to its replicas waited for the responsible peer's own write to be set going, ~0.8 ms).
    const inMemory = source.inMemory;
    const bytes = inMemory === undefined ? await source.bytes(inline) : { data: inMemory };
    try {
      if ('data' in bytes) {
        const sha256 = checkedDigest(source, bytes.data, header.name);
        if (inline || bytes.data.length === 0) return await this.inline.deliver(to, header, bytes.data, sha256);
      }
      const address = this.addresses.of(to);
      if (address === undefined) throw new NotSentError(`no address is known for Peer ${to}`);
      if (!('handle' in bytes)) throw new Error(`File ${header.name} was read whole but is not sent inline`);
      await sendFile({
        ...(source.sha256 === undefined ? {} : { expectedSha256: source.sha256 }),
        peer: to,
        to: address,
        header,
        file: bytes.handle,
        chunkBytes: this.config.chunkBytes,
        connectTimeoutMs: this.config.connectTimeoutMs,
        idleTimeoutMs: this.config.transferIdleTimeoutMs,
        deadlineMs: this.config.transferTimeoutMs,
        codec: this.codec,
        maxFrameBytes: this.config.maxFrameBytes,
        signal: this.shutdown.signal,
        pool: this.transferPool,
        self: this.config.id,
      });
    } finally {
      source.release(bytes);
    }
  }

  /** Says why before closing, so the sender reports the reason rather than a dropped connection. */
  private refuse(conn: Socket, reason: string): void {
    const ack: Body = { type: 'transferAck', ok: false, error: reason.slice(0, MAX_ACK_ERROR_CHARS) };
    conn.end(frame(this.codec.encode(this.transferPeers.get(conn) ?? this.config.id, ack)));
  }

  private onTransferFrame(conn: Socket, from: PeerId, body: Body): void {
    const current = this.receivers.get(conn);
    if (body.type !== 'transferHeader') {
      current?.frame(body);
      return;
    }
    // A kept-open connection carries files one after the other, all from one peer: a header before the last file was
    // done, or from another peer, is a broken sender.
    if (current !== undefined && (!current.done || this.transferPeers.get(conn) !== from)) {
      conn.destroy();
      return;
    }
    this.transferPeers.set(conn, from);
    const header = body.header;
    const admission = this.runtime.admit(from, header);
    if (!admission.ok) return this.refuse(conn, admission.reason);
    if (current === undefined) conn.setTimeout(this.config.transferIdleTimeoutMs, () => conn.destroy()); // once per connection
    const deadline = setTimeout(() => conn.destroy(), this.config.transferTimeoutMs);
    const stop = () => clearTimeout(deadline);
    conn.once('close', stop);
    const sink = admission.sink;
    const receiver = new TransferReceiver(
      conn,
      (ack) => this.codec.encode(from, ack),
      header,
      sink.get(header.sizeBytes),
      (error) => {
        stop();
        conn.off('close', stop);
        if (error !== undefined) admission.finished(error);
        else admission.finished(undefined, sink.committedSha256);
      },
      this.config.id,
    );
    this.receivers.set(conn, receiver);
  }

  private onInline(from: PeerId, part: InlinePart): void {
    if (part.type === 'inlineAck') {
      if (!this.inline.answered(from, part)) this.transport.dropped.unexpected++;
      return;
    }
    const answer = (error?: string) => {
      if (!this.shutdown.signal.aborted)
        this.sendNow(from, {
          type: 'inlineAck',
          transfer: part.transfer,
          ok: error === undefined,
          error: (error ?? '').slice(0, MAX_ACK_ERROR_CHARS),
        });
    };
    const admission = this.runtime.admit(from, part.header);
    if (!admission.ok) return answer(admission.reason);
    const sink = admission.sink;
    if (sink.keepsAtOnce) {
      // A delivery (a get's bytes, a small received file) is kept in this call: the runtime hears it with no promise
      // turn between (each ran cold code on a thread that slept, on every get's way: get33), then the sender.
      let error: string | undefined;
      try {
        sink.keepWholeNow(part.data, part.sha256);
      } catch (thrown) {
        error = (thrown as Error).message;
      }
      if (error === undefined) admission.finished(undefined, sink.committedSha256);
      else admission.finished(error);
      return answer(error);
    }
    this.inlineSinks.add(sink);
    // As on a transfer connection: the runtime hears the outcome first, then the sender gets its answer. (Forgotten
    // in the same callback, not a `finally` of its own: a promise and a turn of microtasks fewer on a get's path.)
    const task: Promise<void> = sink.keepWhole(part.data, part.sha256).then(
      () => {
        this.inlineArriving.delete(task);
        this.inlineSinks.delete(sink);
        admission.finished(undefined, sink.committedSha256);
        answer();
      },
      (error: Error) => {
        this.inlineArriving.delete(task);
        this.inlineSinks.delete(sink);
        admission.finished(error.message);
        answer(error.message);
      },
    );
    this.inlineArriving.add(task);
  }

  /** Binds the sockets. */
  open(): Promise<void> {
    return this.transport.open();
  }

  /** A crash: sends and arrivals stop at once, inline writes are thrown away. */
  abort(): void {
    this.shutdown.abort();
    this.transferPool.closeAll();
    for (const sink of this.inlineSinks) sink.abort();
  }

  /** Closes every socket; files still arriving are dropped (their temporary files removed) before this resolves. */
  /** `flushMs`: a graceful close lets messages still on their way (a departure's) reach their peers first. */
  async close(flushMs = 0): Promise<void> {
    this.shutdown.abort();
    this.transferPool.closeAll();
    const arriving = [...this.receivers.values()];
    for (const receiver of arriving) receiver.closed();
    await this.transport.close(flushMs);
    await Promise.allSettled([...arriving.map((receiver) => receiver.idle()), ...this.inlineArriving]);
  }
}
