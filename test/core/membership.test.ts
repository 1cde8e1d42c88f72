// Membership in the pure core: join, graceful departure, death detection and repair, word for word as SPEC.md section 2.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyOf, responsibleFor, successorsInRing, type PeerId } from '../../src/core/ring.ts';
import {
  afterDeaths,
  afterDeparture,
  afterJoin,
  fillSuccessors,
  newcomerList,
  ringOrder,
} from '../../src/core/successors.ts';
import { GONE_PROBE_ROUNDS } from '../../src/core/membership.ts';
import { RETRY_MAX_ROUNDS } from '../../src/core/seeds.ts';
import { EXAMPLE, started, TestRing } from './harness.ts';

/** The successor lists every live peer should have: the next two peers clockwise. */
function ideal(ring: TestRing): Record<number, PeerId[]> {
  return Object.fromEntries(successorsInRing([...ring.machines.keys()], 2));
}

/** From every live peer, a store of a few names lands at the peer responsible among the live ones. */
function assertRoutes(ring: TestRing, names = ['0000', '0003', '0015', '0016', '0020', '2067', '0255']): void {
  const ids = [...ring.machines.keys()];
  for (const from of ids) {
    for (const name of names) {
      const done = ring.run(from, 'store', name);
      assert.equal(done.result.ok, true, `store ${name} at ${from}`);
      assert.equal(done.result.holder, responsibleFor(keyOf(name, 8), ids), `holder of ${name} stored at ${from}`);
    }
  }
}

describe('successor-list arithmetic', () => {
  test('ringOrder: clockwise from the peer, wrapping', () => {
    assert.deepEqual(ringOrder(14, [2, 19, 4, 14, 19], 8), [19, 2, 4]);
    assert.deepEqual(ringOrder(250, [3, 251, 0], 8), [251, 0, 3]);
  });
  test('fillSuccessors walks a small ring round again', () => {
    assert.deepEqual(fillSuccessors(2, [4, 5, 8]), [4, 5]);
    assert.deepEqual(fillSuccessors(2, [4]), [4, 2]);
    assert.deepEqual(fillSuccessors(2, []), [2, 2]);
    assert.deepEqual(fillSuccessors(2, [2, 4, 4]), [4, 2]);
  });
  test('fillSuccessors reads a wrapped list only up to this peer: what follows it is the ring again, or stale', () => {
    // 9's list in a ring of 9, 118, 246 and 971 (r = 6), as 971 hears it: past 971 come two crashed peers.
    assert.deepEqual(fillSuccessors(971, [9, 118, 246, 971, 304, 406, 9], 6), [9, 118, 246, 971, 9, 118]);
    assert.deepEqual(fillSuccessors(4, [5, 8, 4, 5, 8], 4), [5, 8, 4, 5]);
  });
  test('afterJoin / newcomerList: 15 joins after 14 (14→19,2)', () => {
    assert.deepEqual(afterJoin(14, [19, 2], 15), [15, 19]);
    assert.deepEqual(newcomerList(15, 14, [19, 2]), [19, 2]);
    assert.deepEqual(newcomerList(7, 3, [3, 3]), [3, 7], 'joining a peer that was alone');
    assert.deepEqual(afterJoin(3, [3, 3], 7), [7, 3]);
  });
  test('afterDeparture: 9 (→14,19) leaves; its predecessors 8 and 5', () => {
    assert.deepEqual(afterDeparture(8, [9, 14], 9, [14, 19]), [14, 19]);
    assert.deepEqual(afterDeparture(5, [8, 9], 9, [14, 19]), [8, 14]);
    assert.deepEqual(afterDeparture(2, [4, 2], 4, [2, 4]), [2, 2], 'the last other peer leaves');
  });
  test('afterDeaths: first, second, and two adjacent successors dead', () => {
    const reported = new Map<PeerId, PeerId[]>([
      [9, [14, 19]],
      [14, [19, 2]],
      [19, [2, 4]],
    ]);
    assert.deepEqual(afterDeaths(9, [14, 19], new Set([14]), reported, 8), [19, 2]);
    assert.deepEqual(afterDeaths(8, [9, 14], new Set([14]), reported, 8), [9, 19]);
    assert.deepEqual(afterDeaths(8, [9, 14], new Set([9, 14]), reported, 8), [19, 2]);
    assert.deepEqual(afterDeaths(250, [255, 3], new Set([255]), new Map([[3, [7, 250]]]), 8), [3, 7], 'wrapping');
  });
});

describe('join (SPEC 2: peer 15 joins via peer 4)', () => {
  for (const [when, rounds] of [
    ['after the first ping round', 1],
    ['before any ping (predecessors unknown: it asks along the ring)', 0],
  ] as const) {
    test(`${when}: the original lines at every peer, and the right successors`, () => {
      const ring = new TestRing(EXAMPLE);
      if (rounds > 0) started(ring, rounds);
      ring.clearLog();
      ring.addPeer(15);
      const op = ring.join(15, 4);
      ring.deliver();
      assert.deepEqual(ring.completionOf(15, op).result.ok, true);
      // The newcomer starts pinging at once; those lines are not the join's.
      const said = Object.fromEntries(
        Object.entries(ring.allTexts())
          .map(([id, texts]) => [id, texts.filter((t) => !t.startsWith('Ping'))])
          .filter(([, t]) => t!.length > 0),
      );
      for (const id of [4, 5, 8, 9])
        assert.ok(said[id]!.includes('Peer 15 Join request forwarded to my successor'), `at ${id}`);
      assert.deepEqual(said[14], [
        'Peer 15 Join request received',
        'My new first successor is Peer 15',
        'My new second successor is Peer 19',
      ]);
      assert.deepEqual(said[9]!.slice(1), [
        'Successor Change request received',
        'My new first successor is Peer 14',
        'My new second successor is Peer 15',
      ]);
      assert.deepEqual(said[15]!.slice(0, 3), [
        'Join request has been accepted',
        'My first successor is Peer 19',
        'My second successor is Peer 2',
      ]);
      for (const id of [2, 19]) assert.equal(said[id], undefined, `peer ${id} says nothing`);
      assert.deepEqual(ring.successorLists(), ideal(ring));
      assertRoutes(ring);
    });
  }

  test('a newcomer pings its successors once accepted, and they learn it as predecessor', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.addPeer(15);
    ring.join(15, 4);
    ring.deliver();
    // Every peer whose list changed pinged at once: 19 knows its new predecessors without waiting for a round.
    assert.deepEqual(ring.machine(19).status().predecessors, [15, 14]);
    assert.ok(ring.texts(15).includes('Ping requests sent to Peers 19 and 2'));
  });

  test('an id already in the ring is refused, with the reason, at the joiner', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(14); // the joiner's process: same id as a live peer elsewhere (its machine here stands in for the newcomer)
    ring.addPeer(14);
    ring.machine(9); // still lists 14 as a successor
    const op = ring.join(14, 2);
    ring.deliver();
    const done = ring.completionOf(14, op).result;
    assert.deepEqual(
      [done.ok, !done.ok && done.code, !done.ok && done.error],
      [
        false,
        'JOIN_REFUSED',
        'join refused: Peer 14 is already in the ring (if it restarted, the ring notices within 3 missed pings: join again then)',
      ],
    );
    assert.ok(ring.texts(14).some((t) => t.startsWith('Join request refused: Peer 14 is already in the ring')));
  });

  test('a known peer that does not answer: the join fails at its deadline with a clear reason', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.addPeer(15);
    const op = ring.join(15, 77); // nobody is 77
    ring.deliver();
    ring.fire(15, { kind: 'op', op });
    const done = ring.completionOf(15, op).result;
    assert.deepEqual(
      [done.ok, !done.ok && done.code, !done.ok && done.error],
      [
        false,
        'TIMEOUT',
        'Peer 77 did not answer the join request within 5 s: it may be down, unreachable at the address used, or on another ring secret',
      ],
    );
  });

  test('two joins in flight at once between the same peers both land', () => {
    for (const order of [
      [15, 16],
      [16, 15],
    ]) {
      const ring = started(new TestRing(EXAMPLE));
      for (const id of order) ring.addPeer(id);
      for (const id of order) ring.join(id, 2);
      ring.deliver();
      ring.pingRound();
      assert.deepEqual(ring.successorLists(), ideal(ring), `joined in order ${order.join(', ')}`);
      assertRoutes(ring);
    }
  });

  test('rings of one, two and three peers grow one join at a time', () => {
    const ring = started(new TestRing([[100, [100, 100]]]));
    for (const [id, via] of [
      [50, 100],
      [200, 50],
      [150, 100],
      [10, 200],
    ] as const) {
      ring.addPeer(id);
      const op = ring.join(id, via);
      ring.deliver();
      assert.equal(ring.completionOf(id, op).result.ok, true);
      ring.pingRound();
      assert.deepEqual(ring.successorLists(), ideal(ring), `after ${id} joined`);
      assertRoutes(ring);
    }
  });
});

/**
 * The example ring, started, after `newcomer` joined through `via`, with the first ping `from` sends to `to` (the
 * newcomer by default) still on its way: lost, as it is when its receiver quits before it arrives.
 */
function joinedUnheard(newcomer: PeerId, via: PeerId, from: PeerId, to = newcomer): TestRing {
  const ring = started(new TestRing(EXAMPLE), 1);
  ring.addPeer(newcomer);
  ring.join(newcomer, via);
  ring.holdBack((d) => d.kind === 'send' && d.from === from && d.to === to && d.message.type === 'pingRequest');
  ring.deliver();
  return ring;
}

describe('graceful departure (SPEC 2: quit at peer 9)', () => {
  for (const [when, rounds] of [
    ['predecessors known from pings', 1],
    ['before any ping (it asks along the ring)', 0],
  ] as const) {
    test(`${when}: 8 and 5 take 9's successors, then 9 leaves`, () => {
      const ring = new TestRing(EXAMPLE);
      if (rounds > 0) started(ring, rounds);
      ring.clearLog();
      const op = ring.quit(9);
      ring.deliver();
      assert.equal(ring.completionOf(9, op).result.ok, true);
      assert.ok(ring.left.has(9));
      const said = Object.fromEntries(
        Object.entries(ring.allTexts()).map(([id, texts]) => [id, texts.filter((t) => !t.startsWith('Ping'))]),
      );
      assert.deepEqual(said[8], [
        'Peer 9 will depart from the network',
        'My new first successor is Peer 14',
        'My new second successor is Peer 19',
      ]);
      assert.deepEqual(said[5], [
        'Peer 9 will depart from the network',
        'My new first successor is Peer 8',
        'My new second successor is Peer 14',
      ]);
      // The leaving peer confirms its departure (a kill says so too, at the process).
      assert.deepEqual(said[9], ['Peer 9 has departed from the network']);
      assert.deepEqual(ring.successorLists(), ideal(ring));
      assertRoutes(ring);
    });
  }

  test("its second predecessor hears the departure after its first successor's report dropped 9: it says so all the same, once", () => {
    // 9 tells 8 and 5 directly; 5's copy is slower (another connection), and 5's ping round meanwhile takes 8's new list.
    const ring = started(new TestRing(EXAMPLE), 1);
    ring.clearLog();
    ring.quit(9);
    const held = ring.holdBack((d) => d.kind === 'send' && d.to === 5 && d.message.type === 'departure');
    ring.deliver();
    for (let round = 0; round < 2; round++) {
      ring.feed(5, { type: 'timer', timer: { kind: 'ping' } }); // a report is taken when seen twice in a row
      ring.deliver();
    }
    assert.deepEqual(ring.successorLists()[5], [8, 14], "5 took 8's list first");
    const before = ring.delivered.length;
    ring.queue.push(held);
    ring.deliver();
    const said = ring.texts(5).filter((t) => !t.startsWith('Ping'));
    assert.equal(said.filter((t) => t === 'Peer 9 will depart from the network').length, 1, said.join('\n'));
    assert.deepEqual(ring.sends('departure', before).length, 1, 'not walked on along the ring');
  });

  for (const successorCount of [2, 4, 6]) {
    test(`in a ring of six, 0 hears 20's departure after 10's report dropped 20: it says so all the same (${successorCount} successors a peer)`, () => {
      // Six successors in a ring of six: 0's list comes round ([10, 30, 40, 50, 0, 10] once 20 left), its last entry
      // short of 20, though 20 was passed over, not pushed out by a newcomer (0 is still its second predecessor).
      const ids = [0, 10, 20, 30, 40, 50];
      const ring = started(TestRing.of(ids, { successorCount }), 4);
      assert.deepEqual(ring.successorLists()[0]?.slice(0, 2), [10, 20]);
      ring.clearLog();
      ring.quit(20);
      const held = ring.holdBack((d) => d.kind === 'send' && d.to === 0 && d.message.type === 'departure');
      ring.deliver();
      for (let round = 0; round < 2; round++) {
        ring.feed(0, { type: 'timer', timer: { kind: 'ping' } }); // a report is taken when seen twice in a row
        ring.deliver();
      }
      assert.ok(!ring.successorLists()[0]?.includes(20), "0 took 10's list first");
      ring.queue.push(held);
      ring.deliver();
      const said = ring.texts(0).filter((t) => t === 'Peer 20 will depart from the network');
      assert.equal(said.length, 1, ring.texts(0).join('\n'));
    });
  }

  test("a peer that quits before its second predecessor's first ping reached it: the first passes the departure on, and both say it", () => {
    // 15 joins between 14 and 19; 9 now lists 15 second and pings it at once, but 15 quits before that ping arrives
    // (simulator: membership seeds 18, 53). 15 knows only 14, so 14 tells 9 (its own first predecessor).
    const ring = joinedUnheard(15, 4, 9);
    assert.deepEqual(ring.machine(15).status().predecessors, [14, null], '15 has not heard from 9');
    ring.clearLog();
    const op = ring.quit(15);
    ring.deliver();
    assert.equal(ring.completionOf(15, op).result.ok, true);
    for (const [id, list] of [
      [
        14,
        [
          'Peer 15 will depart from the network',
          'My new first successor is Peer 19',
          'My new second successor is Peer 2',
        ],
      ],
      [
        9,
        [
          'Peer 15 will depart from the network',
          'My new first successor is Peer 14',
          'My new second successor is Peer 19',
        ],
      ],
    ] as const) {
      assert.deepEqual(
        ring.texts(id).filter((t) => !t.startsWith('Ping')),
        list,
        `at ${id}`,
      );
    }
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test("two neighbours leave at once: the list 9 gave its predecessors names 14, so 9, told of 14's departure, tells them too", () => {
    // 9's departure ([14, 19]) reaches 8 and 5 before 14's reaches 9: 5 then lists 14 second, and 14 told only 9 and 8
    // (membership seeds 466, 483).
    const ring = started(new TestRing(EXAMPLE), 1);
    ring.clearLog();
    const ops = [ring.quit(9), ring.quit(14)];
    ring.deliver();
    for (const [peer, op] of [9, 14].map((peer, i) => [peer, ops[i]!] as const))
      assert.equal(ring.completionOf(peer, op).result.ok, true, `${peer} left`);
    for (const id of [5, 8])
      assert.equal(
        ring.texts(id).filter((t) => t === 'Peer 14 will depart from the network').length,
        1,
        `at ${id}: ${ring.texts(id).join('; ')}`,
      );
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test('a peer whose first predecessor has just left knows only its second: that one, now its first, passes the departure on', () => {
    // 8 leaves; 9 forgets it as predecessor, and quits before 5's next ping: 5 (rank 0, from 9's view its second) is its
    // first by now and lists 9 first, so 4, which lists 9 second, hears it from 5 (membership seed 148).
    const ring = started(new TestRing(EXAMPLE), 1);
    ring.cut = (_from, to, _transport, message) => to === 9 && message.type === 'pingRequest'; // 5's next ping, late
    ring.quit(8);
    ring.deliver();
    ring.cut = undefined;
    assert.deepEqual(ring.machine(9).status().predecessors, [null, 5]);
    assert.deepEqual(ring.successorLists()[4], [5, 9]);
    ring.clearLog();
    const op = ring.quit(9);
    ring.deliver();
    assert.equal(ring.completionOf(9, op).result.ok, true);
    for (const id of [4, 5])
      assert.ok(
        ring.texts(id).includes('Peer 9 will depart from the network'),
        `at ${id}: ${ring.texts(id).join('; ')}`,
      );
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test("a peer that quits right after its first predecessor, before that one's notice came: its real first passes the departure on", () => {
    // 9 still takes 8 (gone) for its first predecessor: its rank-1 copy goes nowhere, its rank-2 copy reaches 5, which
    // lists 9 first by now; 4 lists 9 second and hears it from 5 (found by a second reader).
    const ring = started(new TestRing(EXAMPLE, { refused: true }), 1);
    ring.cut = (from, to, _transport, message) => from === 8 && to === 9 && message.type === 'leaving';
    const left = ring.quit(8);
    ring.deliver();
    ring.cut = undefined;
    assert.equal(ring.completionOf(8, left).result.ok, true);
    assert.deepEqual(ring.machine(9).status().predecessors, [8, 5], '9 still takes 8 for its first');
    assert.deepEqual(
      [ring.successorLists()[4], ring.successorLists()[5]],
      [
        [5, 9],
        [9, 14],
      ],
    );
    ring.clearLog();
    ring.quit(9);
    ring.deliver();
    for (const id of [4, 5])
      assert.equal(
        ring.texts(id).filter((t) => t === 'Peer 9 will depart from the network').length,
        1,
        `at ${id}: ${ring.texts(id).join('; ')}`,
      );
  });

  test('a walk from a peer that lists the leaving peer second reaches a newcomer it does not know yet, through the first', () => {
    // 15 has joined between 10 and 20; 10 does not know it. 30 has heard only 10's ping (as its second predecessor), so
    // its departure goes to 10 and walks along the ring to 20, whose own first predecessor (15) lists 30 second too.
    const ring = new TestRing([
      [10, [20, 30]],
      [15, [20, 30]],
      [20, [30, 10]],
      [30, [10, 15]],
    ]);
    ring.feed(30, { type: 'message', from: 10, message: { type: 'pingRequest', seq: 1, rank: 2 } });
    ring.feed(20, { type: 'message', from: 15, message: { type: 'pingRequest', seq: 1, rank: 1 } });
    ring.queue.splice(0); // their answers come later
    assert.deepEqual(
      [ring.machine(30).status().predecessors, ring.machine(20).status().predecessors],
      [
        [null, 10],
        [15, null],
      ],
    );
    ring.clearLog();
    ring.quit(30);
    ring.deliver();
    const said = (id: PeerId) => ring.texts(id).filter((t) => t === 'Peer 30 will depart from the network').length;
    assert.deepEqual([10, 15, 20].map(said), [1, 1, 1]);
  });

  test("a first predecessor that does not know its own yet passes the departure on once that one's first ping arrives", () => {
    // Only 8 has pinged yet: 9 knows 8 as its first predecessor and no second; 8 knows no predecessor (seed 40).
    const ring = new TestRing(EXAMPLE);
    ring.feed(8, { type: 'start' });
    ring.deliver();
    assert.deepEqual(ring.machine(9).status().predecessors, [8, null]);
    assert.deepEqual(ring.machine(8).status().predecessors, [null, null]);
    const op = ring.quit(9);
    ring.deliver();
    assert.equal(ring.completionOf(9, op).result.ok, true);
    assert.equal(ring.texts(5).includes('Peer 9 will depart from the network'), false, 'not told yet');
    ring.feed(5, { type: 'start' }); // 5's first ping reaches 8
    ring.deliver();
    assert.deepEqual(
      ring.texts(5).filter((t) => !t.startsWith('Ping')),
      ['Peer 9 will depart from the network', 'My new first successor is Peer 8', 'My new second successor is Peer 14'],
    );
  });

  test('a first predecessor holding a departure to pass on quits before its own first was heard: it passes it to the peer that confirms as its first', () => {
    // As above, 8 holds 9's departure for 5; then 8 quits too, before 5 has pinged it: 8's departure walks the ring to 5,
    // which takes 8's list [14, 19] and so passes 9 over. 5's confirmation names it: 8 tells it of 9 before it leaves
    // (membership seeds 320, 917).
    const ring = new TestRing(EXAMPLE);
    ring.feed(8, { type: 'start' });
    ring.deliver();
    const quits = [ring.quit(9)];
    ring.deliver();
    assert.deepEqual(ring.machine(8).status().predecessors, [null, null], '8 has heard from no predecessor');
    quits.push(ring.quit(8));
    ring.deliver();
    for (const [peer, op] of [9, 8].map((peer, i) => [peer, quits[i]!] as const))
      assert.equal(ring.completionOf(peer, op).result.ok, true, `${peer} left`);
    const said = ring.texts(5).filter((t) => t.endsWith('will depart from the network'));
    assert.deepEqual(said.sort(), ['Peer 8 will depart from the network', 'Peer 9 will depart from the network']);
    assert.deepEqual(ring.successorLists()[5], [14, 19]);
  });

  test('a departure held to pass on is dropped once the leaving peer has joined again', () => {
    const ring = new TestRing(EXAMPLE);
    ring.feed(8, { type: 'start' });
    ring.deliver();
    const quit = ring.quit(9); // 8, knowing no predecessor yet, holds it to pass on
    ring.deliver();
    assert.equal(ring.completionOf(9, quit).result.ok, true);
    // 9 comes back with the same id and joins through 8 before 5 has pinged 8: 8 lists it again.
    ring.addPeer(9);
    const join = ring.join(9, 8);
    ring.deliver();
    assert.equal(ring.completionOf(9, join).result.ok, true);
    assert.deepEqual(ring.successorLists()[8], [9, 14]);
    ring.feed(5, { type: 'start' });
    ring.deliver();
    assert.equal(
      ring.texts(5).includes('Peer 9 will depart from the network'),
      false,
      'no departure said of a live peer',
    );
    assert.deepEqual(ring.successorLists()[5], [8, 9]);
  });

  test('a departure sent to a second predecessor a newcomer has pushed the leaving peer away from walks on to the newcomer', () => {
    // 7 joins between 5 and 8, so 5 lists 7 and 8; 9 quits before 7's first ping reaches it (seed 38): 9 still takes 5
    // for its second predecessor. 5 no longer lists 9 and says nothing; 7, which lists 9 second, says it.
    const ring = joinedUnheard(7, 2, 7, 9);
    assert.deepEqual(ring.machine(9).status().predecessors, [8, 5]);
    ring.clearLog();
    ring.quit(9);
    ring.deliver();
    const said = (id: number) => ring.texts(id).filter((t) => t === 'Peer 9 will depart from the network').length;
    assert.deepEqual([said(5), said(7), said(8)], [0, 1, 1]);
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test('predecessors that never confirm: the peer leaves anyway after its bound', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(8);
    ring.kill(5);
    const op = ring.quit(9);
    ring.deliver();
    assert.equal(ring.left.has(9), false);
    ring.fire(9, { kind: 'quit' });
    assert.equal(ring.completionOf(9, op).result.ok, true);
    assert.ok(ring.left.has(9));
    assert.ok(ring.texts(9).includes('Peer 9 has departed from the network'));
  });

  test('down to one peer and back: quits from rings of three, two and one', () => {
    const ring = started(TestRing.of([10, 20, 30]));
    for (const leaving of [20, 10, 30]) {
      const op = ring.quit(leaving);
      ring.deliver();
      assert.equal(ring.completionOf(leaving, op).result.ok, true);
      ring.pingRound();
      assert.deepEqual(ring.successorLists(), ideal(ring), `after ${leaving} left`);
      if (ring.machines.size > 0) assertRoutes(ring);
    }
    assert.equal(ring.machines.size, 0);
  });
});

describe('abrupt departure (SPEC 2: peer 14 killed)', () => {
  test('after K = 3 unanswered pings 9 and 8 declare it gone and repair from the next live successor', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(14);
    ring.clearLog();
    ring.pingRound();
    ring.pingRound();
    assert.ok(!ring.texts(9).includes('Peer 14 is no longer alive'), 'not after two misses');
    ring.pingRound();
    const said = (id: number) => ring.texts(id).filter((t) => !t.startsWith('Ping'));
    assert.deepEqual(said(9), [
      'No ping response from Peer 14 (1 of 3 missed)',
      'No ping response from Peer 14 (2 of 3 missed)',
      'No ping response from Peer 14 (3 of 3 missed)',
      'Peer 14 is no longer alive',
      'My new first successor is Peer 19',
      'My new second successor is Peer 2',
    ]);
    assert.deepEqual(said(8), [
      'No ping response from Peer 14 (1 of 3 missed)',
      'No ping response from Peer 14 (2 of 3 missed)',
      'No ping response from Peer 14 (3 of 3 missed)',
      'Peer 14 is no longer alive',
      'My new first successor is Peer 9',
      'My new second successor is Peer 19',
    ]);
    assert.deepEqual(ring.successorLists(), ideal(ring));
    assertRoutes(ring);
  });

  test('two adjacent peers (9 and 14) killed at once: the ring closes over both', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(9);
    ring.kill(14);
    for (let i = 0; i < 8; i++) ring.pingRound();
    assert.deepEqual(ring.successorLists(), ideal(ring));
    assert.deepEqual(
      ring.texts(8).filter((t) => t.endsWith('no longer alive')),
      ['Peer 9 is no longer alive', 'Peer 14 is no longer alive'],
    );
    assertRoutes(ring);
  });

  test('a kill followed by a join, then a quit: the ring stays whole', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(5);
    for (let i = 0; i < 4; i++) ring.pingRound();
    ring.addPeer(6);
    ring.join(6, 19);
    ring.deliver();
    ring.quit(2);
    ring.deliver();
    ring.pingRound();
    assert.deepEqual(ring.successorLists(), ideal(ring));
    assertRoutes(ring);
  });
});

describe('departure with stale predecessors', () => {
  test('a departure sent to a peer that is no longer a predecessor is walked on to the real ones', () => {
    const ring = started(new TestRing(EXAMPLE));
    // 15 joins between 14 and 19, but 19 quits before any ping told it that 15 is now its first predecessor.
    ring.addPeer(15);
    ring.join(15, 4);
    ring.deliver((next) => next.kind === 'send' && next.transport === 'udp'); // hold back every ping
    ring.queue.splice(0, ring.queue.length, ...ring.queue.filter((d) => !(d.kind === 'send' && d.transport === 'udp')));
    assert.deepEqual(ring.machine(19).status().predecessors, [14, 9], "19's predecessors are stale");
    const op = ring.quit(19);
    ring.deliver();
    assert.equal(ring.completionOf(19, op).result.ok, true);
    assert.ok(ring.texts(15).includes('Peer 19 will depart from the network'), 'the real first predecessor was told');
    ring.pingRound();
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });
});

test('a peer that knows only its second predecessor: a quit walks from it to the first', () => {
  const ring = TestRing.of([10, 20, 25, 30]);
  const m = ring.machine(30);
  ring.feed(30, { type: 'message', from: 20, message: { type: 'pingRequest', seq: 1, rank: 2 } });
  ring.deliver();
  assert.deepEqual(m.status().predecessors, [null, 20]);
  const op = ring.quit(30);
  ring.deliver();
  assert.equal(ring.completionOf(30, op).result.ok, true);
  assert.ok(
    ring.texts(25).includes('Peer 30 will depart from the network'),
    'the first predecessor, unknown to 30, was reached',
  );
  assert.ok(ring.texts(20).includes('Peer 30 will depart from the network'));
  assert.deepEqual(ring.successorLists(), ideal(ring));
});

test('two peers that both ping with rank 1: the closer one is the first predecessor (Chord notify)', () => {
  const m = new TestRing([[30, [10, 20]]]).machine(30);
  const ping = (from: number, rank: number, now: number) =>
    m.handle({ type: 'message', from, message: { type: 'pingRequest', seq: 1, rank } }, now);
  ping(20, 1, 0);
  ping(10, 1, 1); // 10 wrongly dropped 20: it is farther, so 20 keeps the slot
  assert.deepEqual(m.status().predecessors, [20, null]);
  ping(25, 1, 2); // a newcomer between 20 and 30 is closer
  assert.deepEqual(m.status().predecessors, [25, null]);
  ping(20, 1, 200_000); // 25 has gone quiet for more than K intervals: anyone may take the slot
  assert.deepEqual(m.status().predecessors, [20, null]);
});

test('a peer that declared every other peer gone takes back the first one that pings it', () => {
  const ring = started(TestRing.of([1, 2]));
  // 2 misses K pings from 1 (say 1 was stalled): 2 is alone.
  ring.kill(1);
  for (let i = 0; i < 3; i++) ring.pingRound();
  assert.deepEqual(ring.machine(2).status().successors, [2, 2]);
  // 1 comes back (same machine state as before, as if it only stalled) and pings 2.
  ring.addPeer(1);
  ring.feed(1, { type: 'message', from: 2, message: { type: 'joinAccepted', successors: [2, 1] } });
  ring.feed(2, { type: 'message', from: 1, message: { type: 'pingRequest', seq: 1, rank: 1 } });
  ring.deliver();
  assert.deepEqual(ring.machine(2).status().successors, [1, 2]);
});

test('a departing peer tells its successors to forget it, so its predecessor takes the slot at once', () => {
  const ring = started(new TestRing(EXAMPLE));
  // 4 learned 2 as its first predecessor; 19 is farther from 4 than 2, so only 2's departure frees the slot.
  assert.deepEqual(ring.machine(4).status().predecessors, [2, 19]);
  ring.quit(2);
  ring.deliver();
  assert.deepEqual(ring.machine(4).status().predecessors, [19, 14]);
  // 4 can now leave right away: its real predecessors are the ones told.
  const op = ring.quit(4);
  ring.deliver();
  assert.equal(ring.completionOf(4, op).result.ok, true);
  assert.ok(ring.texts(19).includes('Peer 4 will depart from the network'));
  assert.ok(ring.texts(14).includes('Peer 4 will depart from the network'));
  assert.deepEqual(ring.successorLists(), ideal(ring));
});

describe('peers declared dead are probed: a partition heals into one ring', () => {
  const probesTo = (ring: TestRing, peer: PeerId) =>
    ring.sends().filter((s) => s.to === peer && s.message.type === 'pingRequest' && s.message.rank === 0);

  test('8 and 9 cut off form a ring of their own; after the heal the two rings merge', () => {
    const ring = started(new TestRing(EXAMPLE));
    const island = new Set([8, 9]);
    ring.cut = (from, to) => island.has(from) !== island.has(to);
    for (let i = 0; i < 8; i++) ring.pingRound();
    assert.deepEqual(ring.machine(8).status().successors, [9, 8], 'the island is a ring of two');
    assert.deepEqual(ring.machine(5).status().successors, [14, 19], 'the rest closed over it');
    ring.cut = undefined;
    ring.clearLog();
    for (let i = 0; i < 4; i++) ring.pingRound();
    assert.ok(probesTo(ring, 8).length > 0, 'the rest probed the peers it declared dead');
    assert.ok(ring.texts(5).includes('Peer 8 is alive again'), 'the prober says the peer it declared dead is back');
    assert.deepEqual(ring.successorLists(), ideal(ring));
    assertRoutes(ring);
  });

  test('a peer that departed gracefully is never probed', () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.quit(9);
    ring.deliver();
    ring.clearLog();
    for (let i = 0; i < 3; i++) ring.pingRound();
    assert.deepEqual(probesTo(ring, 9), []);
  });

  test(`a peer that stays dead is probed every round for ${GONE_PROBE_ROUNDS} rounds, then ever less often (at most once per ${RETRY_MAX_ROUNDS} rounds)`, () => {
    const ring = started(new TestRing(EXAMPLE));
    ring.kill(14);
    for (let i = 0; i < 3; i++) ring.pingRound();
    assert.ok(ring.texts(9).includes('Peer 14 is no longer alive'));
    ring.clearLog();
    for (let i = 0; i < GONE_PROBE_ROUNDS; i++) ring.pingRound();
    assert.equal(probesTo(ring, 14).filter((s) => s.from === 9).length, GONE_PROBE_ROUNDS, 'probed every round');
    const rounds: number[] = [];
    for (let i = 0; i < 120; i++) {
      ring.clearLog();
      ring.pingRound();
      if (probesTo(ring, 14).some((s) => s.from === 9)) rounds.push(i);
    }
    const gaps = rounds.slice(1).map((r, i) => r - rounds[i]!);
    assert.ok(rounds.length >= 5 && rounds.length <= 12, `retried in rounds ${rounds}`);
    assert.ok(
      gaps.every((g, i) => g <= RETRY_MAX_ROUNDS && (i === 0 || g >= gaps[i - 1]!)),
      `gaps ${gaps}`,
    );
  });
});

test('a join accepted after its deadline stays failed: the newcomer stays out, as the user was told', () => {
  const ring = new TestRing(EXAMPLE);
  ring.addPeer(15);
  const op = ring.join(15, 4);
  ring.queue.length = 0; // the request is still walking the ring (a long one) when the deadline passes
  ring.fire(15, { kind: 'op', op });
  const { result } = ring.completionOf(15, op);
  assert.ok(!result.ok && /did not answer the join request/.test(result.error));
  ring.feed(15, { type: 'message', from: 14, message: { type: 'joinAccepted', successors: [19, 2] } });
  assert.deepEqual(ring.machine(15).status().successors, []);
  assert.ok(!ring.texts(15).includes('Join request has been accepted'));
  assert.equal(ring.completions.filter((c) => c.peer === 15).length, 1);
});

describe('a peer that restarted and joins again while its neighbours still list it', () => {
  test('refused while it answers pings (a second peer with its id); taken once it stops answering (it restarted)', () => {
    const ring = started(TestRing.of([2, 4, 5, 8]));
    ring.kill(4);
    ring.addPeer(4); // the same id again, not in a ring: it answers no pings
    const refused = ring.join(4, 2);
    ring.deliver();
    const first = ring.completionOf(4, refused).result;
    assert.deepEqual(
      [first.ok, first.ok ? '' : first.error.startsWith('join refused: Peer 4 is already in the ring')],
      [false, true],
    );
    ring.pingRound(); // 2's ping to 4 goes unanswered: a miss
    const taken = ring.join(4, 2);
    ring.deliver();
    assert.equal(ring.completionOf(4, taken).result.ok, true);
    assert.deepEqual(ring.machine(2).status().successors, [4, 5]);
    assert.deepEqual(ring.machine(4).status().successors, [5, 8]);
  });
});
