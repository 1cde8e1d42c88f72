// a digest's range is trusted as it comes. (lo, hi] with lo === hi is the whole ring (ring.ts between), so one
// digest from any peer, naming nothing, makes the receiver send it a copy of every file it holds (and again at every
// digest), though the sender claims to be responsible for no key of theirs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, started, TestRing } from '../harness.ts';

for (const [what, rangeLo, lo, hi] of [
  ['is the whole ring', 200, 200, 200],
  ['wraps past its own end (hi before lo: nearly the whole ring)', 100, 150, 120],
] as const) {
  test(`a digest whose range ${what} does not draw a copy of every file the receiver holds`, () => {
    const names = Array.from({ length: 40 }, (_, i) => String(i * 6).padStart(4, '0')); // keys all round the ring
    const ring = started(new TestRing(EXAMPLE, { replicas: 2, held: { 8: names } }));
    // Peer 200 is no predecessor of 8 (not even in the ring); its digest names a range (lo, hi] of its own (rangeLo, 200].
    const effects = ring
      .machine(8)
      .handle(
        { type: 'message', from: 200, message: { type: 'digest', rangeLo, lo, hi, entries: [], handoff: false } },
        ring.now,
      );
    const copies = effects.filter((e) => e.type === 'transfer' && e.ref.peer === 200).length;
    // Before the bound: 40 copies, one per file held (35 for the wrapped range, before its order was checked).
    assert.equal(copies, 0, `${copies} copies sent to 200`);
  });
}
