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
