// A few hundred short seeded scenarios, by family; each checks the invariants its family names (scenarios.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';
import { OPEN_SEEDS, scenario, type Family } from '../../src/sim/families.ts';

// Every family passes every seed here (seeds that find an open bug are pinned in known-bugs.test.ts).
const SEEDS_PER_FAMILY: Record<Family, number> = {
  clean: 50,
  lossy: 60,
  datagramLoss: 40,
  partitions: 60,
  membership: 60,
  crashes: 60,
  restarts: 60,
  disk: 60,
  hosts: 60,
  swap: 60,
  writers: 60,
  zones: 60,
  stalls: 60,
};

for (const [family, seeds] of Object.entries(SEEDS_PER_FAMILY) as Array<[Family, number]>) {
  describe(`sim: ${family}`, () => {
    for (let seed = 1; seed <= seeds; seed++) {
      if (OPEN_SEEDS[family]?.includes(seed) === true) continue; // a todo test in known-bugs.test.ts
      test(`seed ${seed}`, () => {
        const summary = runScenario(scenario(family, seed));
        assert.deepEqual(summary.violations, [], formatSummary(summary));
        // Every command ended one way or another, or died with the peer that had it.
        const { ok, failed, abandoned } = summary.lookups;
        assert.ok(ok + failed + abandoned > 0 || summary.steps > 0);
      });
    }
  });
}

/**
 * Seeds beyond the ranges above that once failed: zones 61 and 119 (`holder`: a request ended at a holder placed across
 * zones, which the checker's holders left out; the core was right), hosts 1017 (`newest`: on the swim branch before
 * zones were merged, both copies of the newest version were on one host that crashed; placement across hosts keeps it;
 * on res8, `zones`: a store's other-zone target had crashed unnoticed and a two-successor list had no other, so both
 * copies were on one host: the checker counts a file as spread only where the responsible peer's list reaches a live
 * peer of another zone). zones 10672 (`holder`, with rejoin16's look-behind: 53, which nobody pinged, looked behind
 * naming 210; 169, which listed only the crashed 193 and 205, took 53 in past 210, alive, and a store of key 187 ended
 * at 53. The peer the find passes now probes the peers between it and the origin it does not know first, and takes 210
 * in).
 */
const PINNED: ReadonlyArray<readonly [Family, number]> = [
  ['zones', 61],
  ['zones', 119],
  ['hosts', 1017],
  ['zones', 10672],
];
describe('sim: pinned seeds', () => {
  for (const [family, seed] of PINNED)
    test(`${family} seed ${seed}`, () => {
      const summary = runScenario(scenario(family, seed));
      assert.deepEqual(summary.violations, [], formatSummary(summary));
    });
});
