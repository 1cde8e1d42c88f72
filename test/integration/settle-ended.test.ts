// The reorder's settle and a peer's quit leave nothing behind on a thread that lives on: each settle (review28d) and
// each quit (final29) raced the thread's `ended`, which kept a reaction on it (and what it held) until the thread ended.
// Nor does a settle under way keep a timer that would hold the process up by itself (final29; defensive: its threads
// hold the process up while they live, and their ends clear the timers).
import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { test } from 'node:test';
import type { ActorWorker } from '../../src/host/actor-worker.ts';
import { createTestRing } from '../../src/host/testing.ts';

interface Inside {
  settleThreads(): Promise<number>;
  hostingThreads: Set<ActorWorker>;
}

/**
 * Counts the promises made from each promise (a `then` on it) while enabled, by an async hook: `reactions(p)` is how
 * many were made from `p` since the hook was enabled (p made after that).
 */
function promiseReactions(): { reactions(promise: Promise<unknown>): number; disable(): void } {
  const ids = new WeakMap<object, number>();
  const madeFrom = new Map<number, number>();
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type !== 'PROMISE') return;
      ids.set(resource, asyncId);
      madeFrom.set(triggerAsyncId, (madeFrom.get(triggerAsyncId) ?? 0) + 1);
    },
  });
  hook.enable();
  return {
    reactions(promise) {
      const id = ids.get(promise);
      assert.ok(id !== undefined, 'the promise was made while the hook counted');
      return madeFrom.get(id) ?? 0;
    },
    disable: () => hook.disable(),
  };
}

test("a settle leaves no reaction on a live thread's end", async () => {
  const counted = promiseReactions();
  const t = await createTestRing({ peers: [2, 4, 5, 8], threads: 2, pingIntervalMs: 60_000 });
  try {
    const inside = t.ring as unknown as Inside;
    const ended = [...inside.hostingThreads].map((worker) => worker.ended);
    assert.equal(ended.length, 2);
    const before = ended.map((promise) => counted.reactions(promise));
    for (let round = 0; round < 10; round++) await inside.settleThreads();
    assert.deepEqual(
      ended.map((promise) => counted.reactions(promise)),
      before,
      "no settle hung anything on a live thread's end",
    );
  } finally {
    counted.disable();
    await t.close();
  }
});

test("a quit leaves no reaction on its live shared thread's end", async () => {
  const counted = promiseReactions();
  const t = await createTestRing({ peers: [2, 4, 5, 8, 9, 14], threads: 1, pingIntervalMs: 60_000 });
  try {
    const inside = t.ring as unknown as Inside;
    const [worker] = [...inside.hostingThreads];
    const before = counted.reactions(worker!.ended);
    for (const peer of [4, 8, 14]) assert.equal((await t.ring.quit(peer)).ok, true);
    assert.equal(t.ring.threadCount(), 1, 'the thread lives on with its other peers');
    assert.equal(counted.reactions(worker!.ended), before, "no quit hung anything on the live thread's end");
  } finally {
    counted.disable();
    await t.close();
  }
});

test('a settle under way keeps no timer that holds the process up (its threads do, while they live)', async () => {
  // The settle's call to each thread had a timeout of SETTLE_LAST_RESORT_MS that was not unref'd, unlike the reorder's
  // own timers. No process was held up by it (the threads, never unref'd, hold it up as long, and their ends clear the
  // timers); unref'd, it never can be, should threads ever be unref'd.
  const t = await createTestRing({ peers: [2, 4, 5, 8], threads: 2, pingIntervalMs: 60_000 });
  try {
    const inside = t.ring as unknown as Inside;
    const heldTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = heldTimers();
    const settling = inside.settleThreads(); // a call to each of the two threads, under way until they answer
    assert.equal(heldTimers(), before, 'no timer of the settle holds the process');
    await settling;
  } finally {
    await t.close();
  }
});
