// A file chunk's frame without copying the chunk: the frame's length, the envelope's and the TransferChunk's fields
// are a few bytes in front of the data, so a chunk goes to the socket as those bytes and the data as it was read
// (protobufjs copies the data into the envelope, and frame() copies that again behind its length: 8 % of a 1 MiB
// transfer's CPU). Byte for byte what the codec encodes (test/wire/chunk-frame.test.ts checks it against it).
import { FRAME_HEADER_BYTES } from './framing.ts';

/** Envelope.from: field 1, varint. */
const FROM_TAG = 0x08;
/** Envelope.transfer_chunk: field 21, length-delimited (170 as a varint). */
const TRANSFER_CHUNK_TAG = [0xaa, 0x01];
/** TransferChunk.data: field 1, length-delimited. */
const DATA_TAG = 0x0a;

function varintBytes(value: number): number {
  let bytes = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    bytes++;
  }
  return bytes;
}

function writeVarint(out: Buffer, at: number, value: number): number {
  while (value >= 0x80) {
    out[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 0x80);
  }
  out[at++] = value;
  return at;
}

/**
 * The bytes in front of `dataBytes` of chunk data in the frame of an unsealed Envelope { from, transferChunk: { data } }:
 * the frame's 4-byte length, then the envelope's fields up to the data. Proto3 leaves out a zero `from` and empty data.
 */
export function chunkFramePrefix(from: number, dataBytes: number): Buffer {
  const chunkBytes = dataBytes === 0 ? 0 : 1 + varintBytes(dataBytes) + dataBytes;
  const fromBytes = from === 0 ? 0 : 1 + varintBytes(from);
  const envelopeBytes = fromBytes + TRANSFER_CHUNK_TAG.length + varintBytes(chunkBytes) + chunkBytes;
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + envelopeBytes - dataBytes);
  out.writeUInt32BE(envelopeBytes, 0);
  let at = FRAME_HEADER_BYTES;
  if (from !== 0) {
    out[at++] = FROM_TAG;
    at = writeVarint(out, at, from);
  }
  for (const byte of TRANSFER_CHUNK_TAG) out[at++] = byte;
  at = writeVarint(out, at, chunkBytes);
  if (dataBytes > 0) {
    out[at++] = DATA_TAG;
    at = writeVarint(out, at, dataBytes);
  }
  return out;
}

/** A varint at `at` of at most 5 bytes (32 bits): its value and where it ends, or undefined past `head`'s end. */
function readVarint(head: Uint8Array, at: number): { value: number; end: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5 && at + i < head.length; i++) {
    const byte = head[at + i]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, end: at + i + 1 };
  }
  return undefined;
}

/** The longest prefix `chunkFramePrefix` writes after the frame's length (tags and 5-byte varints). */
export const CHUNK_PREFIX_MAX_BYTES = 1 + 5 + TRANSFER_CHUNK_TAG.length + 5 + 1 + 5;

/**
 * The receiving end of chunkFramePrefix: where the data starts in an envelope of `envelopeBytes` whose first bytes are
 * `head`, and the sender, if the envelope is exactly an unsealed Envelope { from, transferChunk: { data } } as
 * chunkFramePrefix writes it; else undefined (anything else goes through the codec).
 */
export function chunkDataOffset(
  head: Uint8Array,
  envelopeBytes: number,
): { from: number; dataOffset: number; dataBytes: number } | undefined {
  let at = 0;
  let from = 0;
  if (head[at] === FROM_TAG) {
    const v = readVarint(head, at + 1);
    if (v === undefined) return undefined;
    from = v.value;
    at = v.end;
  }
  if (head[at] !== TRANSFER_CHUNK_TAG[0] || head[at + 1] !== TRANSFER_CHUNK_TAG[1]) return undefined;
  const chunk = readVarint(head, at + TRANSFER_CHUNK_TAG.length);
  if (chunk === undefined || chunk.end + chunk.value !== envelopeBytes || head[chunk.end] !== DATA_TAG)
    return undefined;
  const data = readVarint(head, chunk.end + 1);
  if (data === undefined || data.value === 0 || data.end + data.value !== envelopeBytes) return undefined;
  return { from, dataOffset: data.end, dataBytes: data.value };
}
