// a Suspect's incarnation is trusted as it comes: one naming 2^32 - 1 makes the peer refute at 2^32, which the
// wire's uint32 carries as 0, so none of its later refutations outranks any suspicion: SWIM's refutation is gone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect } from '../../../src/core/io.ts';
import { decodeEnvelope, encodeEnvelope } from '../../../src/wire/codec.ts';
import { EXAMPLE, TestRing } from '../harness.ts';

const limits = { idBits: 8, maxFileBytes: 1e6, maxChunkBytes: 1e6 };

/** The incarnation of the Alive among `effects`, as the receiver decodes it; undefined when none was sent. */
function refutedAt(effects: Effect[]): number | undefined {
  const alive = effects.find((e) => e.type === 'send' && e.message.type === 'alive');
  if (alive === undefined || alive.type !== 'send') return undefined;
  const decoded = decodeEnvelope(encodeEnvelope(8, alive.message), limits);
  assert.ok(decoded.ok);
  return (decoded.body as { incarnation: number }).incarnation;
}

test('after a suspicion at incarnation 2^32 - 1, a real suspicion is still refuted above the incarnation suspected', () => {
  const ring = new TestRing(EXAMPLE);
  ring.start();
  const m = ring.machine(8);
  // A buggy or stale peer (or a corrupt datagram that still parses) names an incarnation 8 never had.
  m.handle({ type: 'message', from: 200, message: { type: 'suspect', peer: 8, incarnation: 2 ** 32 - 1 } }, ring.now);
  // Its first predecessor 5 missed a round of 8's answers (lost datagrams) and suspects it at the incarnation it knows.
  const at = refutedAt(
    m.handle({ type: 'message', from: 5, message: { type: 'suspect', peer: 8, incarnation: 0 } }, ring.now),
  );
  // Before the bound: 2^32 on the machine, 0 off the wire: not above the 0 suspected, so 5 keeps counting misses.
  assert.ok(at !== undefined && at > 0, `the refutation arrives at incarnation ${at}`);
});
