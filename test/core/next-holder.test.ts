// A request's final hop sent on past a key holder that did not answer goes to the next holder the sender knows as well:
// peers cut off or crashed together (a host, a partition) take neighbouring holders together, and one hop timeout per
// holder, one after another, outlasts the requester's deadline while a later holder is up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Lookup } from '../../src/core/messages.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { everyHopTimeout, hopTimeouts, type RingSpec, TestRing } from './harness.ts';

/** Twelve peers 10, 20, ..., 120, each knowing its next two. */
const TWELVE: RingSpec = Array.from({ length: 12 }, (_, i) => {
  const id = 10 * (i + 1);
  return [id, [10 * (((i + 1) % 12) + 1), 10 * (((i + 2) % 12) + 1)]] as const;
});

/**
 * Key 85 ("0085"): its holders are 90, 100 and 110 (R = 3), and 110 has the file. After a ping round (80 hears of 110
 * in 100's answer), `silent` are cut off from every other peer.
 */
function cutHolders(silent: readonly PeerId[], held: Record<number, string[]> = { 110: ['0085'] }): TestRing {
  const ring = new TestRing(TWELVE, { replicas: 3, held });
  ring.start();
  ring.pingRound();
  const cut = new Set(silent);
  ring.cut = (from, to) => cut.has(from) !== cut.has(to);
  return ring;
}

const lookupsFrom = (ring: TestRing, from: PeerId, op: number) =>
  ring
    .sends('lookup')
    .filter((s) => s.from === from && s.message.op === op)
    .map((s) => [s.to, s.message.detoured === true] as const);

describe('a final hop past a holder that did not answer', () => {
  test('goes to the next holder known too, so the request is served at the first hop timeout', () => {
    // 80, the peer before key 85, sends 40's request to 90 (cut off); at its hop timeout, on to 100, past 90: cut off
    // too. 110, which 80 knows from 100's ping answer, is sent it at once as well, and serves it.
    const ring = cutHolders([90, 100]);
    const op = ring.command(40, 'request', '0085');
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'the hop to 90 was lost');
    assert.equal(hopTimeouts(ring, 80), 1);
    const done = ring.completionOf(40, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 110], JSON.stringify(done.result));
    assert.deepEqual(
      lookupsFrom(ring, 80, op),
      [
        [90, false],
        [100, true],
        [110, true],
      ],
      'to 90, then to 100 and 110 at once, both as sent past the silent key peer',
    );
    // Every hop of a request prints its line (the causal-order checks of the integration tests follow a route by them).
    assert.ok(
      ring
        .texts(80)
        .includes('Request for File 0085 has been received, but the file is not stored here: forwarded to Peer 110'),
      ring.texts(80).join('\n'),
    );
  });

  test('and so does a detour past the key, when no successor answers (partitions 13818)', () => {
    // 70's successors, 80 and 90, are cut off, and so is 100: at 70's second hop timeout, its detour past the key goes
    // to 100, the nearest peer it knows there (from 80's ping answer), and to 110 (from 90's), which serves.
    const ring = cutHolders([80, 90, 100]);
    const op = ring.command(40, 'request', '0085');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 70), 1, 'the hop to 80');
    assert.equal(ring.completions.length, 0);
    assert.equal(hopTimeouts(ring, 70), 1, 'the final hop to 90');
    const done = ring.completionOf(40, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 110], JSON.stringify(done.result));
    assert.deepEqual(
      lookupsFrom(ring, 70, op).map(([to]) => to),
      [80, 90, 100, 110],
    );
  });

  test('the second copy is marked, and where it fails, only the first copy reports: the requester retries once', () => {
    // 90, 100 and 110 are all cut off: 80 sends the request to 100 and, marked, to 110; both hops time out.
    const ring = cutHolders([90, 100, 110]);
    const op = ring.command(40, 'request', '0085');
    ring.deliver();
    hopTimeouts(ring, 80);
    const copies = ring.sends('lookup').filter((s) => s.from === 80 && s.to === 110 && s.message.op === op);
    assert.deepEqual(
      copies.map((s) => s.message.also),
      [true],
      'one second copy, marked',
    );
    hopTimeouts(ring, 80);
    const stuck = ring.sends('notFound').filter((s) => s.to === 40 && s.message.op === op && s.message.stuck === true);
    assert.equal(stuck.length, 1, 'one report that the way was cut, for the first copy');
    const retries = ring
      .sends('lookup')
      .filter((s) => s.from === 40 && s.message.op === op && s.message.retry !== undefined);
    assert.deepEqual([...new Set(retries.map((s) => s.message.retry))], [1], 'the requester sent it again once');
  });

  test('the first copy, rerouted to where the second went, is not taken for it: its way ends with a report at once', () => {
    // Nobody holds 0085. 80 sends 40's request to 90 (cut off), then on to 100 (cut off) and, marked, to 110. At 80's
    // next hop timeout the first copy goes on to 110 as well: were the two taken for one lookup there, the first would
    // be dropped, the marked one would end silently, and 40 would hear nothing until its own timer ran out.
    const ring = cutHolders([90, 100], {});
    const op = ring.command(40, 'request', '0085');
    ring.deliver();
    everyHopTimeout(ring, 80, 110, 120, 10);
    const firstTry = ring
      .sends('notFound')
      .filter((s) => s.to === 40 && s.message.op === op && s.message.retry === undefined);
    assert.equal(firstTry.length, 1, "one report of the first try's end, with no timer of 40's fired");
  });

  test('not while the holders answer: one final hop, one copy sent', () => {
    const ring = cutHolders([]);
    const done = ring.run(40, 'request', '0085');
    assert.deepEqual([done.result.ok, done.result.holder], [true, 110], JSON.stringify(done.result));
    assert.deepEqual(lookupsFrom(ring, 80, done.op), [[90, false]]);
    const delivered = ring.sends('lookup').filter((s) => s.message.op === done.op);
    assert.equal(delivered.filter((s) => s.to === 110).length, 1, '110 asked once, by the walk');
  });

  test("the requester's last retry passed on towards a holder goes to the next holder known too (hosts 11692)", () => {
    // 40's last retry, sent past the key to 120, comes back to 80 (as passed on by 120, two hops): 80 sends it to 90,
    // the nearest holder it knows, cut off, and to 100, the next: it serves. No hop timeout is waited out.
    const ring = new TestRing(TWELVE, { replicas: 3, held: { 100: ['0085'] } });
    ring.start();
    ring.pingRound();
    // 90 cut off; the first lookup lost on its way (as 40's first two tries were).
    ring.cut = (from, to, _transport, message) =>
      (from === 90) !== (to === 90) || (message.type === 'lookup' && message.retry === undefined);
    const op = ring.command(40, 'request', '0085');
    ring.deliver();
    const retry: Lookup = {
      type: 'lookup',
      kind: 'request',
      origin: 40,
      op,
      name: '0085',
      key: 85,
      final: true,
      hops: 2,
      attempt: 0,
      retry: 2,
      detoured: true,
    };
    ring.feed(80, { type: 'message', from: 120, message: retry });
    ring.deliver();
    assert.deepEqual(
      lookupsFrom(ring, 80, op).map(([to]) => to),
      [90, 100],
      'to the nearest holder known and the next',
    );
    const done = ring.completionOf(40, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 100], JSON.stringify(done.result));
  });
});
