// Copies a peer no longer needs, dropped on a disk that cannot delete them (read-only): the machine forgets such a copy
// only once its disk says it is gone, and drops it again later (disk 13049: the file stayed on disk, unknown).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, settle, TestRing } from './harness.ts';

const READ_ONLY = 'EROFS: read-only file system';

/** The example ring with R = 3, started; key 5's keepers are 5, 8 and 9, and 2 holds an extra copy of 0005. */
function ringWithExtraCopy(): TestRing {
  return new TestRing(EXAMPLE, { replicas: 3, held: { 2: ['0005'], 5: ['0005'], 8: ['0005'], 9: ['0005'] } }).start();
}

function assertMachineKnowsDisk(ring: TestRing, id: PeerId, name: string): void {
  assert.equal(
    ring.machine(id).holds(name),
    ring.disk(id).has(name),
    `peer ${id}: its machine ${ring.machine(id).holds(name) ? 'holds' : 'does not hold'} ${name}, its disk ${ring.disk(id).has(name) ? 'has' : 'lacks'} it`,
  );
}

const failures = (ring: TestRing, id: PeerId) => ring.texts(id).filter((t) => t.startsWith('Could not delete File'));

describe('a copy dropped on a disk that cannot delete it', () => {
  test('stays held while the disk keeps it, and is dropped once the disk can delete again', () => {
    const ring = ringWithExtraCopy();
    ring.readOnly.set(2, READ_ONLY);
    settle(ring, 3);
    assert.ok(ring.disk(2).has('0005'), 'the read-only disk kept the file');
    assertMachineKnowsDisk(ring, 2, '0005');
    assert.deepEqual(failures(ring, 2).slice(0, 1), [
      `Could not delete File 0005: ${READ_ONLY} (the copy is kept, and dropped again later)`,
    ]);
    // Retried at later syncs (at most one attempt a round), said once.
    assert.equal(failures(ring, 2).length, 1, failures(ring, 2).join('\n'));
    assert.ok(!ring.texts(2).some((t) => t.includes('dropped:')), 'no drop said before the disk deleted it');
    ring.readOnly.delete(2);
    settle(ring, 2);
    assert.equal(ring.disk(2).has('0005'), false, 'dropped once the disk could delete it');
    assertMachineKnowsDisk(ring, 2, '0005');
    assert.ok(ring.texts(2).includes('Copy of File 0005 dropped: Peers 5, 8 and 9 hold it'));
    for (const id of [5, 8, 9]) assert.ok(ring.disk(id).has('0005') && ring.machine(id).holds('0005'));
  });

  test('a peer that restarts with a copy its disk could not delete does not serve it over a newer store', () => {
    const ring = ringWithExtraCopy();
    ring.readOnly.set(2, READ_ONLY);
    settle(ring, 2);
    assert.ok(ring.disk(2).has('0005'));
    // A newer store of 0005 reaches its keepers; then 2 crashes and starts again on its disk, writable now.
    const stored = ring.run(14, 'store', '0005');
    assert.equal(stored.result.ok, true);
    const newest = stored.result.ok ? stored.result.version : undefined;
    ring.kill(2);
    ring.readOnly.delete(2);
    ring.restart(2, [4, 5], 'kept');
    ring.deliver();
    assert.equal(ring.machine(2).holds('0005'), true, 'the leftover is on its disk: its machine knows it');
    const done = ring.run(2, 'request', '0005');
    assert.equal(done.result.ok, true, JSON.stringify(done.result));
    assert.ok(
      done.result.ok && [5, 8, 9].includes(done.result.holder),
      `served by a keeper: ${JSON.stringify(done.result)}`,
    );
    settle(ring, 2);
    assert.equal(ring.disk(2).has('0005'), false, 'the leftover is dropped once its keepers confirm theirs');
    assertMachineKnowsDisk(ring, 2, '0005');
    for (const id of [5, 8, 9]) assert.deepEqual(ring.disk(id).get('0005')?.version, newest, `keeper ${id} newest`);
  });
});
