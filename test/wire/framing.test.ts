// Tests for TCP framing: round trips, frames split at every byte, many frames per chunk, oversize headers.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, encodeEnvelope, encodeEnvelopeFrame, type Body } from '../../src/wire/codec.ts';
import { frame, FrameDecoder, FRAME_HEADER_BYTES } from '../../src/wire/framing.ts';

const payloads = [
  Buffer.from('hello'),
  Buffer.alloc(0),
  Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  Buffer.alloc(0),
  Buffer.from('x'),
];
const stream = Buffer.concat(payloads.map((p) => frame(p)));

/** Feeds `chunks` to a fresh decoder and collects every frame. */
function decodeAll(
  chunks: Buffer[],
  maxFrameBytes = 1024,
): { frames: Buffer[]; error?: string; decoder: FrameDecoder } {
  const decoder = new FrameDecoder(maxFrameBytes);
  const frames: Buffer[] = [];
  let error: string | undefined;
  for (const chunk of chunks) {
    const out = decoder.push(chunk);
    frames.push(...out.frames);
    error ??= out.error;
  }
  return error === undefined ? { frames, decoder } : { frames, error, decoder };
}

describe('frame', () => {
  test('writes a 4-byte big-endian length, then the payload', () => {
    assert.equal(FRAME_HEADER_BYTES, 4);
    assert.deepEqual([...frame(Buffer.from([7, 8, 9]))], [0, 0, 0, 3, 7, 8, 9]);
    assert.deepEqual([...frame(new Uint8Array(0))], [0, 0, 0, 0]);
    const big = frame(new Uint8Array(0x01_02_03));
    assert.deepEqual([...big.subarray(0, 4)], [0, 1, 2, 3]);
    assert.equal(big.length, 4 + 0x01_02_03);
  });
});

describe('FrameDecoder', () => {
  test('many frames in one chunk, including zero-length ones', () => {
    const { frames, error, decoder } = decodeAll([stream]);
    assert.equal(error, undefined);
    assert.deepEqual(frames, payloads);
    assert.equal(decoder.pendingBytes, 0);
  });

  test('a stream split into two chunks at every byte offset', () => {
    for (let at = 0; at <= stream.length; at++) {
      const { frames, error, decoder } = decodeAll([stream.subarray(0, at), stream.subarray(at)]);
      assert.equal(error, undefined, `split at ${at}`);
      assert.deepEqual(frames, payloads, `split at ${at}`);
      assert.equal(decoder.pendingBytes, 0);
    }
  });

  test('a stream split into three chunks at every pair of offsets', () => {
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const { frames } = decodeAll([stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)]);
        assert.deepEqual(frames, payloads, `split at ${a} and ${b}`);
      }
    }
  });

  test('one byte at a time: frames come out as soon as they are complete', () => {
    const decoder = new FrameDecoder(1024);
    const payload = Buffer.from('abc');
    const bytes = frame(payload);
    for (let i = 0; i < bytes.length - 1; i++) {
      assert.deepEqual(decoder.push(bytes.subarray(i, i + 1)), { frames: [] });
      // Header bytes count as pending until the header is complete; then the body's bytes do.
      assert.equal(
        decoder.pendingBytes,
        i < FRAME_HEADER_BYTES ? (i + 1) % FRAME_HEADER_BYTES : i + 1 - FRAME_HEADER_BYTES,
      );
    }
    assert.deepEqual(decoder.push(bytes.subarray(bytes.length - 1)), { frames: [payload] });
    assert.equal(decoder.pendingBytes, 0);
  });

  test('empty chunks change nothing', () => {
    const { frames } = decodeAll([
      Buffer.alloc(0),
      stream.subarray(0, 3),
      Buffer.alloc(0),
      stream.subarray(3),
      Buffer.alloc(0),
    ]);
    assert.deepEqual(frames, payloads);
  });

  test('a large frame in many small chunks', () => {
    const payload = Buffer.alloc(256 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 0xff;
    const bytes = frame(payload);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const { frames, decoder } = decodeAll(chunks, 1024 * 1024);
    assert.equal(frames.length, 1);
    assert.ok(frames[0]!.equals(payload));
    assert.equal(decoder.pendingBytes, 0);
  });

  test('a frame of exactly the limit is accepted', () => {
    const payload = Buffer.alloc(16, 1);
    assert.deepEqual(decodeAll([frame(payload)], 16).frames, [payload]);
    assert.deepEqual(decodeAll([frame(Buffer.alloc(0))], 0).frames, [Buffer.alloc(0)]);
  });

  test('an oversize frame is refused from its header, before the body arrives', () => {
    const decoder = new FrameDecoder(1_048_576);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(99_999_999);
    assert.deepEqual(decoder.push(header.subarray(0, 2)), { frames: [] });
    const out = decoder.push(header.subarray(2));
    assert.deepEqual(out, { frames: [], error: 'frame of 99999999 bytes is over the 1048576-byte limit' });
    assert.equal(decoder.pendingBytes, 0);
  });

  test('after an error every call returns the same error and no frames', () => {
    const decoder = new FrameDecoder(8);
    const good = frame(Buffer.from('ok'));
    const bad = frame(Buffer.alloc(9));
    const first = decoder.push(Buffer.concat([good, bad, good]));
    assert.deepEqual(first.frames, [Buffer.from('ok')]); // frames before the bad header still come out
    assert.equal(first.error, 'frame of 9 bytes is over the 8-byte limit');
    assert.deepEqual(decoder.push(good), { frames: [], error: first.error });
    assert.deepEqual(decoder.push(Buffer.alloc(0)), { frames: [], error: first.error });
    assert.equal(decoder.pendingBytes, 0);
  });

  test('the largest length a header can say is refused, not buffered', () => {
    const { frames, error } = decodeAll([Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3])]);
    assert.deepEqual(frames, []);
    assert.equal(error, 'frame of 4294967295 bytes is over the 1024-byte limit');
  });

  test('a partial frame is held and counted', () => {
    const bytes = frame(Buffer.from('abcdef'));
    const decoder = new FrameDecoder(1024);
    assert.deepEqual(decoder.push(bytes.subarray(0, 7)), { frames: [] });
    assert.equal(decoder.pendingBytes, 3);
  });

  test('frames do not change when later chunks arrive', () => {
    const decoder = new FrameDecoder(1024);
    const bytes = Buffer.concat([frame(Buffer.from('ab')), frame(Buffer.from('cd'))]);
    const first = decoder.push(bytes.subarray(0, 5)).frames; // header + 'a'
    assert.deepEqual(first, []);
    const second = decoder.push(bytes.subarray(5, 9)).frames; // 'b' + next header + nothing
    assert.deepEqual(second, [Buffer.from('ab')]);
    const third = decoder.push(bytes.subarray(9)).frames;
    assert.deepEqual(third, [Buffer.from('cd')]);
    assert.deepEqual(second, [Buffer.from('ab')]);
  });

  test('rejects a limit that is not a byte count', () => {
    assert.throws(() => new FrameDecoder(-1), RangeError);
    assert.throws(() => new FrameDecoder(1.5), RangeError);
  });
});

describe('an envelope encoded in place as a frame', () => {
  const bodies: Body[] = [
    { type: 'pingRequest', seq: 1, rank: 1 },
    { type: 'hopAck', ack: 7 },
    { type: 'joinRequest', newcomer: 15, hops: 0 },
  ];
  const addresses = [{ id: 3, host: '127.0.0.1', port: 12003 }];

  test('is the same bytes as the envelope framed afterwards, and reads back as the envelope', () => {
    for (const body of bodies) {
      const inPlace = encodeEnvelopeFrame(3, body, addresses);
      assert.deepEqual(inPlace, frame(encodeEnvelope(3, body, addresses)));
      const { frames } = new FrameDecoder(1 << 20).push(inPlace);
      assert.equal(frames.length, 1);
      const decoded = decodeEnvelope(frames[0]!, { idBits: 8, maxFileBytes: 1000, maxChunkBytes: 100 });
      assert.ok(decoded.ok);
      assert.deepEqual([decoded.from, decoded.body], [3, body]);
    }
  });
});
