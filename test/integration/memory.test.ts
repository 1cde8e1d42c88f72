// An actor thread's memory under load: its young generation is capped (V8 otherwise grows it with the allocation rate
// and keeps it, which was most of a ring process's RSS growth under load; bench/figures/soak.ts measures that).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ACTOR_YOUNG_GENERATION_MB, SHARED_THREAD_YOUNG_GENERATION_MB } from '../../src/host/actor-worker.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';

describe('memory of an actor thread', () => {
  let t: TestRing;

  before(async () => {
    t = await createTestRing({ peers: [2, 19], pingIntervalMs: 60_000 });
    await mkdir(t.filesDir, { recursive: true });
    await writeFile(join(t.filesDir, '2067.pdf'), randomBytes(4096));
    const stored = await t.ring.peer(2).store('2067');
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
  });

  after(() => t.close());

  test('each peer thread runs with its young generation capped, and keeps serving gets under a burst of them', async () => {
    for (const id of [2, 19]) {
      const memory = await t.ring.memoryAfterGc(id);
      assert.equal(memory.maxYoungGenerationMb, ACTOR_YOUNG_GENERATION_MB, `peer ${id}'s thread`);
      assert.ok(memory.heapUsed > 0 && memory.heapTotal >= memory.heapUsed);
    }
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => t.ring.peer(i % 2 ? 2 : 19).get('2067')));
    assert.deepEqual(
      results.filter((r) => !r.ok),
      [],
    );
  });

  test('the host keeps nothing of a call once it is answered: 2,000 gets of 4 KiB leave the main heap as it was', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapAfterGc = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed + process.memoryUsage().external;
    };
    const gets = async (n: number) => {
      for (let i = 0; i < n; i += 50) {
        const results = await Promise.all(Array.from({ length: 50 }, () => t.ring.peer(2).get('2067')));
        assert.ok(results.every((r) => r.ok));
      }
    };
    await gets(200); // compiled, pools filled
    const start = heapAfterGc();
    await gets(2000);
    const grown = heapAfterGc() - start;
    // Each call's answer (4 KiB of bytes) and its bookkeeping, if kept, would be 2,000 x more than 4 KiB: over 8 MB.
    assert.ok(grown < 2_000_000, `the main thread's heap and buffers grew ${(grown / 1e6).toFixed(2)} MB`);
  });
});

test("a thread several actors share runs with the shared threads' young generation, a thread of its own with an actor's", async () => {
  const shared = await createTestRing({ peers: [2, 19, 40, 77], pingIntervalMs: 60_000, threads: 2 });
  try {
    for (const id of [2, 19, 40, 77])
      assert.equal((await shared.ring.memoryAfterGc(id)).maxYoungGenerationMb, SHARED_THREAD_YOUNG_GENERATION_MB);
  } finally {
    await shared.close();
  }
  assert.ok(SHARED_THREAD_YOUNG_GENERATION_MB > ACTOR_YOUNG_GENERATION_MB);
});
