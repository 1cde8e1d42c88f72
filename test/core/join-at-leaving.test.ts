// A peer whose departure is under way placed a newcomer after itself (review29b): its predecessors, told to put its
// successors in its place, skipped the newcomer until stabilisation found it two ping rounds later, and meanwhile keys
// the newcomer was responsible for went to its successor. The leaving peer passes the join back to the predecessor it
// told (its departure went first on that connection, so that peer no longer lists it), which places the newcomer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { successorsInRing, type PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, started, TestRing } from './harness.ts';

/** Every live peer's list as the ring's members say it should be. */
function ideal(ring: TestRing): Record<number, PeerId[]> {
  return Object.fromEntries(successorsInRing([...ring.machines.keys()], 2));
}

function exampleWith(newcomer: PeerId): TestRing {
  const ring = started(new TestRing(EXAMPLE), 2);
  ring.addPeer(newcomer);
  ring.clearLog();
  return ring;
}

describe('a join reaching a peer whose departure is under way', () => {
  test('11 asks 9 as 9 quits: 9 passes it to 8, which places 11 between 8 and 14 at once', () => {
    const ring = exampleWith(11);
    const quit = ring.quit(9);
    const join = ring.join(11, 9);
    ring.deliver();
    assert.equal(ring.completionOf(9, quit).result.ok, true);
    assert.equal(ring.completionOf(11, join).result.ok, true, JSON.stringify(ring.completionOf(11, join)));
    assert.ok(ring.texts(9).includes('Peer 11 Join request forwarded to Peer 8'), ring.texts(9).join('; '));
    assert.ok(!ring.texts(9).includes('Peer 11 Join request received'), 'the leaving peer does not place it');
    assert.deepEqual(
      ring.texts(8).filter((t) => !t.startsWith('Ping')),
      [
        'Peer 9 will depart from the network',
        'My new first successor is Peer 14',
        'My new second successor is Peer 19',
        'Peer 11 Join request received',
        'My new first successor is Peer 11',
        'My new second successor is Peer 14',
      ],
    );
    assert.deepEqual(ring.texts(11).slice(0, 3), [
      'Join request has been accepted',
      'My first successor is Peer 14',
      'My second successor is Peer 19',
    ]);
    // No ping round: every list is right as soon as the join and the departure are through.
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test('8 passes 11 on to 9 before it hears the departure: 9 passes it back, and 8 places it', () => {
    const ring = exampleWith(11);
    const join = ring.join(11, 8); // reaches 8 before 9's departure: 8 still lists 9 first
    const quit = ring.quit(9);
    ring.deliver();
    assert.equal(ring.completionOf(9, quit).result.ok, true);
    assert.equal(ring.completionOf(11, join).result.ok, true, JSON.stringify(ring.completionOf(11, join)));
    assert.ok(ring.texts(8).includes('Peer 11 Join request forwarded to my successor'));
    assert.ok(ring.texts(8).includes('Peer 11 Join request received'));
    assert.deepEqual(ring.successorLists(), ideal(ring));
  });

  test('a leaving peer that knows no predecessor yet refuses the join, saying what to do', () => {
    const ring = new TestRing(EXAMPLE);
    for (const id of ring.machines.keys()) ring.feed(id, { type: 'start' });
    ring.queue.splice(0); // the first pings are lost: 9 has heard from no predecessor
    ring.addPeer(11);
    ring.quit(9);
    const op = ring.join(11, 9);
    ring.deliver();
    const result = ring.completionOf(11, op).result;
    assert.equal(
      result.ok ? '' : result.error,
      'join refused: Peer 9 is leaving the ring: join again in a moment, or through another peer',
    );
  });

  test('a join passed back once and sent to the leaving peer again is refused, not passed back and forth', () => {
    const ring = exampleWith(11);
    ring.quit(9);
    ring.queue.splice(0);
    const request = { type: 'joinRequest', newcomer: 11, hops: 1 } as const;
    ring.feed(9, { type: 'message', from: 8, message: request });
    ring.feed(9, { type: 'message', from: 8, message: { ...request, hops: 3 } });
    const sent = ring.queue.splice(0).flatMap((d) => (d.kind === 'send' ? [[d.to, d.message] as const] : []));
    assert.deepEqual(sent, [
      [8, { type: 'joinRequest', newcomer: 11, hops: 2 }],
      [
        11,
        { type: 'joinRefused', reason: 'Peer 9 is leaving the ring: join again in a moment, or through another peer' },
      ],
    ]);
  });
});

test('a duplicated join request at the leaving peer (TCP duplicate): the second copy is dropped, and 11 is placed', () => {
  const ring = exampleWith(11);
  ring.quit(9);
  const join = ring.join(11, 9);
  const request = ring.holdBack((d) => d.kind === 'send' && d.message.type === 'joinRequest' && d.to === 9);
  ring.queue.unshift(request, request); // both copies reach 9: the first is passed back to 8, which places 11
  ring.deliver();
  assert.equal(ring.completionOf(11, join).result.ok, true, JSON.stringify(ring.completionOf(11, join)));
  assert.equal(ring.sends('joinRefused').length, 0, 'not refused while the ring places it');
  assert.deepEqual(ring.successorLists(), ideal(ring));
});

test('a leaving peer whose told predecessors are leaving too refuses the join at once, not passing it to one that left', () => {
  // 5 and 8 quit before 9: their notices empty 9's predecessor slots; passed back to 8, the join went to a peer that
  // had left, and 9, gone too, never heard the refusal: the newcomer waited out its deadline.
  const ring = started(new TestRing(EXAMPLE, { refused: true }), 2);
  ring.addPeer(11);
  for (const peer of [5, 8, 9]) ring.quit(peer);
  const join = ring.join(11, 9);
  ring.deliver();
  const result = ring.completionOf(11, join).result;
  assert.equal(
    result.ok ? '' : result.error,
    'join refused: Peer 9 is leaving the ring: join again in a moment, or through another peer',
  );
  assert.equal(ring.sends('joinRequest').filter((d) => d.from === 9).length, 0, 'not passed back');
});
