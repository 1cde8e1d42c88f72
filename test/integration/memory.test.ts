// An actor thread's memory under load: its young generation is capped (V8 otherwise grows it with the allocation rate
// and keeps it, which was most of a ring process's RSS growth under load; bench/figures/soak.ts measures that).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACTOR_YOUNG_GENERATION_MB } from '../../src/host/actor-worker.ts';
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
});
