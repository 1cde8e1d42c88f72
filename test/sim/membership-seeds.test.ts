// Membership bugs the simulator found in the core, each pinned to the seed that found it (fixed ones stay as
// regression tests; test/sim/departure-told.test.ts holds the earlier departures said by a listing peer).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../src/sim/families.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';

// Fixed (src/core/membership.ts, tellLatePredecessor): 374 joined between 365 and 378 just before 434 quit; 374's first
// ping reached 434 after its departure had gone to 378 and 365, and 378, which knew 374 already, passed nothing on, so
// 374 dropped 434 on 378's list without saying it. A leaving peer now tells a peer that pings it as a predecessor.
test('membership seed 2653: a newcomer that pings a leaving peer after its departure went out says the departure', () => {
  const s = runScenario(scenario('membership', 2653));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(s.membership.quits > 0, 'peers departed');
  assert.equal(s.membership.untoldDepartures, 0);
});
