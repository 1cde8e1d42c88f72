// Peers hosted on different threads of one process hand each other their kept-open connections' messages over a
// MessagePort between those threads, not through loopback TCP (a paced round trip between two threads: MessagePort p50
// 39-118 µs, loopback TCP 69-215 µs; bench/README.md, seventeenth round). The main thread knows which thread hosts
// which address and passes that on (`at`, `left`, `gone`); a thread opens a channel to another on its first message
// there, handing the other end over through the main thread, and posts on its own end at once (what it posts waits in
// the channel until the other thread listens). Channels are made only between threads that talk.
import type { MessagePort } from 'node:worker_threads';
import { MessageChannel } from 'node:worker_threads';
import type { Message } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { InlinePart } from '../wire/codec.ts';
import type { Carried, LocalEndpoint } from './local-exchange.ts';
import {
  appendSend,
  blankSent,
  emptyBatch,
  FIRST_SEND,
  lastSeqOf,
  readSend,
  type SendsBatch,
  sendsOf,
} from './mesh-batch.ts';
import { TRACING, traceCarried } from './trace.ts';

/** What a thread tells the main thread. */
export type MeshNotice =
  | { ringdhtMesh: 'joined'; addresses: string[]; reading: string | undefined }
  | { ringdhtMesh: 'left'; addresses: string[] }
  | { ringdhtMesh: 'connect'; thread: number; port: MessagePort; acks: SharedArrayBuffer };

/** What the main thread tells a thread (`thread`: the other thread's number, as the main thread counts them). */
export type MeshUpdate =
  | { ringdhtMesh: 'at'; thread: number; addresses: string[]; reading: string | undefined }
  | { ringdhtMesh: 'left'; addresses: string[] }
  | { ringdhtMesh: 'gone'; thread: number }
  | { ringdhtMesh: 'connected'; thread: number; port: MessagePort; acks: SharedArrayBuffer };

/** What travels on a channel, both ways: messages as one flat array (mesh-batch.ts), the rest as objects. */
type ChannelBatch =
  | SendsBatch
  /** Messages whose receiver had left when they arrived: the message itself when it travelled as one. */
  | { lost: { seq: number; from: PeerId; to: PeerId; body?: Message | InlinePart }[] }
  /** Receivers that left, each with who had sent to it: as connections closing. */
  | { gone: { from: PeerId; to: PeerId }[] }
  /** Answered once everything posted before it was read (so a departure's lost messages come before its close). */
  | { probe: number }
  | { probed: number };

/** A peer of another thread, as the thread's exchange sees it: where messages to it go. */
export interface RemoteEndpoint extends LocalEndpoint {
  readonly thread: number;
  readonly key: string;
}

export function isRemote(endpoint: LocalEndpoint): endpoint is RemoteEndpoint {
  return 'thread' in endpoint;
}

/**
 * Messages are remembered until the other thread is known to have read them. Each side writes the last seq it read into
 * the channel's shared `acks` (a store, no message and no wake-up), so when the other thread dies (terminated, crashed:
 * the port closes) what it never read goes back. A message that travelled as itself is forgotten once `acks` says it
 * was read (after each post, and on a sweep of a quiet thread's channels every SWEEP_MS): a receiver that had left
 * reports it `lost` with its body. A sealed frame's message, which a `lost` report names only by its seq, is kept until
 * the other thread answers a probe (everything posted before it was read, and any loss reported): a probe goes once
 * this many frames wait, or at the sweep. (A probe round trip every 64 messages or 50 ms of every channel, whatever
 * they carried, was 19 % of the posts between threads under the throughput figure's mix: bench/README.md, twenty-second
 * round.)
 */
const PROBE_AFTER = 64;
const SWEEP_MS = 50;
/**
 * Within one long turn of sends (what was read is otherwise forgotten after each post and at each sweep), the log's
 * length at which what the other thread has read (its shared `acks` says so) is forgotten before the next send. What it
 * has not read is never forgotten: the port's own queue holds those messages anyway, and they go back should that
 * thread die.
 */
const HANDBACK_MAX = 1024;
/** `acks` slots: what the thread that opened the channel read, and what the other read. */
const OPENER_READ = 0;
const ACCEPTER_READ = 1;

interface Logged {
  seq: number;
  from: LocalEndpoint;
  toId: PeerId;
  message: Message | InlinePart;
  /** It travelled as the message itself (not a sealed frame's bytes): a `lost` report of it carries it back. */
  travelled: boolean;
}

class Channel {
  private nextSeq = 1;
  private out: SendsBatch = emptyBatch();
  private flushing = false;
  private readonly log: Logged[] = [];
  /** The log's length at which what was read is next forgotten without a probe (forgetRead). */
  private forgetAt = HANDBACK_MAX;
  /** Who of this thread sent on this channel, to which ids: told when the channel closes. */
  readonly senders = new Map<PeerId, { endpoint: LocalEndpoint; to: Set<PeerId>; since: number }>();
  private nextProbe = 1;
  private readonly probes = new Map<number, () => void>();
  /** A probe to forget the frames that were read is under way. */
  private trimming = false;
  /** The last seq posted: what a probe can say was read. */
  private posted = 0;
  /** Sealed frames in the log: kept until a probe is answered. */
  private frames = 0;
  /** Probes posted on this channel (for tests: a probe is a round trip between the threads). */
  probesPosted = 0;
  closed = false;
  /** Where this side writes the last seq it read, and where it reads how far the other side read. */
  private readonly acks: Int32Array;
  private readonly readSlot: number;
  private readonly ackSlot: number;

  constructor(
    readonly thread: number,
    readonly port: MessagePort,
    acks: SharedArrayBuffer,
    opener: boolean,
    private readonly mesh: ThreadMesh,
  ) {
    this.acks = new Int32Array(acks);
    this.readSlot = opener ? OPENER_READ : ACCEPTER_READ;
    this.ackSlot = opener ? ACCEPTER_READ : OPENER_READ;
    port.on('message', (batch: ChannelBatch) => this.read(batch));
    port.unref(); // a thread is kept by its host, not by its channels
    port.once('close', () => this.onClose());
  }

  send(
    from: LocalEndpoint,
    to: RemoteEndpoint,
    toId: PeerId,
    carried: Carried,
    sourceHost: string,
    message: Message | InlinePart,
  ): void {
    const seq = this.nextSeq++;
    if (this.log.length >= this.forgetAt) this.forgetRead();
    this.log.push({ seq, from, toId, message, travelled: carried.kind === 'message' });
    if (carried.kind === 'frame') this.frames++;
    let sender = this.senders.get(from.id);
    if (sender === undefined || sender.endpoint !== from)
      this.senders.set(from.id, (sender = { endpoint: from, to: new Set(), since: seq }));
    sender.to.add(toId);
    appendSend(this.out, seq, from.id, to.key, toId, sourceHost, carried);
    if (this.flushing) return;
    this.flushing = true;
    // One post for what this turn sends there, once the sender returned.
    queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    this.flushing = false;
    const sends = this.out;
    this.out = emptyBatch();
    if (this.closed) return;
    if (TRACING) for (const sent of sendsOf(sends)) traceCarried(sent.from, 'mesh.post', sent.carried);
    this.post(sends);
    if (lastSeqOf(sends) !== 0) this.posted = lastSeqOf(sends);
    this.tidy(false);
  };

  /**
   * Forgets what the other thread read of the messages that travelled as themselves (no message needed: `acks`), and
   * probes for the frames once PROBE_AFTER wait (or at a sweep, `quiet`); the sweep comes back while any is kept.
   */
  tidy(quiet: boolean): void {
    if (this.closed || this.log.length === 0) return;
    this.forgetRead();
    if (this.log.length === 0) return;
    if (!this.trimming && this.frames >= (quiet ? 1 : PROBE_AFTER)) this.trim();
    this.mesh.sweepLater();
  }

  /**
   * Forgets what the other thread has read and would report lost with its body (the log's oldest, in seq order),
   * keeping the rest (frames, and what is unread). After each post, at a sweep, and past HANDBACK_MAX.
   */
  private forgetRead(): void {
    const read = Atomics.load(this.acks, this.ackSlot);
    let end = 0;
    let frames = 0;
    // Seqs compared as 32-bit counters, as onClose does.
    for (; end < this.log.length && ((this.log[end]!.seq - read) | 0) <= 0; end++)
      if (!this.log[end]!.travelled) frames++;
    if (frames === 0) this.log.splice(0, end);
    else this.log.splice(0, end, ...this.log.slice(0, end).filter((l) => !l.travelled));
    this.rearmForget();
  }

  /** The next forgetRead once PROBE_AFTER more are logged past what is kept now (at HANDBACK_MAX at the least). */
  private rearmForget(): void {
    this.forgetAt = Math.max(HANDBACK_MAX, this.log.length + PROBE_AFTER);
  }

  /** Forgets what was sent so far once the other thread answers a probe: it read all of it, and reported any lost. */
  private trim(): void {
    if (this.trimming) return;
    this.trimming = true;
    const upTo = this.posted;
    this.probe(() => {
      this.trimming = false;
      let kept = 0;
      while (kept < this.log.length && this.log[kept]!.seq <= upTo) if (!this.log[kept++]!.travelled) this.frames--;
      this.log.splice(0, kept);
      this.rearmForget();
      this.tidy(false);
    });
  }

  post(batch: ChannelBatch): void {
    try {
      this.port.postMessage(batch);
    } catch {
      // A message that cannot be cloned is a bug of ours: it is lost, as one a socket could not write.
    }
  }

  private read(batch: ChannelBatch): void {
    if (typeof batch !== 'object' || batch === null) return;
    if (Array.isArray(batch)) {
      // Read (handed to its peer, or to be handed back), before anything it does can throw.
      if (batch.length > FIRST_SEND) Atomics.store(this.acks, this.readSlot, lastSeqOf(batch));
      if (TRACING) for (const sent of sendsOf(batch)) traceCarried(sent.toId, 'mesh.read', sent.carried);
      this.mesh.deliver(this, batch);
    } else if ('lost' in batch) this.onLost(batch.lost);
    else if ('gone' in batch) this.closeGone(batch.gone);
    else if ('probe' in batch) this.post({ probed: batch.probe });
    else if ('probed' in batch) {
      this.probes.get(batch.probed)?.();
      this.probes.delete(batch.probed);
    }
  }

  // The rare kinds of post in methods of their own: read reads as what every batch does.

  /** Messages whose receiver had left when they arrived: handed back, then the receiver's close (once), as a connection's. */
  private onLost(lost: Extract<ChannelBatch, { lost: unknown }>['lost']): void {
    // What awaited an answer is taken before the hand-backs (LocalEndpoint.closing).
    const closes: (() => void)[] = [];
    // A report of what an earlier peer of the same id sent (it left, and another took its id since) is not this one's.
    const mine = (seq: number, from: PeerId) => {
      const sender = this.senders.get(from);
      return sender !== undefined && ((seq - sender.since) | 0) >= 0 ? sender : undefined;
    };
    for (const { seq, from, to } of lost) {
      const sender = mine(seq, from);
      if (sender?.to.delete(to)) closes.push(sender.endpoint.closing(to));
    }
    for (const { seq, from, to, body } of lost) {
      const sender = mine(seq, from);
      if (sender === undefined) continue;
      const message = body ?? this.log.find((l) => l.seq === seq)?.message;
      if (message !== undefined) sender.endpoint.lost(to, message);
    }
    for (const close of closes) close();
  }

  /** Receivers that left: lost messages still on their way back come first, the close once the other thread read this far. */
  private closeGone(gone: Extract<ChannelBatch, { gone: unknown }>['gone']): void {
    this.probe(() => {
      for (const { from, to } of gone) {
        const sender = this.senders.get(from);
        if (sender === undefined || !sender.to.delete(to)) continue;
        sender.endpoint.closing(to)();
      }
    });
  }

  private probe(then: () => void): void {
    this.probesPosted++;
    const n = this.nextProbe++;
    this.probes.set(n, then);
    this.post({ probe: n });
  }

  /** The other thread is gone: what it may not have read goes back, then each sender hears its connection closed. */
  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.mesh.closed(this);
    const read = Atomics.load(this.acks, this.ackSlot);
    this.out = emptyBatch();
    // Seqs compared as 32-bit counters (the shared slot wraps after 2^31 messages).
    // What awaited an answer is taken before the hand-backs (LocalEndpoint.closing).
    const closes: (() => void)[] = [];
    for (const [, { endpoint, to }] of this.senders)
      for (const id of to) if (this.mesh.hosts(endpoint)) closes.push(endpoint.closing(id));
    this.frames = 0;
    for (const l of this.log.splice(0)) if (((l.seq - read) | 0) > 0) this.handBack(l);
    for (const close of closes) close();
    this.senders.clear();
    for (const then of this.probes.values()) then();
    this.probes.clear();
  }

  private handBack(l: Logged): void {
    if (this.mesh.hosts(l.from)) l.from.lost(l.toId, l.message);
  }

  /** Messages kept to be handed back (for tests). */
  get remembered(): number {
    return this.log.length;
  }

  /** `endpoint` of this thread left: it hears nothing more of what it sent here. */
  forget(endpoint: LocalEndpoint): void {
    if (this.senders.get(endpoint.id)?.endpoint === endpoint) this.senders.delete(endpoint.id);
  }
}

/**
 * One thread's side: where the other threads' peers listen, the channels to those threads, and, for each peer of this
 * thread, which channels sent to it (told when it leaves).
 */
export class ThreadMesh {
  /** Address (host:port) to the peer of another thread listening there. */
  private readonly directory = new Map<string, RemoteEndpoint>();
  private readonly channels = new Map<number, Channel>();
  /** Per peer of this thread: who sent to it on which channel, under which ids. */
  private readonly heardFrom = new Map<LocalEndpoint, Map<Channel, Map<PeerId, Set<PeerId>>>>();
  /** One timer for all of this thread's channels: what was read is forgotten on a channel gone quiet too. */
  private sweepTimer: NodeJS.Timeout | undefined;

  /**
   * `toMain`: posts to the main thread. `hosted`: the peer of this thread at an address. `hosts`: whether a peer is
   * still one of this thread's.
   */
  constructor(
    private readonly toMain: (notice: MeshNotice, transfer?: MessagePort[]) => void,
    private readonly local: {
      hosted(key: string): LocalEndpoint | undefined;
      isHosted(endpoint: LocalEndpoint): boolean;
    },
  ) {}

  /** The main thread's news (a message on the thread's port); false when it is not the mesh's. */
  update(data: unknown): boolean {
    if (typeof data !== 'object' || data === null || !('ringdhtMesh' in data)) return false;
    const update = data as MeshUpdate;
    switch (update.ringdhtMesh) {
      case 'at':
        for (const key of update.addresses)
          this.directory.set(key, {
            id: -1,
            thread: update.thread,
            key,
            reading: update.reading,
            receive: unreachable,
            lost: unreachable,
            closing: unreachable,
          });
        break;
      case 'left':
        for (const key of update.addresses) this.directory.delete(key);
        break;
      case 'gone':
        for (const [key, remote] of this.directory) if (remote.thread === update.thread) this.directory.delete(key);
        break;
      case 'connected':
        // Two threads that opened channels to each other at once each keep their own for sending; both are read.
        if (!this.channels.has(update.thread))
          this.channels.set(update.thread, new Channel(update.thread, update.port, update.acks, false, this));
        else new Channel(update.thread, update.port, update.acks, false, this);
        break;
    }
    return true;
  }

  /** The peer of another thread at `key`, if the main thread said there is one. */
  at(key: string): RemoteEndpoint | undefined {
    return this.directory.get(key);
  }

  hosts(endpoint: LocalEndpoint): boolean {
    return this.local.isHosted(endpoint);
  }

  send(
    from: LocalEndpoint,
    to: RemoteEndpoint,
    toId: PeerId,
    carried: Carried,
    sourceHost: string,
    message: Message | InlinePart,
  ): void {
    let channel = this.channels.get(to.thread);
    if (channel === undefined) {
      const { port1, port2 } = new MessageChannel();
      const acks = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
      channel = new Channel(to.thread, port1, acks, true, this);
      this.channels.set(to.thread, channel);
      this.toMain({ ringdhtMesh: 'connect', thread: to.thread, port: port2, acks }, [port2]);
    }
    channel.send(from, to, toId, carried, sourceHost, message);
  }

  /** A channel remembers messages: the sweep runs within SWEEP_MS. */
  sweepLater(): void {
    if (this.sweepTimer !== undefined) return;
    this.sweepTimer = setTimeout(this.sweep, SWEEP_MS);
    this.sweepTimer.unref();
  }

  private readonly sweep = (): void => {
    this.sweepTimer = undefined;
    for (const channel of this.channels.values()) channel.tidy(true);
  };

  /** What arrived on `channel`, to this thread's peers; what finds its receiver gone goes back at once. */
  deliver(channel: Channel, batch: SendsBatch): void {
    let lost: { seq: number; from: PeerId; to: PeerId; body?: Message | InlinePart }[] | undefined;
    let failure: unknown;
    // One Sent filled per message in turn (readSend), not one made per message.
    const sent = blankSent();
    for (let i = FIRST_SEND; i < batch.length; ) {
      i = readSend(batch, i, sent);
      const endpoint = this.local.hosted(sent.to);
      if (endpoint === undefined) {
        (lost ??= []).push({
          seq: sent.seq,
          from: sent.from,
          to: sent.toId,
          ...(sent.carried.kind === 'message' ? { body: sent.carried.body } : {}),
        });
        continue;
      }
      let byChannel = this.heardFrom.get(endpoint);
      if (byChannel === undefined) this.heardFrom.set(endpoint, (byChannel = new Map()));
      let byFrom = byChannel.get(channel);
      if (byFrom === undefined) byChannel.set(channel, (byFrom = new Map()));
      let ids = byFrom.get(sent.from);
      if (ids === undefined) byFrom.set(sent.from, (ids = new Set()));
      ids.add(sent.toId);
      try {
        endpoint.receive(sent.carried, sent.sourceHost);
      } catch (error) {
        // It escapes to the thread, as a socket callback's would, once the rest were delivered.
        failure ??= error;
      }
    }
    if (lost !== undefined) channel.post({ lost });
    if (failure !== undefined) throw failure;
  }

  /** `endpoint` of this thread joined the exchange at `addresses`: the other threads are told through the main thread. */
  joined(endpoint: LocalEndpoint, addresses: string[]): void {
    this.toMain({ ringdhtMesh: 'joined', addresses, reading: endpoint.reading });
  }

  /** `endpoint` left: every thread that sent to it hears so, as from connections closing, after what it never read. */
  left(endpoint: LocalEndpoint, addresses: string[]): void {
    if (addresses.length > 0) this.toMain({ ringdhtMesh: 'left', addresses });
    for (const channel of this.channels.values()) channel.forget(endpoint);
    const byChannel = this.heardFrom.get(endpoint);
    this.heardFrom.delete(endpoint);
    if (byChannel === undefined) return;
    for (const [channel, byFrom] of byChannel) {
      const gone: { from: PeerId; to: PeerId }[] = [];
      for (const [from, ids] of byFrom) for (const to of ids) gone.push({ from, to });
      if (!channel.closed) channel.post({ gone });
    }
  }

  /** A channel's other end closed: its thread is gone, and so are the addresses it hosted. */
  closed(channel: Channel): void {
    if (this.channels.get(channel.thread) === channel) this.channels.delete(channel.thread);
    for (const [key, remote] of this.directory) if (remote.thread === channel.thread) this.directory.delete(key);
    for (const byChannel of this.heardFrom.values()) byChannel.delete(channel);
  }

  /** Channels open now (for tests and measurements). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Probes this thread posted on its channels (for tests). */
  get probesPosted(): number {
    let count = 0;
    for (const channel of this.channels.values()) count += channel.probesPosted;
    return count;
  }

  /** Messages sent on this thread's channels and kept until known read (for tests). */
  get remembered(): number {
    let count = 0;
    for (const channel of this.channels.values()) count += channel.remembered;
    return count;
  }
}

function unreachable(): never {
  throw new Error('a peer of another thread is reached through its channel');
}
