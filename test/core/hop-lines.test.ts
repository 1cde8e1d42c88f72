// Every hop of a lookup is announced by its sender's line, naming the peer it went to: a ring process prints the route
// hop by hop, and the peer a hop reached prints its own line only after the line of the hop to it (SPEC.md section 2,
// test/lib/causal-order.ts). A hop sent with no line leaves the next peer's line printed before any hop to it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerLine } from '../../src/core/lines.ts';
import { EXAMPLE, lastRetryPastKeyWhile5Stalls, TestRing } from './harness.ts';

/** The fields a line names the peer its lookup went to by (a hop, a reroute, a retry, a walk to a copy). */
const DESTINATION = ['to', 'successor', 'next', 'via', 'replica', 'acknowledgedBy'] as const;

function names(line: PeerLine, name: string, peer: number): boolean {
  return line['name'] === name && DESTINATION.some((field) => line[field] === peer);
}

/** The lookups sent in `ring` that no line of their sender announced, as `from > to name`. */
function unannounced(ring: TestRing): string[] {
  return ring
    .sends('lookup')
    .filter((s) => !ring.emitted.get(s.from)!.some((line) => names(line, s.message.name, s.to)))
    .map((s) => `${s.from} > ${s.to} ${s.message.name} (hop ${s.message.hops})`);
}

describe('every lookup hop has its line', () => {
  test('a request and a store on the example ring', () => {
    const ring = new TestRing(EXAMPLE, { replicas: 3 });
    ring.start();
    ring.pingRound();
    assert.equal(ring.run(8, 'store', '0003').result.ok, true);
    assert.equal(ring.run(19, 'request', '0003').result.ok, true);
    assert.deepEqual(unannounced(ring), []);
  });

  test('a request sent past its key, passed back nearer the key by a peer without a copy (stalls 11117)', () => {
    // 9 passes 19's last retry back to 5 (heard from lately) and to 4 (nearer still): two hops, each printed.
    const { ring, op } = lastRetryPastKeyWhile5Stalls();
    assert.equal(ring.completionOf(19, op).result.ok, true);
    assert.ok(
      ring.sends('lookup').some((s) => s.from === 9 && s.to === 5),
      'passed back to 5, as before',
    );
    assert.deepEqual(unannounced(ring), []);
  });
});
