// the successor-change walk on a 32-bit ring: bounded by hops < 2^32 only, so it never ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestRing } from '../harness.ts';

const A = 1_000_000_000;
const B = 2_000_000_000;
const C = 3_000_000_000;

/** A 32-bit ring whose peers are not started (no timers run) and whose refused sends come back to their senders. */
const options = { idBits: 32, pingIntervalMs: 1000, refused: true } as const;

test('32 bits: a successor change from a peer no list holds first any more ends within one turn of the ring', () => {
  const ring = new TestRing(
    [
      [A, [B, C]],
      [B, [C, A]],
      [C, [A, B]],
    ],
    { ...options, successorCount: 2 },
  );
  // 2_500_000_000 accepted a newcomer, sent its change walking, and left (or was declared dead) before it arrived.
  ring.feed(A, {
    type: 'message',
    from: C,
    message: { type: 'successorChange', origin: 2_500_000_000, successors: [2_600_000_000, C], hops: 1 },
  });
  const ended = ring.deliverAtMost(10_000);
  const walked = ring.sends('successorChange').length;
  // Before the bound: still going after 10,000 hops (A → B → C → A ...), and would until hops = 2^32.
  assert.ok(ended, `still walking after ${walked} hops in a ring of 3`);
  assert.ok(walked <= 3);
});

test('32 bits, fingers: a join request whose place follows a peer that is down does not bounce between two peers', () => {
  // 1000 → 5000 → 20000 → 3e9 → 1000; 5000 is down, not declared dead yet. Newcomer 6000 belongs after 5000.
  const A = 1000;
  const B = 5000;
  const C = 20_000;
  const D = 3_000_000_000;
  const ring = new TestRing(
    [
      [A, [B, C, D]],
      [C, [D, A, B]],
      [D, [A, B, C]],
    ],
    { ...options, successorCount: 3 },
  );
  // A store of key 5000 at 1000: its final hop to 5000 is refused, so 1000 avoids 5000 for a while (hopAvoidMs).
  ring.command(A, 'store', '5000');
  ring.deliver();
  const before = ring.delivered.length;
  ring.feed(A, { type: 'message', from: 6000, message: { type: 'joinRequest', newcomer: 6000, hops: 0 } });
  const ended = ring.deliverAtMost(10_000);
  const joins = ring.sends('joinRequest', before);
  const path = joins
    .slice(0, 8)
    .map((d) => d.to)
    .join(' → ');
  // Before the bound: 1000 passes it past 5000 to 20000, whose closest finger before 6000 is 5000 (refused: avoided), then 1000,
  // and so on: 20000 ⇄ 1000 until 1000 stops avoiding 5000 (hopAvoidMs, K ping intervals): 2,998 requests here, at
  // 1 ms a hop over 3 s; at loopback speed over the default K intervals, hundreds of thousands (8 bits: 256, the bound).
  assert.ok(ended && joins.length <= 4, `${joins.length} join requests (${path} ...)`);
});
