// The reorder's settle and a peer's quit leave nothing behind on a thread that lives on: each settle (review28d) and
// each quit (final29) raced the thread's `ended`, which kept a reaction on it (and what it held) until the thread ended.
import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { test } from 'node:test';
import type { ActorWorker } from '../../src/host/actor-worker.ts';
import { createTestRing } from '../../src/host/testing.ts';

interface Inside {
  settleThreads(): Promise<number>;
  hostingThreads: Set<ActorWorker>;
}

test("a settle leaves no reaction on a live thread's end", async () => {
  // Promises by the async id the hook gave them, and how many promises were made from each (a `then` on it).
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
  const t = await createTestRing({ peers: [2, 4, 5, 8], threads: 2, pingIntervalMs: 60_000 });
  try {
    const inside = t.ring as unknown as Inside;
    const ended = [...inside.hostingThreads].map((worker) => ids.get(worker.ended));
    assert.equal(ended.length, 2);
    assert.ok(ended.every((id) => id !== undefined));
    const before = ended.map((id) => madeFrom.get(id!) ?? 0);
    for (let round = 0; round < 10; round++) await inside.settleThreads();
    assert.deepEqual(
      ended.map((id) => madeFrom.get(id!) ?? 0),
      before,
      "no settle hung anything on a live thread's end",
    );
  } finally {
    hook.disable();
    await t.close();
  }
});

test("a quit leaves no reaction on its live shared thread's end", async () => {
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
  const t = await createTestRing({ peers: [2, 4, 5, 8, 9, 14], threads: 1, pingIntervalMs: 60_000 });
  try {
    const inside = t.ring as unknown as Inside;
    const [worker] = [...inside.hostingThreads];
    const id = ids.get(worker!.ended);
    assert.ok(id !== undefined);
    const before = madeFrom.get(id) ?? 0;
    for (const peer of [4, 8, 14]) assert.equal((await t.ring.quit(peer)).ok, true);
    assert.equal(t.ring.threadCount(), 1, 'the thread lives on with its other peers');
    assert.equal(madeFrom.get(id) ?? 0, before, "no quit hung anything on the live thread's end");
  } finally {
    hook.disable();
    await t.close();
  }
});
