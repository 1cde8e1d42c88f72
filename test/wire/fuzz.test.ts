// Property tests (fast-check) at the edge: whatever bytes arrive, the decoders return a message or a counted reason, never throw.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeEnvelope, encodeEnvelope, type DecodeLimits } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';
import { body, mutate, mutation } from '../lib/arbitraries.ts';

const LIMITS: DecodeLimits = { idBits: 8, maxFileBytes: 1000, maxChunkBytes: 100 };
const REASONS = new Set(['malformed', 'empty', 'invalid', 'unauthenticated', 'stale', 'replayed']);
const SECRET = new Uint8Array(32).fill(7);
const edge = (self: number, secret: Uint8Array | null) =>
  new EdgeCodec({ self, limits: LIMITS, secret, replayWindowMs: 30_000, nonceCacheEntries: 1 << 16 });

/** A decode result is either a message or one of the known reasons with a short detail. */
function wellFormed(decoded: { ok: boolean; reason?: string; detail?: string }): boolean {
  if (decoded.ok) return true;
  return (
    REASONS.has(decoded.reason!) &&
    typeof decoded.detail === 'string' &&
    decoded.detail.length > 0 &&
    decoded.detail.length < 300
  );
}

describe('the envelope decoder', () => {
  test('decodes every valid message it encoded', () => {
    fc.assert(
      fc.property(fc.nat({ max: 255 }), body, (from, message) => {
        const decoded = decodeEnvelope(encodeEnvelope(from, message), LIMITS);
        assert.ok(decoded.ok, decoded.ok ? '' : decoded.detail);
        assert.equal(decoded.from, from);
        assert.equal(decoded.body.type, message.type);
      }),
      { numRuns: 2000 },
    );
  });

  test('random bytes: a message or a counted reason, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => wellFormed(decodeEnvelope(bytes, LIMITS))),
      { numRuns: 5000 },
    );
  });

  test('mutated valid envelopes: a message or a counted reason, and what decodes re-encodes to itself', () => {
    fc.assert(
      fc.property(body, fc.array(mutation, { minLength: 1, maxLength: 4 }), (message, edits) => {
        const decoded = decodeEnvelope(mutate(encodeEnvelope(3, message), edits), LIMITS);
        if (!decoded.ok) return wellFormed(decoded);
        // Whatever got through is a valid message in its own right: it survives its own round trip.
        const again = decodeEnvelope(encodeEnvelope(decoded.from, decoded.body), LIMITS);
        return again.ok && again.body.type === decoded.body.type;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the sealed edge (ring secret)', () => {
  test('a sealed message opens only at its recipient, once', () => {
    fc.assert(
      fc.property(body, (message) => {
        const sent = edge(3, SECRET).encode(9, message);
        const receiver = edge(9, SECRET);
        assert.equal(receiver.decode(sent).ok, true);
        assert.deepEqual(pick(receiver.decode(sent)), ['replayed']);
        assert.deepEqual(pick(edge(6, SECRET).decode(sent)), ['unauthenticated']);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes, bare envelopes and mutated sealed ones are refused with a reason, never accepted, never thrown', () => {
    fc.assert(
      fc.property(
        body,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.uint8Array({ maxLength: 256 }),
        (message, edits, noise) => {
          const receiver = edge(9, SECRET);
          const sealed = edge(3, SECRET).encode(9, message);
          const mutated = mutate(sealed, edits);
          for (const bytes of [
            noise,
            encodeEnvelope(3, message),
            edge(3, new Uint8Array(32).fill(8)).encode(9, message),
          ]) {
            const decoded = receiver.decode(bytes);
            assert.ok(!decoded.ok && wellFormed(decoded), JSON.stringify(decoded));
          }
          const decoded = receiver.decode(mutated);
          // An edit can leave the seal intact only by not changing what it covers (say, re-encoding a field the same way).
          if (decoded.ok) assert.equal(decoded.body.type, message.type);
          else assert.ok(wellFormed(decoded), JSON.stringify(decoded));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

function pick(decoded: { ok: boolean; reason?: string }): string[] {
  return decoded.ok ? ['ok'] : [decoded.reason!];
}

describe('the frame decoder', () => {
  const MAX = 4096;

  test('any cut of a stream of frames into chunks gives back the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => frame(p)));
          const decoder = new FrameDecoder(MAX);
          const out: Buffer[] = [];
          let offset = 0;
          for (const cut of cuts) {
            const end = Math.min(stream.length, offset + cut);
            out.push(...decoder.push(stream.subarray(offset, end)).frames);
            offset = end;
          }
          out.push(...decoder.push(stream.subarray(offset)).frames);
          assert.deepEqual(
            out.map((f) => Buffer.from(f).toString('hex')),
            payloads.map((p) => Buffer.from(p).toString('hex')),
          );
          assert.equal(decoder.pendingBytes, 0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('random byte streams: frames within the limit or one error, never a throw and never more buffered than a frame', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 10 }), (chunks) => {
        const decoder = new FrameDecoder(MAX);
        let failed = false;
        for (const chunk of chunks) {
          const { frames, error } = decoder.push(Buffer.from(chunk));
          for (const f of frames) assert.ok(f.length <= MAX);
          if (error !== undefined) failed = true;
          if (failed)
            assert.equal(decoder.pendingBytes, 0); // an oversized header buffers nothing more
          else assert.ok(decoder.pendingBytes <= MAX + 4 + 600);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
