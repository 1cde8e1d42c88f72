// Convergence after each disturbance: timed on the virtual clock from the disturbance until the ring is right again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import { formatSummary, runScenario, type ScenarioOptions } from '../../src/sim/scenario.ts';

const EXAMPLE_IDS = [2, 4, 5, 8, 9, 14, 19];
const INTERVAL_MS = 1_000;
const K = 3;
const QUICK = {
  durationMs: 10_000,
  pingIntervalMs: INTERVAL_MS,
  pingMissLimit: K,
  opTimeoutMs: 3_000,
  connectTimeoutMs: 500,
  transferIdleTimeoutMs: 1_000,
  ops: 0,
} satisfies Partial<ScenarioOptions>;

describe('convergence', () => {
  test('a crash converges once its predecessors noticed it (K missed pings) and repaired their lists', () => {
    const s = runScenario({ seed: 11, peers: EXAMPLE_IDS, ...QUICK, crashes: [{ atMs: 5_000, peer: 14 }] });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.equal(s.convergence.disturbances, 1);
    assert.equal(s.convergence.byKind['crash']?.converged, 1);
    const afterMs = s.convergence.maxMs!;
    // Not before K - 1 more rounds and the timeout of the K-th; not later than K + 2 rounds (the repair after it).
    assert.ok(afterMs >= (K - 1) * INTERVAL_MS, `converged ${afterMs} ms after the crash: before it could be noticed`);
    assert.ok(afterMs <= (K + 2) * INTERVAL_MS, `converged only ${afterMs} ms after the crash`);
  });

  test('a join and a graceful departure converge within a few message delays, without waiting for a ping round', () => {
    const s = runScenario({
      seed: 12,
      peers: EXAMPLE_IDS,
      ...QUICK,
      joins: [{ atMs: 3_000, peer: 11 }],
      quits: [{ atMs: 6_000, peer: 4 }],
    });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.deepEqual([s.convergence.byKind['join']?.converged, s.convergence.byKind['quit']?.converged], [1, 1]);
    assert.ok(s.convergence.maxMs! < INTERVAL_MS / 2, `converged only ${s.convergence.maxMs} ms after`);
  });

  test('a partition is timed from its heal; a run with no disturbance has nothing to time', () => {
    const s = runScenario({
      seed: 13,
      peers: EXAMPLE_IDS,
      ...QUICK,
      partitions: [{ atMs: 1_000, healAtMs: 7_000, groups: [[8, 9]] }],
    });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.equal(s.membership.wrongDeaths > 0, true, 'the partition lasted long enough for deaths to be declared');
    assert.deepEqual(Object.keys(s.convergence.byKind), ['heal']);
    assert.equal(s.convergence.converged, 1);
    assert.match(formatSummary(s), /convergence after each disturbance: 1 of 1 converged/);
    const quiet = runScenario({ seed: 13, peers: EXAMPLE_IDS, ...QUICK });
    assert.equal(quiet.convergence.disturbances, 0);
    assert.match(formatSummary(quiet), /convergence after each disturbance: no disturbances/);
  });

  test('a ring that never heals reports the disturbance as not converged', () => {
    // A broken core that never counts a missed ping: a crashed successor is never replaced.
    class Deaf extends PeerMachine {
      override handle(input: Input, now: number): Effect[] {
        return input.type === 'timer' && input.timer.kind === 'pingTimeout' ? [] : super.handle(input, now);
      }
    }
    const s = runScenario({
      seed: 14,
      peers: EXAMPLE_IDS,
      ...QUICK,
      invariants: [],
      machine: (config) => new Deaf(config),
      crashes: [{ atMs: 5_000, peer: 9 }],
    });
    assert.equal(s.convergence.disturbances, 1);
    assert.equal(s.convergence.converged, 0, formatSummary(s));
    assert.equal(s.convergence.maxMs, null);
    assert.match(formatSummary(s), /0 of 1 converged/);
  });
});
