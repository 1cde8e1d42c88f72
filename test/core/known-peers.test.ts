// What a peer knows of the ring beyond the peers it pings and is pinged by, and the requests that reach a holder only
// through it: a requester cut off from its successors still has a way to the holders of a key just behind it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, PING_INTERVAL_MS, type RingSpec, TestRing } from './harness.ts';

/** Twelve peers 10, 20, ..., 120, each knowing its next two. */
const TWELVE: RingSpec = Array.from({ length: 12 }, (_, i) => {
  const id = 10 * (i + 1);
  return [id, [10 * (((i + 1) % 12) + 1), 10 * (((i + 2) % 12) + 1)]] as const;
});

const pingsTo = (ring: TestRing, to: PeerId) =>
  ring
    .sends()
    .flatMap((s) => (s.to === to && s.message.type === 'pingRequest' ? [{ from: s.from, ...s.message }] : []));

describe('a ping request names the pinger’s predecessors', () => {
  test('so a peer knows the peers behind its predecessors too', () => {
    const ring = new TestRing(TWELVE, { replicas: 3 });
    ring.start();
    ring.pingRound();
    const last = new Map(pingsTo(ring, 120).map((p) => [p.from, p.predecessors]));
    assert.deepEqual(last.get(110), [100, 90], "110's pings name 110's own predecessors");
    assert.deepEqual(last.get(100), [90, 80]);
  });

  test('a requester whose successors and predecessors are cut off asks a holder known only that way (hosts 5235)', () => {
    // Key 85 ("0085"): its holders are 90, 100 and 110. 120's successors (10, 20) crashed; the ring is split so that
    // 120 reaches 90 only. 120 never heard from 90: only 100's pings name it.
    const ring = new TestRing(TWELVE, { replicas: 3, held: { 90: ['0085'], 100: ['0085'], 110: ['0085'] } });
    ring.start();
    ring.pingRound();
    ring.kill(10);
    ring.kill(20);
    const side = new Set([120, 90]);
    ring.cut = (from, to) => side.has(from) !== side.has(to);
    const op = ring.command(120, 'request', '0085');
    ring.deliver();
    for (let i = 0; i < 2; i++) {
      ring.fire(120, { kind: 'lost', op });
      ring.deliver();
    }
    const last = ring
      .sends('lookup')
      .filter((s) => s.from === 120 && s.message.retry === 2)
      .map((s) => s.to);
    assert.ok(last.includes(90), `the last retry goes to 90 too (went to ${last.join(', ')})`);
    const done = ring.completionOf(120, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 90], JSON.stringify(done.result));
  });
});

describe('a walk that finds no copy at the key’s holders', () => {
  /**
   * The example ring with R = 3, where 14 took 19 back as its successor lately (19 was apart: 14 knew 2 and 4 next),
   * and 19 holds `held`: copies it took as the key's peer on its side while apart, not handed over yet.
   */
  const rejoined = (held: string[]) => {
    const spec: RingSpec = [...EXAMPLE.filter(([id]) => id !== 14), [14, [2, 4]]];
    const ring = new TestRing(spec, { replicas: 3, held: { 19: held } });
    ring.start();
    ring.pingRound(); // 19 pings 2, whose answer to 14 names 19 as its predecessor: 14 takes 19 back
    ring.pingRound();
    assert.deepEqual(ring.machine(14).status().successors, [19, 2]);
    return ring;
  };

  test('asks the last holder’s successor too when it is new to that list: it may hold copies taken while apart (partitions 5137)', () => {
    const ring = rejoined(['0007']); // key 7: its holders are 8, 9 and 14
    const done = ring.run(5, 'request', '0007');
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
  });

  test('not once that successor had time to hand its copies over: the walk asks the R holders only', () => {
    const ring = rejoined(['0007']);
    ring.now += 10 * PING_INTERVAL_MS;
    const done = ring.run(5, 'request', '0007');
    assert.equal(done.result.ok, false);
    const walked = ring.sends('lookup').filter((s) => s.message.attempt > 0);
    assert.deepEqual(
      walked.map((s) => s.to),
      [9, 14],
    );
  });
});
