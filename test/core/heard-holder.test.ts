// On fingers, a requester whose walk found no copy asks first a peer it knows nearer the key than the walk began at
// (PeerMachine.nearerThan). A peer that sent it a message within a ping interval counts as known, as it does along
// successors (their peers heard of) and for a request passed back towards its key (Router.backTowards): the finger
// table keeps only the peer nearest each finger's start, so the key's holder, heard from a moment ago, was not among the
// peers it knew. partitions 1410: 585, cut off with 275 and 308 (key 252's holders), heard from them; just after the
// heal, the other side's peers, not merged yet, took 438 for the key's peer, and its walk (438, 507, 554) found no copy.
// 585 believed it, and the request failed NOT_FOUND while 275 and 308 held the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idealFingers } from '../../src/core/fingers.ts';
import { Router } from '../../src/core/router.ts';
import { successorsInRing } from '../../src/core/ring.ts';
import { TestRing } from './harness.ts';

const IDS = [100, 200, 275, 308, 438, 507, 554, 585, 700, 900];

/** 10-bit ids on fingers, each peer with its ideal table: 585's fingers are 700, 900 and 100; 275 is none of them. */
function fingerRing(): TestRing {
  const ring = new TestRing([...successorsInRing(IDS, 3).entries()], {
    routing: 'finger',
    idBits: 10,
    successorCount: 3,
    replicas: 3,
    fingers: (id) => idealFingers(id, IDS, 10),
    held: { 275: ['0252'], 308: ['0252'] },
  });
  ring.start();
  return ring;
}

/** 275 asks 585 to probe one of its successors (as after a heal): 585 hears from it, and nothing else names it. */
function heardFrom275(ring: TestRing): void {
  ring.feed(585, {
    type: 'message',
    from: 275,
    message: { type: 'indirectProbe', target: 700, requester: 275, seq: 1 },
  });
  ring.deliver();
}

/** A walk from 438, which took itself for key 252's peer, answers 585's request `op`: no copy. */
function walkFrom438FoundNone(ring: TestRing, op: number): void {
  const walked = { type: 'notFound', op, name: '0252', hops: 4, responsible: 438, asked: 3 } as const;
  ring.feed(585, { type: 'message', from: 554, message: walked });
  ring.deliver();
}

describe('a walk that found no copy, begun past a holder the requester heard from lately (fingers)', () => {
  test('the requester asks that holder before it believes the walk, and gets the file', () => {
    const ring = fingerRing();
    heardFrom275(ring);
    // The first try is lost on its way; a walk from 438, which took itself for key 252's peer, answers no copy.
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry === undefined;
    const op = ring.command(585, 'request', '0252');
    ring.deliver();
    walkFrom438FoundNone(ring, op);
    const done = ring.completionOf(585, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
    assert.equal(done.result.ok && done.result.holder, 275);
  });

  test('but a peer heard from longer ago than a ping interval is not taken for known: the walk is believed', () => {
    const ring = fingerRing();
    heardFrom275(ring);
    ring.now += 30_001; // longer than a ping interval (lateMs)
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && message.retry === undefined;
    const op = ring.command(585, 'request', '0252');
    ring.deliver();
    walkFrom438FoundNone(ring, op);
    const done = ring.completionOf(585, op);
    assert.equal(done.result.ok === false && done.result.code, 'NOT_FOUND', JSON.stringify(done.result));
  });
});

// A held-back answer (its walk passed over a peer the requester avoids) while only the last retry is left: that retry
// waits for the lost timer and goes to every holder known then, not at once to the one peer heard from nearer the key,
// whose answer would be final (partitions 908: 693 had just heard from 984, which had no copy yet; the last retry went
// to 984 alone and the request failed NOT_FOUND while 33 and 124 held the file).
// What the simulator's checker takes a peer to know (PeerMachine.knownPeers, src/sim/reach.ts findable) is what a
// lookup may go to: a peer heard from counts for a ping interval, as it does for the requester's retries above. Hosts
// 1881: 381 had a lookup from 109 4.97 s before it asked for a file 109 held; neither heard from the other while a cut
// kept them (and 323) apart from the rest, the retries went to the holders 381 knew across the cut, and the request
// failed TIMEOUT. knownPeers kept every peer ever heard from (the last 32), so 109 was taken for known on 381's side
// and the failure counted as with a reachable holder.
describe('the peers a machine says it knows (knownPeers, for the checker)', () => {
  test('take in a peer heard from within a ping interval, and not once it is older than that', () => {
    const ring = fingerRing();
    heardFrom275(ring);
    assert.ok(ring.machine(585).knownPeers(ring.now).includes(275), 'heard from a moment ago: known');
    const later = ring.now + 30_001; // longer than a ping interval (lateMs)
    assert.deepEqual(
      ring
        .machine(585)
        .knownPeers(later)
        .sort((a, b) => a - b),
      [100, 507, 554, 700, 900],
      'its fingers, successors and predecessors only',
    );
  });
});

describe('a held-back walk answered for the first retry, a peer nearer the key heard from lately (fingers)', () => {
  test('the last retry is not spent at once on that peer: at the lost timer it goes to every holder known', () => {
    const ring = fingerRing();
    heardFrom275(ring);
    // The first try and the first retry are lost on their way.
    ring.cut = (_from, _to, _transport, message) => message.type === 'lookup' && (message.retry ?? 0) < 2;
    const op = ring.command(585, 'request', '0252');
    ring.deliver();
    // The first try's hop to 100 (a finger) is not acknowledged: 585 avoids 100 now.
    const hop = [...ring.timers.get(585)!.keys()].find((key) => key.startsWith('hop:'))!;
    ring.fire(585, { kind: 'hop', ack: Number(hop.split(':')[1]) });
    ring.deliver();
    ring.fire(585, { kind: 'lost', op });
    ring.deliver();
    // The first retry's walk from 900 (which took itself for key 252's peer) through 100 to 200 found no copy: held back.
    const walked = { type: 'notFound', op, name: '0252', hops: 4, responsible: 900, asked: 3, retry: 1 } as const;
    ring.feed(585, { type: 'message', from: 200, message: walked });
    const lastRetries = () =>
      ring.sends('lookup').filter((s) => s.from === 585 && s.message.op === op && s.message.retry === 2);
    ring.deliver();
    assert.deepEqual(
      lastRetries().map((s) => s.to),
      [],
      'no last retry at once',
    );
    ring.fire(585, { kind: 'lost', op });
    ring.deliver();
    const to = lastRetries().map((s) => s.to);
    assert.ok(to.includes(275) && to.length > 1, `the last retry went to ${to.join(', ')}`);
    const done = ring.completionOf(585, op);
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
  });
});

describe('a peer heard from lately, then declared gone (dead or departed)', () => {
  test('is known no more: no lookup goes to it as a holder, a peer past the key, or back towards it', () => {
    // 585's router alone, on fingers (700, 900, 100), successors 700 and 900, predecessors 554 and 507.
    const router = new Router(
      {
        id: 585,
        idBits: 10,
        routing: 'finger',
        fingers: [700, 900, 100],
        fingerIntervalMs: 1000,
        hopTimeoutMs: 500,
        avoidMs: 5000,
        passedOnMs: 30_000,
        opTimeoutMs: 30_000,
        lateMs: 30_000,
      },
      {
        successors: () => [700, 900],
        predecessors: () => [554, 507],
        joined: () => true,
        reroute: () => {},
        found: () => {},
      },
    );
    router.heardFrom(275, 0);
    assert.equal(router.beyond(252, 1), 275, 'heard from a moment ago: known');
    router.forget(275); // declared gone a moment later
    assert.equal(router.beyond(252, 2), 507);
    assert.ok(!router.holdersKnown(252, 3, 2).includes(275));
    assert.ok(!router.knownBetween(100, 507, 2).includes(275));
    assert.equal(router.backTowards(252, 2), undefined);
  });
});
