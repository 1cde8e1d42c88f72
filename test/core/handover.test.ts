// A peer whose first predecessor or first successor comes nearer (a peer joined or came back between them, a ring closed
// again) hands the files of the keys it does not own to their holders at once: copies it took while those peers were
// away are otherwise found by no walk until a sync moves them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, type RingSpec, TestRing } from './harness.ts';

/**
 * The example ring without 4, 5 and 8 (away: crashed, or cut off), R = 3: 9 was key 3's peer and took a store of
 * "0003", with copies at 14 and 19. Then 8, 5 and 4 join again, in that order: key 3's holders are 4, 5 and 8 now.
 */
const AWAY: RingSpec = [
  [2, [9, 14]],
  [9, [14, 19]],
  [14, [19, 2]],
  [19, [2, 9]],
];

function cameBack(): TestRing {
  const ring = new TestRing(AWAY, { replicas: 3, held: { 9: ['0003'], 14: ['0003'], 19: ['0003'] } });
  ring.start();
  ring.pingRound();
  for (const id of [8, 5, 4]) {
    ring.addPeer(id);
    ring.join(id, 2);
    ring.deliver();
    ring.pingRound();
    ring.pingRound();
  }
  assert.deepEqual(ring.machine(2).status().successors, [4, 5]);
  assert.deepEqual(ring.machine(9).status().predecessors, [8, 5]);
  return ring;
}

describe('a new first predecessor nearer this peer', () => {
  test('gets the files of the keys it took over at once, not at a later sync (hosts 5428)', () => {
    const ring = cameBack();
    for (const id of [4, 5, 8]) assert.ok(ring.machine(id).holds('0003'), `${id} holds 0003`);
  });

  test('so a request walking the key’s holders finds a copy', () => {
    const ring = cameBack();
    const done = ring.run(2, 'request', '0003');
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
    assert.ok([4, 5, 8].includes(done.result.holder!), `served by ${done.result.holder}`);
  });
});

describe('a new first successor nearer this peer', () => {
  test('gets the files of its keys this peer held as a stand-in, at once (hosts 7298)', () => {
    // The example ring with R = 3, where 14 knew 2 and 4 next (19 was away) and took a store of key 17 ("0017"): its
    // holders are 19, 2 and 4. 19 pings 2, whose answer to 14 names 19 as its predecessor: 14 takes 19 back.
    const spec: RingSpec = [...EXAMPLE.filter(([id]) => id !== 14), [14, [2, 4]]];
    const ring = new TestRing(spec, { replicas: 3, held: { 14: ['0017'] } });
    ring.start();
    ring.pingRound();
    ring.pingRound();
    assert.deepEqual(ring.machine(14).status().successors, [19, 2]);
    assert.ok(ring.machine(19).holds('0017'), '19 holds 0017');
  });
});
