// The reorder's settle on a real ring (src/host/reorder.ts): once every thread answered, every event stamped before
// the question has reached the main thread, ping lines held back by their 10 ms timer included. A gap still open then
// is a lost stamp, never one a live thread would post late.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestRing } from '../../src/host/testing.ts';

interface Inside {
  settleThreads(): Promise<number>;
  reorder: { idle: boolean; skipped: number; late: number };
}

test("a settle's answers come after every event their threads stamped before it: nothing stamped before it is missing", async () => {
  const peers = [2, 4, 5, 8, 9, 14, 19].map((id) => ({ id }));
  // Two threads for seven peers, and fast pings: lines are stamped all the time, on both threads, and held back.
  const t = await createTestRing({ peers, threads: 2, pingIntervalMs: 50 });
  const seen = new Set<number>();
  const off = t.ring.on((event) => seen.add(event.seq));
  try {
    const inside = t.ring as unknown as Inside;
    let checked = 0;
    for (let round = 0; round < 20; round++) {
      const taken = await inside.settleThreads();
      // Every stamp below `taken` was read by now: the reorder passed on all of them (its gap, if any, is above).
      const missing = [];
      for (let seq = 0; seq < taken; seq++) if (!seen.has(seq)) missing.push(seq);
      assert.deepEqual(missing.slice(0, 5), [], `round ${round}: stamps below ${taken} not passed on`);
      checked = taken;
    }
    assert.ok(checked > peers.length * 2, `lines were stamped meanwhile (${checked})`);
    assert.deepEqual([inside.reorder.late, inside.reorder.skipped], [0, 0]);
  } finally {
    off();
    await t.close();
  }
});
