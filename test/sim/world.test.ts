// The simulator's parts and its physics: queue order, the generator, placement, transfers, crashes, partitions, scale.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { responsibleFor } from '../../src/core/ring.ts';
import { EventQueue } from '../../src/sim/heap.ts';
import { ALL_INVARIANTS, responsibleIn } from '../../src/sim/invariants.ts';
import { scenario } from '../../src/sim/families.ts';
import { Partitions } from '../../src/sim/network.ts';
import { Random } from '../../src/sim/random.ts';
import { formatSummary, runScenario, type ScenarioOptions } from '../../src/sim/scenario.ts';
import { Trace } from '../../src/sim/trace.ts';

const EXAMPLE_IDS = [2, 4, 5, 8, 9, 14, 19];
const QUICK = {
  durationMs: 5_000,
  pingIntervalMs: 1_000,
  opTimeoutMs: 3_000,
  connectTimeoutMs: 500,
  transferIdleTimeoutMs: 1_000,
} satisfies Partial<ScenarioOptions>;

describe('parts', () => {
  test('the event queue pops by time, and events at the same time in the order they were pushed', () => {
    const q = new EventQueue<string>();
    const r = new Random(1);
    const pushed: Array<[number, string]> = [];
    for (let i = 0; i < 500; i++) {
      const at = r.int(20);
      pushed.push([at, `e${i}`]);
      q.push(at, `e${i}`);
    }
    const popped: string[] = [];
    while (q.size > 0) popped.push(q.pop()!.item);
    const expected = pushed
      .map(([at, e], i) => ({ at, e, i }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((x) => x.e);
    assert.deepEqual(popped, expected);
    assert.equal(q.pop(), undefined);
    assert.equal(q.peekTime(), Infinity);
  });

  test('sfc32: the same seed gives the same stream; values stay in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 1000 }, () => a.u32());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b.u32()),
    );
    assert.notDeepEqual(
      xs.slice(0, 10),
      Array.from({ length: 10 }, () => c.u32()),
    );
    for (let i = 0; i < 10_000; i++) {
      const f = a.float();
      assert.ok(f >= 0 && f < 1);
      const n = a.int(7);
      assert.ok(Number.isInteger(n) && n >= 0 && n < 7);
    }
    assert.equal(new Random(5).chance(0), false);
  });

  test("responsibleIn agrees with the core's responsibleFor, wrap-around included", () => {
    const r = new Random(3);
    for (let i = 0; i < 200; i++) {
      const ids = [...new Set(Array.from({ length: 1 + r.int(20) }, () => r.int(256)))];
      const sorted = [...ids].sort((x, y) => x - y);
      const key = r.int(256);
      assert.equal(responsibleIn(sorted, key), responsibleFor(key, ids), `key ${key} in [${sorted.join(',')}]`);
    }
  });

  test('partitions cut links between groups, and the rest is a group of its own', () => {
    const p = new Partitions();
    p.add(1, [[2, 4], [8]]);
    assert.equal(p.reachable(2, 4), true);
    assert.equal(p.reachable(2, 8), false);
    assert.equal(p.reachable(4, 19), false);
    assert.equal(p.reachable(9, 19), true);
    p.add(2, [[9]]);
    assert.equal(p.reachable(9, 19), false);
    p.heal(1);
    assert.equal(p.reachable(2, 8), true);
    assert.equal(p.healAll(), 1);
    assert.equal(p.reachable(9, 19), true);
  });

  test('the trace keeps the last events in order and hashes all of them', () => {
    const t = new Trace(3);
    for (const line of ['a', 'b', 'c', 'd']) t.add(line);
    assert.deepEqual(t.recent(), ['b', 'c', 'd']);
    const u = new Trace(3);
    for (const line of ['a', 'b', 'c', 'e']) u.add(line);
    assert.notEqual(t.hash(), u.hash());
  });
});

describe('the world', () => {
  test('SPEC 2 on the example ring: store 2067 at 8 is held by 19 after 3 hops, and a request from 5 finds it', () => {
    const s = runScenario({
      seed: 1,
      peers: EXAMPLE_IDS,
      ...QUICK,
      ops: [
        { atMs: 2_000, kind: 'store', peer: 8, name: '2067' },
        { atMs: 3_000, kind: 'request', peer: 5, name: '2067' },
        { atMs: 3_000, kind: 'request', peer: 9, name: '0016' },
      ],
    });
    assert.deepEqual(s.violations, []);
    assert.deepEqual(s.lookups, { ok: 2, failed: 1, notFound: 1, timedOut: 0, abandoned: 0 });
    assert.equal(s.hops.max, 4); // 5 to 19 is four hops; 0016 from 9: two to 19, then its two copies
    assert.equal(s.filesLost, 0);
  });

  test('with every datagram lost and no indirect probes (k = 0), live peers are declared dead; once the loss stops the ring heals', () => {
    const s = runScenario({
      seed: 2,
      peers: EXAMPLE_IDS,
      ...QUICK,
      durationMs: 20_000,
      loss: 1,
      ops: 10,
      indirectProbes: 0,
    });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.ok(s.membership.wrongDeaths > 0);
    assert.deepEqual(
      s.invariants,
      ALL_INVARIANTS.filter((name) => name !== 'holder'),
    );
  });

  test('with every datagram lost but TCP working, every suspicion is refuted: no live peer is declared dead', () => {
    const s = runScenario({ seed: 2, peers: EXAMPLE_IDS, ...QUICK, durationMs: 20_000, loss: 1, ops: 10 });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.equal(s.membership.wrongDeaths, 0);
    assert.equal(s.membership.deaths, 0);
  });

  test('a partition fails the stores that cross it; after the heal they work again', () => {
    const cut = [8, 9, 14];
    const s = runScenario({
      seed: 3,
      peers: EXAMPLE_IDS,
      ...QUICK,
      pingIntervalMs: 60_000,
      invariants: ['holder', 'bytes', 'completion', 'disk', 'hopBound'],
      partitions: [{ atMs: 100, healAtMs: 4_000, groups: [cut] }],
      ops: [
        { atMs: 1_000, kind: 'store', peer: 2, name: '0016' },
        { atMs: 4_500, kind: 'store', peer: 2, name: '0017' },
      ],
    });
    assert.deepEqual(s.violations, []);
    assert.deepEqual([s.lookups.ok, s.lookups.timedOut], [1, 1]);
  });

  test('a holder that crashes and comes back without its disk: with one copy the file is lost, with replicas a copy serves it', () => {
    for (const replicas of [1, 3]) {
      for (const keepDisk of [true, false]) {
        const s = runScenario({
          seed: 4,
          peers: EXAMPLE_IDS,
          ...QUICK,
          pingIntervalMs: 60_000,
          replicas,
          invariants: ['bytes', 'completion', 'disk', 'hopBound'],
          crashes: [{ atMs: 1_000, peer: 19, restartAfterMs: 500, keepDisk, restart: 'static' }],
          ops: [
            { atMs: 100, kind: 'store', peer: 8, name: '2067' },
            { atMs: 3_000, kind: 'request', peer: 8, name: '2067' },
          ],
        });
        assert.deepEqual(s.violations, []);
        const lost = replicas === 1 && !keepDisk;
        assert.deepEqual(
          [s.lookups.ok, s.lookups.notFound, s.filesLost],
          lost ? [1, 1, 1] : [2, 0, 0],
          `replicas ${replicas}, keepDisk ${keepDisk}`,
        );
      }
    }
  });

  test('a crash in the middle of a transfer fails the store at its origin, and nothing is stored', () => {
    // 4 MB at 1 MB/s: the transfer takes seconds, and the holder dies during it.
    const s = runScenario({
      seed: 5,
      peers: EXAMPLE_IDS,
      ...QUICK,
      pingIntervalMs: 60_000,
      bandwidthBytesPerMs: 1,
      invariants: ['bytes', 'completion', 'disk', 'hopBound'],
      crashes: [{ atMs: 600, peer: 19 }],
      ops: [{ atMs: 500, kind: 'store', peer: 8, name: '2067' }],
    });
    assert.deepEqual(s.violations, []);
    assert.deepEqual([s.lookups.ok, s.lookups.failed, s.transfers.failed], [0, 1, 1]);
  });

  test('a ring built directly at 2,000 peers with 32-bit ids: successor lists derived, lookups only', () => {
    const s = runScenario({ seed: 6, peers: 2_000, idBits: 32, durationMs: 30_000, ops: 20 });
    assert.deepEqual(s.violations, []);
    assert.equal(s.lookups.ok + s.lookups.notFound, 20);
  });

  // The operator of a restarted peer keeps trying its join (a bounded number of times), as a person would. Left out of
  // the ring, the peer's disk held the only copies of acknowledged files (`copies` broke on main in both seeds).
  for (const [family, seed, what] of [
    ['swap', 7243, 'found no live member to join through'],
    ['restarts', 7153, 'had its joins refused three times'],
  ] as const)
    test(`a restarted peer that ${what} tries again later (${family} ${seed})`, () => {
      const s = runScenario(scenario(family, seed));
      assert.deepEqual(s.violations, [], formatSummary(s));
    });
});
