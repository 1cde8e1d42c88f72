// A join request sent on to a first successor that crashed and is not declared gone yet was dropped when the connection
// was refused: the newcomer waited out its deadline and was told the peer it asked did not answer (review29b). It goes
// on past the dead peer, as departure walks do, or the newcomer is refused at once, told which peer is down.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, started, TestRing } from './harness.ts';

/** The example ring with 14 (9's first successor) crashed, not declared gone: a connection to it is refused. */
function fourteenDown(newcomer: number): TestRing {
  const ring = started(new TestRing(EXAMPLE, { refused: true }), 1);
  ring.kill(14);
  ring.addPeer(newcomer);
  ring.clearLog();
  return ring;
}

describe('a join request refused by a first successor that is down', () => {
  test("16's place is just after 14: refused at once, naming 14, not left to its deadline", () => {
    const ring = fourteenDown(16);
    const op = ring.join(16, 9);
    ring.deliver();
    const result = ring.completionOf(16, op).result;
    assert.deepEqual(
      result.ok ? '' : result.error,
      'join refused: Peer 14 did not answer on the way (down, and not declared gone yet): join again in a moment',
    );
    assert.ok(!ring.machine(9).status().successors.includes(16));
  });

  test("22's place lies past 14: 9 sends it on to 19, which places 22", () => {
    const ring = fourteenDown(22);
    const op = ring.join(22, 9);
    ring.deliver();
    assert.equal(ring.completionOf(22, op).result.ok, true, JSON.stringify(ring.completionOf(22, op)));
    // 19 is 9's successor: the SPEC's line for a hop to a successor, not a finger hop's.
    const sent = ring.emitted.get(9)!.filter((line) => line.event === 'join.forwarded');
    assert.deepEqual(
      sent.map((line) => [line.text, line.successor]),
      [
        ['Peer 22 Join request forwarded to my successor', 14],
        ['Peer 22 Join request forwarded to my successor', 19],
      ],
    );
    assert.deepEqual(ring.machine(19).status().successors[0], 22);
    assert.deepEqual(ring.machine(22).status().successors[0], 2);
  });

  test('a newcomer that is itself the live successor past 14 is told it is already in the ring, not that 14 is down', () => {
    // The request went to 14 while 9 did not list a 19 yet; the refusal comes back once 9 lists 19, which answers it.
    const ring = fourteenDown(21);
    ring.feed(9, { type: 'undeliverable', to: 14, message: { type: 'joinRequest', newcomer: 19, hops: 0 } });
    ring.deliver();
    const refusal = ring.sends('joinRefused').find((d) => d.from === 9 && d.to === 19);
    assert.equal(
      refusal?.message.reason,
      'Peer 19 is already in the ring (if it restarted, the ring notices within 3 missed pings: join again then)',
    );
  });
});
