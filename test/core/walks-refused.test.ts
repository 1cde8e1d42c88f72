// A walked departure or successor change refused by the walker's first successor (crashed, not declared gone yet) goes
// on past it, as one refused by a finger does, and so does a leaving peer's own departure sent along the ring: the
// leaving peer's predecessors still hear it, rather than find it gone at their pings, and the origin's predecessor takes
// the changed list at once, not at stabilisation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestRing } from './harness.ts';

/** Peers 10, 20, 25, 30, 40 with two successors each; a connection to a crashed peer is refused. */
const fivePeers = () =>
  new TestRing(
    [
      [10, [20, 25]],
      [20, [25, 30]],
      [25, [30, 40]],
      [30, [40, 10]],
      [40, [10, 20]],
    ],
    { refused: true },
  );

/** Each of `ids` said that `leaving` will depart. */
function assertTold(ring: TestRing, ids: number[], leaving: number): void {
  for (const id of ids)
    assert.ok(
      ring.texts(id).includes(`Peer ${leaving} will depart from the network`),
      `at ${id}: ${ring.texts(id).join('; ')}`,
    );
}

/** 35 joins through 30 (placed after it): 25, 30's predecessor, takes the changed list [30, 35]. */
function assertJoinTold(ring: TestRing): void {
  ring.addPeer(35);
  ring.join(35, 30);
  ring.deliver();
  assert.deepEqual(ring.successorLists()[25], [30, 35]);
}

test("a departure walked to the walker's first successor, which refuses it, goes on to the next", () => {
  // 40 has heard only 10's ping (as its second predecessor): its departure goes to 10 and walks along the ring towards
  // 30 and 25, which list 40. 20, 10's first successor, has crashed and refuses the connection.
  const ring = fivePeers();
  ring.feed(40, { type: 'message', from: 10, message: { type: 'pingRequest', seq: 1, rank: 2 } });
  ring.queue.splice(0);
  ring.kill(20);
  ring.quit(40);
  ring.deliver();
  assertTold(ring, [30, 25], 40);
});

test('a leaving peer that knows no predecessor, its departure refused by its first successor, sends it to the next', () => {
  // 40 has heard from no predecessor: its departure goes along the ring, first to 10, which has crashed and refuses the
  // connection; 20 is next, and the departure walks on from there to 30 and 25.
  const ring = fivePeers();
  ring.kill(10);
  ring.quit(40);
  ring.deliver();
  assertTold(ring, [30, 25], 40);
});

test("a successor change walked to the walker's first successor, which refuses it, goes on to the next", () => {
  // 30 places 35 after itself; it has heard from no predecessor, so its change walks along the ring from 40 towards 25,
  // its predecessor. 20, 10's first successor, has crashed and refuses the connection (restarts seeds 394, 809).
  const ring = fivePeers();
  ring.kill(20);
  assertJoinTold(ring);
});

test("a peer's own successor change, sent along the ring to its old first successor, which refuses it, goes past it", () => {
  // 30 places 35 after itself; it has heard from no predecessor, so it sends its change to 40, its old first successor,
  // which has crashed and refuses the connection: the change goes on past 40 and reaches 25, its predecessor.
  const ring = fivePeers();
  ring.kill(40);
  assertJoinTold(ring);
});

test('a walk whose every successor refuses it ends there, and never goes back to one that refused it', () => {
  // As the first departure above, but 25 has crashed too: 10's successors both refuse. A walk refused by the second
  // and sent back to the first would go on between the two (a refused hop is not counted: no hop bound stops it).
  const ring = fivePeers();
  ring.feed(40, { type: 'message', from: 10, message: { type: 'pingRequest', seq: 1, rank: 2 } });
  ring.queue.splice(0);
  ring.kill(20);
  ring.kill(25);
  const sent = ring.delivered.length;
  ring.quit(40);
  ring.deliver();
  const walked = ring.sends('departure', sent).filter((s) => s.from === 10);
  assert.deepEqual(
    walked.map((s) => s.to),
    [20, 25],
  );
});

test('on a finger ring, a walked departure refused by a later successor goes back to the earlier live ones, not on past it', () => {
  // 100 leaves and tells 10; 10 walks towards 100 on its fingers: 76 (dead) refuses, then 45, then 30 (its third
  // successor, dead): the earlier successors 20 (live) and 25 (dead) are next, not nothing, and 95 and 90 hear it.
  const ids = [10, 20, 25, 30, 45, 60, 76, 90, 95, 100, 150, 200];
  const successorsOf = (id: number) => [1, 2, 3].map((k) => ids[(ids.indexOf(id) + k) % ids.length]!);
  const owner = (key: number) => ids.find((p) => p >= key % 256) ?? ids[0]!;
  const fingers = (id: number) => Array.from({ length: 8 }, (_, i) => owner((id + 2 ** i) % 256));
  const ring = new TestRing(
    ids.map((id) => [id, successorsOf(id)] as const),
    { refused: true, routing: 'finger', successorCount: 3, fingers },
  );
  ring.feed(100, { type: 'message', from: 10, message: { type: 'pingRequest', seq: 1, rank: 2 } });
  ring.queue.splice(0);
  for (const dead of [25, 30, 45, 76]) ring.kill(dead);
  ring.quit(100);
  ring.deliver();
  for (const id of [95, 90])
    assert.ok(
      ring.texts(id).includes('Peer 100 will depart from the network'),
      `at ${id}: ${ring.texts(id).join('; ')}`,
    );
});
