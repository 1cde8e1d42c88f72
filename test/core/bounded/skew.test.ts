// A peer whose clock ran >24 h ahead stored a file; its replicas took the copy but (a6a447a) did not follow its stamp.
// Once that peer leaves, its replica is the file's responsible peer: a store of that name made there gets a stamp
// behind the copy it holds. Before a6a447a the replicas followed the stamp, and the store succeeded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, TestRing } from '../harness.ts';

const HOUR = 3600_000;

test('a store made where a fast-clocked peer stored the name before it left succeeds', () => {
  const ring = new TestRing(EXAMPLE, { replicas: 3 });
  ring.start();
  const start = ring.now;
  // 8's clock is 48 h ahead while it takes the store of 0008 (key 8: 8 holds it, then 9 and 14).
  ring.now = start + 48 * HOUR;
  const op = ring.command(8, 'store', '0008');
  ring.deliver((d) => d.kind === 'transfer' && (d.ref.peer === 9 || d.ref.peer === 14));
  ring.now = start + 10; // the replicas' clocks are right
  ring.deliver();
  const first = ring.completions.find((c) => c.op === op)!.result;
  assert.equal(first.ok, true, JSON.stringify(first));
  assert.ok(ring.disk(9).has('0008') && ring.disk(14).has('0008'), 'replicas hold it');
  // 8 leaves gracefully: 9 is responsible for key 8 now.
  ring.quit(8);
  ring.deliver();
  assert.ok(ring.left.has(8), '8 left');
  const second = ring.run(5, 'store', '0008').result;
  assert.equal(second.ok, true, `second store: ${JSON.stringify(second)}`);
});
