// A graceful departure is said by both peers that list the leaving peer (SPEC 2), even when it quits so soon after a
// join that it has not heard from its second predecessor yet: its first predecessor passes the departure on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../src/sim/families.ts';
import { runScenario } from '../../src/sim/scenario.ts';

// Seeds of the membership family where a peer quit before its second predecessor's first ping reached it: that
// predecessor found it gone from its first successor's list, without the departure line (18, 53, 40, 86); where a
// predecessor that had taken the leaving peer's second predecessor's place was told in its stead (38); where a walk on
// fingers passed the second predecessor by after a peer listing the leaving peer third had said it (61); where the
// leaving peer knew only its second predecessor (its first had just left), which was its first by then (148); where a
// walk's peer that took itself for the second predecessor was not, as another peer had joined between (308); where two
// peers near each other left at once, and the list one gave its predecessors named the other (466, 483), or the second
// predecessor left before the departure reached it (664); where a first predecessor holding a departure to pass on (its
// own first had not pinged it yet) quit too, and its first took its list, which passes over the peer held for (320,
// 917); where a walk's finger hop had left the ring and refused the connection (1347).
for (const seed of [18, 38, 40, 53, 61, 86, 148, 308, 320, 466, 483, 664, 917, 1347]) {
  test(`membership seed ${seed}: every departure is said by the predecessors that listed the leaving peer`, () => {
    const s = runScenario(scenario('membership', seed));
    assert.deepEqual(s.violations, []);
    assert.ok(s.membership.quits > 0, 'peers departed');
    assert.equal(s.membership.untoldDepartures, 0);
  });
}
