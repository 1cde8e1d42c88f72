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
  let woken: (() => void) | undefined;
  const off = t.ring.on((event) => {
    seen.add(event.seq);
    woken?.();
  });
  // Resolves once an event stamped at `seq` or later has been passed on: every round settles with fresh lines stamped
  // since the last answer (the pings at 50 ms keep stamping), whatever the machine's load.
  const stampedFrom = (seq: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if ([...seen].some((s) => s >= seq)) {
          woken = undefined;
          resolve();
        }
      };
      woken = check;
      check();
    });
  try {
    const inside = t.ring as unknown as Inside;
    let taken = 0;
    for (let round = 0; round < 20; round++) {
      await stampedFrom(taken);
      taken = await inside.settleThreads();
      // Every stamp below `taken` was read by now: the reorder passed on all of them (its gap, if any, is above).
      const missing = [];
      for (let seq = 0; seq < taken; seq++) if (!seen.has(seq)) missing.push(seq);
      assert.deepEqual(missing.slice(0, 5), [], `round ${round}: stamps below ${taken} not passed on`);
    }
    assert.deepEqual([inside.reorder.late, inside.reorder.skipped], [0, 0]);
  } finally {
    off();
    await t.close();
  }
});
