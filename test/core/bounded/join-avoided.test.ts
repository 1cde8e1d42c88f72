// a6a447a: a join request whose live hop would pass the newcomer's place is dropped (membership.ts onJoinRequest).
// Here the peer before the place (5) is alive: 4 only avoids it because one hop to it went unacknowledged while 5
// was restarting. The join should be placed by 5 (one hop away), not time out at the newcomer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, TestRing, hopTimeouts, started } from '../harness.ts';

test('a join whose place follows a live successor that the asked peer avoids for a lost hop ack is placed', () => {
  const ring = started(new TestRing(EXAMPLE));
  ring.kill(5);
  ring.command(4, 'store', '0005'); // key 5: final hop to 5, not acknowledged: 4 avoids 5
  ring.deliver();
  assert.ok(hopTimeouts(ring, 4) > 0, 'the hop to 5 timed out at 4');
  ring.restart(5, [8, 9], 'kept'); // 5 is back (its restart was quicker than a declaration); 4 has not heard from it
  ring.deliver();
  ring.addPeer(6);
  const op = ring.join(6, 4);
  ring.deliver();
  const done = ring.completions.find((c) => c.peer === 6 && c.op === op);
  assert.ok(done !== undefined, 'the join was answered (placed or refused), not left to its deadline');
  assert.equal(done.result.ok, true, JSON.stringify(done.result));
});
