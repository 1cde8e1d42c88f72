// A request right after an acknowledged store finds the file, even when the responsible peer lost its copy before its
// settle reached the replicas: their copies are still pending then, and become the file when the settle comes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE, settle, TestRing, type Delivery } from './harness.ts';

const isSettle = (d: Delivery) => d.kind === 'send' && d.message.type === 'settle';

test("a request after a store whose responsible peer lost its copy while the replicas' were pending asks again, and finds it", () => {
  // 2067 (key 19) at 19, copies at 2 and 4. 19 commits and acknowledges, then its copy is lost (a disk fault) before its
  // settles reach 2 and 4.
  const ring = new TestRing(EXAMPLE, { replicas: 3 }).start();
  settle(ring, 2);
  const stored = ring.command(8, 'store', '2067');
  const settles: Delivery[] = [];
  for (ring.deliver(isSettle); ring.queue.length > 0 && isSettle(ring.queue[0]!); ring.deliver(isSettle))
    settles.push(ring.queue.shift()!);
  assert.equal(ring.completionOf(8, stored).result.ok, true, 'acknowledged');
  assert.deepEqual(
    [2, 4].map((id) => ring.pendingDisk(id).has('2067')),
    [true, true],
    "the replicas' copies are pending",
  );
  ring.disk(19).delete('2067');
  ring.feed(19, { type: 'fileLost', name: '2067' });
  const op = ring.command(5, 'request', '2067');
  ring.deliver(isSettle);
  assert.equal(
    ring.completions.some((c) => c.peer === 5 && c.op === op),
    false,
    'no NOT_FOUND while a holder keeps its copy pending',
  );
  ring.queue.unshift(...settles); // the settles arrive: the pending copies are the file
  ring.deliver();
  assert.deepEqual(
    [2, 4].map((id) => ring.disk(id).has('2067')),
    [true, true],
  );
  ring.fire(5, { kind: 'lost', op }); // the requester asks again
  ring.deliver();
  const done = ring.completionOf(5, op).result;
  assert.equal(done.ok, true, JSON.stringify(done));
});

test('a request for a name no store has touched still fails at once: NOT_FOUND', () => {
  const ring = new TestRing(EXAMPLE, { replicas: 3 }).start();
  settle(ring, 2);
  const op = ring.command(5, 'request', '2067');
  ring.deliver();
  const done = ring.completionOf(5, op).result;
  assert.equal(!done.ok && done.code, 'NOT_FOUND');
});
