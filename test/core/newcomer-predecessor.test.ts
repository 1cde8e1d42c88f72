// A newcomer knows its first predecessor from the join's answer: the peer that placed it lists it first. Before, it
// knew none until that peer's first ping, and a request sent back to it as the key's peer meanwhile (a copy keeper asks
// the key's peer for the newest version: Lookup.holds) was passed on along its successors, round the whole ring. Disk
// 2887: 22 rejoined through 12; 29, a holder of 1615 (key 15), asked 22, which sent it on to 28; it came back round
// the ring to 22 and walked the holders on hop 11 in a ring of 7 (hopBound: 10).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, HELD_VERSION, started, TestRing } from './harness.ts';

/** The example ring, R = 3, where 11 has just joined (9 placed it) and 9's pings have not reached it yet. */
function elevenJoined(): TestRing {
  const ring = started(new TestRing(EXAMPLE, { replicas: 3, held: { 14: ['0010'], 19: ['0010'] } }), 1);
  ring.cut = (from, to, _transport, message) => from === 9 && to === 11 && message.type === 'pingRequest';
  ring.addPeer(11);
  ring.join(11, 9);
  ring.deliver();
  return ring;
}

/** A copy keeper's question to the peer it takes for key 10's: which version of 0010 is the newest (Lookup.holds). */
function asking(origin: number) {
  const fields = { type: 'lookup', kind: 'request', origin, op: 1, name: '0010', key: 10, final: false } as const;
  return { ...fields, hops: 1, attempt: 0, holds: HELD_VERSION };
}

test('a newcomer takes the peer that placed it for its first predecessor', () => {
  const ring = elevenJoined();
  assert.deepEqual(ring.machine(9).status().successors, [11, 14], '9 placed 11');
  assert.equal(ring.machine(11).status().predecessors[0], 9);
});

test('and answers a request a copy keeper sends back to it as the key’s peer before that peer pings it', () => {
  const ring = elevenJoined();
  ring.clearLog();
  // 14 keeps a copy of 0010 (key 10, now 11's): asked for it, it asks 11, the peer it takes for the key's, which version.
  ring.feed(11, { type: 'message', from: 14, message: asking(14) });
  const sent = ring.queue.flatMap((d) => (d.kind === 'send' && d.from === 11 ? [[d.to, d.message.type]] : []));
  // 11 took 0010 over from 14 as the key's new peer (the join's handoff): the same copy, so 14 serves its own.
  assert.deepEqual(sent, [[14, 'sameCopy']], 'answered here, not passed on round the ring');
});

// The same question at a peer that forgot its first predecessor (9's pings to 14 lost for K+1 intervals: [null, 8]):
// key 10 lies after 8, its second, and no live peer it knows lies between, so it is 14's to answer (review31s: passed on
// along successors, the request went round the ring of 7 back to 14 and walked the holders at hop 10, the bound).
test('and so does a peer whose first predecessor is forgotten, for a key after its second', () => {
  const ring = started(new TestRing(EXAMPLE, { replicas: 3, held: { 14: ['0010'], 19: ['0010'], 2: ['0010'] } }), 1);
  ring.cut = (from, to, _transport, message) => from === 9 && to === 14 && message.type === 'pingRequest';
  for (let round = 0; round < 4; round++) ring.pingRound();
  assert.deepEqual(ring.machine(14).status().predecessors, [null, 8], '14 forgot 9');
  ring.clearLog();
  ring.feed(14, { type: 'message', from: 4, message: asking(4) });
  const sent = ring.queue.flatMap((d) => (d.kind === 'send' && d.from === 14 ? [[d.to, d.message.type]] : []));
  // 14 holds the same copy: 4 is told so (on main it passed the lookup on to 19, not final, round the ring).
  assert.deepEqual(sent, [[4, 'sameCopy']], 'answered here, not passed on along its successors');
});
