// A store whose route loses a peer (killed, not yet declared gone) finishes: it succeeds at the next live holder, or
// fails with its reason; it never waits out the op's deadline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestRing } from '../../src/host/testing.ts';

test('a store routed through a peer killed a moment before goes round it and finishes, not at its deadline', async () => {
  // Pings every 30 s: nobody declares 14 dead while the store runs, so only the hop's acknowledgement can save it.
  const t = await createTestRing({ peers: [2, 4, 5, 8, 9, 14, 19], pingIntervalMs: 30_000, threads: 1 });
  try {
    await t.ring.kill(14);
    // Key 12 is 14's: its route from 8 is 8 -> 9 -> 14, and with 14 gone its live holder is 19.
    const stored = await t.ring.peer(8).store('0012', { empty: true });
    assert.ok(stored.ok || stored.code !== 'TIMEOUT', JSON.stringify(stored));
    if (stored.ok) assert.equal(stored.holder, 19);
    const requested = await t.ring.peer(4).request('0012');
    assert.ok(requested.ok || requested.code !== 'TIMEOUT', JSON.stringify(requested));
  } finally {
    await t.close();
  }
});
