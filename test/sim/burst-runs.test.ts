// Issue 19: runs of adjacent crashes longer than a successor list (r = 6 above 8 bits). A run of r + 1 took a second
// detection period (its last peer was named only by reports older than the burst, and nobody had pinged it); a run of
// r + 2 or more left its predecessor with no live successor it knew of, and the ring never closed again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Random } from '../../src/sim/random.ts';
import { randomIds, runScenario } from '../../src/sim/scenario.ts';

const PING_INTERVAL_MS = 30_000;
const BURST_AT_MS = 45_000;

/** A 200-peer ring of 32-bit ids in which `run` adjacent peers crash at once; the time until it is right again. */
function runOf(run: number): { intervals: number; converged: boolean } {
  const ids = randomIds(new Random(7), 200, 32);
  const sorted = [...ids].sort((a, b) => a - b);
  const summary = runScenario({
    seed: 7,
    peers: ids,
    idBits: 32,
    durationMs: BURST_AT_MS + 1,
    settleMs: 30 * PING_INTERVAL_MS,
    ops: 0,
    crashes: sorted.slice(100, 100 + run).map((peer) => ({ atMs: BURST_AT_MS, peer })),
  });
  assert.deepEqual(summary.violations, []);
  const c = summary.convergence;
  return { intervals: (c.maxMs ?? Infinity) / PING_INTERVAL_MS, converged: c.converged === c.disturbances };
}

describe('runs of adjacent crashes longer than the successor list', () => {
  test('a run of r (6) closes within one detection period', () => {
    const { intervals, converged } = runOf(6);
    assert.ok(converged && intervals < 3.5, `${intervals} intervals`);
  });

  test('a run of r + 1 (7) too: the peer after the run, never pinged, is declared dead at its first missed round', () => {
    const { intervals, converged } = runOf(7); // 4.78 intervals before
    assert.ok(converged && intervals < 3.5, `${intervals} intervals`);
  });

  test('a run of r + 2 (8) or r + 3 (9) within one detection period too: the first live peer after it looks behind', () => {
    // Nobody pings that peer any more: its find for the id before its own reaches the peer before the run, which lists
    // the run (or saw it go) and takes it in (Membership.lookBehind). Before: 7.80 and 6.90 intervals, walking back.
    for (const run of [8, 9]) {
      const { intervals, converged } = runOf(run);
      assert.ok(converged && intervals < 3.5, `a run of ${run}: ${intervals} intervals`);
    }
  });

  test('a run of r + 2 (8) or more closes at all: the nearest fingers past it stand in, and the list walks back', () => {
    for (const run of [8, 9]) {
      const { converged } = runOf(run); // never before: the ring stayed open
      assert.ok(converged, `a run of ${run} never converged`);
    }
  });
});
