// A request's last retry goes at once to the peers its requester knows at or past the key (its holders, as far as it
// knows): only those within the span R holders take, as the requester can tell the ring's spacing. A peer known far
// past the key (the requester's own predecessors, when it knows little else: just restarted) is no holder, and sent the
// request there, it walks back towards the key a peer at a time: restarts 1358 took 67 lookup messages in a ring of 30.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

/**
 * 16 requests 0040 (key 40: its holders 40, 48 and 56; only 56 has the file). After a ping round 16 knows its
 * successors 24 and 32, their successors 40 and 48, and its predecessors 8 and 0, which ping it. Its first two tries
 * are lost on the way; the last one goes as it decides. Returns the ring and the op, its lost timers fired.
 */
function lastRetry(): { ring: TestRing; op: number } {
  const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 56: ['0040'] } });
  ring.start();
  ring.pingRound();
  ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry !== 2;
  const op = ring.command(16, 'request', '0040');
  ring.deliver();
  for (let fired = 0; fired < 2; fired++) {
    ring.fire(16, { kind: 'lost', op });
    ring.deliver();
  }
  return { ring, op };
}

const lastWays = (ring: TestRing, op: number): PeerId[] =>
  ring
    .sends('lookup')
    .filter((s) => s.from === 16 && s.message.op === op && s.message.retry === 2)
    .map((s) => s.to);

describe("a request's last retry", () => {
  test('goes only to the peers it knows near the key, not to its predecessors far past it', () => {
    const { ring, op } = lastRetry();
    assert.deepEqual(
      lastWays(ring, op).sort((a, b) => a - b),
      [40, 48],
      'the holders it knows, at once',
    );
    const done = ring.completionOf(16, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 56], JSON.stringify(done.result));
  });

  test('and no peer far past the key is sent it on the way: the lookup stays among the holders', () => {
    const { ring, op } = lastRetry();
    const reached = new Set(
      ring
        .sends('lookup')
        .filter((s) => s.message.op === op && s.message.retry === 2)
        .map((s) => s.to),
    );
    assert.deepEqual(
      [...reached].sort((a, b) => a - b),
      [40, 48, 56],
    );
  });
});
