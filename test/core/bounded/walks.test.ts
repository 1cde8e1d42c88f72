// membership walks bounded only by the id space (hops < 2^idBits): round the ring until 256 hops at 8 bits,
// for good (2^32 hops) at 32. Each test failed before its bound (at d2c3294).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, TestRing, hopTimeouts, started } from '../harness.ts';

for (const message of [
  // 9 accepted a newcomer and sent its SuccessorChange walking (its first predecessor unknown, hops 1), then left (or
  // crashed, or was falsely declared dead by 8): every list dropped it.
  { type: 'successorChange', origin: 9, successors: [10, 14], hops: 1 },
  // 9 has left; a copy of its departure that was walking (rank 0) arrives late.
  { type: 'departure', leaving: 9, successors: [14, 19], hops: 1, rank: 0 },
] as const)
  test(`a ${message.type} walk about a peer no list holds any more stops where it would pass that peer's place`, () => {
    const ring = started(new TestRing(EXAMPLE));
    const op = ring.quit(9);
    ring.deliver();
    assert.equal(ring.completionOf(9, op).result.ok, true);
    ring.pingRound();
    const before = ring.delivered.length;
    ring.feed(4, { type: 'message', from: 2, message: { ...message, successors: [...message.successors] } });
    ring.deliver();
    // 4 → 5 → 8: 8 is the last peer before 9. Before the bound: round the ring until hops = 256 (4 → 5 → 8 → 14 → 19 →
    // 2 → 4 → ...); on a 32-bit ring, without end.
    assert.deepEqual(
      ring.sends(message.type, before).map((d) => d.to),
      [5, 8],
    );
    assert.ok(!ring.texts(14).includes('Peer 9 will depart from the network'), 'not said again past 9');
  });

test('a join request whose place is after a successor the accepting peer avoids does not circle the ring', () => {
  // 5 is down (not declared dead yet): a lookup hop to it timed out at 4, so 4 avoids it. Newcomer 6 belongs between
  // 5 and 8; 4 is asked to place it: 4 routes the request past 5 (live successors only) to 8, and 8 sends it on round
  // the ring back to 4, which sends it to 8 again ... until hops = 2^idBits.
  const ring = started(new TestRing(EXAMPLE));
  ring.kill(5);
  ring.command(4, 'store', '0005'); // key 5: final hop to 5, never acknowledged
  ring.deliver();
  assert.ok(hopTimeouts(ring, 4) > 0, 'the hop to 5 timed out at 4');
  const before = ring.delivered.length;
  ring.feed(4, { type: 'message', from: 6, message: { type: 'joinRequest', newcomer: 6, hops: 0 } });
  ring.deliver();
  const walked = ring.sends('joinRequest', before).length;
  // Before the bound: 256 join requests (8 → 9 → 14 → 19 → 2 → 4 → 8 → ...), at 8 bits; at 32 bits, until 4 stops avoiding 5.
  assert.ok(
    walked <= ring.machines.size,
    `the join request was passed on ${walked} times in a ring of ${ring.machines.size}`,
  );
});
