// A peer that quits is pinged by a newcomer it did not know when it sent its departure: the newcomer lists it second
// (or first) and is told too, so it says the departure (SPEC 2) rather than dropping the peer from a neighbour's list
// without a line. membership seed 2653: 374 joined between 365 and 378 just before 434 quit; 434 told 378 and 365,
// 378 knew 374 as its first predecessor already and passed nothing on, and 374 took 378's list, 434 gone, unsaid.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { successorsInRing, type PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, started, TestRing, type Delivery } from './harness.ts';

const DEPART_2 = 'Peer 2 will depart from the network';

/**
 * The example ring with three successors a peer, started; 15 has joined between 14 and 19 (19 knows it from its ping),
 * and 15's first ping to 2, its second successor, is still on its way.
 */
function joinedBeforeQuit(successorCount: number): { ring: TestRing; ping: Delivery } {
  const ring = started(new TestRing(EXAMPLE, { successorCount }), 1);
  ring.addPeer(15);
  ring.join(15, 4);
  const ping = ring.holdBack(
    (d) => d.kind === 'send' && d.from === 15 && d.to === 2 && d.message.type === 'pingRequest',
  );
  ring.deliver();
  assert.deepEqual(ring.machine(19).status().predecessors[0], 15, '19 knows 15 as its first predecessor');
  assert.deepEqual(ring.machine(2).status().predecessors, [19, 14], '2 has not heard from 15');
  assert.deepEqual(ring.machine(15).status().successors.slice(0, 2), [19, 2]);
  return { ring, ping };
}

describe('a departure reaches a newcomer whose first ping came after it was sent', () => {
  for (const successorCount of [2, 3]) {
    test(`15, which lists 2 second, says 2's departure once (${successorCount} successors a peer)`, () => {
      const { ring, ping } = joinedBeforeQuit(successorCount);
      ring.clearLog();
      const op = ring.quit(2);
      ring.queue.unshift(ping); // the newcomer's ping arrives right after the quit
      ring.deliver();
      assert.equal(ring.completionOf(2, op).result.ok, true);
      const said = ring.texts(15).filter((t) => !t.startsWith('Ping'));
      assert.equal(said.filter((t) => t === DEPART_2).length, 1, `at 15: ${said.join('; ')}`);
      assert.equal(said.at(-1), 'My new second successor is Peer 4', `at 15: ${said.join('; ')}`);
      const ids: PeerId[] = [...ring.machines.keys()];
      const ideal = Object.fromEntries(successorsInRing(ids, successorCount));
      assert.deepEqual(ring.successorLists(), ideal);
    });
  }

  test('a ping from a predecessor told at the quit brings no second copy', () => {
    const { ring } = joinedBeforeQuit(3);
    ring.clearLog();
    ring.quit(2);
    ring.feed(2, { type: 'message', from: 14, message: { type: 'pingRequest', seq: 9, rank: 2 } });
    ring.deliver();
    const toFourteen = ring.sends('departure').filter((d) => d.from === 2 && d.to === 14);
    assert.equal(toFourteen.length, 1, 'told once, at the quit');
  });
});
