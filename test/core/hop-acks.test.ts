// Every lookup hop is acknowledged, along successors too: a hop to a peer that died silently (no refusal, not declared
// gone yet) goes another way at its hop timeout, and a lookup with no live way on fails with the reason, not its deadline.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TimerName } from '../../src/core/io.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, TestRing } from './harness.ts';

/** Fires every hop timer scheduled at `peer` (what its hop timeout does), then delivers what follows. */
function hopTimeouts(ring: TestRing, peer: PeerId): number {
  const keys = [...(ring.timers.get(peer)?.keys() ?? [])].filter((k) => k.startsWith('hop:'));
  for (const key of keys) ring.fire(peer, { kind: 'hop', ack: Number(key.slice(4)) } satisfies TimerName);
  ring.deliver();
  return keys.length;
}

describe('hop acknowledgements along successors', () => {
  test('each hop of a lookup is acknowledged, and nothing is left waiting once it is', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(8, 'store', '2067');
    assert.equal(done.result.ok, true);
    const hops = ring.sends().filter((s) => s.message.type === 'lookup');
    const acks = ring.sends().filter((s) => s.message.type === 'hopAck');
    assert.deepEqual(
      acks.map((a) => [a.from, a.to]),
      hops.map((h) => [h.to, h.from]),
    );
    for (const id of [8, 9, 14])
      assert.deepEqual(
        [...ring.timers.get(id)!.keys()].filter((k) => k.startsWith('hop:')),
        [],
      );
  });

  test('a hop to a peer that died silently goes to the next live successor at the hop timeout, and says so', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1 });
    ring.kill(14); // not declared gone: 9 still lists it first
    const op = ring.command(8, 'store', '0012'); // key 12: 14's, so 19's once 14 is gone
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'the hop to 14 was lost');
    assert.equal(hopTimeouts(ring, 9), 1);
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok, true);
    assert.equal(done.result.holder, 19);
    assert.equal(ring.texts(9).at(-1), 'Peer 14 did not answer: the store of File 0012 goes to Peer 19');
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined, 'done long before its deadline');
  });

  test('a request walking the holders skips a replica that died silently and is served by the next', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 4: ['2067'] } });
    ring.kill(2); // 19 lacks 2067; its first replica 2 is dead; 4 has it
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 19), 1);
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4]);
  });

  test('with every successor silent, a request at a peer that keeps a copy serves that copy rather than fail', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['2067'], 19: ['2067'] } });
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    assert.equal(hopTimeouts(ring, 8), 1);
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 8], JSON.stringify(done.result));
    assert.ok(ring.texts(8).includes('No successor answered: serving the copy of File 2067 kept here'));
  });

  test('with every successor silent, the lookup fails at once with the reason (NO_ROUTE), not at its deadline', () => {
    const ring = new TestRing(EXAMPLE);
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1); // 9 did not acknowledge: the lookup goes to 14
    assert.equal(hopTimeouts(ring, 8), 1); // nor did 14
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok, false);
    assert.ok(!done.result.ok && done.result.code === 'NO_ROUTE', JSON.stringify(done.result));
    assert.match(done.result.ok ? '' : done.result.error, /no successor of Peer 8 \(9, 14\) answered/);
  });
});
