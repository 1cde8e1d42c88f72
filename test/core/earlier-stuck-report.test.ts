// A request's report that one of its tries got stuck spends its next retry only when it is about the latest try: an
// earlier try's report, while a later try is on its way, leaves the decision to that try's answer or its lost timer.
// Otherwise the tries are spent one after another into one cut (partitions 3283: the first try's report spent the last
// retry while the first retry was still on its way, both ran into the same cut, and nothing was under way when it
// healed: NO_ROUTE while 29, 30 and 31 held the file).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OP_TIMEOUT_MS, type RingSpec, TestRing } from './harness.ts';

/** 32 peers 0, 8, ..., 248 (8-bit ids), each knowing its next two. */
const EVERY_EIGHTH: RingSpec = Array.from({ length: 32 }, (_, i) => [8 * i, [8 * ((i + 1) % 32), 8 * ((i + 2) % 32)]]);

/** 16 requests 0072 (held by 72, 80 and 88) with every try lost on its way. */
function requestWithEveryTryLost(): { ring: TestRing; op: number } {
  const ring = new TestRing(EVERY_EIGHTH, { replicas: 3, held: { 72: ['0072'], 80: ['0072'], 88: ['0072'] } });
  ring.start();
  ring.pingRound();
  ring.cut = (_from, _to, _transport, message) => message.type === 'lookup';
  const op = ring.command(16, 'request', '0072');
  ring.deliver();
  return { ring, op };
}

describe('a report that an earlier try got stuck', () => {
  test('does not spend the last retry while the retry after that try is still on its way', () => {
    const { ring, op } = requestWithEveryTryLost();
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

describe('a request whose first try got stuck and whose retries were lost silently', () => {
  test('fails at its deadline TIMEOUT (not every way was cut), its sentence saying where the first try was', () => {
    const { ring, op } = requestWithEveryTryLost();
    // The first try's report: it got as far as 40, whose successors did not answer. The first retry goes at once.
    ring.feed(16, { type: 'message', from: 40, message: { type: 'notFound', op, name: '0072', hops: 3, stuck: true } });
    ring.deliver();
    ring.fire(16, { kind: 'lost', op }); // no answer to the first retry: the last goes
    ring.deliver();
    const sent = ring.sends('lookup').filter((s) => s.from === 16 && s.message.op === op);
    assert.deepEqual([...new Set(sent.map((s) => s.message.retry ?? 0))], [0, 1, 2]);
    assert.equal(ring.completions.length, 0, 'no answer before the deadline');
    ring.fire(16, { kind: 'op', op });
    const done = ring.completionOf(16, op);
    // The retries were lost, not reported stuck: that no live way to the holders exists is not known (NO_ROUTE says
    // it is), but where the first try was cut is, and the sentence says it.
    assert.equal(done.result.ok === false && done.result.code, 'TIMEOUT', JSON.stringify(done.result));
    assert.equal(
      done.result.ok === false && done.result.error,
      `request 0072 had no answer within ${OP_TIMEOUT_MS / 1000} s (its first try got as far as Peer 40, whose successors did not answer)`,
    );
  });

  test('names the try that got stuck: its second try, when the first was lost silently', () => {
    const { ring, op } = requestWithEveryTryLost();
    ring.fire(16, { kind: 'lost', op }); // no answer to the first try: the first retry goes
    ring.deliver();
    // The first retry's report: it got as far as 40. The last retry goes at once, and is lost silently.
    ring.feed(16, {
      type: 'message',
      from: 40,
      message: { type: 'notFound', op, name: '0072', hops: 3, stuck: true, retry: 1 },
    });
    ring.deliver();
    ring.fire(16, { kind: 'op', op });
    const done = ring.completionOf(16, op);
    assert.equal(
      done.result.ok === false && done.result.error,
      `request 0072 had no answer within ${OP_TIMEOUT_MS / 1000} s (its second try got as far as Peer 40, whose successors did not answer)`,
    );
  });
});
