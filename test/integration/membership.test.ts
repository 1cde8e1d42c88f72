// Membership with real actors: the SPEC walk-through (join, quit, kill) in one process, small rings, concurrent joins, adjacent kills.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyOf, responsibleFor, successorsInRing, type PeerId } from '../../src/core/ring.ts';
import type { RingEvent } from '../../src/host/ring.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { until } from '../../src/host/until.ts';

const EXAMPLE = [
  { id: 2, successors: [4, 5] },
  { id: 4, successors: [5, 8] },
  { id: 5, successors: [8, 9] },
  { id: 8, successors: [9, 14] },
  { id: 9, successors: [14, 19] },
  { id: 14, successors: [19, 2] },
  { id: 19, successors: [2, 4] },
];
/** Pings once a second, each given the whole round to be answered (the longest ping timeout there is), so a kill is
 *  noticed in about 4 s (K = 3, the default) and only a peer silent for seconds is declared dead. Not shorter: on a
 *  loaded 2-core machine a thread can be off a core for hundreds of ms, and with 250 ms pings (a 125 ms timeout) load
 *  alone had 4 declare its live successor 5 dead mid-test ("successors of 4": [8, 9]). */
const PING_MS = 1000;
const PINGS = { pingIntervalMs: PING_MS, pingTimeoutMs: PING_MS };

/** Records every line that is not a ping, per peer. */
function recorder(t: TestRing): { lines: Map<PeerId, string[]>; events: RingEvent[]; clear(): void } {
  const lines = new Map<PeerId, string[]>();
  const events: RingEvent[] = [];
  t.ring.on((e) => {
    events.push(e);
    if (e.kind === 'line' && !e.line.event.startsWith('ping.'))
      lines.set(e.peer, [...(lines.get(e.peer) ?? []), e.line.text]);
  });
  return {
    lines,
    events,
    clear: () => {
      lines.clear();
      events.length = 0;
    },
  };
}

/** Every local peer's successors, from `status`, against the ideal ring of the live ids. */
async function assertRingWhole(t: TestRing): Promise<void> {
  const ids = t.ring.ids();
  const ideal = successorsInRing(ids, 2);
  for (const id of ids)
    assert.deepEqual((await t.ring.peer(id).status()).successors, ideal.get(id), `successors of ${id}`);
}

/** From every peer, stores of a few names land at the responsible peer and come back from every other peer. */
async function assertRoutes(t: TestRing, names: string[]): Promise<void> {
  const ids = t.ring.ids();
  for (const [i, name] of names.entries()) {
    const from = ids[i % ids.length]!;
    const stored = await t.ring.peer(from).store(name, { empty: true });
    assert.deepEqual(
      [stored.ok, stored.ok && stored.holder],
      [true, responsibleFor(keyOf(name, 8), ids)],
      `store ${name} at ${from}: ${stored.ok ? '' : stored.error}`,
    );
    for (const id of ids) {
      const got = await t.ring.peer(id).request(name);
      assert.equal(got.ok, true, `request ${name} at ${id}: ${got.ok ? '' : got.error}`);
    }
  }
}

/** Waits until `count` lines matching `text` were printed (by any peers), counting those already seen. */
function linesSeen(rec: ReturnType<typeof recorder>, t: TestRing, text: string, count: number): Promise<void> {
  const seen = () => [...rec.lines.values()].flat().filter((l) => l === text).length;
  if (seen() >= count) return Promise.resolve();
  return t.ring.waitFor(() => seen() >= count, 15_000).then(() => {});
}

/**
 * Resolves once every peer has had a ping response from each of its first `pinged` successors, the ones pinged every
 * round (a peer started with silent successors forgives them for a while).
 */
async function everyPeerAnswered(rec: ReturnType<typeof recorder>, t: TestRing, pinged = 2): Promise<void> {
  const expected = new Set<string>();
  for (const id of t.ring.ids())
    for (const s of (await t.ring.peer(id).status()).successors.slice(0, pinged))
      if (s !== id) expected.add(`${id}<-${s}`);
  const heard = () =>
    [...expected].every((k) =>
      rec.events.some(
        (e) => e.kind === 'line' && e.line.event === 'ping.response' && `${e.peer}<-${e.line.from}` === k,
      ),
    );
  if (!heard()) await t.ring.waitFor(heard, 15_000);
}

/** Waits, change by change, until every local peer's successors are the ideal ones (bounded). */
async function settled(t: TestRing): Promise<void> {
  for (let changes = 0; changes < 50; changes++) {
    const ideal = successorsInRing(t.ring.ids(), 2);
    const lists = await Promise.all(
      t.ring.ids().map(async (id) => [id, (await t.ring.peer(id).status()).successors] as const),
    );
    if (lists.every(([id, list]) => JSON.stringify(list) === JSON.stringify(ideal.get(id)))) return;
    await t.ring.waitFor((e) => e.kind === 'line' && e.line.event.startsWith('successor.'), 5_000).catch(() => {});
  }
}

describe('the SPEC walk-through in one ring process', () => {
  test('15 joins via 4, 9 quits, 14 is killed: every line at every peer, and the successors after each step', async () => {
    const t = await createTestRing({ peers: EXAMPLE, ...PINGS });
    const rec = recorder(t);
    try {
      const joined = await t.ring.join(15, 4);
      assert.equal(joined.ok, true);
      // Each peer's lines come from its own thread: wait for the last line of each rather than assume an order.
      await linesSeen(rec, t, 'My new second successor is Peer 15', 1); // 9's Successor Change
      await linesSeen(rec, t, 'My new second successor is Peer 19', 1); // 14
      await linesSeen(rec, t, 'My second successor is Peer 2', 1); // 15
      const after = (id: number) => rec.lines.get(id) ?? [];
      for (const id of [4, 5, 8, 9])
        assert.equal(after(id)[0], 'Peer 15 Join request forwarded to my successor', `at ${id}`);
      assert.deepEqual(after(14), [
        'Peer 15 Join request received',
        'My new first successor is Peer 15',
        'My new second successor is Peer 19',
      ]);
      assert.deepEqual(after(9).slice(1), [
        'Successor Change request received',
        'My new first successor is Peer 14',
        'My new second successor is Peer 15',
      ]);
      assert.deepEqual(after(15), [
        `Start peer 15 at port ${t.basePort + 15}`,
        'Join request has been accepted',
        'My first successor is Peer 19',
        'My second successor is Peer 2',
      ]);
      assert.deepEqual([after(2), after(19)], [[], []]);
      await assertRingWhole(t);
      await assertRoutes(t, ['0015', '0016', '2067']);

      rec.clear();
      const quit = await t.ring.quit(9);
      assert.equal(quit.ok, true);
      await linesSeen(rec, t, 'My new second successor is Peer 15', 1); // 8
      await linesSeen(rec, t, 'My new second successor is Peer 14', 1); // 5
      assert.deepEqual(t.ring.ids(), [2, 4, 5, 8, 14, 15, 19]);
      assert.deepEqual(after(8), [
        'Peer 9 will depart from the network',
        'My new first successor is Peer 14',
        'My new second successor is Peer 15',
      ]);
      assert.deepEqual(after(5), [
        'Peer 9 will depart from the network',
        'My new first successor is Peer 8',
        'My new second successor is Peer 14',
      ]);
      await assertRingWhole(t);
      await assertRoutes(t, ['0009', '0010']);

      rec.clear();
      await everyPeerAnswered(rec, t);
      await t.ring.kill(14);
      await linesSeen(rec, t, 'Peer 14 is no longer alive', 2);
      await linesSeen(rec, t, 'My new second successor is Peer 19', 1); // 8's repair
      await linesSeen(rec, t, 'My new second successor is Peer 15', 1); // 5's repair
      assert.deepEqual(after(8), [
        'Peer 14 is no longer alive',
        'My new first successor is Peer 15',
        'My new second successor is Peer 19',
      ]);
      assert.deepEqual(after(5), [
        'Peer 14 is no longer alive',
        'My new first successor is Peer 8',
        'My new second successor is Peer 15',
      ]);
      await assertRingWhole(t);
      await assertRoutes(t, ['0011', '0014', '0003']);
    } finally {
      await t.close();
    }
  });
});

describe('small rings, concurrent joins, adjacent deaths', () => {
  test('a ring of one grows to three by joins and shrinks back by quits; lookups right at every size', async () => {
    const t = await createTestRing({ peers: [{ id: 100, successors: [100, 100] }], ...PINGS });
    try {
      for (const [id, via] of [
        [50, 100],
        [200, 50],
      ] as const) {
        assert.equal((await t.ring.join(id, via)).ok, true);
        // The join is done once the joiner is accepted; its predecessor's predecessor hears the change after (walked).
        await settled(t);
        await assertRingWhole(t);
        await assertRoutes(t, ['0040', '0120', '0250']);
      }
      for (const id of [50, 200]) {
        assert.equal((await t.ring.quit(id)).ok, true);
        await assertRingWhole(t);
        await assertRoutes(t, ['0041', '0121']);
      }
      assert.deepEqual(t.ring.ids(), [100]);
    } finally {
      await t.close();
    }
  });

  test('two peers joining at once through the same peer both land', async () => {
    const t = await createTestRing({ peers: [10, 100, 200], ...PINGS });
    try {
      const results = await Promise.all([t.ring.join(40, 10), t.ring.join(60, 10), t.ring.join(150, 200)]);
      assert.deepEqual(
        results.map((r) => r.ok),
        [true, true, true],
      );
      // Each join resolved when its newcomer was placed; the Successor Change to a predecessor may still be on its way.
      await settled(t);
      await assertRingWhole(t);
      await assertRoutes(t, ['0050', '0070', '0170', '0005']);
    } finally {
      await t.close();
    }
  });

  test('a join of an id already running here is refused; a join through a peer that does not answer fails', async () => {
    const t = await createTestRing({ peers: [10, 100, 200], ...PINGS });
    try {
      // (Across processes a second Peer 100 cannot even bind its port; the protocol's own refusal is table-tested in test/core.)
      await assert.rejects(t.ring.join(100, 10), /Peer 100 is already running in this process/);
      const lost = await t.ring.join(120, 77);
      assert.deepEqual(
        [lost.ok, lost.ok ? '' : lost.error],
        [
          false,
          'Peer 77 did not answer the join request within 5 s: it may be down, unreachable at the address used, or on another ring secret',
        ],
      );
      assert.equal(t.ring.has(120), false, 'the peer that could not join is not left running');
      await assertRingWhole(t);
    } finally {
      await t.close();
    }
  });

  test('two adjacent peers killed at once: the predecessors close the ring over both', async () => {
    const t = await createTestRing({ peers: EXAMPLE, ...PINGS });
    const rec = recorder(t);
    try {
      // Successors that never answered get a start-up grace; kill only once 8 and 5 have heard from 9 and 14.
      await everyPeerAnswered(rec, t);
      await Promise.all([t.ring.kill(9), t.ring.kill(14)]);
      // 8 loses both successors, 5 its second (and perhaps, if 8 has not repaired yet, the one after it too).
      await linesSeen(rec, t, 'Peer 9 is no longer alive', 2);
      await settled(t);
      await assertRingWhole(t);
      for (const dead of [9, 14])
        assert.ok(rec.lines.get(8)!.includes(`Peer ${dead} is no longer alive`), `8 saw ${dead} go`);
      await assertRoutes(t, ['0012', '0017', '0009']);
    } finally {
      await t.close();
    }
  });
});

describe('successor lists longer than two (wide ids)', () => {
  test('after a kill every successor down the list is pinged, none of those pings is dropped, no live peer is declared dead', async () => {
    // Ranks 3 and up (pings to the tail of a list of 4) were refused as invalid by the receivers' decoder: the tail
    // never answered, and once a successor missed, live peers were declared dead.
    const ids = [100_000, 200_000, 300_000, 400_000, 500_000, 600_000, 700_000];
    const t = await createTestRing({ peers: ids, idBits: 20, successorCount: 4, ...PINGS });
    try {
      const rec = recorder(t);
      await everyPeerAnswered(rec, t);
      await t.ring.kill(400_000);
      // 300,000 misses its first successor, so it pings its whole list (ranks 1 to 4) until 400,000 is declared gone.
      await linesSeen(rec, t, 'Peer 400000 is no longer alive', 1);
      const live = ids.filter((id) => id !== 400_000);
      const ideal = successorsInRing(live, 4);
      await until(
        (l) => t.ring.on(l),
        async () => {
          for (const id of live) {
            const list = (await t.ring.peer(id).status()).successors;
            if (JSON.stringify(list) !== JSON.stringify(ideal.get(id))) return `${id}: ${list}`;
          }
          return undefined;
        },
        'every successor list whole again',
        15_000,
      );
      for (const id of live)
        assert.equal((await t.ring.peer(id).status()).dropped.invalid, 0, `invalid drops at ${id}`);
      const wrong = rec.events.filter(
        (e) => e.kind === 'line' && e.line.event === 'peer.dead' && e.line.dead !== 400_000,
      );
      assert.deepEqual(wrong, [], 'no live peer declared dead');
    } finally {
      await t.close();
    }
  });
});
