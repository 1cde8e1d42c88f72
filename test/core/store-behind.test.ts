// A store sent as final to a peer whose own first predecessor owns the key (the sender's list skipped that predecessor)
// goes back to it, along successors too, and also when that predecessor is the store's origin: it takes its own store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, hopTimeouts, TestRing } from './harness.ts';

// Key of the name used (8 bits): 0100 → 100, 2's (between 19 and 2, wrapping).
describe('a store sent past the key’s peer, along successors', () => {
  // membership 11444: 2 had just joined before 3; 26 suspected 2 and handed the newcomer 27 the list [3, 6], so 27 sent
  // stores for 2's keys to 3 as final. 2, its first predecessor (27) unknown to it, sent its own store of key 31 round
  // the ring, and 3 (first predecessor 2) took it: acknowledged at a peer that was not the key's.
  const stale = () => {
    const spec = EXAMPLE.map(([id, list]) => [id, id === 19 ? [4, 5] : list] as const);
    const ring = new TestRing(spec);
    // 19 pings 4 and 5 only, and hears no answer from 4 naming 2 (pings are slow to come round): 2 hears from 14 (its
    // second predecessor) and no first one.
    ring.cut = (from, to, transport) => transport === 'udp' && from === 4 && to === 19;
    ring.start();
    ring.pingRound();
    assert.deepEqual(ring.machine(2).status().predecessors, [null, 14]);
    assert.deepEqual(ring.machine(4).status().predecessors, [2, 14]);
    assert.deepEqual(ring.machine(19).status().successors, [4, 5]);
    return ring;
  };

  test('the origin, the key’s peer by the receiver’s predecessors, gets its own store back and takes it', () => {
    const ring = stale();
    const done = ring.run(2, 'store', '0100');
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
    assert.ok(ring.disk(2).has('0100'));
    assert.ok(!ring.disk(4).has('0100'));
    const lookups = ring.sends('lookup');
    assert.deepEqual(lookups.at(-1) && [lookups.at(-1)!.from, lookups.at(-1)!.to], [4, 2]);
  });

  test('a store from another peer goes back to the key’s peer too', () => {
    const ring = stale();
    const done = ring.run(9, 'store', '0100'); // 9 → 14 → 19, which sends it to 4 as final
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
    assert.ok(ring.disk(2).has('0100'));
  });

  test('should the key’s peer not answer, the peer after it takes the store', () => {
    const ring = stale();
    const pings = ring.cut!;
    ring.cut = (from, to, transport, message) =>
      pings(from, to, transport, message) || (transport === 'tcp' && from === 4 && to === 2);
    const op = ring.command(9, 'store', '0100');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 4), 1, 'the hop back to 2 is not acknowledged');
    const done = ring.completionOf(9, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4], JSON.stringify(done.result));
  });
});

describe('a store sent past a peer that just pinged its receiver, the second predecessor not known yet', () => {
  test('goes back to that first predecessor', () => {
    // membership 11555: 327 joined before 352 and pinged it at once (352: [327, null]); 96, its list without 327, sent
    // a store of key 305 straight to 352, which took it.
    const spec = EXAMPLE.map(([id, list]) => [id, id === 19 ? [4, 5] : list] as const);
    const ring = new TestRing(spec);
    ring.start(); // the first pings only: 4 knows 2, not yet 19
    assert.deepEqual(ring.machine(4).status().predecessors, [2, null]);
    assert.deepEqual(ring.machine(19).status().successors, [4, 5]);
    const done = ring.run(9, 'store', '0256'); // key 0, 2's: 9 → 14 → 19, which sends it to 4 as final
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
    assert.ok(!ring.disk(4).has('0256'));
  });
});

describe('a store sent past its silent key’s peer', () => {
  test('is taken where it lands, not passed back to that peer (one hop timeout, not two)', () => {
    const ring = new TestRing(EXAMPLE);
    ring.start();
    ring.pingRound();
    assert.deepEqual(ring.machine(2).status().predecessors, [19, 14]);
    ring.cut = (from, to) => from === 19 || to === 19; // cut off, not declared gone yet
    const op = ring.command(14, 'store', '2067'); // key 19: 19's
    ring.deliver();
    assert.equal(hopTimeouts(ring, 14), 1); // 14's hop to 19: it goes to 2 as final, past 19
    const done = ring.completionOf(14, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
    const past = ring.sends('lookup').find((s) => s.from === 14 && s.to === 2)?.message;
    assert.equal(past?.type === 'lookup' && past.passedOver, true);
    assert.ok(!ring.sends().some((s) => s.message.type === 'lookup' && s.from === 2 && s.to === 19));
  });
});
