// A requester cut off from its ring (no successor acknowledges) does not spend its last retry into the same cut at
// once: it sends it when it has a live way on again (a successor heard from, or a new one), or once half the time left
// has passed. Spent at once, the request then waited out its deadline with nothing under way, while the cut healed
// seconds before it (partitions 3283: 9's three tries went in the first 1.5 s of 7.75; the cut healed 4.3 s before the
// deadline, 29, 30 and 31 held the file, and the request failed NO_ROUTE).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TimerName } from '../../src/core/io.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

/** The cut: 16 and its predecessors 0 and 8 on one side, everyone else (the holders of key 72 among them) on the other. */
const SIDE = new Set<PeerId>([0, 8, 16]);
const across = (from: PeerId, to: PeerId) => SIDE.has(from) !== SIDE.has(to);

/** A request's and its hops' timers (not the pings': the ring's view stays as it was), at every peer, due by `until`. */
function fireLookupTimers(ring: TestRing, until: number): void {
  for (;;) {
    let next: { peer: PeerId; timer: TimerName; at: number } | undefined;
    for (const [peer, timers] of ring.timers)
      for (const [key, at] of timers) {
        const [kind, n] = key.split(':');
        if (at > until || (next !== undefined && at >= next.at)) continue;
        if (kind === 'hop') next = { peer, at, timer: { kind: 'hop', ack: Number(n) } };
        else if (kind === 'lost' || kind === 'op') next = { peer, at, timer: { kind, op: Number(n) } };
      }
    if (next === undefined) return;
    ring.fire(next.peer, next.timer);
    ring.deliver();
  }
}

describe('a request whose tries all ran into a cut round its requester', () => {
  test('keeps its last retry for when a successor answers again, and gets the file once the cut healed', () => {
    const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 72: ['0072'], 80: ['0072'], 88: ['0072'] } });
    ring.start();
    ring.pingRound();
    ring.cut = across;
    const op = ring.command(16, 'request', '0072');
    ring.deliver();
    const deadline = ring.scheduled(16, { kind: 'op', op })!;
    // The cut lasts 60 % of the request's deadline: every try, and every hop timeout of theirs, falls within it.
    const healAt = ring.now + 0.6 * (deadline - ring.now);
    fireLookupTimers(ring, healAt);
    assert.equal(ring.completions.length, 0, 'no answer while cut off');
    ring.cut = undefined;
    ring.now = healAt;
    // 16 pings its successors: they answer.
    ring.fire(16, { kind: 'ping' });
    ring.deliver();
    fireLookupTimers(ring, deadline);
    const done = ring.completionOf(16, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});

describe('a report that an earlier try got stuck', () => {
  test('does not spend the last retry while the retry after that try is still on its way', () => {
    const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 72: ['0072'], 80: ['0072'], 88: ['0072'] } });
    ring.start();
    ring.pingRound();
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup'; // every try lost on its way
    const op = ring.command(16, 'request', '0072');
    ring.deliver();
    ring.fire(16, { kind: 'lost', op }); // the first retry goes
    ring.deliver();
    // Then the first try's report comes: it got as far as 40, whose successors did not answer.
    ring.feed(16, { type: 'message', from: 40, message: { type: 'notFound', op, name: '0072', hops: 3, stuck: true } });
    ring.deliver();
    const sent = ring.sends('lookup').filter((s) => s.from === 16 && s.message.op === op);
    assert.deepEqual(
      sent.map((s) => s.message.retry ?? 0),
      [0, 1],
      'the last retry is kept for the first retry’s answer, or its lost timer',
    );
    assert.equal(ring.completions.length, 0);
  });
});
