// A peer's sockets: UDP for pings, a TCP server, and kept-open outbound TCP connections, one per peer.
// Everything that arrives is bounded here: datagram and frame sizes, how long a frame may take, idle
// connections, how many connections at once, and (with a ring secret) who may speak at all.
import { createSocket, type RemoteInfo, type SocketOptions, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, isIP, type AddressInfo, type LookupFunction, type Server, type Socket } from 'node:net';
import type { Message } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Body, DecodeLimits, InlinePart, PeerAddress } from '../wire/codec.ts';
import type { EdgeCodec, EdgeError } from '../wire/edge.ts';
import { FrameDecoder } from '../wire/framing.ts';
import { isUnspecified } from '../wire/hosts.ts';
import { type Address, type AddressBook, addressKey } from './addresses.ts';
import { type Carried, copyOfMessage, type LocalEndpoint, type LocalExchange } from './local-exchange.ts';
import { postedBody } from './mesh-batch.ts';
import { Resolver } from './resolver.ts';
import { isRemote } from './thread-mesh.ts';

export type { Address } from './addresses.ts';

export interface TransportLimits {
  maxFrameBytes: number;
  maxDatagramBytes: number;
  frameTimeoutMs: number;
  idleTimeoutMs: number;
  outboundIdleMs: number;
  maxInboundConnections: number;
}

export interface TransportOptions {
  id: PeerId;
  /** Where this peer listens and where the others do. */
  addresses: AddressBook;
  /** Host names to addresses (IP literals pass through at once). */
  resolver?: Resolver;
  codec: EdgeCodec;
  limits: TransportLimits;
  /**
   * The peers hosted on this thread (src/actor/local-exchange.ts): a kept-open connection's messages to one of them are
   * handed over in memory, not written to a socket. None: every message goes through the sockets.
   */
  local?: LocalExchange;
}

/** What the actor is told about traffic arriving at its sockets. */
export interface TransportHandlers {
  /** A control message (UDP or TCP). */
  message(from: PeerId, message: Message): void;
  /** A frame of a transfer connection (the first one is always a transferHeader). */
  transferFrame(conn: Socket, from: PeerId, body: Body): void;
  /** A file chunk of a transfer connection that arrived in several socket reads: its data in those pieces, not joined. */
  transferChunk(conn: Socket, from: PeerId, data: Uint8Array[]): void;
  /** A transfer connection closed. */
  transferClosed(conn: Socket): void;
  /** A file sent whole on a kept-open connection, or the answer to one. */
  inline(from: PeerId, part: InlinePart): void;
  /**
   * A TCP message that may never have been read: no address is known for `to` ('unknown'), the connection failed
   * before it was established ('refused'), or the other end closed it just after the message was written ('closed':
   * a peer that died).
   */
  undeliverable(to: PeerId, message: Message | InlinePart, why: Undeliverable): void;
  /**
   * The kept-open connection to `to` in use closed (what was written on it may or may not have arrived): called before
   * its unread messages are handed back (`undeliverable`), it returns what to call after them. A hand-back's callback
   * may send to `to` again at once, on a new connection, which what closed here must not take for its own.
   */
  closing(to: PeerId): () => void;
  /** `peer`, whose address this is, sends only what this peer cannot authenticate (said once per peer). */
  unauthenticated?(peer: PeerId, from: Address): void;
}

export type Undeliverable = 'unknown' | 'refused' | 'closed';

/** Why a datagram or frame was dropped, counted for `status` and `stats`. */
export type DropReason = EdgeError | 'frameTooLarge' | 'datagramTooLarge' | 'unexpected';
export const DROP_REASONS: readonly DropReason[] = [
  'malformed',
  'empty',
  'invalid',
  'unauthenticated',
  'stale',
  'replayed',
  'frameTooLarge',
  'datagramTooLarge',
  'unexpected',
];

/** What happened to inbound TCP connections. */
export interface ConnectionCounts {
  /** Open now. */
  open: number;
  accepted: number;
  /** Closed on arrival: the peer already had its maximum open. */
  refused: number;
  /** Closed because a frame (or a new connection's first one) did not arrive whole in time. */
  slowFrame: number;
  /** Closed after nothing arrived for the idle timeout. */
  idle: number;
}

/**
 * A peer that is killed closes its end of every connection; a message written on one before this peer has read that
 * close (in the same turn of its event loop, say) is lost. Messages written this shortly before the close was seen
 * are handed back, so a lookup goes another way at once rather than waiting out its deadline. One that was read
 * after all is at most routed twice, and its second answer ignored. The window covers a busy event loop too (the close
 * is seen only when this thread next reads its sockets): 5 ms lost messages on a loaded 2-core machine.
 */
const CLOSE_RACE_MS = 25;
/** Messages remembered per connection for that (bounded whatever the rate). */
const HANDBACK_MAX = 1024;

interface Written {
  at: number;
  message: Message | InlinePart;
}

/** A host name is resolved again, because its peer spoke from another address, at most this often. */
const RERESOLVE_MIN_MS = 1_000;

/** Port 0: how many free TCP ports are tried before one is free for UDP too. */
const FREE_PORT_ATTEMPTS = 5;

export class Transport {
  readonly dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  readonly connections: Omit<ConnectionCounts, 'open'> = { accepted: 0, refused: 0, slowFrame: 0, idle: 0 };
  datagrams = 0;
  frames = 0;
  /** Frames handed over in memory by peers of this thread (LocalExchange), and those this peer handed over. */
  localFrames = 0;
  localSent = 0;
  sendFailures = 0;
  private udp?: UdpSocket;
  private server?: Server;
  private readonly outbound = new Map<PeerId, Socket>();
  /** What each outbound connection carried lately (everything, until it connected). */
  private readonly written = new WeakMap<Socket, Written[]>();
  /** Outbound connections this peer closed itself (idle, or shutting down): nothing to hand back. */
  private readonly closedHere = new WeakSet<Socket>();
  /** Where each kept-open connection goes (host:port): a peer now known elsewhere gets a new one. */
  private readonly target = new WeakMap<Socket, string>();
  private readonly inbound = new Set<Socket>();
  /** The first frame decides what a connection is: a transfer (its header) or control messages. */
  private readonly modes = new WeakMap<Socket, 'control' | 'transfer'>();
  /**
   * Resolves the IP literals at once and host names once (until the peer goes silent). With dns.lookup, the default,
   * a datagram to an IP still left only on the next tick, after everything else the actor did in that turn: inside
   * the ping round trip.
   */
  private readonly resolver: Resolver;
  /** Peers heard with a good seal (or, without a secret, decoded), and those already reported as not: each said once. */
  private readonly authenticated = new Set<PeerId>();
  /** Host names resolved again lately because their peer spoke from another address: when (performance.now()). */
  private readonly reresolvedAt = new Map<string, number>();
  private readonly reportedUnauthenticated = new Set<PeerId>();

  /** This peer in the thread's LocalExchange, while it listens there. */
  private readonly endpoint: LocalEndpoint;
  private joined = false;

  constructor(
    private readonly options: TransportOptions,
    private readonly handlers: TransportHandlers,
  ) {
    this.resolver = options.resolver ?? new Resolver();
    this.endpoint = {
      id: options.id,
      reading: options.codec.sealed ? undefined : readingOf(options.codec.limits, options.limits),
      receive: (carried, sourceHost) => this.onLocal(carried, sourceHost),
      lost: (to, message) => this.handlers.undeliverable(to, message, 'closed'),
      closing: (to) => this.handlers.closing(to),
    };
  }

  /** Binds UDP and TCP on the peer's bound address; rejects with a coded error when the port is taken. */
  /**
   * Binds UDP and TCP on the peer's port. Port 0: TCP takes a free port and UDP the same number (tried again, a few
   * times, should that one be taken for UDP), and the peer's own address says which.
   */
  async open(): Promise<void> {
    const own = this.options.addresses.own;
    if (own.bound.port !== 0) {
      await this.bind(own.bound.port);
      return this.joinLocal();
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bind(0);
        const port = (this.server!.address() as AddressInfo).port;
        own.bound.port = port;
        if (own.advertised.port === 0) own.advertised.port = port;
        return this.joinLocal();
      } catch (error) {
        await this.close();
        if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt === FREE_PORT_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Listens in the thread's exchange at every address where a connection reaches this peer's server: the IP it binds,
   * or loopback when it binds every address. (A host name, or another address of this machine, goes through the sockets.)
   */
  private joinLocal(): void {
    const local = this.options.local;
    if (local === undefined) return;
    const { host, port } = this.options.addresses.own.bound;
    let hosts: string[];
    if (isUnspecified(host)) hosts = isIP(host) === 6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
    else hosts = isIP(host) === 0 ? [] : [host];
    if (hosts.length === 0) return;
    local.join(
      this.endpoint,
      hosts.map((h) => ({ host: h, port })),
    );
    this.joined = true;
  }

  /** TCP first on port 0 (a free port), UDP on the port TCP took; else both on `port`. */
  private async bind(port: number): Promise<void> {
    const { host } = this.options.addresses.own.bound;
    if (port === 0) {
      await this.listenTcp(0, host);
      await this.bindUdp((this.server!.address() as AddressInfo).port, host);
      return;
    }
    await this.bindUdp(port, host);
    await this.listenTcp(port, host);
  }

  private async bindUdp(port: number, host: string): Promise<void> {
    // An IPv6 bind (:: too) takes IPv4 peers as well, as mapped addresses.
    const udp = createSocket({
      type: isIP(host) === 6 ? 'udp6' : 'udp4',
      lookup: this.resolver.lookup as SocketOptions['lookup'],
    });
    this.udp = udp;
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    udp.on('error', () => {
      this.sendFailures++;
    });
    udp.on('message', (bytes, source) => this.onDatagram(bytes, source));
  }

  private async listenTcp(port: number, host: string): Promise<void> {
    const server = createServer({ noDelay: true }, (socket) => this.onConnection(socket));
    // Past the limit node closes each new connection on arrival and says so with 'drop'.
    server.maxConnections = this.options.limits.maxInboundConnections;
    server.on('drop', () => {
      this.connections.refused++;
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => {});
  }

  /** Where `to` listens; undefined (and a counted failure) when nobody has said yet. */
  private addressOf(to: PeerId): Address | undefined {
    const address = this.options.addresses.of(to);
    if (address === undefined) this.sendFailures++;
    return address;
  }

  private encode(to: PeerId, message: Message | InlinePart): Uint8Array {
    return this.options.codec.encode(to, message, this.options.addresses.hints(message, to));
  }

  sendUdp(to: PeerId, message: Message): void {
    const address = this.addressOf(to);
    if (address === undefined) return;
    // A probe goes to a peer that went silent: its name is resolved afresh each time (it may be back elsewhere).
    if (message.type === 'pingRequest' && message.rank === 0) this.resolver.forget(address.host);
    this.udp?.send(this.encode(to, message), address.port, address.host, (error) => {
      if (error) this.sendFailures++;
    });
  }

  /**
   * Hands the message to `to` in memory when a peer of this thread listens at its address, and no connection opened to
   * it earlier still carries messages (they would arrive after this one). False: it goes on a socket.
   */
  private sendLocal(to: PeerId, message: Message | InlinePart): boolean {
    // The receiver's address as its kept key and host: no object or string made per message.
    const key = this.options.addresses.keyOf(to);
    const receiver = key === undefined ? undefined : this.options.local!.atKey(key);
    if (receiver === undefined) return false;
    const socket = this.outbound.get(to);
    if (socket !== undefined && !socket.destroyed) {
      if (this.target.get(socket) === key) return false;
      this.closedHere.add(socket); // the peer is now at another address (sendTcp's case): the old connection ends
      this.outbound.delete(to);
      socket.end();
    }
    this.options.addresses.answered(to); // as a connection accepted there
    this.localSent++;
    // The message as the receiver's decoder would give it, copied now (what the sender does with its own later is
    // not seen), when both read alike (for a peer of another thread, postMessage's clone is the copy); else the frame's
    // bytes. Encoding and decoding were ~17 % of a message's CPU
    // between peers of one thread (bench/README.md, thirteenth round).
    const carried: Carried =
      this.endpoint.reading !== undefined && receiver.reading === this.endpoint.reading
        ? {
            kind: 'message',
            from: this.options.id,
            body: isRemote(receiver) ? postedBody(message) : copyOfMessage(message),
            hints: this.options.addresses.hints(message, to),
          }
        : { kind: 'frame', bytes: this.encode(to, message) };
    this.options.local!.send(this.endpoint, receiver, to, carried, this.options.addresses.hostOf(to)!, message);
    return true;
  }

  /**
   * Sends on the kept-open connection to `to`, opening it on first use; writes before connect are queued by the socket.
   * `after`: messages to `to` that follow this one, written with it (one write, so the receiver reads them together).
   */
  sendTcp(to: PeerId, message: Message | InlinePart, after?: readonly Message[]): void {
    if (this.joined && this.sendLocal(to, message)) {
      if (after !== undefined) for (const next of after) this.sendTcp(to, next);
      return;
    }
    let socket = this.outbound.get(to);
    const now = this.addressOf(to);
    if (socket !== undefined && !socket.destroyed && now !== undefined && this.target.get(socket) !== addressKey(now)) {
      // The peer's address changed (it restarted elsewhere, or a newcomer with its id is being answered): what was
      // written goes out on the old connection, what follows to where the id is now.
      this.closedHere.add(socket);
      this.outbound.delete(to);
      socket.end();
      socket = undefined;
    }
    if (socket === undefined || socket.destroyed) {
      const address = this.addressOf(to);
      if (address === undefined) return this.handBackUnknown(to, message, after);
      socket = this.connectTo(to, address);
    }
    const log = this.written.get(socket);
    if (log !== undefined) {
      const now = performance.now();
      log.push({ at: now, message });
      if (after !== undefined) for (const next of after) log.push({ at: now, message: next });
      // Until connected everything is kept (it all goes back if the connection fails); after, only the last moments.
      while (log.length > HANDBACK_MAX || (!socket.connecting && log.length > 0 && log[0]!.at < now - CLOSE_RACE_MS))
        log.shift();
    }
    const bytes = this.frameOf(to, message);
    if (after === undefined || after.length === 0) socket.write(bytes);
    else {
      const frames = [bytes];
      for (const next of after) frames.push(this.frameOf(to, next));
      socket.write(Buffer.concat(frames));
    }
  }

  // sendTcp's two rare cases, a connection opened and messages handed back, in methods of their own: sendTcp reads as
  // what every message does. (Their callbacks in sendTcp itself cost no context per call in optimised code: measured,
  // bench/README.md, twenty-sixth round.)

  /** `to`'s messages handed back as a refused connection's are, after the effects being carried out now. */
  private handBackUnknown(to: PeerId, message: Message | InlinePart, after: readonly Message[] | undefined): void {
    queueMicrotask(() => {
      this.handlers.undeliverable(to, message, 'unknown');
      if (after !== undefined) for (const next of after) this.handlers.undeliverable(to, next, 'unknown');
    });
  }

  /** Opens the kept-open connection to `to` at `address`; what is written before it connects is queued by the socket. */
  private connectTo(to: PeerId, address: Address): Socket {
    const { host, port } = address;
    const fresh = connect({ host, port, noDelay: true, lookup: this.resolver.lookup as LookupFunction });
    this.target.set(fresh, addressKey(address));
    let connected = false;
    let endSeenAt: number | undefined;
    this.written.set(fresh, []);
    fresh.once('connect', () => {
      connected = true;
      const current = this.options.addresses.of(to);
      if (current !== undefined && addressKey(current) === addressKey(address)) this.options.addresses.answered(to);
    });
    fresh.once('end', () => {
      endSeenAt = performance.now();
    });
    fresh.on('error', () => {
      this.sendFailures++;
    });
    fresh.on('close', () => {
      // A connection already replaced (it was closing when a message went out) says nothing of the new one.
      const current = this.outbound.get(to) === fresh;
      if (current) this.outbound.delete(to);
      const closed = current ? this.handlers.closing(to) : undefined;
      // Never connected: nothing left. Closed by the other end: what it may not have read goes back.
      const log = this.written.get(fresh) ?? [];
      this.written.delete(fresh);
      if (!this.closedHere.has(fresh)) {
        const since = (endSeenAt ?? performance.now()) - CLOSE_RACE_MS;
        for (const { at, message } of log)
          if (!connected || at >= since) this.handlers.undeliverable(to, message, connected ? 'closed' : 'refused');
      }
      closed?.();
    });
    fresh.on('data', () => {}); // replies come on the other peer's own connection to us
    // Closed from this end when idle, before the other end's (longer) idle timeout could cut it mid-write.
    fresh.setTimeout(this.options.limits.outboundIdleMs, () => {
      this.closedHere.add(fresh);
      fresh.destroy();
    });
    this.outbound.set(to, fresh);
    return fresh;
  }

  private frameOf(to: PeerId, message: Message | InlinePart): Buffer {
    return this.options.codec.frame(to, message, this.options.addresses.hints(message, to));
  }

  /**
   * Closes every socket. `flushMs` (a graceful close): a connection still connecting, or with bytes not yet handed to
   * the kernel, gets up to that long to deliver them (a departure's last messages); the others close at once.
   */
  async close(flushMs = 0): Promise<void> {
    // Frames on their way to this peer in memory are lost, as a killed peer's unread bytes are.
    if (this.joined) this.options.local!.leave(this.endpoint);
    this.joined = false;
    const flushing: Promise<unknown>[] = [];
    for (const socket of this.outbound.values()) {
      this.closedHere.add(socket);
      if (flushMs > 0 && (socket.connecting || socket.writableLength > 0)) {
        flushing.push(
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => socket.destroy(), flushMs);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.end();
          }),
        );
      } else socket.destroy();
    }
    this.outbound.clear();
    await Promise.all(flushing);
    for (const socket of this.inbound) socket.destroy();
    this.inbound.clear();
    const server = this.server;
    this.server = undefined;
    await Promise.all([this.closeUdp(), server && new Promise<void>((resolve) => server.close(() => resolve()))]);
  }

  /**
   * Stops taking datagrams: before a thread of its own is terminated under a killed peer. Node 20 aborts the whole
   * process when a datagram is read while its thread's isolate is being torn down (UDPWrap::OnRecv, AddressToJS: seen
   * in CI killing a peer a ring pinged).
   */
  async closeUdp(): Promise<void> {
    const udp = this.udp;
    this.udp = undefined;
    if (udp === undefined) return;
    await new Promise<void>((resolve) => {
      try {
        udp.close(() => resolve());
      } catch {
        resolve(); // it never bound (port 0's retry after the port was taken for UDP)
      }
    });
  }

  get openConnections(): number {
    return this.inbound.size;
  }

  private decode(
    bytes: Uint8Array,
    source?: RemoteInfo,
    sourceHost?: string,
  ): { from: PeerId; body: Body } | undefined {
    const decoded = this.options.codec.decode(bytes);
    if (!decoded.ok) {
      this.dropped[decoded.reason]++;
      if (decoded.reason === 'unauthenticated' && source !== undefined) this.unauthenticatedFrom(source);
      return undefined;
    }
    const host = sourceHost ?? source?.address;
    this.heard(decoded.from, decoded.addresses, host?.startsWith('::ffff:') === true ? host.slice(7) : host);
    return decoded;
  }

  /** What reading a message tells besides the message: its sender is authenticated, and where it and others are. */
  private heard(from: PeerId, hints: readonly PeerAddress[], sourceHost: string | undefined): void {
    this.authenticated.add(from);
    this.options.addresses.learn(hints, from, sourceHost);
    if (sourceHost !== undefined) this.heardFrom(from, sourceHost);
  }

  /**
   * `peer` spoke from `ip`. Where this peer reaches it by a host name last resolved to another address, the name is
   * resolved again on its next use (at most once a second a name: a host with several addresses may speak from any).
   * A peer that came back at a new address is then reached there even when it was never declared gone (its own messages
   * kept coming), while every answer to them went to its old address.
   */
  private heardFrom(peer: PeerId, ip: string): void {
    const host = this.options.addresses.hostOf(peer);
    if (host === undefined || isIP(host) !== 0) return;
    const cached = this.resolver.cached(host);
    if (cached === undefined || cached.replace(/^::ffff:/, '') === ip) return;
    const now = performance.now();
    if (now - (this.reresolvedAt.get(host) ?? Number.NEGATIVE_INFINITY) < RERESOLVE_MIN_MS) return;
    this.reresolvedAt.set(host, now);
    this.resolver.forget(host);
  }

  /** A datagram's source port is its sender's own (peers send from the socket they listen on): which peer it is. */
  private unauthenticatedFrom(source: RemoteInfo): void {
    const host = source.address.replace(/^::ffff:/, '');
    const peer = this.options.addresses.peerAt(host, source.port, (h) => this.resolver.cached(h));
    if (peer === undefined || this.authenticated.has(peer) || this.reportedUnauthenticated.has(peer)) return;
    this.reportedUnauthenticated.add(peer);
    this.handlers.unauthenticated?.(peer, { host, port: source.port });
  }

  /** Resolve `host` again on its next use. */
  forgetResolution(host: string): void {
    this.resolver.forget(host);
  }

  private onDatagram(bytes: Buffer, source?: RemoteInfo): void {
    this.datagrams++;
    if (bytes.length > this.options.limits.maxDatagramBytes) {
      this.dropped.datagramTooLarge++;
      return;
    }
    const decoded = this.decode(bytes, source);
    if (decoded === undefined) return;
    const { from, body } = decoded;
    if (body.type === 'pingResponse' || body.type === 'indirectAck') this.options.addresses.answered(from);
    if (DATAGRAMS.has(body.type)) this.handlers.message(from, body as Message);
    else this.dropped.unexpected++;
  }

  private onConnection(socket: Socket): void {
    const limits = this.options.limits;
    this.inbound.add(socket);
    this.connections.accepted++;
    const decoder = new FrameDecoder(limits.maxFrameBytes);
    // A frame must arrive whole within frameTimeoutMs of its first byte (a new connection: of connecting).
    let frameTimer: NodeJS.Timeout | undefined;
    const armFrameTimer = () => {
      clearTimeout(frameTimer);
      frameTimer = setTimeout(() => {
        this.connections.slowFrame++;
        socket.destroy();
      }, limits.frameTimeoutMs);
    };
    armFrameTimer();
    socket.setTimeout(limits.idleTimeoutMs, () => {
      this.connections.idle++;
      socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(frameTimer);
      this.inbound.delete(socket);
      if (this.modes.get(socket) === 'transfer') this.handlers.transferClosed(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = decoder.pushPieces(chunk);
      for (const pieces of frames) {
        if (socket.destroyed) return;
        this.frames++;
        // A transfer's chunk frame spans several reads: read in place, not joined (a copy of every byte of a file).
        const chunk = this.modes.get(socket) === 'transfer' ? this.options.codec.chunkPieces(pieces) : undefined;
        if (chunk !== undefined) this.handlers.transferChunk(socket, chunk.from, chunk.data);
        else this.onFrame(socket, pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
      }
      if (error !== undefined) {
        this.dropped.frameTooLarge++;
        socket.destroy();
        return;
      }
      if (decoder.pendingBytes === 0) {
        clearTimeout(frameTimer);
        frameTimer = undefined;
      } else if (frames.length > 0 || frameTimer === undefined) armFrameTimer(); // a new frame began
    });
  }

  /** What a peer of this thread handed over in memory: read as a control connection's frame from `sourceHost`. */
  private onLocal(carried: Carried, sourceHost: string): void {
    this.localFrames++;
    let from: PeerId;
    let body: Body;
    if (carried.kind === 'frame') {
      if (carried.bytes.length > this.options.limits.maxFrameBytes) {
        this.dropped.frameTooLarge++;
        return;
      }
      const decoded = this.decode(carried.bytes, undefined, sourceHost);
      if (decoded === undefined) return;
      ({ from, body } = decoded);
    } else {
      ({ from, body } = carried);
      this.heard(from, carried.hints, sourceHost); // as decode does
    }
    if (body.type.startsWith('transfer') || DATAGRAMS.has(body.type)) {
      this.dropped.unexpected++;
      return;
    }
    if (body.type === 'inlineFile' || body.type === 'inlineAck') this.handlers.inline(from, body);
    else this.handlers.message(from, body as Message);
  }

  private onFrame(socket: Socket, bytes: Buffer): void {
    const mode = this.modes.get(socket);
    const decoded = this.decode(bytes, undefined, socket.remoteAddress);
    if (decoded === undefined) {
      if (mode === 'transfer') socket.destroy(); // a broken transfer cannot go on
      return;
    }
    const { from, body } = decoded;
    const isTransfer = body.type.startsWith('transfer');
    if (mode === undefined) {
      this.modes.set(socket, body.type === 'transferHeader' ? 'transfer' : 'control');
      if (body.type === 'transferHeader') {
        this.handlers.transferFrame(socket, from, body);
        return;
      }
    } else if (mode === 'transfer') {
      // A kept-open transfer connection carries one file after another, each from its header on.
      if (isTransfer) this.handlers.transferFrame(socket, from, body);
      else {
        this.dropped.unexpected++;
        socket.destroy();
      }
      return;
    }
    if (isTransfer || DATAGRAMS.has(body.type)) {
      this.dropped.unexpected++;
      return;
    }
    if (body.type === 'inlineFile' || body.type === 'inlineAck') this.handlers.inline(from, body);
    else this.handlers.message(from, body as Message); // transfer frames were handled above
  }
}

/** The messages that travel as datagrams (pings and SWIM's indirect probes); nothing else is taken from UDP, nor these from TCP. */
const DATAGRAMS: ReadonlySet<string> = new Set(['pingRequest', 'pingResponse', 'indirectProbe', 'indirectAck']);

/**
 * A peer's way of reading messages, as a string: two unsealed peers with the same decode limits and frame size read
 * the same bytes as the same message, so one may hand the other a message rather than its bytes.
 */
function readingOf(decode: DecodeLimits, limits: TransportLimits): string {
  return `${decode.idBits}/${decode.maxFileBytes}/${decode.maxChunkBytes}/${limits.maxFrameBytes}`;
}
