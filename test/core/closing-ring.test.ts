// A ring still closing: peers crashed and not declared gone yet, a newcomer placed in front of them. The newcomer is
// handed successors its accepting peer can vouch for, and a walk of a key's holders that no live successor can carry
// on says the way was cut rather than that the file is absent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, everyHopTimeout, TestRing } from './harness.ts';

/**
 * The example ring with R = 3: "0006" (key 6) is held by 8, 9 and 14. 8 and 9 crash; 5 misses a ping round to them
 * (they are suspected, not declared gone: that takes K rounds). Then 7 joins, in front of them: the key's new peer,
 * without a copy (restarts 10009: 8 joined in front of 11 and 12, crashed, and 18 held the file).
 */
function newcomerInFrontOfCrashes(): TestRing {
  const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['0006'], 9: ['0006'], 14: ['0006'] } });
  ring.start();
  ring.pingRound();
  ring.kill(8);
  ring.kill(9);
  ring.pingRound();
  assert.deepEqual(ring.machine(5).status().successors, [8, 9], '5 has not declared them gone yet');
  ring.addPeer(7);
  ring.join(7, 2);
  ring.deliver();
  return ring;
}

describe('a newcomer placed in front of crashed peers', () => {
  test('is handed the live successors its accepting peer knows past them, not the silent ones', () => {
    const ring = newcomerInFrontOfCrashes();
    assert.deepEqual(ring.machine(7).status().successors, [14, 19]);
  });

  test('so a request for a key it now owns, without a copy, walks on to the live holder (restarts 10009)', () => {
    const ring = newcomerInFrontOfCrashes();
    const op = ring.command(2, 'request', '0006');
    ring.deliver();
    everyHopTimeout(ring, 2, 4, 5, 7);
    const done = ring.completionOf(2, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
    assert.equal(done.result.holder, 14);
  });
});

describe('a walk of the key’s holders that no live successor carries on', () => {
  test('reports the way cut, not that the file is absent, so the requester retries', () => {
    // The example ring with R = 3, "0006" held by 8, 9 and 14 only. 8's successors 9 and 14 crash; 14 held a copy.
    // 8 is asked as the key's peer without a copy of its own (it lost it): its walk finds no live successor. It must
    // not say the file is not in the DHT.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 9: ['0006'], 14: ['0006'] } });
    ring.start();
    ring.pingRound();
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(2, 'request', '0006');
    ring.deliver();
    everyHopTimeout(ring, 2, 4, 5, 8);
    const done = ring.completionOf(2, op);
    assert.equal(done.result.ok, false);
    assert.equal(done.result.code, 'NO_ROUTE', JSON.stringify(done.result));
  });
});

describe('a peer whose every successor and every peer they reported was declared gone', () => {
  /** The example ring; 9, 14, 19 and 2 crash: a run longer than 8's list and the lists 9 and 14 reported. */
  function afterTheRun(): TestRing {
    const ring = new TestRing(EXAMPLE);
    ring.start();
    ring.pingRound();
    for (const id of [9, 14, 19, 2]) ring.kill(id);
    for (let round = 0; round < 6; round++) ring.pingRound();
    return ring;
  }

  test('probes the peers it heard of lately and takes those that answer, not itself nor its pinger (hosts 9696)', () => {
    const ring = afterTheRun();
    assert.deepEqual(ring.machine(8).status().successors, [4, 5]);
  });
});
