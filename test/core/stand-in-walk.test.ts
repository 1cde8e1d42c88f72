// A peer that walks a key's holders standing in for a peer nearer the key that it avoids says, with its NOT_FOUND, that
// the walk passed over holders: that peer, cut off a moment ago, may hold the copies, and the requester asks again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, hopTimeouts, TestRing } from './harness.ts';

// Key of the name used (8 bits): 1031 → 7, 8's (R = 3: 8, 9, 14); only 8 has the file (9 and 14 lost theirs).
describe('a walk from a stand-in for an avoided peer', () => {
  test('its NOT_FOUND is held back, and the request asked again once that peer is back is served', () => {
    // partitions 9581: 48 ms after a heal, 259 (its first predecessor 234 forgotten in the cut and avoided) walked key
    // 11's holders from itself for a request sent past 234, and answered NOT_FOUND while 234 held a copy.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['1031'] } });
    ring.start();
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

describe('a walk of holders across zones that ends with every holder avoided', () => {
  test('its NOT_FOUND says it passed over them, and the requester asks again', () => {
    // hosts 11421: 50 ms after a heal, 664, key 583's peer without a copy, avoided its three holders across zones (its
    // hops to them lost in the cut) and answered NOT_FOUND at once; 109 believed it while 697, 741 and 762 held it.
    const zones = { 2: 'a', 4: 'b', 5: 'a', 8: 'b', 9: 'a', 14: 'b', 19: 'a' };
    const ring = new TestRing(EXAMPLE, { replicas: 3, zones, held: { 9: ['1031'], 14: ['1031'], 19: ['1031'] } });
    ring.start();
    ring.pingRound();
    ring.pingRound();
    ring.cut = (from, to, transport) => transport === 'tcp' && from === 8 && to !== 5; // 8's hops to its holders are lost
    ring.command(5, 'request', '1031');
    ring.deliver();
    while (hopTimeouts(ring, 8) > 0); // 8 walks to each holder in turn: none acknowledges
    ring.clearLog();
    const op = ring.command(2, 'request', '1031'); // 2 avoids nobody
    ring.deliver();
    const answer = ring.sends('notFound').find((s) => s.from === 8 && s.to === 2)?.message;
    assert.ok(answer?.type === 'notFound' && answer.passedOver === true, JSON.stringify(answer));
    assert.equal(ring.completions.filter((c) => c.peer === 2 && c.op === op).length, 0, 'held back');
    ring.cut = undefined;
    ring.pingRound();
    ring.fire(2, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(2, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});

describe('a walk past peers its successor reports but its list does not hold yet', () => {
  test('its NOT_FOUND says it passed over them, and the request asked again is served', () => {
    // hosts 11691: 43, key 33's peer, took 68 and 77 back into its list one ping round after its successor named them
    // (a named head waits for a second report); a request in between walked its list past them to 219 and 291:
    // NOT_FOUND, while 68 and 77 held the file. Here 8, key 7's peer, has forgotten 9, which holds the file; 14's
    // answer names 9 as its predecessor, and 8 waits for a second answer to take it back.
    const spec = EXAMPLE.map(([id, successors]) => [id, id === 8 ? [14, 19] : successors] as const);
    const ring = new TestRing(spec, { replicas: 3, held: { 9: ['1031'] } });
    ring.start();
    ring.pingRound();
    assert.deepEqual(ring.successorLists()[8], [14, 19], 'not taken yet');
    const op = ring.command(2, 'request', '1031');
    ring.deliver();
    const answer = ring.sends('notFound').find((s) => s.to === 2)?.message;
    assert.ok(answer?.type === 'notFound' && answer.passedOver === true, JSON.stringify(answer));
    assert.equal(ring.completions.filter((c) => c.peer === 2 && c.op === op).length, 0, 'held back');
    ring.pingRound(); // the second answer: 8 takes 9 back
    ring.fire(2, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(2, op);
    assert.deepEqual([done.result.ok, done.result.ok && done.result.holder], [true, 9], JSON.stringify(done.result));
  });
});
