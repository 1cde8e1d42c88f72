// Once a request refused a stale copy (older than a store acknowledged to its requester), the holder that took that
// store is asked afresh (Lookup.stale), and only that ask's report that it got stuck fails the request NO_ROUTE. An
// earlier try's late report, or another way of the last retry, is about a way that ask went round: it would fail the
// request at once while that holder may still answer (final30b). And once a delivery failed (TRANSFER_FAILED), the
// deadline it shortened decides, with its reason, not a stuck report that comes meanwhile.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Input } from '../../src/core/io.ts';
import { HELD_VERSION, type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

/** The first try's report: it got as far as 40, whose successors did not answer (retry 0, as the stale ask's was). */
const stuckAt40 = (op: number): Input => ({
  type: 'message',
  from: 40,
  message: { type: 'notFound', op, name: '0072', hops: 3, stuck: true },
});

/** How 16's `op` completed, if it did. */
const resultsOf = (ring: TestRing, op: number) =>
  ring.completions.filter((c) => c.peer === 16 && c.op === op).map((c) => c.result);

/** 16 stored 0072 (acknowledged, 72 took it), then requests it with every lookup lost on its way. */
function requestAfterStore(): { ring: TestRing; op: number } {
  const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 72: ['0072'], 80: ['0072'], 88: ['0072'] } });
  ring.start();
  ring.pingRound();
  const stored = ring.run(16, 'store', '0072');
  assert.equal(stored.result.ok, true, JSON.stringify(stored.result));
  ring.cut = (_from, _to, _transport, message) => message.type === 'lookup';
  const op = ring.command(16, 'request', '0072');
  ring.deliver();
  return { ring, op };
}

/** 88's copy, older than the store acknowledged to 16 (it missed that store), offered to 16's request. */
const olderCopy = (op: number): Input => ({
  type: 'transferStarted',
  transfer: 9001,
  ref: { purpose: 'deliver', op, peer: 88, origin: 16, name: '0072', hops: 2, version: HELD_VERSION },
});

describe('a request that refused a stale copy', () => {
  test('is not failed NO_ROUTE by an earlier try’s late stuck report while the latest store’s holder is asked', () => {
    const { ring, op } = requestAfterStore();
    ring.feed(16, olderCopy(op));
    ring.deliver(); // the ask is lost on its way (every lookup is): no answer from 72 yet
    const asked = ring.sends('lookup').filter((s) => s.from === 16 && s.message.op === op && s.message.stale === true);
    assert.equal(asked.length, 1, 'the holder of the acknowledged store is asked afresh');
    ring.feed(16, stuckAt40(op));
    assert.deepEqual(resultsOf(ring, op), []);
  });

  test('fails NO_ROUTE when the ask of the latest store’s holder itself reports stuck', () => {
    const { ring, op } = requestAfterStore();
    ring.feed(16, olderCopy(op));
    ring.feed(16, {
      type: 'message',
      from: 64,
      message: { type: 'notFound', op, name: '0072', hops: 2, stuck: true, stale: true },
    });
    const done = ring.completionOf(16, op);
    assert.equal(done.result.ok === false && done.result.code, 'NO_ROUTE', JSON.stringify(done.result));
    assert.match(done.result.ok === false ? done.result.error : '', /as far as Peer 64/);
  });
});

describe('a request whose delivery failed', () => {
  test('keeps TRANSFER_FAILED at its shortened deadline though a stuck report comes meanwhile', () => {
    const { ring, op } = requestAfterStore();
    const ref = { purpose: 'deliver' as const, op, peer: 72, origin: 16, name: '0072', hops: 2 };
    ring.feed(16, { type: 'transferStarted', transfer: 9002, ref });
    ring.feed(16, { type: 'transferReceived', ref, error: 'connection reset' });
    ring.feed(16, stuckAt40(op));
    assert.deepEqual(resultsOf(ring, op), []);
    ring.fire(16, { kind: 'op', op });
    const done = ring.completionOf(16, op);
    assert.equal(done.result.ok === false && done.result.code, 'TRANSFER_FAILED', JSON.stringify(done.result));
  });
});
