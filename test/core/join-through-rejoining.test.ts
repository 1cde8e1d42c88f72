// A join passed on to a peer that restarted and is joining again (its neighbours still list it) is not refused with
// "Peer N is not in a ring yet", a reason about a peer the newcomer never asked: hosts 471, 23 passed 8's join to 6 just
// before it placed 6 again. Passed on by the peer it joins through, the rejoining peer passes it back at once, and that
// peer places the newcomer; any other such join is refused with what to do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { successorsInRing } from '../../src/core/ring.ts';
import { EXAMPLE, started, TestRing } from './harness.ts';

/** The example ring; 14 restarted (its disk kept) and is not in a ring, and 9's pings to it went unanswered once. */
function fourteenRestarted(): TestRing {
  const ring = started(new TestRing(EXAMPLE), 1);
  ring.kill(14);
  ring.restart(14, [], 'kept');
  ring.pingRound();
  assert.deepEqual(ring.machine(9).status().successors, [14, 19], '9 still lists 14');
  ring.clearLog();
  return ring;
}

const REFUSED_14 =
  'passed on to Peer 14, which the ring still lists but which is not in it now: join again in a moment, or through another peer';

describe('a join passed on to a peer that is joining again', () => {
  test('16 asks 9, which passes it to 14 (restarted, its own join through 9 under way): both joins succeed', () => {
    const ring = fourteenRestarted();
    ring.addPeer(16);
    const newcomer = ring.join(16, 9); // reaches 9 first: 9 passes it to 14, its first successor still
    const rejoin = ring.join(14, 9);
    ring.deliver();
    assert.deepEqual(ring.completionOf(16, newcomer).result.ok, true, JSON.stringify(ring.completionOf(16, newcomer)));
    assert.deepEqual(ring.completionOf(14, rejoin).result.ok, true);
    const passedBack = ring.emitted.get(14)!.find((line) => line.text === 'Peer 16 Join request forwarded to Peer 9');
    assert.ok(passedBack !== undefined, ring.texts(14).join('; '));
    assert.equal(passedBack.finger, undefined, 'passed back along the ring, not a finger hop');
    assert.ok(ring.texts(16).includes('Join request has been accepted'));
    for (let i = 0; i < 3; i++) ring.pingRound();
    assert.deepEqual(ring.successorLists(), Object.fromEntries(successorsInRing([...ring.machines.keys()], 2)));
  });

  test('the forward to 14 delivered twice (the lossy family duplicates TCP): 16 is placed, not also refused', () => {
    const ring = fourteenRestarted();
    ring.addPeer(16);
    const newcomer = ring.join(16, 9);
    const rejoin = ring.join(14, 9);
    const forward = ring.holdBack(
      (d) => d.kind === 'send' && d.from === 9 && d.to === 14 && d.message.type === 'joinRequest',
    );
    ring.queue.unshift(forward, forward);
    ring.deliver();
    const result = ring.completionOf(16, newcomer).result;
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(ring.completionOf(14, rejoin).result.ok, true);
    assert.ok(ring.machine(14).status().successors.includes(16), '14 lists 16');
    assert.deepEqual(
      ring.sends('joinRefused').filter((d) => d.to === 16),
      [],
    );
  });

  test('passed back to it a second time during its join: refused with what to do', () => {
    const ring = fourteenRestarted();
    ring.join(14, 9);
    ring.queue.splice(0); // 14's own join is still on its way
    const request = { type: 'joinRequest', newcomer: 16, hops: 1 } as const;
    ring.feed(14, { type: 'message', from: 9, message: request });
    ring.feed(14, { type: 'message', from: 9, message: { ...request, hops: 3 } });
    const sent = ring.queue.splice(0).flatMap((d) => (d.kind === 'send' ? [[d.to, d.message] as const] : []));
    assert.deepEqual(sent, [
      [9, { type: 'joinRequest', newcomer: 16, hops: 2 }],
      [
        16,
        {
          type: 'joinRefused',
          reason: REFUSED_14,
        },
      ],
    ]);
  });

  test('passed on by a peer it does not join through: refused, not sent round the ring to that peer (hosts 8199)', () => {
    const ring = fourteenRestarted();
    ring.join(14, 2);
    ring.queue.splice(0);
    ring.feed(14, { type: 'message', from: 9, message: { type: 'joinRequest', newcomer: 16, hops: 1 } });
    const sent = ring.queue.splice(0).flatMap((d) => (d.kind === 'send' ? [[d.to, d.message] as const] : []));
    assert.deepEqual(sent, [[16, { type: 'joinRefused', reason: REFUSED_14 }]]);
  });

  test('asked directly while in no ring: refused, naming what to do', () => {
    const ring = fourteenRestarted();
    ring.addPeer(16);
    const op = ring.join(16, 14);
    ring.deliver();
    const result = ring.completionOf(16, op).result;
    assert.deepEqual(
      result.ok ? '' : result.error,
      'join refused: Peer 14 is not in a ring yet: join through a peer that is in the ring',
    );
  });
});
