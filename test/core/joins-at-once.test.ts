// Peers that restarted together and join through one peer at once all get in: a join forwarded to a peer whose own join
// is still under way waits for it, rather than being refused (hosts 471: 6, 8 and 9 crashed together and rejoined
// through 23; 23 forwarded 8's join to 6, still joining, and 8 was refused "Peer 6 is not in a ring yet").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { successorsInRing } from '../../src/core/ring.ts';
import { started, TestRing } from './harness.ts';

const IDS = [6, 8, 9, 19, 23];

test('three peers that crashed together rejoin through one peer at once: every join is accepted, one ring', () => {
  const ring = started(TestRing.of(IDS));
  for (const id of [6, 8, 9]) ring.kill(id);
  ring.pingRound(); // 23 and 19 miss their pings to the crashed peers once: not declared dead yet
  for (const id of [6, 8, 9]) ring.addPeer(id);
  const ops = [8, 6, 9].map((id) => [id, ring.join(id, 23)] as const);
  ring.deliver();
  for (const [id, op] of ops) {
    const { result } = ring.completionOf(id, op);
    assert.deepEqual([id, result.ok, result.ok ? '' : result.error], [id, true, ''], `the join of ${id}`);
  }
  for (let i = 0; i < 6; i++) ring.pingRound();
  assert.deepEqual(ring.successorLists(), Object.fromEntries(successorsInRing(IDS, 2)));
});

test('a join held by a peer whose own join is refused is refused with it', () => {
  const ring = started(TestRing.of(IDS));
  ring.addPeer(12);
  const own = ring.join(12, 19);
  ring.queue.length = 0; // 12's own request is still on its way
  const refusals = () =>
    ring.queue.flatMap((d) =>
      d.kind === 'send' && d.message.type === 'joinRefused' ? [[d.to, d.message.reason]] : [],
    );
  ring.feed(12, { type: 'message', from: 23, message: { type: 'joinRequest', newcomer: 13, hops: 1 } });
  assert.deepEqual(refusals(), [], 'held while its own join is under way');
  ring.feed(12, { type: 'message', from: 19, message: { type: 'joinRefused', reason: 'no' } });
  assert.equal(ring.completionOf(12, own).result.ok, false);
  assert.deepEqual(refusals(), [[13, 'Peer 12 is not in a ring yet']]);
});
