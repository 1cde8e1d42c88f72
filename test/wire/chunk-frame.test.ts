// A file chunk's frame written in pieces (the fields, then the data uncopied) is byte for byte the codec's frame, and
// the receiving peer reads back the same chunk, sealed or not.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';

const LIMITS = { idBits: 32, maxFileBytes: 1 << 30, maxChunkBytes: 1 << 21 };
/** Around each varint length boundary, and the default chunk size. */
const SIZES = [1, 2, 127, 128, 16_383, 16_384, 262_144, 2_097_151, 2_097_152];
const FROMS = [0, 1, 127, 128, 255, 16_384, 2 ** 32 - 1];

const codec = (self: number, secret?: Buffer) =>
  new EdgeCodec({ self, limits: LIMITS, secret, replayWindowMs: 30_000, nonceCacheEntries: 64 });

test('unsealed: the pieces are the frame of the encoded envelope, byte for byte', () => {
  for (const from of FROMS)
    for (const size of SIZES) {
      const data = randomBytes(size);
      const pieces = codec(from).chunkFrame(7, data);
      assert.equal(pieces.length, 2);
      assert.equal(pieces[1], data, 'the data is not copied');
      const expected = frame(encodeEnvelope(from, { type: 'transferChunk', data }));
      assert.ok(Buffer.concat(pieces).equals(expected), `from ${from}, ${size} bytes`);
    }
});

test('sealed or not, the receiver decodes the chunk the sender framed', () => {
  const secret = Buffer.from('correct horse battery staple');
  for (const key of [undefined, secret]) {
    const data = randomBytes(262_144);
    const bytes = Buffer.concat(codec(3, key).chunkFrame(9, data));
    const { frames, error } = new FrameDecoder(1 << 22).push(bytes);
    assert.equal(error, undefined);
    assert.equal(frames.length, 1);
    const decoded = codec(9, key).decode(frames[0]!);
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.detail);
    assert.equal(decoded.from, 3);
    assert.ok(decoded.body.type === 'transferChunk' && Buffer.from(decoded.body.data).equals(data));
  }
});

/** `bytes` cut at `sizes` (cycled) into the chunks of socket reads. */
function cut(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** Every frame of `reads`, each as the pieces pushPieces hands out. */
function framesOf(reads: Buffer[]): Buffer[][] {
  const decoder = new FrameDecoder(1 << 22);
  const frames: Buffer[][] = [];
  for (const read of reads) {
    const { frames: more, error } = decoder.pushPieces(read);
    assert.equal(error, undefined);
    frames.push(...more);
  }
  return frames;
}

test('a chunk frame read in pieces (socket reads) is read in place: the sender, and the data in pieces, not joined', () => {
  for (const from of FROMS)
    for (const size of [1, 128, 16_384, 262_144, 2_097_152])
      for (const reads of [[65_536], [3], [1, 17, 4_000], [7, 65_529]]) {
        const data = randomBytes(size);
        const bytes = Buffer.concat(codec(from).chunkFrame(7, data));
        const frames = framesOf(cut(bytes, reads));
        assert.equal(frames.length, 1);
        const pieces = frames[0]!;
        if (pieces.length === 1) continue; // in one read: the codec reads it, no copy to save
        const chunk = codec(7).chunkPieces(pieces);
        assert.ok(chunk !== undefined, `from ${from}, ${size} bytes in reads of ${reads}`);
        assert.equal(chunk.from, from);
        assert.ok(Buffer.concat(chunk.data).equals(data), `from ${from}, ${size} bytes in reads of ${reads}`);
        // Pieces of the reads themselves: the data is not copied.
        assert.ok(chunk.data.every((piece) => pieces.some((p) => p.buffer === piece.buffer)));
      }
});

test('anything but an unsealed chunk within the limits is left to the codec', () => {
  const inPieces = (bytes: Buffer) => framesOf(cut(bytes, [5, 1000]))[0]!;
  const sealed = Buffer.from('correct horse battery staple');
  const data = randomBytes(5_000);
  // Sealed: the seal covers the envelope, so the codec checks it.
  assert.equal(codec(9, sealed).chunkPieces(inPieces(Buffer.concat(codec(3, sealed).chunkFrame(9, data)))), undefined);
  // Other messages of a transfer connection.
  for (const body of [
    { type: 'transferEnd' as const, sha256: randomBytes(32) },
    { type: 'transferAck' as const, ok: false, error: 'x'.repeat(3_000) },
  ])
    assert.equal(codec(9).chunkPieces(inPieces(frame(encodeEnvelope(3, body)))), undefined);
  // A chunk over the receiver's limit.
  const small = new EdgeCodec({
    self: 9,
    limits: { ...LIMITS, maxChunkBytes: 4_999 },
    replayWindowMs: 30_000,
    nonceCacheEntries: 64,
  });
  assert.equal(small.chunkPieces(inPieces(Buffer.concat(codec(3).chunkFrame(9, data)))), undefined);
  // A sender outside the ring's ids.
  const narrow = new EdgeCodec({
    self: 9,
    limits: { ...LIMITS, idBits: 8 },
    replayWindowMs: 30_000,
    nonceCacheEntries: 64,
  });
  assert.equal(narrow.chunkPieces(inPieces(Buffer.concat(codec(300).chunkFrame(9, data)))), undefined);
  // A chunk envelope with a field after the data (the data would not run to its end).
  const longer = encodeEnvelope(3, { type: 'transferChunk', data });
  const extra = Buffer.concat([longer, Buffer.from([0x08, 0x05])]);
  assert.equal(codec(9).chunkPieces(inPieces(frame(extra))), undefined);
  // Lengths inside that do not add up to the frame's.
  const broken = Buffer.from(Buffer.concat(codec(3).chunkFrame(9, data)));
  broken.writeUInt8(broken[8]! ^ 0x01, 8); // the TransferChunk's length varint (after from 3 and the field's tag)
  assert.equal(codec(9).chunkPieces(inPieces(broken)), undefined);
});
