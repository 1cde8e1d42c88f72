// Finger routing's last hop: a key that falls within a peer's successor list goes straight to its peer, and a peer sent
// a store as the key's peer past a newcomer it knows of (the sender's list was stale) passes it back to the newcomer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { successorsInRing } from '../../src/core/ring.ts';
import { straightToKeyPeer } from '../../src/core/routing.ts';
import { TestRing } from './harness.ts';

// Keys (8 bits) of the names used: 1031 → 7 (8's, between 5 and 8), 1035 → 11 (14's).
const IDS = [2, 4, 5, 8, 9, 14, 19];

describe('straightToKeyPeer', () => {
  test('a key between two successors goes to the later one, as final', () => {
    assert.deepEqual(straightToKeyPeer(2, 7, [4, 5, 8, 9], 8), { to: 8, final: true });
    assert.deepEqual(straightToKeyPeer(2, 9, [4, 5, 8, 9], 8), { to: 9, final: true });
    assert.deepEqual(straightToKeyPeer(19, 3, [2, 4, 5], 8), { to: 4, final: true }); // wraps past 0
  });
  test('none past the list, nor where the list comes round past this peer (a ring smaller than the list)', () => {
    assert.equal(straightToKeyPeer(2, 12, [4, 5, 8, 9], 8), undefined);
    // Ring 2, 4, 5: 2's list of 4 comes round to itself; key 1 is 2's own, not 4's.
    assert.equal(straightToKeyPeer(2, 1, [4, 5, 2, 4], 8), undefined);
  });
});

describe('the last hop straight to the key’s peer, on fingers', () => {
  const ringOf = (lists: Map<number, number[]>, deaf?: number) => {
    const ring = new TestRing([...lists.entries()], { routing: 'finger', successorCount: 4 });
    if (deaf !== undefined) ring.cut = (_from, to) => to === deaf;
    ring.start();
    return ring;
  };

  test('a get whose key lies within the successor list takes one hop, and is served by the key’s peer', () => {
    const ring = ringOf(successorsInRing(IDS, 4));
    ring.pingRound();
    assert.equal(ring.run(8, 'store', '1031').result.ok, true); // 8 holds key 7 itself
    ring.clearLog();
    const done = ring.run(2, 'request', '1031'); // 2's list: 4, 5, 8, 9
    assert.deepEqual([done.result.ok, done.result.holder, done.result.hops], [true, 8, 1], JSON.stringify(done.result));
    const lookups = ring.sends('lookup');
    assert.deepEqual(
      lookups.map((s) => [s.from, s.to]),
      [[2, 8]],
    );
  });

  test('a store sent past a newcomer (a stale list) is passed back to it by the peer after it, and lands there', () => {
    // 8 joined between 5 and 9; 2 has not heard (its list still 4, 5, 9, 14). 9 knows: 8 and 5 ping it.
    const lists = successorsInRing(IDS, 4);
    lists.set(2, [4, 5, 9, 14]);
    const ring = ringOf(lists, 2); // 2 hears nothing of 8 (no ping answered, no list)
    ring.pingRound();
    ring.cut = undefined;
    assert.deepEqual(ring.successorLists()[2], [4, 5, 9, 14], 'still stale');
    const done = ring.run(2, 'store', '1031'); // key 7: 2 sends it straight to 9, which passes it back to 8
    assert.deepEqual([done.result.ok, done.result.holder], [true, 8], JSON.stringify(done.result));
    assert.ok(ring.disk(8).has('1031'));
    assert.ok(!ring.disk(9).has('1031'));
    const lookups = ring.sends('lookup');
    assert.deepEqual(
      lookups.map((s) => [s.from, s.to]),
      [
        [2, 9],
        [9, 8],
      ],
    );
  });

  test('a store sent past a peer that just joined, to a peer that has heard only from it, goes back to it (membership 11555)', () => {
    // 12 joins between 9 and 14 before any peer pinged: 14 knows 12 alone behind it ([12, null]). 5, cut off from the
    // join, still lists 8, 9, 14, 19 and sends a store of key 11 straight to 14, which hands it back to 12.
    const ring = new TestRing([...successorsInRing(IDS, 4).entries()], { routing: 'finger', successorCount: 4 });
    ring.cut = (from, to) => from === 5 || to === 5;
    ring.addPeer(12);
    ring.join(12, 9);
    ring.deliver();
    ring.cut = undefined;
    assert.deepEqual(ring.machine(14).status().predecessors, [12, null]);
    assert.deepEqual(ring.successorLists()[5], [8, 9, 14, 19], 'still stale');
    ring.clearLog();
    const done = ring.run(5, 'store', '1035'); // key 11
    assert.deepEqual([done.result.ok, done.result.holder], [true, 12], JSON.stringify(done.result));
    const lookups = ring.sends('lookup');
    assert.deepEqual(
      lookups.map((s) => [s.from, s.to]),
      [
        [5, 14],
        [14, 12],
      ],
    );
  });
});
