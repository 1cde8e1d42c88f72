// Walks to the peers before a given one (a departure whose leaving peer knows no predecessor, a successor change whose
// origin knows none) go the way a lookup would: on fingers, O(log N) hops, not one peer a hop round the ring.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idealFingers } from '../../../src/core/fingers.ts';
import { successorsInRing, type PeerId } from '../../../src/core/ring.ts';
import { Random } from '../../../src/sim/random.ts';
import { Pump } from './pump.ts';

const N = 512;
const BITS = 32;

/** A ring where each peer has been pinged by its two predecessors, but for those in `unheard`. */
function ring(unheard: (index: number) => boolean = () => false): { pump: Pump; ids: PeerId[] } {
  const random = new Random(7);
  const ids = [...new Set(Array.from({ length: N }, () => random.u32()))].sort((a, b) => a - b);
  const lists = successorsInRing(ids, 2);
  const pump = new Pump([...lists.entries()], BITS, 2, (id) => idealFingers(id, ids, BITS));
  ids.forEach((id, i) => {
    if (unheard(i)) return;
    for (const rank of [1, 2]) {
      const from = ids[(i - rank + ids.length) % ids.length]!;
      pump.machines.get(id)!.handle({ type: 'message', from, message: { type: 'pingRequest', seq: 1, rank } }, 0);
    }
  });
  return { pump, ids };
}

test(`departures from peers that know no predecessor reach both of them in O(log N) hops (${N} peers, fingers)`, () => {
  const leavers = (i: number) => i >= 10 && i < N - 10 && (i - 10) % 40 === 0;
  const { pump, ids } = ring(leavers);
  let skipped = 0;
  for (let at = 10; at < N - 10; at += 40) {
    const [second, first, leaving] = [ids[at - 2]!, ids[at - 1]!, ids[at]!];
    const machine = pump.machines.get(leaving)!;
    machine.handle({ type: 'start' }, 0); // its pings are lost: it has heard from no predecessor
    const sent = pump.delivered.length;
    pump.take(leaving, machine.handle({ type: 'quit', op: 1 }, 0));
    assert.ok(pump.run(sent + 100_000));
    for (const p of [first, second])
      assert.equal(pump.machines.get(p)!.status().successors.includes(leaving), false, `${p} still lists ${leaving}`);
    const walk = pump.delivered.slice(sent).filter((d) => d.message.type === 'departure');
    // Before: along first successors, N - 2 hops round the ring.
    assert.ok(walk.length <= 3 * Math.log2(N), `${walk.length} departure messages`);
    // A finger straight to the first predecessor passes the second by: the first passes the departure back to it.
    if (walk.some((d) => d.to === first && d.from !== second)) skipped++;
  }
  assert.ok(skipped > 0, 'some walks passed the second predecessor by');
});

test(`a successor change whose origin knows no predecessor reaches it in O(log N) hops (${N} peers, fingers)`, () => {
  const { pump, ids } = ring((i) => i === 300);
  const origin = ids[300]!;
  const before = ids[299]!;
  const newcomer = origin + 1;
  pump.feed(origin, newcomer, { type: 'joinRequest', newcomer, hops: 0 });
  assert.ok(pump.run(100_000));
  assert.deepEqual(pump.machines.get(before)!.status().successors, [origin, newcomer]);
  const walked = pump.count('successorChange');
  assert.ok(walked <= 3 * Math.log2(N), `${walked} successor changes`);
});
