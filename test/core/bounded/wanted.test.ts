// Replicator.wanted (name -> the peer asked for it) is set for every name a digest or hold query offers that
// this peer lacks, from any sender, and cleared only when that copy arrives: names offered and never sent (a departing
// peer that left, a buggy one) stay for good. At 8 bits the four-digit names bound it (10^4); at 32 bits nothing does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, started, TestRing } from '../harness.ts';

test('copies asked for and never sent are forgotten: the wanted map does not keep them past a few syncs', () => {
  const ring = started(new TestRing(EXAMPLE, { replicas: 2 }));
  const m = ring.machine(8);
  const version = { stamp: 5, origin: 200, op: 1 };
  const entries = Array.from({ length: 2000 }, (_, i) => ({
    name: String(i).padStart(4, '0'),
    sha256: '00'.repeat(32),
    version,
  }));
  // A hand-off digest from 200 (a departing peer that then went, or one that lies): 8 asks for all 2,000.
  m.handle(
    { type: 'message', from: 200, message: { type: 'digest', rangeLo: 190, lo: 190, hi: 200, entries, handoff: true } },
    ring.now,
  );
  const wanted = (m as unknown as { replicator: { wanted: Map<string, unknown> } }).replicator.wanted;
  assert.equal(wanted.size, 2000);
  for (let round = 0; round < 10; round++) {
    ring.now += 30_000;
    m.handle({ type: 'timer', timer: { kind: 'sync' } }, ring.now);
  }
  // Before the bound: 2,000 entries still, after 10 sync intervals (5 minutes), and for good.
  assert.equal(wanted.size, 0, `${wanted.size} names still wanted from 200`);
});
