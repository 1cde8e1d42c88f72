// Bugs the simulator found in the core, each pinned to the seed that found it (fixed ones stay as regression tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_INVARIANTS, UNLESS_SPLIT } from '../../src/sim/invariants.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';
import { scenario } from '../../src/sim/families.ts';

// Fixed: a peer that is not in a ring does not answer pings, so the peers that still list it declare it gone.
test('a peer that restarts before its death is noticed can rejoin the ring', () => {
  const s = runScenario({ ...scenario('restarts', 1), invariants: ALL_INVARIANTS });
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed: stabilisation from the first successor's ping response (its predecessor and its list) takes it back.
// Since replication changed the traffic (and so the random draws), seed 8 ends with a false death the loss
// during the settle keeps alive: todo until the settle is loss-free (being fixed with the partition case).
test('a live peer wrongly declared dead (datagrams lost) is taken back into the ring', { todo: 'sim: loss continues during the settle, so a late false death is still there at the final check' }, () => {
  const s = runScenario({ ...scenario('lossy', 8), invariants: ALL_INVARIANTS });
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed: peers declared dead are probed for a while; one that answers was cut off, and the rings merge through it.
// Seeds 2, 29 and 98 each left a peer alone (it declared all others dead) with no
// predecessor pinging it any more, or two rings side by side, after the heal.
for (const seed of [2, 29, 98]) {
  test(`a ring split by a partition is one ring again after the heal (seed ${seed})`, () => {
    const s = runScenario({ ...scenario('partitions', seed), invariants: UNLESS_SPLIT });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.ok(s.membership.wrongDeaths > 0, 'the partition made peers declare live ones dead');
  });
}

// Found once replication landed (the families checked no copies there before): after partitions and restarts the
// ring heals, but some files end with stale extra copies, or at peers that are no longer their holders.
for (const [family, seed] of [['partitions', 199], ['restarts', 7], ['restarts', 21]] as const) {
  test(`once quiet, exactly R copies at the holders after ${family} (seed ${seed})`, { todo: 'core: replication repair after a partition or a restart' }, () => {
    const s = runScenario({ ...scenario(family, seed), invariants: UNLESS_SPLIT });
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}
