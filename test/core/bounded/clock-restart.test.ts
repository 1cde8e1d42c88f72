// a6a447a bounds what the clock follows while running (24 h ahead of now), but a peer starting again observes every
// held and pending version without a bound (machine.ts constructor). A copy with a stamp far ahead (accepted from a
// predecessor, which acceptCopy allows: only the clock's observe is bounded) is on its disk; once the peer restarts,
// its clock is there, and at 2^53 its stamps stop rising (not versions the wire takes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVersion } from '../../../src/core/version.ts';
import { EXAMPLE, TestRing, contentOf, started } from '../harness.ts';

test('a held copy stamped 2^53 - 1 does not stop stamps rising after a restart', () => {
  const ring = started(new TestRing(EXAMPLE, { replicas: 3 }));
  ring.kill(8);
  ring.disk(8).set('0005', { ...contentOf('0005'), version: { stamp: Number.MAX_SAFE_INTEGER, origin: 5, op: 1 } });
  ring.restart(8, [9, 14], 'kept');
  ring.deliver();
  const first = ring.run(8, 'store', '0008').result;
  const second = ring.run(8, 'store', '0008').result;
  assert.ok(first.ok && second.ok, JSON.stringify([first, second]));
  assert.ok(isVersion(first.version), `store version ${JSON.stringify(first.version)}`);
  assert.ok(
    second.version!.stamp > first.version!.stamp,
    `a later store gets a later stamp: ${JSON.stringify([first.version, second.version])}`,
  );
});
