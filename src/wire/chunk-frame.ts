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
