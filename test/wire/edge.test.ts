// The ring secret at the edge: what a sealed message must be to be heard, and the bounded replay check.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Body, DecodeLimits } from '../../src/wire/codec.ts';
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { EdgeCodec, NonceCache, NonceCounter, type EdgeDecoded } from '../../src/wire/edge.ts';
import { ringdht } from '../../src/wire/gen/ringdht.js';

const LIMITS: DecodeLimits = { idBits: 8, maxFileBytes: 1000, maxChunkBytes: 100 };
const SECRET = Buffer.from('correct horse battery staple');
const PING: Body = { type: 'pingRequest', seq: 1, rank: 1 };
const WINDOW_MS = 30_000;

function codec(
  self: number,
  options: { secret?: Uint8Array | null; now?: () => number; nonces?: number } = {},
): EdgeCodec {
  return new EdgeCodec({
    self,
    limits: LIMITS,
    secret: options.secret === undefined ? SECRET : options.secret,
    replayWindowMs: WINDOW_MS,
    nonceCacheEntries: options.nonces ?? 1024,
    ...(options.now ? { now: options.now } : {}),
  });
}

const reason = (decoded: EdgeDecoded) => (decoded.ok ? 'ok' : decoded.reason);

describe('sealed messages', () => {
  test('without a secret, messages are bare envelopes as before', () => {
    const plain = codec(3, { secret: null });
    assert.deepEqual(plain.encode(9, PING), encodeEnvelope(3, PING));
    assert.equal(plain.sealed, false);
  });

  test('a message sealed with the secret and addressed to the receiver is heard, with its sender', () => {
    const decoded = codec(9).decode(codec(3).encode(9, PING));
    assert.ok(decoded.ok);
    assert.deepEqual([decoded.from, decoded.body], [3, PING]);
  });

  test('a bare envelope, another secret, an altered byte or another recipient: unauthenticated', () => {
    const receiver = codec(9);
    assert.equal(reason(receiver.decode(encodeEnvelope(3, PING))), 'unauthenticated');
    assert.equal(
      reason(receiver.decode(codec(3, { secret: Buffer.from('another secret, also long') }).encode(9, PING))),
      'unauthenticated',
    );
    assert.equal(reason(receiver.decode(codec(3).encode(6, PING))), 'unauthenticated');
    const sealed = ringdht.Sealed.decode(codec(3).encode(9, PING));
    const forged = ringdht.Sealed.encode({ ...sealed, envelope: encodeEnvelope(4, PING) }).finish(); // claims another sender
    assert.equal(reason(receiver.decode(forged)), 'unauthenticated');
  });

  test('the same message twice: the copy is refused as replayed', () => {
    const receiver = codec(9);
    const bytes = codec(3).encode(9, PING);
    assert.deepEqual([reason(receiver.decode(bytes)), reason(receiver.decode(bytes))], ['ok', 'replayed']);
  });

  test('every message a peer seals is heard once: its nonces never repeat, across its counter and other peers', () => {
    const receiver = codec(9, { nonces: 1 << 16 });
    const senders = [codec(3), codec(4), codec(3)]; // the second codec of 3: the same peer restarted
    const heard = new Set<string>();
    for (let i = 0; i < 3_000; i++)
      for (const sender of senders) heard.add(reason(receiver.decode(sender.encode(9, { ...PING, seq: i }))));
    assert.deepEqual([...heard], ['ok']);
    const nonces = new Set<string>();
    for (let i = 0; i < 1_000; i++) nonces.add(Buffer.from(new NonceCounter().next()).toString('hex'));
    assert.equal(nonces.size, 1_000, 'counters start at random points');
  });

  test('stamped outside the window, either way: stale, even with a valid mac', () => {
    const now = Date.now();
    const receiver = codec(9, { now: () => now });
    assert.equal(reason(receiver.decode(codec(3, { now: () => now - WINDOW_MS - 1 }).encode(9, PING))), 'stale');
    assert.equal(reason(receiver.decode(codec(3, { now: () => now + WINDOW_MS + 1 }).encode(9, PING))), 'stale');
    assert.equal(reason(receiver.decode(codec(3, { now: () => now - WINDOW_MS + 1 }).encode(9, PING))), 'ok');
  });
});

describe('the nonce cache', () => {
  const nonce = (n: number) => new Uint8Array(16).fill(n);

  test('never holds more than its capacity; what it forgot cannot be replayed either', () => {
    const cache = new NonceCache(4);
    for (let n = 1; n <= 10; n++) assert.equal(cache.add(nonce(n), 1000 + n, 0), true);
    assert.equal(cache.size, 4);
    assert.equal(cache.add(nonce(1), 1001, 0), false, 'forgotten, but stamped before what was forgotten');
    assert.equal(cache.add(nonce(10), 1010, 0), false, 'remembered');
    assert.equal(cache.add(nonce(11), 1011, 0), true);
  });

  test('forgets nonces whose stamps left the window, without narrowing it', () => {
    const cache = new NonceCache(100);
    for (let n = 1; n <= 50; n++) cache.add(nonce(n), n, 0);
    assert.equal(cache.add(nonce(51), 100, 20), true); // the window now starts at 20
    assert.equal(cache.size, 32, 'stamps 1 to 19 went; 20 to 50 and the new one stay');
    assert.equal(cache.add(nonce(25), 25, 20), false, 'still remembered');
    assert.equal(cache.add(nonce(60), 21, 20), true, 'the window did not narrow');
  });
});
