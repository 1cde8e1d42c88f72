// Seeds and peers lost past their probes are retried with backoff at a bounded rate (src/core/seeds.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect } from '../../src/core/io.ts';
import { Membership, type OpBook } from '../../src/core/membership.ts';
import { LOST_MAX, Reconnect, RETRY_MAX_ROUNDS, retryDelayMs } from '../../src/core/seeds.ts';

const INTERVAL_MS = 1_000;
const ops: OpBook = { open: () => true, finish: () => {} };

/** Peer 7 with `successors` (alone by default) and `seeds`. */
function peer(seeds: number[], successors = [7, 7]): Membership {
  return new Membership(
    {
      id: 7,
      idBits: 8,
      successors,
      pingIntervalMs: INTERVAL_MS,
      pingTimeoutMs: INTERVAL_MS / 2,
      pingMissLimit: 3,
      startupGraceMs: 0,
      successorCount: 2,
      indirectProbes: 3,
      joinTimeoutMs: 5_000,
      departTimeoutMs: 2_000,
      seeds,
    },
    ops,
  );
}

/** The rank-0 pings (probes) among effects, by target. */
function probes(out: Effect[]): number[] {
  return out.flatMap((e) =>
    e.type === 'send' && e.message.type === 'pingRequest' && e.message.rank === 0 ? [e.to] : [],
  );
}

describe('retrying seeds', () => {
  test('the wait doubles from one ping interval up to RETRY_MAX_ROUNDS intervals, never more', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 40].map((a) => retryDelayMs(a, INTERVAL_MS) / INTERVAL_MS),
      [1, 2, 4, 8, 16, RETRY_MAX_ROUNDS, RETRY_MAX_ROUNDS, RETRY_MAX_ROUNDS],
    );
  });

  test('a peer alone probes its seeds at once, then ever less often, at a bounded rate, for as long as it is alone', () => {
    const m = peer([40, 7]);
    const at: number[] = [];
    for (let round = 0; round <= 200; round++) {
      const out: Effect[] = [];
      if (round === 0) m.start(0, out);
      else m.pingRound(round * INTERVAL_MS, out);
      if (probes(out).includes(40)) at.push(round);
      assert.ok(!probes(out).includes(7), 'never itself');
    }
    assert.deepEqual(at.slice(0, 6), [0, 2, 6, 14, 30, 50]);
    const gaps = at.slice(1).map((r, i) => r - at[i]!);
    assert.ok(
      gaps.every((g) => g <= RETRY_MAX_ROUNDS),
      `gaps ${gaps}`,
    );
    assert.ok(at.length >= 10 && at.length <= 14, `tried ${at.length} times in 200 rounds`);
  });

  test('a seed that answers is taken in: the peer is no longer alone, and stops trying its seeds', () => {
    const m = peer([40]);
    const out: Effect[] = [];
    m.start(0, out);
    assert.deepEqual(probes(out), [40]);
    m.onPingResponse(40, { type: 'pingResponse', seq: 1, successors: [60, 90], predecessor: 30 }, 10, out);
    assert.deepEqual(m.successors, [40, 60]);
    for (let round = 1; round < 50; round++) {
      const later: Effect[] = [];
      m.pingRound(round * INTERVAL_MS, later);
      assert.deepEqual(probes(later), [], `round ${round}`);
    }
  });

  test('a peer that is neither alone nor cut off does not try its seeds', () => {
    const m = peer([40], [9, 12]);
    const out: Effect[] = [];
    m.start(0, out);
    assert.deepEqual(probes(out), []);
  });

  test('lost peers are kept to a bound, the most recent; one heard from again is not retried', () => {
    const r = new Reconnect(1, [], INTERVAL_MS);
    for (let peer = 10; peer < 10 + LOST_MAX + 3; peer++) r.lose(peer, 0);
    const due = r.due(INTERVAL_MS, false);
    assert.equal(due.length, LOST_MAX);
    assert.ok(!due.includes(10) && due.includes(10 + LOST_MAX + 2));
    r.found(10 + LOST_MAX + 2);
    assert.ok(!r.retrying(10 + LOST_MAX + 2));
    assert.ok(r.cutOff);
  });
});
