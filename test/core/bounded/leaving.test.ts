// Replicator.memberLeft trusts a Leaving's `peer` (machine.ts messageHandlers.leaving), which Membership.onLeaving
// checks against its sender and the replicator does not: one stale or stray Leaving naming a live peer takes it out of
// the members a store's write quorum counts (required(): min(W, 1 + known members)). In a ring of two, a store is then
// acknowledged with one copy: the crash of the one peer that acknowledged it loses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { started, TestRing } from '../harness.ts';

function storeWithSecondDown(stray: boolean) {
  const ring = started(
    new TestRing(
      [
        [10, [20, 10]],
        [20, [10, 20]],
      ],
      { replicas: 2, opTimeoutMs: 5000 },
    ),
  );
  if (stray) ring.feed(10, { type: 'message', from: 30, message: { type: 'leaving', peer: 20 } });
  ring.kill(20); // down, not declared dead yet
  const op = ring.command(10, 'store', '0010'); // key 10: 10 is its peer, 20 its replica
  ring.deliver();
  ring.fireAll({ kind: 'op', op } as never);
  return ring.completions.find((c) => c.peer === 10 && c.op === op)?.result;
}

test('control: with its replica down, a store in a ring of two is not acknowledged on one copy', () => {
  const result = storeWithSecondDown(false);
  assert.ok(result !== undefined, 'the store ended');
  assert.equal(result.ok, false, JSON.stringify(result));
});

test('a Leaving from a third peer naming the replica does not let a store be acknowledged on one copy', () => {
  const result = storeWithSecondDown(true);
  // Before the bound: ok, acknowledged by 10 alone.
  assert.notEqual(result?.ok, true, JSON.stringify(result));
});
