// A request's last retry goes at once to the peers its requester knows at or past the key (its holders, as far as it
// knows). Once a walk of the key's holders answered that it found no copy (held back, as it passed over a peer), the
// holders lie between the key and the last one that walk asked: a peer known further on (the requester's own
// predecessors, when it knows little else: just restarted) is none of them, and sent the request there, it walks back
// towards the key a peer at a time: restarts 1358 took 67 lookup messages in a ring of 30.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { hopTimeouts, type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

/**
 * 16 requests 0072 (key 72: its holders 72, 80 and 88), which nobody holds. After a ping round 16 knows its successors
 * 24 and 32, their successors 40 and 48, and its predecessors 8 and 0, which ping it. Its first lookup's walk answers
 * from 88 that it found no copy, but passed over a peer (held back: asked again), and its first retry is lost; the last
 * goes as it decides: past key 72, 16 knows 88, then 0 and 8. Returns the ring and the op, its lost timers fired.
 */
function lastRetryAfterAWalk(from: PeerId = 88, asked = 3): { ring: TestRing; op: number } {
  const ring = new TestRing(EVERY_EIGHTH, { replicas: 3 });
  ring.start();
  ring.pingRound();
  ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry !== 2;
  const op = ring.command(16, 'request', '0072');
  ring.deliver();
  const walked = { type: 'notFound', op, name: '0072', hops: 5, responsible: 72, asked, passedOver: true } as const;
  ring.feed(16, { type: 'message', from, message: walked });
  ring.deliver();
  assert.equal(ring.completions.length, 0, 'held back: the walk passed over a peer');
  for (let fired = 0; fired < 2; fired++) {
    ring.fire(16, { kind: 'lost', op });
    ring.deliver();
  }
  return { ring, op };
}

const lastRetrySends = (ring: TestRing, op: number) =>
  ring.sends('lookup').filter((s) => s.message.op === op && s.message.retry === 2);
const sorted = (peers: Iterable<PeerId>) => [...new Set(peers)].sort((a, b) => a - b);

describe("a request's last retry after a walk found no copy", () => {
  test('goes only to the holders it knows up to the walk’s last, not to its predecessors far past the key', () => {
    const { ring, op } = lastRetryAfterAWalk();
    assert.deepEqual(
      sorted(
        lastRetrySends(ring, op)
          .filter((s) => s.from === 16)
          .map((s) => s.to),
      ),
      [88],
    );
  });

  test('and the lookup stays among the key’s holders: no peer far past the key is sent it, and it fails NOT_FOUND', () => {
    const { ring, op } = lastRetryAfterAWalk();
    assert.deepEqual(sorted(lastRetrySends(ring, op).map((s) => s.to)), [72, 80, 88]);
    const done = ring.completionOf(16, op);
    assert.equal(done.result.ok === false && done.result.code, 'NOT_FOUND', JSON.stringify(done.result));
  });

  test('but past a walk that ended short of R peers (the rest did not answer lately), it goes on as far as it knows', () => {
    // The walk asked 72 and 80 only: holders past 80 were not asked, and 240 and 248 are the next peers 16 knows there.
    const { ring, op } = lastRetryAfterAWalk(80, 2);
    const ways = lastRetrySends(ring, op)
      .filter((s) => s.from === 16)
      .map((s) => s.to);
    assert.deepEqual(sorted(ways), [80, 240, 248]);
  });
});

/** Ring A (each peer knows its next two) and ring B (88, 96, 104): two rings not merged again after a partition. */
const TWO_RINGS: RingSpec = [
  [16, [24, 32]],
  [24, [32, 72]],
  [32, [72, 120]],
  [72, [120, 160]],
  [120, [160, 200]],
  [160, [200, 240]],
  [200, [240, 16]],
  [240, [16, 24]],
  [88, [96, 104]],
  [96, [104, 88]],
  [104, [88, 96]],
];

describe("a walk that did not go along the key's holders limits no last retry", () => {
  test('a walk in another ring, begun past a peer the requester knows nearer the key', () => {
    // Key 70: ring A's holders are 72, 120 and 160; 72 lost its copy, 120 and 160 keep theirs.
    const ring = new TestRing(TWO_RINGS, { replicas: 3, held: { 120: ['0070'], 160: ['0070'] } });
    ring.start();
    ring.pingRound();
    // 72 is silent a moment (its messages lost, not declared dead yet); the first two tries are lost.
    ring.cut = (_from, to, _transport, message) => to === 72 || (message.type === 'lookup' && (message.retry ?? 0) < 2);
    const op = ring.command(32, 'request', '0070');
    ring.deliver();
    // Ring B's walk answers: 88 took itself for the key's peer and asked 88, 96 and 104. 32 knows 72, nearer the key.
    const walked = { type: 'notFound', op, name: '0070', hops: 3, responsible: 88, asked: 3 } as const;
    ring.feed(32, { type: 'message', from: 104, message: walked });
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'held back: 32 knows a peer nearer the key than the walk began at');
    ring.fire(32, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(32, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});

/** 56 and 64 joined lately: 0 and 240 have not heard of them yet. */
const GROWN: RingSpec = [
  [0, [72, 80]],
  [56, [64, 72]],
  [64, [72, 80]],
  [72, [80, 96]],
  [80, [96, 160]],
  [96, [200, 240]],
  [200, [240, 0]],
  [240, [0, 72]],
];

describe("a walk whose walkers' ring changed lately limits no last retry", () => {
  test('a holder from before the change, past the walk’s last peer, is asked', () => {
    // Key 50: its holders now 56, 64 and 72 (72 lost its copy); 80, a holder before 56 and 64 joined, keeps its copy.
    const ring = new TestRing(GROWN, { replicas: 3, held: { 80: ['0050'] } });
    ring.start();
    // The requester, far round the ring, heard from 80 lately (no ping round: it knows little else).
    ring.feed(200, { type: 'message', from: 80, message: { type: 'notFound', op: 999, name: '0001', hops: 1 } });
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && (message.retry ?? 0) < 2;
    const op = ring.command(200, 'request', '0050');
    ring.deliver();
    const walked = { type: 'notFound', op, name: '0050', hops: 3, responsible: 56, asked: 3, unsettled: true } as const;
    ring.feed(200, { type: 'message', from: 72, message: walked });
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'held back: the walkers’ ring changed lately');
    for (let fired = 0; fired < 2; fired++) {
      ring.fire(200, { kind: 'lost', op });
      ring.deliver();
    }
    // Without a way to 80 the request would wait for its deadline: fired by hand, it fails.
    if (ring.completions.length === 0) {
      ring.fire(200, { kind: 'op', op });
      ring.deliver();
    }
    const done = ring.completionOf(200, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});

describe("a request's last retry after a walk found no copy, the walk's last peer avoided since", () => {
  test('goes through the peer known before the key, not to one past the holders that walk asked', () => {
    const ring = new TestRing(EVERY_EIGHTH, { replicas: 3 });
    ring.start();
    ring.pingRound();
    // Until the last retry, every lookup is lost, and 88 handles nothing (cut off after its answer below).
    ring.cut = (_from, to, _transport, message) =>
      (message.type === 'lookup' && message.retry !== 2) || (to === 88 && message.type === 'lookup');
    const op = ring.command(16, 'request', '0072');
    ring.deliver();
    const walked = {
      type: 'notFound',
      op,
      name: '0072',
      hops: 5,
      responsible: 72,
      asked: 3,
      passedOver: true,
    } as const;
    ring.feed(16, { type: 'message', from: 88, message: walked });
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'held back: the walk passed over a peer');
    // Another peer's request comes to 16 past its key (80): 16 passes it back to 88, heard from lately, which does not
    // acknowledge the hop. 16 avoids 88 now.
    const past = { type: 'lookup', kind: 'request', origin: 200, op: 77, name: '0080', key: 80, final: true } as const;
    ring.feed(16, { type: 'message', from: 200, message: { ...past, hops: 1, attempt: 0, retry: 2, detoured: true } });
    ring.deliver();
    assert.ok(ring.sends('lookup').some((s) => s.from === 16 && s.to === 88 && s.message.op === 77));
    assert.ok(hopTimeouts(ring, 16) >= 1);
    ring.cut = (_from, to, _transport, message) => to === 88 || (message.type === 'lookup' && message.retry !== 2);
    for (let fired = 0; fired < 2; fired++) {
      ring.fire(16, { kind: 'lost', op });
      ring.deliver();
    }
    const ways = lastRetrySends(ring, op)
      .filter((s) => s.from === 16)
      .map((s) => s.to);
    assert.deepEqual(
      ways,
      [48],
      'the peer 16 knows nearest before key 72 (the walk asked up to 88; 0 and 8 lie past it)',
    );
  });
});
