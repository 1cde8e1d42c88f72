// Departures said by the peers SPEC 2 names, the leaving peer's two predecessors, and by no other:
// - a peer whose list a newcomer pushed the leaving peer out of is no longer one of its predecessors: a walk of the
//   departure passes it unsaid (membership seed 1319 is such a one: 18 listed [56, 102] when 102 left, then placed 38;
//   the world's checker no longer counts it as owed: src/sim/world.ts, releasePushedOut).
// - membership seed 2025: 23 passed 24's departure on to its first predecessor 22, which had just left (21 took its
//   list [23, 24]); the pass-on was refused and dropped, and 21 dropped 24 unsaid. It goes on to the peer before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Departure } from '../../src/core/messages.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, started, TestRing } from './harness.ts';

const DEPART_9 = 'Peer 9 will depart from the network';

/** `leaving`'s departure walked along the ring (rank 0, passed on), as a leaver that knew neither predecessor sends it. */
function walkOf(leaving: PeerId, successors: PeerId[]): Departure {
  return { type: 'departure', leaving, successors, hops: 3, rank: 0, passOn: true };
}

/** 9 quits knowing only 8, its first predecessor (passOn: 8 passes it on to its own first predecessor). */
const NINE_KNOWING_ONLY_8 = {
  type: 'departure',
  leaving: 9,
  successors: [14, 19],
  hops: 0,
  rank: 1,
  passOn: true,
} satisfies Departure;

/** 5 has left (connections to it refused): 4 took its list [8, 9]; 8, not told yet, still takes 5 for its predecessor. */
function fiveLeft(): TestRing {
  const ring = started(new TestRing(EXAMPLE, { refused: true }), 1);
  ring.kill(5);
  const fivesDeparture = { type: 'departure', leaving: 5, successors: [8, 9], hops: 0, rank: 1 } satisfies Departure;
  ring.feed(4, { type: 'message', from: 5, message: fivesDeparture });
  ring.deliver();
  return ring;
}

test('5, which named 9 second until 7 joined through it, does not say the departure of 9 that a walk brings', () => {
  const ring = started(new TestRing(EXAMPLE), 1);
  ring.addPeer(7);
  ring.join(7, 5);
  ring.deliver();
  assert.deepEqual(ring.machine(5).status().successors, [7, 8], '7 pushed 9 out of 5’s list');
  ring.clearLog();
  // 9's departure, walked along the ring from a peer it went to first (9 knew neither predecessor when it quit).
  const walk = walkOf(9, [14, 19]);
  ring.feed(5, { type: 'message', from: 4, message: walk });
  const sent = ring.queue.flatMap((d) => (d.kind === 'send' && d.from === 5 ? [[d.to, d.message.type] as const] : []));
  assert.deepEqual(ring.texts(5), [], '9’s predecessors are 7 and 8 now');
  assert.deepEqual(sent, [[7, 'departure']], 'walked on towards 9’s first predecessor');
  ring.deliver();
  assert.ok(ring.texts(7).includes(DEPART_9));
  assert.ok(ring.texts(8).includes(DEPART_9));
});

test('a departure walked past a peer whose list a newcomer changed before the quit says it at the two predecessors only', () => {
  const ring = new TestRing(EXAMPLE);
  for (const id of ring.machines.keys()) ring.feed(id, { type: 'start' });
  ring.queue.splice(0); // the first pings are lost
  ring.addPeer(11);
  ring.join(11, 9);
  // No ping reaches 14 either: it knows no predecessor when it quits, so its departure walks along the ring.
  while (ring.queue.length > 0) {
    const next = ring.queue[0]!;
    if (next.kind === 'send' && next.to === 14 && next.message.type === 'pingRequest') ring.queue.shift();
    else ring.deliverAtMost(1);
  }
  assert.deepEqual(ring.machine(8).status().successors, [9, 11], '11 pushed 14 out of 8’s list');
  ring.clearLog();
  ring.quit(14);
  ring.deliver();
  const saying = [...ring.machines.keys()].filter((p) =>
    ring.texts(p).includes('Peer 14 will depart from the network'),
  );
  assert.deepEqual(saying, [9, 11]);
});

test('a walk of a departure of a peer this one never named says nothing here', () => {
  const ring = started(new TestRing(EXAMPLE), 1);
  ring.clearLog();
  const walk = walkOf(14, [19, 2]);
  ring.feed(5, { type: 'message', from: 4, message: walk });
  assert.deepEqual(ring.texts(5), []);
});

test('a departure passed on to a first predecessor that has left goes to the peer before it, which took its list', () => {
  // 5 has left: 4 took its list [8, 9]; 8, not told yet, still takes 5 for its first predecessor.
  const ring = fiveLeft();
  assert.deepEqual(ring.machine(4).status().successors, [8, 9]);
  assert.equal(ring.machine(8).status().predecessors[0], 5);
  ring.clearLog();
  // 9 quits knowing only 8 (passOn): 8 passes it to 5, which refuses the connection.
  ring.feed(8, { type: 'message', from: 9, message: NINE_KNOWING_ONLY_8 });
  ring.deliver();
  assert.deepEqual(ring.texts(8).slice(0, 1), [DEPART_9]);
  assert.ok(ring.texts(4).includes(DEPART_9), `at 4: ${ring.texts(4).join('; ')}`);
  assert.deepEqual(ring.machine(4).status().successors, [8, 14]);
});

test('a peer that declared the leaving peer dead says no departure for it when the departure comes late', () => {
  // 9's departure was held up (a stall, a slow link) until 8 and 5 had found it silent and declared it dead.
  const ring = started(new TestRing(EXAMPLE), 2);
  ring.kill(9);
  for (let i = 0; i < 4; i++) ring.pingRound();
  for (const p of [5, 8]) assert.ok(ring.texts(p).includes('Peer 9 is no longer alive'), `at ${p}`);
  ring.clearLog();
  const told = { type: 'departure', leaving: 9, successors: [14, 19], hops: 0, rank: 2 } satisfies Departure;
  ring.feed(5, { type: 'message', from: 9, message: told });
  const walk = { ...told, hops: 3, rank: 0, passOn: true } satisfies Departure;
  ring.feed(8, { type: 'message', from: 5, message: walk });
  ring.deliver();
  assert.deepEqual(ring.texts(5), []);
  assert.deepEqual(ring.texts(8), []);
});

test('a departure passed on to a first predecessor that has left goes to the new first one when it pinged meanwhile', () => {
  // As above, but 4, which took 5's list [8, 9], pings 8 as its first successor before the refused pass-on comes back:
  // 8's first predecessor is 4 now, and 4 has not been told.
  const ring = fiveLeft();
  ring.clearLog();
  ring.feed(8, { type: 'message', from: 9, message: NINE_KNOWING_ONLY_8 });
  // 5's notice to its successors as it quit (they stop taking it for their predecessor), then 4's ping.
  ring.feed(8, { type: 'message', from: 5, message: { type: 'leaving', peer: 5 } });
  ring.feed(8, { type: 'message', from: 4, message: { type: 'pingRequest', seq: 50, rank: 1, predecessors: [2, 19] } });
  assert.equal(ring.machine(8).status().predecessors[0], 4);
  ring.deliver();
  assert.ok(ring.texts(4).includes(DEPART_9), `at 4: ${ring.texts(4).join('; ')}`);
  assert.deepEqual(ring.machine(4).status().successors, [8, 14]);
});

// Membership seed 3753: 30 left, and 51 (its first successor) heard it; 90 (its second) had not when it quit 140 ms
// later, so it told 51 first and 30 second, refused; 2, which had taken 30's list and listed 90 second, pinged 51 (its
// first predecessor now) before 90 quit, and dropped 90 unsaid. Here 5 is 30, 8 is 51, 9 is 90 and 4 is 2.
test('a first predecessor whose own first predecessor left lately passes a departure on: the leaver may have told the one that left', () => {
  const ring = started(new TestRing(EXAMPLE, { refused: true }), 1);
  ring.cut = (from, to, _transport, message) => from === 5 && to === 9 && message.type === 'leaving'; // late at 9
  ring.quit(5);
  ring.deliver();
  assert.ok(ring.left.has(5));
  assert.deepEqual(ring.machine(4).status().successors, [8, 9], '4 took 5’s list');
  assert.deepEqual(ring.machine(9).status().predecessors, [8, 5], '9 has not heard that 5 left');
  ring.fire(4, { kind: 'ping' }); // 4 pings 8 (rank 1) and 9 (rank 2), before 9 quits
  ring.deliver();
  assert.equal(ring.machine(8).status().predecessors[0], 4);
  ring.clearLog();
  ring.quit(9);
  ring.deliver();
  assert.ok(ring.left.has(9));
  assert.ok(ring.texts(8).includes(DEPART_9));
  assert.ok(ring.texts(4).includes(DEPART_9), '4 listed 9 second when it left, and says so');
});

// Membership seed 676: 410 and 499 quit together (408, 410, 441, 499 in ring order). 441, 499's first predecessor,
// had 499's departure before 410's "leaving", so it took 410 for told and passed nothing on; 499's copy reached 410
// after it had left, and 408, which listed 499 second once 410 had gone, dropped it unsaid. Here 4 is 408, 5 is 410,
// 8 is 441 and 9 is 499.
test('a first predecessor that said a departure, then hears its own first predecessor leave, passes it on to the next', () => {
  const ring = started(new TestRing(EXAMPLE, { refused: true }), 1);
  ring.quit(5);
  const fivesLeaving = ring.holdBack(
    (d) => d.kind === 'send' && d.from === 5 && d.to === 8 && d.message.type === 'leaving',
  );
  ring.quit(9);
  // 9's copy to 5, its second predecessor, is lost with 5 (it left first): 5 never tells its own predecessors. And
  // 4's pings do not reach 9 before it leaves (9 would tell 4 as a late predecessor: tellLatePredecessor).
  ring.cut = (from, to, _transport, message) =>
    (from === 9 && to === 5 && message.type === 'departure') ||
    (from === 4 && to === 9 && message.type === 'pingRequest');
  ring.deliver();
  assert.ok(ring.left.has(5) && ring.left.has(9));
  assert.ok(ring.texts(8).includes(DEPART_9), '8, the first predecessor, said it');
  assert.deepEqual(ring.machine(4).status().successors, [8, 9], '4 took 5’s list: it names 9 second');
  assert.ok(!ring.texts(4).includes(DEPART_9));
  ring.queue.push(fivesLeaving); // 5's "leaving" reaches 8 late
  ring.deliver();
  ring.fire(4, { kind: 'ping' }); // 4's first ping to 8 as its first predecessor
  ring.deliver();
  assert.ok(ring.texts(4).includes(DEPART_9), '4 listed 9 second after 5 left, and says so');
});
