// Every lookup hop is acknowledged, along successors too: a hop to a peer that died silently (no refusal, not declared
// gone yet) goes another way at its hop timeout, and a lookup with no live way on fails with the reason, not its deadline.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect } from '../../src/core/io.ts';
import type { Message } from '../../src/core/messages.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { Router } from '../../src/core/router.ts';
import {
  EXAMPLE,
  everyHopTimeout,
  hopTimeouts,
  lastRetryPastKeyWhile5Stalls,
  type Send,
  sentPastKey,
  started,
  TestRing,
} from './harness.ts';

/**
 * 19 requests 0003 (key 3); its first lookup is lost, and its last retry arrives at 8, past the key, as sent past it
 * (detoured). Returns the op.
 */
function requestSentPastKeyTo8(ring: TestRing): number {
  return sentPastKey(ring, { origin: 19, kind: 'request', name: '0003', key: 3, at: 8, retry: 2 });
}

/**
 * The lookups of `op` that `stuck` (a peer before the key) sent: none went back to a peer behind it (on the route
 * already taken), and none went further than `peers` hops and the R-1 replicas.
 */
function assertNotWalkedBack(ring: TestRing, op: number, stuck: PeerId, peers: number): Send<'lookup'>[] {
  const lookups = ring.sends('lookup').filter((s) => s.message.op === op);
  const back = lookups.filter((s) => s.from === stuck && s.to < stuck);
  assert.deepEqual(back, [], 'not sent back to a peer the route passed');
  const most = Math.max(...lookups.map((s) => s.message.hops));
  assert.ok(most <= peers + 2, `hop ${most}: more than the peers and R-1 replicas`);
  return lookups;
}

describe('hop acknowledgements along successors', () => {
  test('each hop of a lookup is acknowledged, and nothing is left waiting once it is', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(8, 'store', '2067');
    assert.equal(done.result.ok, true);
    const hops = ring.sends('lookup');
    const acks = ring.sends('hopAck');
    assert.deepEqual(
      acks.map((a) => [a.from, a.to]),
      hops.map((h) => [h.to, h.from]),
    );
    for (const id of [8, 9, 14])
      assert.deepEqual(
        [...ring.timers.get(id)!.keys()].filter((k) => k.startsWith('hop:')),
        [],
      );
  });

  test('a hop to a peer that died silently goes to the next live successor at the hop timeout, and says so', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1 });
    ring.kill(14); // not declared gone: 9 still lists it first
    const op = ring.command(8, 'store', '0012'); // key 12: 14's, so 19's once 14 is gone
    ring.deliver();
    assert.equal(ring.completions.length, 0, 'the hop to 14 was lost');
    assert.equal(hopTimeouts(ring, 9), 1);
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok, true);
    assert.equal(done.result.holder, 19);
    assert.equal(ring.texts(9).at(-1), 'Peer 14 did not answer: the store of File 0012 goes to Peer 19');
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined, 'done long before its deadline');
  });

  test('a request walking the holders skips a replica that died silently and is served by the next', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 4: ['2067'] } });
    ring.kill(2); // 19 lacks 2067; its first replica 2 is dead; 4 has it
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 19), 1);
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4]);
  });

  test('with every successor silent, a request at a peer that keeps a copy serves that copy rather than fail', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['2067'], 19: ['2067'] } });
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    assert.equal(hopTimeouts(ring, 8), 1);
    everyHopTimeout(ring, 8); // sent again twice, the same silent way
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 8], JSON.stringify(done.result));
    assert.ok(ring.texts(8).includes('No successor answered: serving the copy of File 2067 kept here'));
  });

  test('a hop acknowledged too late is not taken twice: the peer the lookup was sent to again does not pass it on again', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1 });
    // 9 is slow, not dead: it passes the lookup on, but its acknowledgement comes after 8's hop timeout (here, never).
    ring.cut = (from, _to, _transport, message) => from === 9 && message.type === 'hopAck';
    const op = ring.command(8, 'store', '0001'); // key 1: 2's, four hops along 9, 14, 19
    ring.deliver();
    assert.equal(ring.completionOf(8, op).result.ok, true);
    assert.equal(hopTimeouts(ring, 8), 1); // 8 sends it on round 9, to 14, which has passed it on already
    const lookups = ring.sends('lookup');
    assert.deepEqual(
      lookups.map((s) => [s.from, s.to]),
      [
        [8, 9],
        [9, 14],
        [14, 19],
        [19, 2],
        [8, 14],
      ],
    );
    const acks = ring.sends('hopAck').filter((s) => s.to === 8 && s.from !== 9);
    assert.deepEqual(
      acks.map((s) => s.from),
      [14],
      '14 acknowledges the second copy, so 8 does not send it on again',
    );
    assert.equal(ring.texts(2).filter((t) => t === 'Store 0001 request accepted').length, 1);
  });

  test('an acknowledgement that comes late lengthens the hop timeout, and its peer is routed to again', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1 });
    let held: Message | undefined;
    ring.cut = (from, _to, _transport, message) => {
      if (from !== 9 || message.type !== 'hopAck' || held !== undefined) return false;
      held = message; // 9 is slow: its first acknowledgement is held back
      return true;
    };
    const hopTimer = (peer: PeerId) => [...ring.timers.get(peer)!].find(([key]) => key.startsWith('hop:'));
    const first = ring.command(8, 'store', '0001');
    const [, firstAt] = hopTimer(8)!;
    const least = firstAt - ring.now;
    ring.deliver();
    assert.equal(ring.completionOf(8, first).result.ok, true);
    assert.equal(hopTimeouts(ring, 8), 1); // taken as lost: the store went on round 9 too
    ring.now += 4 * least; // the acknowledgement arrives, late
    ring.runtime(8).received(9, held!);
    ring.deliver();

    const second = ring.command(8, 'store', '0002');
    const [, secondAt] = hopTimer(8)!;
    assert.ok(secondAt - ring.now > least, `hop timeout ${secondAt - ring.now} ms, at least ${least} ms before`);
    ring.deliver();
    assert.deepEqual(
      ring
        .sends('lookup')
        .filter((s) => s.message.name === '0002' && s.from === 8)
        .map((s) => s.to),
      [9],
      '9 answered after all: the next lookup goes to it again',
    );
    assert.equal(ring.completionOf(8, second).result.ok, true);
  });

  test('with every successor silent, the lookup fails at once with the reason (NO_ROUTE), not at its deadline', () => {
    const ring = new TestRing(EXAMPLE);
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1); // 9 did not acknowledge: the lookup goes to 14
    assert.equal(hopTimeouts(ring, 8), 1); // nor did 14
    assert.equal(ring.completions.length, 0, 'sent again before it fails');
    assert.equal(everyHopTimeout(ring, 8), 2, 'each retry to 9, silent: no way on again');
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok, false);
    assert.ok(!done.result.ok && done.result.code === 'NO_ROUTE', JSON.stringify(done.result));
    assert.equal(
      done.result.ok ? '' : done.result.error,
      "none of Peer 8's successors 9, 14 answered: no live way to the holder of 2067",
    );
  });
});

/**
 * Peer 8's router alone, along successors (9 and 14; predecessors 5 and 4), hop timeout 500 ms: `opTimeoutMs` is the
 * command's deadline (and how long a lookup passed on is remembered).
 */
function routerAt8(
  options: { opTimeoutMs?: number; reroute?: ConstructorParameters<typeof Router>[1]['reroute'] } = {},
): Router {
  const opTimeoutMs = options.opTimeoutMs ?? 3000;
  return new Router(
    {
      id: 8,
      idBits: 8,
      routing: 'successor',
      fingerIntervalMs: 1000,
      hopTimeoutMs: 500,
      avoidMs: 5000,
      passedOnMs: opTimeoutMs,
      opTimeoutMs,
      lateMs: 1000,
    },
    {
      successors: () => [9, 14],
      predecessors: () => [5, 4],
      joined: () => true,
      reroute: options.reroute ?? (() => {}),
      found: () => {},
    },
  );
}

describe('a lookup with no successor answering', () => {
  test('it detours through the peer heard of lately that most closely precedes the key, past the silent successors', () => {
    const rerouted: number[] = [];
    const router = routerAt8({ reroute: (lookup) => rerouted.push(lookup.op) });
    for (const peer of [5, 19, 2, 8]) router.heardOf(peer); // 8 is itself: never a detour
    router.shun(9, 0);
    router.shun(14, 0);
    assert.equal(router.noWayOn(1), true);
    assert.deepEqual(router.detour(200, 1), { to: 19, final: false }); // 19 is the last known before key 200
    assert.deepEqual(router.detour(19, 1), { to: 19, final: true }); // the key's own peer
    assert.equal(router.detour(17, 1), undefined, 'nothing known in (8, 17] but the silent successors');
    // A request whose key's own peer is among the silent ones: the nearest known after the key, as its final hop.
    assert.deepEqual(router.detour(17, 1, true), { to: 19, final: true });
    assert.deepEqual(
      router.detour(3, 1),
      { to: 2, final: false },
      'round the ring: 19 and 2 precede key 3, 2 is nearer',
    );
    router.shun(2, 1);
    assert.deepEqual(router.detour(3, 2), { to: 19, final: false }, 'a detour that did not answer is passed over too');
    assert.deepEqual(rerouted, []);
  });

  test('a lookup stuck past the requester is reported to it, which serves the copy it keeps rather than wait', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 5: ['0017'], 19: ['0017'] } });
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(5, 'request', '0017'); // key 17: 19's; 5 -> 8, whose successors 9 and 14 are silent
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    assert.equal(hopTimeouts(ring, 8), 1);
    everyHopTimeout(ring, 8, 5);
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 5], JSON.stringify(done.result));
    assert.equal(ring.scheduled(5, { kind: 'op', op }), undefined, 'done long before its deadline');
  });

  test("a request whose key's own peer is silent too detours past the key to the next holder 8 heard of", () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 19: ['0012'], 2: ['0012'] } });
    // A ping round: 8 hears of 9, 14 and their successors (19 among them).
    started(ring);
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(5, 'request', '0012'); // key 12: 14's, silent, so its next holder 19 serves it
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    assert.equal(hopTimeouts(ring, 8), 1);
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
  });

  /** The example ring with R = 3 and `held` files, after ping rounds and digests: each peer knows where its predecessors' ranges start. */
  const ringKnowingRanges = (held: Record<number, string[]>) => {
    const ring = started(new TestRing(EXAMPLE, { replicas: 3, held }), 2);
    ring.fireAll({ kind: 'sync' });
    return ring;
  };

  test('at its deadline, a requester that is one of the holders serves its own copy rather than fail', () => {
    // 5 learns its predecessors' ranges, so it knows it is one of key 2's holders (2, 4, 5).
    const ring = ringKnowingRanges({ 2: ['0002'], 4: ['0002'], 5: ['0002'] });
    // The route is too slow to answer in time: every lookup message is held up (here, lost).
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup';
    const op = ring.command(5, 'request', '0002');
    ring.deliver();
    assert.equal(ring.completions.filter((c) => c.op === op).length, 0);
    ring.fire(5, { kind: 'op', op });
    ring.deliver();
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 5], JSON.stringify(done.result));
    assert.ok(ring.texts(5).includes('No answer in time: serving the copy of File 0002 kept here'));
  });

  test('at its deadline, a requester with only an extra copy (not one of the holders) does not serve it', () => {
    const ring = ringKnowingRanges({ 2: ['0002'], 9: ['0002'] });
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup';
    const op = ring.command(9, 'request', '0002');
    ring.deliver();
    ring.fire(9, { kind: 'op', op });
    ring.deliver();
    const done = ring.completionOf(9, op);
    assert.equal(done.result.ok, false);
  });
});

describe("the requester's end-to-end retry", () => {
  const lookupsOf = (ring: TestRing, op: number) =>
    ring.sends().flatMap((s) => (s.message.type === 'lookup' && s.message.op === op ? [s.message] : []));

  test('a lookup lost inside a peer that crashed after acknowledging its hop is sent again, past it, at its lost timer', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1, held: { 19: ['2067'] } });
    ring.start();
    ring.pingRound(); // 2 hears of its successors' successors and of its predecessors (19 among them)
    // 8 acknowledges the hop, then crashes before it passes the lookup on.
    ring.cut = (from, _to, _transport, message) => from === 8 && message.type === 'lookup';
    const op = ring.command(2, 'request', '2067'); // key 19: 2 -> 4 -> 5 -> 8 -> (lost)
    ring.deliver();
    ring.kill(8);
    assert.equal(ring.completions.filter((c) => c.op === op).length, 0, 'no answer: the lookup is lost');
    const lostAt = ring.scheduled(2, { kind: 'lost', op })!;
    assert.ok(lostAt < ring.scheduled(2, { kind: 'op', op })!, 'well before the deadline');
    ring.fire(2, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(2, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
    assert.ok(ring.texts(2).includes('No answer to the request for File 2067: sent again by way of Peer 19'));
    assert.deepEqual(
      lookupsOf(ring, op).map((l) => l.retry ?? 0),
      [0, 0, 0, 0, 1],
      'the first lookup went 2 -> 4 -> 5 -> 8 -> (cut); the retry straight to the key’s peer',
    );
    assert.equal(ring.scheduled(2, { kind: 'lost', op }), undefined, 'nothing left waiting');
  });

  test('a retry is another lookup to a peer that passed the first on: it is passed on, once', () => {
    const router = routerAt8();
    const lookup = {
      type: 'lookup',
      kind: 'request',
      origin: 2,
      op: 7,
      name: '2067',
      key: 19,
      final: false,
      hops: 3,
      attempt: 0,
    } as const;
    assert.equal(router.passedOnBefore(lookup, 0), false);
    assert.equal(router.passedOnBefore(lookup, 1), true);
    assert.equal(router.passedOnBefore({ ...lookup, retry: 1 }, 2), false);
    assert.equal(router.passedOnBefore({ ...lookup, retry: 1 }, 3), true);
    // Asked again after its older copy was refused (a store acknowledged to the requester since): served again
    // (writers 1221: the holder took it for a second copy, and the request timed out).
    assert.equal(router.passedOnBefore(lookup, 4, 'served'), false);
    assert.equal(router.passedOnBefore({ ...lookup, stale: true }, 5, 'served'), false);
    assert.equal(router.passedOnBefore({ ...lookup, stale: true }, 6, 'served'), true);
  });

  test('NOT_FOUND from a walk that began past a peer the requester knows nearer the key: that peer is asked first', () => {
    // 14 lost track of 19 (it took it for dead): it takes 2 for the responsible peer of key 19.
    const spec = EXAMPLE.map(([id, successors]) => [id, id === 14 ? [2, 4] : successors] as const);
    const ring = new TestRing(spec, { replicas: 1, held: { 19: ['2067'] } });
    ring.feed(8, { type: 'message', from: 19, message: { type: 'hopAck', ack: 99 } }); // 8 heard from 19 lately
    const op = ring.command(8, 'request', '2067'); // 8 -> 9 -> 14 -> 2 (final, no copy)
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
    assert.ok(ring.texts(8).includes('No answer to the request for File 2067: sent again by way of Peer 19'));
  });

  test('NOT_FOUND from a walk that skipped a peer the requester knows: that peer is asked first (hosts 53)', () => {
    // 19 lost track of 2 (it took it for dead): its walk over key 15's two holders goes 19 -> 4, skipping 2.
    const spec = EXAMPLE.map(([id, successors]) => [id, id === 19 ? [4, 5] : successors] as const);
    const ring = new TestRing(spec, { replicas: 2, held: { 2: ['0015'] } });
    ring.feed(8, { type: 'message', from: 2, message: { type: 'hopAck', ack: 99 } }); // 8 heard from 2 lately
    const op = ring.command(8, 'request', '0015');
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
  });

  test("a request sent to a peer as the key's, when that peer's own predecessor lies past the key, goes back to it", () => {
    // 14 lost track of 19 (it missed hops while cut off): it takes 2 for key 19's peer. 2 hears 19's pings: the key is
    // its predecessor's. 5, the requester, knows nothing of 19.
    const spec = EXAMPLE.map(([id, successors]) => [id, id === 14 ? [2, 4] : successors] as const);
    const ring = new TestRing(spec, { replicas: 1, held: { 19: ['2067'] } });
    ring.start();
    ring.pingRound();
    const op = ring.command(5, 'request', '2067'); // 5 -> 8 -> 9 -> 14 -> 2 (final, no copy) -> 19
    ring.deliver();
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
    assert.ok(
      ring
        .texts(2)
        .includes('Request for File 2067 has been received, but the file is not stored here: forwarded to Peer 19'),
      ring.texts(2).join('\n'),
    );
  });

  test("a request is sent back only to a predecessor whose key it is by this peer's two predecessors", () => {
    // 2 hears pings from 19 and 14. Key 17 lies between them (19's): sent back to 19. Key 3 (4's, past 2) does not:
    // 2 is not sending it back round the ring (hosts 1151: sent back whenever the key was not the peer's own, a request
    // went from peer to peer round a ring in disarray).
    const ring = new TestRing(EXAMPLE, { replicas: 1 });
    ring.start();
    ring.pingRound();
    const arrive = (name: string, key: number) =>
      ring.feed(2, {
        type: 'message',
        from: 14,
        message: { type: 'lookup', kind: 'request', origin: 8, op: 99, name, key, final: true, hops: 3, attempt: 0 },
      });
    const lookupsFrom2 = (name: string) =>
      ring
        .sends('lookup')
        .filter((s) => s.from === 2 && s.message.name === name)
        .map((s) => s.to);
    arrive('0017', 17);
    ring.deliver();
    assert.deepEqual(lookupsFrom2('0017'), [19]);
    arrive('0003', 3);
    ring.deliver();
    assert.deepEqual(lookupsFrom2('0003'), [], 'not sent back round the ring');
  });

  test('that NOT_FOUND stands when the nearer peer has no copy either', () => {
    const spec = EXAMPLE.map(([id, successors]) => [id, id === 14 ? [2, 4] : successors] as const);
    const ring = new TestRing(spec, { replicas: 1 });
    ring.feed(8, { type: 'message', from: 19, message: { type: 'hopAck', ack: 99 } });
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok === false && done.result.code, 'NOT_FOUND', JSON.stringify(done.result));
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined, 'at once, not at its deadline');
  });

  test('a request sent past its key to a peer without a copy goes on to the peer it knows nearest the key', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 1, held: { 4: ['0003'] } });
    ring.start();
    ring.pingRound(); // 5 learns its predecessors, 4 and 2
    // Key 3 is 4's; the first lookup is lost. As a retry sent past the key would arrive: at 5, which has no copy, but
    // knows 4 (its predecessor) nearer the key.
    const op = sentPastKey(ring, { origin: 8, kind: 'request', name: '0003', key: 3, at: 5, retry: 2 });
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4], JSON.stringify(done.result));
  });

  test('a request sent on nearer its key to a silent peer goes to the next peer known nearer it', () => {
    // Key 3's holders are 4, 5 and 8 (R = 3); 4 died silently, 5 has the file, 8 (past the key) has none.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 5: ['0003'] } });
    ring.start();
    ring.pingRound(); // 8 learns its predecessors, 5 and 4
    ring.kill(4);
    // As a retry sent past the key would arrive at 8: it sends it on to 4, the peer it knows nearest the key.
    const op = requestSentPastKeyTo8(ring);
    assert.equal(ring.completions.length, 0, 'the hop to 4 was lost');
    assert.equal(hopTimeouts(ring, 8), 1);
    const done = ring.completionOf(19, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 5], JSON.stringify(done.result));
    assert.equal(ring.sends('notFound').length, 0, 'not reported stuck: 5 was the next way');
  });

  test('a request sent past its key goes back first through a peer heard from lately, not the nearest known (hosts 10162)', () => {
    // Key 3's holders are 4, 5 and 8 (R = 3); 4 died before the ping round, so 8 knows it (5's ping names it) but never
    // heard from it; 5, which pings 8, has the file.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 5: ['0003'] } });
    ring.start();
    ring.kill(4);
    ring.pingRound();
    assert.ok(ring.machines.get(8)!.status().predecessors.includes(4), '8 knows 4');
    const op = requestSentPastKeyTo8(ring);
    const done = ring.completionOf(19, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 5], JSON.stringify(done.result));
    // Served before any hop timeout fired. 8's first hop went to 5; the last retry goes to 4 as well, a second way
    // (src/core/machine.ts alsoBackTo), not one waited for.
    const hops = ring.sends().filter((s) => s.from === 8 && s.message.type === 'lookup');
    assert.equal(hops[0]?.to, 5, 'the peer heard from lately first');
  });

  test("the requester's last retry passed back through a peer heard from lately goes also to the nearest peer known (stalls 11117)", () => {
    // 19's last retry comes to 9, past the key: 9 passes it back to 5, heard from a moment ago, and to 4, nearer still.
    const { ring, op } = lastRetryPastKeyWhile5Stalls();
    const done = ring.completionOf(19, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4], JSON.stringify(done.result));
    // Served before any hop timeout: without the second way, 9 waited out its hop to 5 (up to the deadline on a busy ring).
    assert.ok(
      ring.sends().some((s) => s.from === 9 && s.to === 5 && s.message.type === 'lookup'),
      'the peer heard from lately is asked first, as before',
    );
  });

  test('a request stuck before its key is not sent back over its route: its requester retries with the holders it knows', () => {
    // 16 peers (0, 16, ..., 240), R = 3: key 100's holders are 112, 128 and 144; only 112 has the file. 80 and 96, 64's
    // successors, are cut off from the start: 64 never heard of a peer past them, only of those behind it.
    const ids = Array.from({ length: 16 }, (_, i) => i * 16);
    const ring = TestRing.of(ids, { replicas: 3, held: { 112: ['0100'] } });
    const silent = new Set([80, 96]);
    ring.cut = (from, to) => silent.has(from) || silent.has(to);
    ring.start();
    ring.pingRound(); // each peer learns its predecessors
    // 128 (no copy) asks: along successors round the ring to 64, whose two successors are silent.
    const op = ring.command(128, 'request', '0100');
    ring.deliver();
    everyHopTimeout(ring, 64);
    const done = ring.completionOf(128, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 112], JSON.stringify(done.result));
    // Before, 64 sent it past the key to 32, its own predecessor, and it walked back over the route, two peers a hop,
    // to 112: hop 19 in a ring of 16 (partitions 4004).
    assertNotWalkedBack(ring, op, 64, ids.length);
  });

  test('nor when its detour past the key is silent too: the peer that sent it tells the requester', () => {
    // As above, but 64 heard of 112 (in 80's list) before 80, 96 and 112 were cut off: key 100's first holder is silent
    // too, and 144 has the file. 64's detour to 112 is not acknowledged.
    const ids = Array.from({ length: 16 }, (_, i) => i * 16);
    const ring = TestRing.of(ids, { replicas: 3, held: { 144: ['0100'] } });
    ring.start();
    ring.pingRound();
    const silent = new Set([80, 96, 112]);
    ring.cut = (from, to) => silent.has(from) || silent.has(to);
    const op = ring.command(128, 'request', '0100');
    ring.deliver();
    everyHopTimeout(ring, 64, 128);
    const done = ring.completionOf(128, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 144], JSON.stringify(done.result));
    // Before, 64 then served it again itself, as a peer past the key, and sent it to 32, the peer it knew nearest the key
    // the other way round: back over the route (writers 5199).
    const lookups = assertNotWalkedBack(ring, op, 64, ids.length);
    assert.ok(
      lookups.some((s) => s.from === 64 && s.to === 112),
      'the detour went past the key, nearer than 128',
    );
  });

  test("a peer whose silent predecessor is the key's peer stands in for it and walks the key's holders from itself", () => {
    // Key 12's holders are 14, 19 and 2 (R = 3); 14 died silently, 19 has no copy, 2 has the file.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 2: ['0012'] } });
    ring.start();
    ring.pingRound(); // 19 learns its predecessors, 14 and 9
    ring.kill(14);
    const op = ring.command(8, 'request', '0012');
    ring.deliver();
    assert.equal(hopTimeouts(ring, 9), 1, "9's hop to 14 was lost: it goes on to 19, past the key");
    // 19 sends it back to 14, whose key it is by 19's own predecessors; that hop is lost too.
    assert.equal(hopTimeouts(ring, 19), 1);
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 2], JSON.stringify(done.result));
    assert.ok(
      ring.texts(19).some((line) => line.includes('File 0012') && line.includes('Peer 2')),
      ring.texts(19).join('\n'),
    );
    const again = ring.sends('lookup').filter((s) => s.message.retry !== undefined);
    assert.deepEqual(again, [], 'served by the first way, not a retry of the requester');
  });

  test('a peer that forgot its silent first predecessor walks the holders of a key after its second (restarts 10835)', () => {
    // R = 3: key 9's holders are 9, 14 and 19; only 19 has the file. 9 is cut off from 8 and 14 alone: 8 still lists it
    // (its indirect probes through others get answers), while 14, pinged by 9 no more, forgets it as its predecessor
    // (predecessors [null, 8]). 8's hop to 9 is lost, so its request for 0009 goes to 14 as sent past the key.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 19: ['0009'] } });
    ring.start();
    ring.pingRound();
    const apart = (a: number, b: number) => a === 9 && (b === 8 || b === 14);
    ring.cut = (from, to) => apart(from, to) || apart(to, from);
    for (let round = 0; round < 4; round++) ring.pingRound();
    assert.deepEqual(ring.machine(14).status().predecessors, [null, 8]);
    assert.deepEqual(ring.machine(8).status().successors, [9, 14]);
    ring.command(8, 'request', '0265'); // key 9: 8's hop to 9 is lost, and 8 avoids 9
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    ring.clearLog();
    const op = ring.command(8, 'request', '0009');
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
    const again = ring.sends('lookup').filter((s) => s.message.retry !== undefined);
    assert.deepEqual(again, [], 'served by the first way: 14 walked the holders from itself, not reported the way cut');
  });

  test("a request whose hop passes over the key's peers, avoided since they missed hops, goes back to them (partitions 5076)", () => {
    // r = 3. 8 missed hops to 9 and 14 while they were cut off, and has not heard from them since: by its list less
    // them, key 9 is 19's. 19 is not key 9's peer (its predecessors are 14 and 9): it sends the request back to 9,
    // which serves it, rather than walk its own successors and answer that the file is not in the DHT.
    const ids = [2, 4, 5, 8, 9, 14, 19];
    const spec = ids.map((id, i) => [id, [1, 2, 3].map((k) => ids[(i + k) % ids.length]!)] as const);
    const ring = new TestRing(spec, { replicas: 1, successorCount: 3, held: { 9: ['0009'] } });
    ring.start();
    ring.pingRound(); // 19 learns its predecessors, 14 and 9
    const apart = (a: number, b: number) => a === 8 && (b === 9 || b === 14);
    ring.cut = (from, to) => apart(from, to) || apart(to, from); // 8 cut off from 9 and 14
    ring.command(8, 'request', '0010'); // key 10, no such file: 8's hops to 9, then 14, are lost
    ring.deliver();
    assert.equal(hopTimeouts(ring, 8), 1);
    assert.equal(hopTimeouts(ring, 8), 1);
    ring.cut = undefined;
    ring.clearLog();
    const op = ring.command(5, 'request', '0009'); // 5 -> 8 -> 19 (past 9 and 14) -> 9
    ring.deliver();
    const done = ring.completionOf(5, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 9], JSON.stringify(done.result));
    const notFound = ring.sends('notFound').filter((s) => s.to === 5);
    assert.deepEqual(notFound, [], "no NOT_FOUND from a walk of 19's successors");
    const again = ring.sends('lookup').filter((s) => s.message.retry !== undefined);
    assert.deepEqual(again, [], 'served by the first way, not a retry of the requester');
  });

  /** R = 3, key 9's holders 9, 14 and 19, only 19 with the file; 14 was cut off from 19 and avoids it; then the heal. */
  function healedAfter14Lost19(): TestRing {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 19: ['0009'] } });
    ring.start();
    ring.pingRound();
    const apart = (a: number, b: number) => a === 14 && b === 19;
    ring.cut = (from, to) => apart(from, to) || apart(to, from);
    ring.command(14, 'request', '0019'); // key 19: 14's hop to it is lost
    ring.deliver();
    everyHopTimeout(ring, 14);
    ring.cut = undefined; // the heal
    ring.clearLog();
    return ring;
  }

  /** The walk of key 9's holders for `op` went 9 -> 14 -> 2: 14 passed over 19. */
  function walkedPast19(ring: TestRing, op: number): void {
    const walk = ring.sends('lookup').filter((s) => s.message.op === op && s.message.attempt > 0);
    assert.deepEqual(
      walk.map((s) => [s.from, s.to]),
      [
        [9, 14],
        [14, 2],
      ],
      'the walk passed over 19',
    );
  }

  /** `requester` did not believe the walk's NOT_FOUND at once; once 14 hears from 19 again, its retry is served by 19. */
  function heldBackThenServed(ring: TestRing, requester: number, op: number): void {
    assert.deepEqual(
      ring.completions.filter((c) => c.op === op),
      [],
      'NOT_FOUND is not believed at once',
    );
    ring.pingRound(); // 14 hears from 19 again
    ring.fire(requester, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(requester, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 19], JSON.stringify(done.result));
  }

  test('NOT_FOUND from a walk that passed over a holder cut off a moment ago is held back, and the retry is served (partitions 9581)', () => {
    // R = 3: key 9's holders are 9, 14 and 19; only 19 has the file. 19 was cut off from 14, and 14's hop to it was
    // lost: 14 avoids it. Just after the heal, 14's request reaches 9, whose walk asks 14 and then 2 (14 passes over
    // 19): no copy. 14 hears NOT_FOUND from a walk over the peer it avoids itself.
    const ring = healedAfter14Lost19();
    const op = ring.command(14, 'request', '0009');
    ring.deliver();
    walkedPast19(ring, op);
    heldBackThenServed(ring, 14, op);
  });

  test('NOT_FOUND from a walk whose walker passed over a holder it avoids says so, and is held back by a requester that does not (partitions 9581, hops16)', () => {
    // As above, but the request is 5's, which avoids nobody: the walk's NOT_FOUND says that 14 passed over a peer it
    // avoids, and 5 asks again at its lost timer rather than believe it (or ask again the same way at once).
    const ring = healedAfter14Lost19();
    const op = ring.command(5, 'request', '0009');
    ring.deliver();
    walkedPast19(ring, op);
    const notFound = ring.sends('notFound').filter((s) => s.to === 5);
    assert.deepEqual(
      notFound.map((s) => s.message.type === 'notFound' && s.message.passedOver),
      [true],
    );
    heldBackThenServed(ring, 5, op);
  });

  test("a request's last retry goes at once to each holder it knows, and the first live one serves it", () => {
    // Key 19's holders are 19, 2 and 4 (R = 3); 19 died silently, 2 lacks the file, 4 has it.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 4: ['2067'] } });
    ring.start();
    ring.pingRound(); // 8 hears of its predecessors (5, 4) and its successors' successors (19)
    ring.kill(19);
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry !== 2; // lost ways
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    ring.fire(8, { kind: 'lost', op });
    ring.deliver();
    ring.fire(8, { kind: 'lost', op }); // no hop timeout fired: 19's silence costs nothing
    ring.deliver();
    const last = lookupsOf(ring, op).filter((l) => l.retry === 2);
    assert.deepEqual(
      ring
        .sends('lookup')
        .filter((s) => s.message.retry === 2 && s.from === 8)
        .map((s) => s.to),
      [19, 2, 4],
      'straight to the three peers 8 knows at or past key 19, at once',
    );
    assert.ok(last.every((l) => l.final && l.detoured));
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4], JSON.stringify(done.result));
    for (const via of [19, 2, 4])
      assert.ok(ring.texts(8).includes(`No answer to the request for File 2067: sent again by way of Peer ${via}`));
  });

  test('a requester held up through most of its deadline still sends its last retry, to every holder it knows, in time', () => {
    // stalls 5490: the requester's thread stalled; its first retry went when it woke, near the deadline, and the last
    // was due a whole route time later, past it.
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 4: ['2067'] } });
    ring.start();
    ring.pingRound();
    ring.kill(19);
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry !== 2; // lost ways
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    const deadline = ring.scheduled(8, { kind: 'op', op })!;
    ring.now = deadline - 300; // its lost timer runs late: the thread was stalled
    ring.fire(8, { kind: 'lost', op });
    ring.deliver();
    const last = ring.scheduled(8, { kind: 'lost', op })!;
    assert.ok(last < deadline, `the last retry is due before the deadline (${last} < ${deadline})`);
    ring.fire(8, { kind: 'lost', op });
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, done.result.holder], [true, 4], JSON.stringify(done.result));
  });

  test('the last retry sent to several holders fails NO_ROUTE only once each of them reported it stuck', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3 });
    ring.start();
    ring.pingRound();
    for (const dead of [19, 2, 4]) ring.kill(dead);
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry !== 2;
    const op = ring.command(8, 'request', '2067');
    ring.deliver();
    const stuck = (retry?: number) =>
      ring.feed(8, {
        type: 'message',
        from: 14,
        message: {
          type: 'notFound',
          op,
          name: '2067',
          hops: 2,
          stuck: true,
          ...(retry === undefined ? {} : { retry }),
        },
      });
    stuck(); // the first way, then the first retry, reported stuck: each is sent again at once
    stuck(1);
    ring.deliver();
    const hedged = ring.sends('lookup').filter((s) => s.message.retry === 2);
    assert.deepEqual(
      hedged.map((s) => s.to),
      [19, 2, 4],
    );
    for (const [i, sent] of hedged.entries()) {
      const ack = sent.message.type === 'lookup' ? sent.message.ack! : 0;
      ring.fire(8, { kind: 'hop', ack });
      ring.deliver();
      assert.equal(ring.completions.filter((c) => c.op === op).length, i < 2 ? 0 : 1, `after ${i + 1} of 3 stuck`);
    }
    const done = ring.completionOf(8, op);
    assert.equal(done.result.ok === false && done.result.code, 'NO_ROUTE', JSON.stringify(done.result));
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined, 'not at its deadline');
  });

  test('a request whose walk finds no copy, at a requester that keeps the latest one, serves that copy (restarts 1238)', () => {
    // 8 keeps a copy of key 19's file; the key's holders (19, 2, 4) lost theirs (restarted with empty disks).
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 8: ['2067'] } });
    const done = ring.run(8, 'request', '2067');
    assert.deepEqual([done.result.ok, done.result.holder], [true, 8], JSON.stringify(done.result));
    assert.ok(
      ring.texts(8).some((t) => /^Peer \d+ has no copy of File 2067: serving the one kept here$/.test(t)),
      ring.texts(8).join('\n'),
    );
  });

  test('every way reported stuck: the request fails NO_ROUTE, with the reason, before its deadline', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3, held: { 19: ['0017'] } });
    ring.kill(9);
    ring.kill(14);
    const op = ring.command(5, 'request', '0017');
    ring.deliver();
    everyHopTimeout(ring, 8, 5); // stuck at 8, sent again by 5 twice, stuck again
    assert.equal(lookupsOf(ring, op).filter((l) => l.retry !== undefined).length > 0, true, 'sent again first');
    const done = ring.completionOf(5, op);
    assert.equal(done.result.ok, false);
    assert.equal(done.result.ok === false && done.result.code, 'NO_ROUTE');
    assert.match(JSON.stringify(done.result), /got as far as Peer 8, whose successors did not answer/);
    assert.ok(ring.scheduled(5, { kind: 'op', op }) === undefined, 'not at its deadline');
  });
});

describe('hop timeouts within the op deadline', () => {
  const routerWith = (opTimeoutMs: number) => routerAt8({ opTimeoutMs });
  const slowAck = (router: Router) => {
    const out: Effect[] = [];
    const lookup = { type: 'lookup', kind: 'request', origin: 8, op: 1, name: '0019', key: 19 } as const;
    router.forward(
      { ...lookup, final: false, hops: 1, attempt: 0 },
      { ...lookup, final: false, hops: 0, attempt: 0 },
      9,
      0,
      out,
    );
    const sent = out.find((e) => e.type === 'send')!;
    const ack = sent.type === 'send' && sent.message.type === 'lookup' ? sent.message.ack! : 0;
    router.onHopAck(9, { type: 'hopAck', ack }, 6000, []); // a busy ring: 6 s for one acknowledgement
  };

  test('they follow slow acknowledgements, up to 8 times the least, but never past the deadline', () => {
    for (const [opTimeoutMs, before, after] of [
      [30_000, 500, 4000], // up to 8 times the least
      [2_200, 500, 2200], // the deadline (stalls 15: 8 times the least outlived a 2.2 s deadline)
      [400, 400, 400], // a deadline shorter than the least: the deadline wins
    ] as const) {
      const router = routerWith(opTimeoutMs);
      assert.equal(router.hopTimeoutMs(), before, `deadline ${opTimeoutMs} ms`);
      slowAck(router);
      assert.equal(router.hopTimeoutMs(), after, `deadline ${opTimeoutMs} ms, after a 6 s acknowledgement`);
    }
  });

  test("a lookup's lost timer follows its route: hops as the successor list's spacing suggests, two hop timeouts more", () => {
    const router = routerWith(30_000);
    // 8's successors 9 and 14: one peer every 3 ids; key 19 is 11 ids on: 4 hops, and 4 more (the holders, the answer),
    // each a quarter of the hop timeout before any acknowledgement measured one, and two hop timeouts.
    assert.equal(router.routeMs(19, 4), 8 * 125 + 2 * 500);
    assert.equal(router.routeMs(9, 4), 5 * 125 + 2 * 500);
  });

  test('a peer heard from is routed to again, though it missed a hop lately', () => {
    const router = routerWith(30_000);
    router.shun(9, 0);
    assert.equal(router.avoids(9, 1), true);
    router.heardFrom(9, 1);
    assert.equal(router.avoids(9, 1), false);
  });
});
