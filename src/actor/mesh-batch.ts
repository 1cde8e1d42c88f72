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
  for (const hint of carried.hints) batch.push(hint.id, hint.host, hint.port);
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
  let i = 1;
  while (i < batch.length) {
    const seq = batch[i] as number;
    const from = batch[i + 1] as PeerId;
    const to = batch[i + 2] as string;
    const toId = batch[i + 3] as PeerId;
    const sourceHost = batch[i + 4] as string;
    if (batch[i + 5] === FRAME) {
      sends.push({ seq, from, to, toId, sourceHost, carried: { kind: 'frame', bytes: batch[i + 6] as Uint8Array } });
      i += 7;
      continue;
    }
    const body = batch[i + 6] as Message | InlinePart;
    const carriedFrom = batch[i + 7] as PeerId;
    const hintCount = batch[i + 8] as number;
    i += 9;
    const hints: PeerAddress[] = [];
    for (let h = 0; h < hintCount; h++, i += 3)
      hints.push({ id: batch[i] as PeerId, host: batch[i + 1] as string, port: batch[i + 2] as number });
    sends.push({ seq, from, to, toId, sourceHost, carried: { kind: 'message', from: carriedFrom, body, hints } });
  }
  return sends;
}
