// The wire's edge: bytes to and from messages for one peer, sealed with the ring secret when there is one.
// With a secret, every datagram and frame is a Sealed (proto/ringdht.proto): an HMAC-SHA256 over the recipient,
// a timestamp, a nonce and the Envelope's bytes. It is checked before the Envelope is even parsed, so a process
// without the secret can neither join, store, request nor forge a departure; a copy sent again is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isId, type PeerId } from '../core/ring.ts';
import {
  decodeEnvelope,
  encodeEnvelope,
  encodeEnvelopeFrame,
  type Body,
  type DecodeError,
  type DecodeLimits,
  type Decoded,
  type PeerAddress,
} from './codec.ts';
import { CHUNK_PREFIX_MAX_BYTES, chunkDataOffset, chunkFramePrefix } from './chunk-frame.ts';
import { frame } from './framing.ts';
import { ringdht } from './gen/ringdht.js';

/** 'unauthenticated': not sealed, or the mac is wrong (no secret, another secret, or altered bytes);
 *  'stale': stamped outside the replay window; 'replayed': a nonce already seen. */
export type SealError = 'unauthenticated' | 'stale' | 'replayed';
export type EdgeError = DecodeError | SealError;
export type EdgeDecoded = Decoded | { ok: false; reason: SealError; detail: string };

export const NONCE_BYTES = 16;
export const MAC_BYTES = 32;
const CONTEXT = Buffer.from('ringdht-seal-1');

export interface EdgeOptions {
  /** This peer: sealed messages must be addressed to it. */
  self: PeerId;
  limits: DecodeLimits;
  /** The ring secret; none: bare envelopes, nothing checked beyond the codec. */
  secret?: Uint8Array | null;
  replayWindowMs: number;
  nonceCacheEntries: number;
  /** Wall-clock ms (peers in different processes compare stamps). */
  now?: () => number;
}

/** The first `bytes` of `pieces` (fewer if they hold fewer), copying only those. */
function headOf(pieces: readonly Uint8Array[], bytes: number): Uint8Array {
  if (pieces[0]!.length >= bytes) return pieces[0]!;
  const head: Uint8Array[] = [];
  for (let left = bytes, i = 0; left > 0 && i < pieces.length; i++) {
    head.push(pieces[i]!.subarray(0, left));
    left -= head[head.length - 1]!.length;
  }
  return Buffer.concat(head);
}

/**
 * The nonces one peer seals with: 8 random bytes drawn once, then a 64-bit counter from a random start, so each nonce
 * costs no call to the random source (15-55 µs each on this VM, one per sealed frame and datagram).
 *
 * Why a counter is enough: the mac (HMAC-SHA256 under the ring secret) is what keeps out anyone without the secret,
 * whatever the nonce; the nonce is not secret (it travels in clear) and needs no unpredictability. Its one job is to make
 * each sealed message unique, so that a receiver's NonceCache refuses a copy sent again within the replay window. A
 * counter never repeats within one peer's life (2^64 messages); another peer's, or this peer's after a restart, starts
 * from another random 128-bit point, and two such sequences overlap with odds of about (messages × peers²) / 2^128.
 */
export class NonceCounter {
  private readonly prefix = randomBytes(8);
  private high: number;
  private low: number;

  constructor() {
    const start = randomBytes(8);
    this.high = start.readUInt32BE(0);
    this.low = start.readUInt32BE(4);
  }

  next(): Buffer {
    this.low = (this.low + 1) >>> 0;
    if (this.low === 0) this.high = (this.high + 1) >>> 0;
    const nonce = Buffer.allocUnsafe(NONCE_BYTES);
    this.prefix.copy(nonce, 0);
    nonce.writeUInt32BE(this.high, 8);
    nonce.writeUInt32BE(this.low, 12);
    return nonce;
  }
}

export class EdgeCodec {
  private readonly nonces: NonceCache | undefined;
  private readonly sealNonces: NonceCounter | undefined;
  private readonly now: () => number;

  constructor(private readonly options: EdgeOptions) {
    this.now = options.now ?? Date.now;
    if (options.secret) {
      this.nonces = new NonceCache(options.nonceCacheEntries);
      this.sealNonces = new NonceCounter();
    }
  }

  get sealed(): boolean {
    return this.nonces !== undefined;
  }

  /** What decode lets through (ids, file and chunk sizes). */
  get limits(): DecodeLimits {
    return this.options.limits;
  }

  /** One datagram or frame payload from this peer to `to`, with address hints for the receiver's address book. */
  encode(to: PeerId, body: Body, addresses: readonly PeerAddress[] = []): Uint8Array {
    const envelope = encodeEnvelope(this.options.self, body, addresses);
    const secret = this.options.secret;
    if (!secret) return envelope;
    const timestampMs = this.now();
    const nonce = this.sealNonces!.next();
    const mac = macOf(secret, to, timestampMs, nonce, envelope);
    return ringdht.Sealed.encode({ envelope, timestampMs, nonce, mac }).finish();
  }

  /** As encode, as a whole TCP frame (its length first); unsealed, encoded in place behind its length. */
  frame(to: PeerId, body: Body, addresses: readonly PeerAddress[] = []): Buffer {
    if (this.options.secret) return frame(this.encode(to, body, addresses));
    return encodeEnvelopeFrame(this.options.self, body, addresses);
  }

  /**
   * The frame of a file chunk to `to`, in pieces to write one after the other: unsealed, the fields in front of the data
   * and the data itself, not copied; sealed, one piece (the seal covers the envelope's bytes).
   */
  chunkFrame(to: PeerId, data: Uint8Array): Uint8Array[] {
    if (this.options.secret) return [frame(this.encode(to, { type: 'transferChunk', data }))];
    return [chunkFramePrefix(this.options.self, data.length), data];
  }

  /**
   * A file chunk's frame that arrived in pieces (several socket reads), read without joining them: the sender and the
   * data's pieces, if it is an unsealed chunk as chunkFrame writes it, within the limits; else undefined, and the
   * frame goes through `decode`, joined (sealed frames always: the seal covers the envelope's bytes).
   */
  chunkPieces(pieces: readonly Uint8Array[]): { from: PeerId; data: Uint8Array[] } | undefined {
    if (this.sealed || pieces.length < 2) return undefined;
    let envelopeBytes = 0;
    for (const piece of pieces) envelopeBytes += piece.length;
    const found = chunkDataOffset(headOf(pieces, CHUNK_PREFIX_MAX_BYTES), envelopeBytes);
    const limits = this.options.limits;
    if (found === undefined || found.dataBytes > limits.maxChunkBytes || !isId(found.from, limits.idBits))
      return undefined;
    const data: Uint8Array[] = [];
    let skip = found.dataOffset;
    for (const piece of pieces) {
      if (skip >= piece.length) skip -= piece.length;
      else {
        data.push(skip === 0 ? piece : piece.subarray(skip));
        skip = 0;
      }
    }
    return { from: found.from, data };
  }

  /** Checks the seal (with a secret), then decodes and validates the envelope. Never throws. */
  decode(bytes: Uint8Array): EdgeDecoded {
    const secret = this.options.secret;
    if (!secret) return decodeEnvelope(bytes, this.options.limits);
    const opened = this.open(secret, bytes);
    if (!opened.ok) return opened;
    return decodeEnvelope(opened.envelope, this.options.limits);
  }

  private open(
    secret: Uint8Array,
    bytes: Uint8Array,
  ): { ok: true; envelope: Uint8Array } | { ok: false; reason: SealError; detail: string } {
    let sealed: ringdht.Sealed;
    try {
      sealed = ringdht.Sealed.decode(bytes);
    } catch {
      return {
        ok: false,
        reason: 'unauthenticated',
        detail: 'not a sealed message (does the sender have the ring secret?)',
      };
    }
    const { envelope, timestampMs, nonce, mac } = sealed;
    // Exactly the bytes a sender encodes, nothing added: no second copy of a field, no trailing fields a mac would not cover.
    if (
      nonce.length !== NONCE_BYTES ||
      mac.length !== MAC_BYTES ||
      !Number.isFinite(timestampMs) ||
      !isCanonical(sealed, bytes)
    ) {
      return {
        ok: false,
        reason: 'unauthenticated',
        detail: 'not a sealed message (does the sender have the ring secret?)',
      };
    }
    const window = this.options.replayWindowMs;
    const skew = timestampMs - this.now();
    if (Math.abs(skew) > window) {
      return {
        ok: false,
        reason: 'stale',
        detail: `stamped ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'ago' : 'ahead'}, outside the ${window / 1000} s window`,
      };
    }
    // Verified before the nonce is remembered: only holders of the secret can fill the cache.
    if (!timingSafeEqual(macOf(secret, this.options.self, timestampMs, nonce, envelope), mac)) {
      return {
        ok: false,
        reason: 'unauthenticated',
        detail: 'the message authentication code does not match (another secret, or altered bytes)',
      };
    }
    if (!this.nonces!.add(nonce, timestampMs, this.now() - window))
      return { ok: false, reason: 'replayed', detail: 'a message already received was sent again' };
    return { ok: true, envelope };
  }

  /** Nonces remembered now (for `stats`). */
  get rememberedNonces(): number {
    return this.nonces?.size ?? 0;
  }
}

function isCanonical(sealed: ringdht.Sealed, bytes: Uint8Array): boolean {
  return Buffer.from(ringdht.Sealed.encode(sealed).finish()).equals(bytes);
}

function macOf(secret: Uint8Array, to: PeerId, timestampMs: number, nonce: Uint8Array, envelope: Uint8Array): Buffer {
  const fixed = Buffer.allocUnsafe(12);
  fixed.writeUInt32BE(to >>> 0, 0);
  fixed.writeDoubleBE(timestampMs, 4);
  return createHmac('sha256', secret).update(CONTEXT).update(fixed).update(nonce).update(envelope).digest();
}

/**
 * Nonces seen within the replay window, bounded: when full, the oldest is forgotten and nothing stamped at or
 * before it is accepted any more (the window narrows rather than letting a forgotten nonce be replayed).
 */
export class NonceCache {
  /** Insertion order, which is nearly stamp order; value: the message's stamp. */
  private readonly seen = new Map<string, number>();
  private floorMs = -Infinity;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.seen.size;
  }

  /** False if `nonce` was seen, or its stamp is at or below what the cache has forgotten. */
  add(nonce: Uint8Array, stampMs: number, oldestAcceptedMs: number): boolean {
    if (stampMs <= this.floorMs) return false;
    const key = Buffer.from(nonce.buffer, nonce.byteOffset, nonce.byteLength).toString('base64');
    if (this.seen.has(key)) return false;
    // Entries older than the window can no longer be replayed (the stamp check refuses them): forget them.
    for (const [old, stamp] of this.seen) {
      if (stamp >= oldestAcceptedMs && this.seen.size < this.capacity) break;
      this.seen.delete(old);
      if (stamp >= oldestAcceptedMs) this.floorMs = Math.max(this.floorMs, stamp);
    }
    this.seen.set(key, stampMs);
    return true;
  }
}
