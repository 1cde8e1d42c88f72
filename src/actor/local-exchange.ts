// Peers hosted on one thread hand each other their kept-open connections' messages in memory, without the loopback
// TCP stack between them: as the decoded message the receiver would read off the connection (a copy), or, where the
// receiver checks what it reads differently (a ring secret, other limits), as the frame's bytes, which it reads as it
// reads a frame. The thread's host makes one exchange and gives it to each of its actors' transports; an actor never
// asks where the others are hosted, only whether something listens at an address in this thread.
import type { Message } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { InlinePart, PeerAddress } from '../wire/codec.ts';
import { type Address, addressKey } from './addresses.ts';
import { isRemote, type ThreadMesh } from './thread-mesh.ts';

/**
 * What travels: a frame's payload (encoded, and sealed with a secret, as for the wire), or the message a decoder would
 * give for it: the sender's id, the message (a copy the sender keeps no reference to) and its envelope's address hints.
 */
export type Carried =
  | { kind: 'frame'; bytes: Uint8Array }
  | { kind: 'message'; from: PeerId; body: Message | InlinePart; hints: readonly PeerAddress[] };

/**
 * A copy of a message (or any part of one) sharing nothing with it: what `structuredClone` gives for the plain objects,
 * arrays, strings, numbers and byte arrays messages are made of (bytes as plain Uint8Arrays, `undefined` fields kept),
 * in a few hundred nanoseconds where `structuredClone`'s serialise-then-deserialise took 2-14 µs a message
 * (bench/README.md, sixteenth round). Anything else (a class instance, a Map) goes through `structuredClone`.
 */
export function copyOfMessage<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyOfMessage(value[i] as unknown);
    return out as T;
  }
  if (value instanceof Uint8Array) return new Uint8Array(value) as T;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  // for-in, not Object.keys: no array of keys made per object copied (the prototype is Object's or none, checked
  // above, so every key enumerated is the object's own; alloc29's round).
  for (const key in value) out[key] = copyOfMessage((value as Record<string, unknown>)[key]);
  return out as T;
}

/** One peer's side of the exchange: how messages reach it, and how it hears what became of those it sent. */
export interface LocalEndpoint {
  /** The peer's id. */
  readonly id: PeerId;
  /**
   * How this peer reads: two peers whose readings are the same string decode the same bytes to the same message, so
   * one may hand the other the message itself. Undefined: only frames (this peer checks a ring secret's seal).
   */
  readonly reading: string | undefined;
  /** What a peer of this thread sent, as read off a kept-open connection from `sourceHost` (the sender's address). */
  receive(carried: Carried, sourceHost: string): void;
  /** A message this peer sent to `to` was never read: `to` left (was killed, crashed or quit) before its turn came. */
  lost(to: PeerId, message: Message | InlinePart): void;
  /**
   * `to`, to which this peer sent, left: as its connection closing (what awaits an answer from it fails). Called before
   * what `to` did not read is handed back (`lost`), it returns what to call after: a hand-back's callback may send to
   * `to` again at once (over TCP now), which this close must not take for its own.
   */
  closing(to: PeerId): () => void;
}

interface Pending {
  from: LocalEndpoint;
  to: LocalEndpoint;
  toId: PeerId;
  carried: Carried;
  sourceHost: string;
  message: Message | InlinePart;
  /** Its receiver left first: handed back instead. */
  lost: boolean;
}

/** No batch being delivered (never added to: a batch is delivered from the queue it was). */
const NOTHING: readonly Pending[] = Object.freeze([]);

/** At most this many batches in a row go as microtasks; the next waits for a turn of the event loop. */
export const TURN_EVERY_BATCHES = 16;

/**
 * Where the peers of one thread listen, and the frames on their way between them. Frames are delivered in the order
 * they were sent (so in order per pair, as one connection keeps them), never while the sender runs, and a batch at a
 * time: frames sent while a batch is being delivered wait for the next batch. A batch goes as a microtask, once what
 * sent its first frame has returned (a turn of the event loop cost ~3.5 µs of CPU on this VM, half of a message's
 * cost here: bench/README.md, sixteenth round), but every TURN_EVERY_BATCHES-th waits for a turn of the loop, so a
 * ping-pong between peers of the thread never starves its timers and sockets for longer than that many batches.
 * Unlike a socket's read, a batch can come between a sender's own promise continuations.
 */
export class LocalExchange {
  private readonly listening = new Map<string, LocalEndpoint>();
  /** For each endpoint, who sent to it and under which ids: told when it leaves. */
  private readonly senders = new Map<LocalEndpoint, Map<LocalEndpoint, Set<PeerId>>>();
  private queue: Pending[] = [];
  /** The batch being delivered now, and how far: a receiver that leaves meanwhile loses the rest of its frames. */
  private delivering: readonly Pending[] = NOTHING;
  private next = 0;
  private scheduled = false;
  /** Batches delivered as microtasks since the last that waited for a turn of the loop. */
  private withoutTurn = 0;

  /**
   * `mesh`: the peers of the process's other threads (src/actor/thread-mesh.ts), reached over MessagePorts. None: only
   * this thread's.
   */
  constructor(readonly mesh?: ThreadMesh) {}

  /** `endpoint` listens at `addresses` (every address a TCP connection to it could be made to) until it leaves. */
  join(endpoint: LocalEndpoint, addresses: readonly Address[]): void {
    const keys = addresses.map(addressKey);
    for (const key of keys) this.listening.set(key, endpoint);
    this.senders.set(endpoint, new Map());
    this.mesh?.joined(endpoint, keys);
  }

  /** The peer of this process listening at `address`, if any: of this thread, or (with a mesh) of another. */
  at(address: Address): LocalEndpoint | undefined {
    return this.atKey(addressKey(address));
  }

  /** `at`, by the address's key (host:port). */
  atKey(key: string): LocalEndpoint | undefined {
    return this.listening.get(key) ?? this.mesh?.at(key);
  }

  /** The peer of this thread listening at `key` (host:port), if any. */
  hosted(key: string): LocalEndpoint | undefined {
    return this.listening.get(key);
  }

  /** Whether `endpoint` is one of this thread's peers (it has not left). */
  isHosted(endpoint: LocalEndpoint): boolean {
    return this.senders.has(endpoint);
  }

  /**
   * Queues what `from` sends to `to`, which this thread hosts (`at`). `message` is the sender's own, handed back should
   * `to` leave before reading it.
   */
  send(
    from: LocalEndpoint,
    to: LocalEndpoint,
    toId: PeerId,
    carried: Carried,
    sourceHost: string,
    message: Message | InlinePart,
  ): void {
    if (isRemote(to)) return this.mesh!.send(from, to, toId, carried, sourceHost, message);
    const senders = this.senders.get(to);
    if (senders === undefined) throw new Error('a frame sent in-process to a peer that left');
    let ids = senders.get(from);
    if (ids === undefined) senders.set(from, (ids = new Set()));
    ids.add(toId);
    this.queue.push({ from, to, toId, carried, sourceHost, message, lost: false });
    this.schedule();
  }

  /** The queue is delivered once the sender returned (once, however many frames join it meanwhile). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (++this.withoutTurn < TURN_EVERY_BATCHES) queueMicrotask(this.deliver);
    else {
      this.withoutTurn = 0;
      setImmediate(this.deliver);
    }
  }

  /**
   * `endpoint` stops listening (it was killed, crashed or is closing): frames on their way to it are lost, and each
   * peer that sent to it hears so as from a connection that closed, in a later turn (as a socket's close event):
   * what it may not have read, then the close.
   */
  leave(endpoint: LocalEndpoint): void {
    const senders = this.senders.get(endpoint);
    if (senders === undefined) return;
    this.senders.delete(endpoint);
    const keys: string[] = [];
    for (const [k, e] of this.listening)
      if (e === endpoint) {
        this.listening.delete(k);
        keys.push(k);
      }
    this.mesh?.left(endpoint, keys);
    const lost: Pending[] = [];
    const take = (pending: Pending) => {
      if (pending.to !== endpoint || pending.lost) return;
      pending.lost = true;
      lost.push(pending);
    };
    for (let i = this.next; i < this.delivering.length; i++) take(this.delivering[i]!);
    for (const pending of this.queue) take(pending);
    for (const other of this.senders.values()) other.delete(endpoint); // a sender that leaves hears nothing more
    if (senders.size === 0 && lost.length === 0) return;
    setImmediate(() => {
      const closed: (() => void)[] = [];
      for (const [from, ids] of senders)
        if (this.senders.has(from)) for (const id of ids) closed.push(from.closing(id));
      for (const p of lost) if (this.senders.has(p.from)) p.from.lost(p.toId, p.message);
      for (const close of closed) close();
    });
  }

  /** How many frames are on their way now (for tests). */
  get pending(): number {
    let count = 0;
    for (let i = this.next; i < this.delivering.length; i++) if (!this.delivering[i]!.lost) count++;
    for (const pending of this.queue) if (!pending.lost) count++;
    return count;
  }

  private readonly deliver = (): void => {
    this.scheduled = false;
    this.delivering = this.queue;
    this.queue = [];
    try {
      for (this.next = 0; this.next < this.delivering.length; ) {
        const pending = this.delivering[this.next++]!;
        if (!pending.lost) pending.to.receive(pending.carried, pending.sourceHost);
      }
    } finally {
      // An exception escapes to the thread as a socket callback's would; the frames after it still go, in the next batch.
      // Sliced only when something is left (an empty array made per batch otherwise).
      const rest = this.next < this.delivering.length ? this.delivering.slice(this.next) : undefined;
      this.delivering = NOTHING;
      this.next = 0;
      if (rest !== undefined) {
        this.queue = rest.concat(this.queue);
        this.schedule();
      }
    }
  };
}
