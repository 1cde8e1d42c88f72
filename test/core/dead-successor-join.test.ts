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
      "join refused: Peer 14, on the join request's way, did not answer (down, and not declared gone yet): join again in a moment",
    );
    assert.ok(!ring.machine(9).status().successors.includes(16));
  });

  test("22's place lies past 14: 9 sends it on to 19, which places 22", () => {
    const ring = fourteenDown(22);
    const op = ring.join(22, 9);
    ring.deliver();
    assert.equal(ring.completionOf(22, op).result.ok, true, JSON.stringify(ring.completionOf(22, op)));
    assert.ok(ring.texts(9).includes('Peer 22 Join request forwarded to Peer 19'), ring.texts(9).join('; '));
    assert.deepEqual(ring.machine(19).status().successors[0], 22);
    assert.deepEqual(ring.machine(22).status().successors[0], 2);
  });
});
