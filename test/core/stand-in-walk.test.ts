// A peer that walks a key's holders standing in for a peer nearer the key that it avoids says, with its NOT_FOUND, that
// the walk passed over holders: that peer, cut off a moment ago, may hold the copies, and the requester asks again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, EXAMPLE_IDS, hopTimeouts, TestRing } from './harness.ts';

// Key of the name used (8 bits): 1031 → 7, 8's (R = 3: 8, 9, 14); only 8 has the file (9 and 14 lost theirs).
describe('a walk from a stand-in for an avoided peer', () => {
  test('its NOT_FOUND is held back, and the request asked again once that peer is back is served', () => {
    // partitions 9581: 48 ms after a heal, 259 (its first predecessor 234 forgotten in the cut and avoided) walked key
    // 11's holders from itself for a request sent past 234, and answered NOT_FOUND while 234 held a copy.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['1031'] } });
    for (const id of EXAMPLE_IDS) ring.feed(id, { type: 'start' });
    ring.deliver();
    ring.pingRound();
    ring.cut = (from, to, transport) => transport === 'tcp' && (from === 8 || to === 8); // cut off, pings still pass
    const op = ring.command(5, 'request', '1031');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 5), 1, "5's hop to 8: sent past it to 9");
    assert.equal(hopTimeouts(ring, 9), 1, "9's hop back to 8: 9 stands in for it");
    assert.equal(
      ring.completions.filter((c) => c.peer === 5 && c.op === op).length,
      0,
      'no answer yet: the NOT_FOUND is held back',
    );
    ring.cut = undefined; // the cut heals
    ring.pingRound(); // 8 is heard from again
    ring.fire(5, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.ok && done.result.holder], [true, 8], JSON.stringify(done.result));
  });
});
