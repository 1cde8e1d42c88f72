// Where a predecessor's range starts, a peer learns from that predecessor's pings (they name its predecessors) as well as
// from its digests: a holder whose predecessors were too busy to send a digest still knows which keys it keeps.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXAMPLE, TestRing } from './harness.ts';

// Key of the name used (8 bits): 1031 → 7, held by 8, 9 and 14 (R = 3).
describe('a holder knows its range from its predecessors’ pings', () => {
  test('with no digest yet, the third holder serves its own copy at its deadline while the other two are silent', () => {
    // stalls 10080: 492's predecessors 452 and 419, the key's first two holders, stalled in turn; 452 had pinged it,
    // naming its predecessors [419, 243], but sent no digest, so 492 did not know its range and let its request time
    // out with the file on its own disk.
    const ring = new TestRing(EXAMPLE, { replicas: 3 });
    ring.start();
    ring.pingRound();
    ring.pingRound(); // the second round's pings name each pinger's predecessors
    const stored = ring.run(14, 'store', '1031');
    assert.deepEqual([stored.result.ok, stored.result.holder], [true, 8], JSON.stringify(stored.result));
    assert.ok(ring.disk(14).has('1031'), '14 keeps the third copy');
    assert.ok(
      !ring.delivered.some((d) => d.kind === 'send' && d.message.type === 'digest'),
      'no sync round ran: no digest',
    );
    assert.deepEqual(ring.machine(14).status().predecessors, [9, 8]);
    ring.cut = (from, to) => [8, 9].includes(from) || [8, 9].includes(to); // busy: nothing in or out, nothing refused
    const op = ring.command(14, 'request', '1031');
    ring.deliver();
    ring.fire(14, { kind: 'op', op });
    ring.deliver();
    const done = ring.completionOf(14, op);
    assert.deepEqual([done.result.ok, done.result.ok && done.result.holder], [true, 14], JSON.stringify(done.result));
  });
});
