// Issue 19: a 25 % crash burst converges in one detection period, however the answers and pushed lists of its repairs
// cross on the way (at N = 10^4, seed 1 took 3.71 intervals instead of 2.82: an answer to a ping, overtaken by the list
// its sender pushed since, put two dead peers back into a list, and nothing took them out until the next round).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario } from '../../src/sim/scenario.ts';

const PING_INTERVAL_MS = 30_000;
const BURST_AT_MS = 45_000;

/** Intervals from the burst until every successor list is the ring's, as the bench's burst rows measure it. */
function burst(peers: number, share: number, seed: number): number {
  const summary = runScenario({
    seed,
    peers,
    idBits: 32,
    durationMs: BURST_AT_MS + 1,
    settleMs: 6 * PING_INTERVAL_MS,
    ops: 0,
    crashes: Array.from({ length: Math.round(share * peers) }, () => ({ atMs: BURST_AT_MS })),
  });
  assert.deepEqual(summary.violations, []);
  const c = summary.convergence;
  assert.equal(c.converged, c.disturbances, 'every crash converged');
  return c.maxMs! / PING_INTERVAL_MS;
}

describe('crash bursts: lists pushed and answers crossing', () => {
  test('an answer overtaken by a pushed list does not hold the ring open a round more (400 peers, 25 %, seed 22)', () => {
    // 1054444997 took 1063337617's pushed list, then the answer to its ping sent a moment before, naming 1131687683,
    // dead: 3.71 intervals before, 2.82 now (as every other seed of this size).
    const intervals = burst(400, 0.25, 22);
    assert.ok(intervals < 3, `${intervals} intervals`);
  });
});
