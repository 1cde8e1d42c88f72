// The messages one thread posts to another in a turn, as one flat array of numbers, strings and the message bodies, not
// an object per message with its envelope and hints nested in it. postMessage's clone costs per object and per key, on
// both threads: a round trip between two idle threads with a batch of one lookup took p50 115 µs nested against 85 flat
// (a number alone: 66), so ~15 µs of each crossing was the envelope's shape (bench/crossing.ts; bench/README.md,
// twentieth round). The bodies stay the objects the receiver's decoder would give.
import type { Message } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { InlinePart, PeerAddress } from '../wire/codec.ts';
import { type Carried, copyOfMessage } from './local-exchange.ts';

/** A message on its way: `to` the receiver's address (host:port), `toId` the id it was sent to. */
export interface Sent {
  seq: number;
  from: PeerId;
  to: string;
  toId: PeerId;
  carried: Carried;
  sourceHost: string;
}

/**
 * `[lastSeq, ...sends]`, each send `seq, from, to, toId, sourceHost, FRAME, bytes` or `seq, from, to, toId, sourceHost,
 * MESSAGE, body, carried.from, hintCount, (id, host, port) * hintCount`.
 */
export type SendsBatch = unknown[];

/** What a send carries: a sealed frame's bytes, or the message itself with its sender and address hints. */
const FRAME = 0;
const MESSAGE = 1;

/** A batch with nothing in it yet. */
export function emptyBatch(): SendsBatch {
  return [0];
}

export function appendSend(
  batch: SendsBatch,
  seq: number,
  from: PeerId,
  to: string,
  toId: PeerId,
  sourceHost: string,
  carried: Carried,
): void {
  batch[0] = seq;
  if (carried.kind === 'frame') {
    batch.push(seq, from, to, toId, sourceHost, FRAME, wholeBytes(carried.bytes));
    return;
  }
  batch.push(seq, from, to, toId, sourceHost, MESSAGE, carried.body, carried.from, carried.hints.length);
  // Indexed, not for-of: the array iterator was garbage of every message posted (bench/README.md, alloc29's round).
  const hints = carried.hints;
  for (let h = 0; h < hints.length; h++) batch.push(hints[h]!.id, hints[h]!.host, hints[h]!.port);
}

/**
 * A message for another thread as the batch carries it: the message itself, not a copy (postMessage's clone is the
 * copy, made at the end of the sender's turn: a message is not changed once sent, and the channel's log keeps the
 * original for its hand-backs already). Only byte arrays need one, since a view of a larger buffer (a pooled Buffer)
 * would be cloned with all of that buffer: the core's messages carry none (core/messages.ts), and of the codec's parts
 * only an inline file goes between peers' threads (transfers stay on sockets).
 */
export function postedBody(body: Message | InlinePart): Message | InlinePart {
  return body.type === 'inlineFile' ? copyOfMessage(body) : body;
}

/** Bytes that are their buffer's whole (a sealed frame from protobufjs's writer may be a view of its pool). */
function wholeBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** The last seq a batch carries (0 when it carries none). */
export function lastSeqOf(batch: SendsBatch): number {
  return batch[0] as number;
}

export function sendsOf(batch: SendsBatch): Sent[] {
  const sends: Sent[] = [];
  for (let i = FIRST_SEND; i < batch.length; ) {
    const sent = blankSent();
    i = readSend(batch, i, sent);
    sends.push(sent);
  }
  return sends;
}

/** Where a batch's first send starts: `readSend` from here while below its length. */
export const FIRST_SEND = 1;

/** A Sent to be filled by `readSend`. */
export function blankSent(): Sent {
  return { seq: 0, from: 0, to: '', toId: 0, sourceHost: '', carried: { kind: 'frame', bytes: EMPTY_BYTES } };
}

const EMPTY_BYTES = new Uint8Array(0);

/**
 * Reads the send at `i` into `into` (its fields overwritten; its `carried` a new object, which the receiver may keep),
 * returning where the next starts. A batch read this way makes no object per message but the carried one (a reader
 * fills one Sent for a whole batch: an object and an array entry per message were garbage of every crossing).
 */
export function readSend(batch: SendsBatch, i: number, into: Sent): number {
  into.seq = batch[i] as number;
  into.from = batch[i + 1] as PeerId;
  into.to = batch[i + 2] as string;
  into.toId = batch[i + 3] as PeerId;
  into.sourceHost = batch[i + 4] as string;
  if (batch[i + 5] === FRAME) {
    into.carried = { kind: 'frame', bytes: batch[i + 6] as Uint8Array };
    return i + 7;
  }
  const body = batch[i + 6] as Message | InlinePart;
  const carriedFrom = batch[i + 7] as PeerId;
  const hintCount = batch[i + 8] as number;
  let next = i + 9;
  const hints: PeerAddress[] = new Array(hintCount);
  for (let h = 0; h < hintCount; h++, next += 3)
    hints[h] = { id: batch[next] as PeerId, host: batch[next + 1] as string, port: batch[next + 2] as number };
  into.carried = { kind: 'message', from: carriedFrom, body, hints };
  return next;
}
