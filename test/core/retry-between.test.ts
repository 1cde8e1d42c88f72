// A walk that found no copy while its requester knows more peers between the walk's ends than the walk asked is not
// believed at once: its first retry goes to the first of them (PeerMachine.nearerThan). When that retry's walk finds no
// copy either, the last retry does not go to that same peer alone again (the same walk, the same answer): it goes to
// every holder the requester knows. Partitions 915: 51 knew 10, 30 and 32 between the walk's ends (5 and 38); both
// retries went to 10, each walking 10, 5, 10, 38 again, and the request failed NOT_FOUND while 30 and 32 held the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids, along successors), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

describe('a walk answered no copy twice, the requester knowing peers between its ends', () => {
  test('the last retry goes to every holder known, not to the peer the first retry went to alone', () => {
    const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 72: ['0072'], 80: ['0072'], 88: ['0072'] } });
    ring.start();
    ring.pingRound();
    // 16 heard from 80 and 88 a moment ago (they asked it to probe a peer).
    for (const from of [80, 88] as PeerId[])
      ring.feed(16, { type: 'message', from, message: { type: 'indirectProbe', target: 24, requester: from, seq: 1 } });
    ring.deliver();
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && (message.retry ?? 0) < 2;
    const op = ring.command(16, 'request', '0072');
    ring.deliver();
    // The walk from 72 to 96 asked 3 peers and found no copy (its lists skipped some): 16 knows 80 and 88 between.
    const walked = (retry?: number) =>
      ring.feed(16, {
        type: 'message',
        from: 96,
        message: {
          type: 'notFound',
          op,
          name: '0072',
          hops: 4,
          responsible: 72,
          asked: 3,
          ...(retry === undefined ? {} : { retry }),
        },
      });
    walked();
    ring.deliver();
    const retried = (retry: number) =>
      ring
        .sends('lookup')
        .filter((s) => s.from === 16 && s.message.op === op && s.message.retry === retry)
        .map((s) => s.to);
    assert.deepEqual(retried(1), [80], 'the first retry asks the first peer known between the walk’s ends');
    walked(1); // and its walk found no copy either
    ring.deliver();
    const last = retried(2);
    assert.ok(last.length > 1 && last.includes(88), `the last retry went to ${last.join(', ')}`);
    const done = ring.completionOf(16, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});
