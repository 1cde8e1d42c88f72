// A partition that outlasts the probes of the peers it cut off (GONE_PROBE_ROUNDS) still heals: the peers it cut off
// are retried with backoff at a bounded rate (src/core/seeds.ts), so the two rings it made are one ring again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GONE_PROBE_ROUNDS } from '../../src/core/membership.ts';
import { RETRY_MAX_ROUNDS } from '../../src/core/seeds.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';

const EXAMPLE_IDS = [2, 4, 5, 8, 9, 14, 19];
const INTERVAL_MS = 1_000;
/** Far longer than the probes last. */
const CUT_ROUNDS = 3 * GONE_PROBE_ROUNDS;

describe('a partition longer than the probes last', () => {
  for (const seed of [21, 22, 23]) {
    test(`heals into one ring with every file at its holders (seed ${seed})`, () => {
      const healAtMs = 2_000 + CUT_ROUNDS * INTERVAL_MS;
      const s = runScenario({
        seed,
        peers: EXAMPLE_IDS,
        durationMs: healAtMs + 2_000,
        // After the heal: one backoff at its longest, then the merge and the copies.
        settleMs: (RETRY_MAX_ROUNDS + 30) * INTERVAL_MS,
        pingIntervalMs: INTERVAL_MS,
        opTimeoutMs: 3_000,
        connectTimeoutMs: 500,
        transferIdleTimeoutMs: 1_000,
        ops: 20,
        partitions: [{ atMs: 1_500, healAtMs, groups: [[5, 8, 9]] }],
      });
      assert.deepEqual(s.violations, [], formatSummary(s));
      assert.ok(s.membership.wrongDeaths > 0, 'the partition made each side declare the other dead');
      assert.equal(s.members, EXAMPLE_IDS.length);
      assert.equal(s.convergence.byKind['heal']?.converged, 1, formatSummary(s));
    });
  }
});
