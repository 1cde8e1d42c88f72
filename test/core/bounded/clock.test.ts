// a version stamp off the network is observed by the hybrid clock without a bound, even from a copy the peer
// refuses: one message moves every later store's stamp past 2^53, where the wire refuses it and stamps stop rising.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVersion } from '../../../src/core/version.ts';
import { EXAMPLE, started, TestRing } from '../harness.ts';

test('a copy refused as unasked does not move the clock: stores after it still get well-formed, rising versions', () => {
  const ring = started(new TestRing(EXAMPLE));
  // Peer 200 (a stranger, or a peer whose clock or disk is wrong) offers 8 a copy it never asked for.
  const effects = ring.machine(8).handle(
    {
      type: 'transferStarted',
      transfer: 1_000_000,
      sizeBytes: 10,
      ref: {
        purpose: 'replica',
        peer: 200,
        origin: 200,
        name: '0100',
        hops: 0,
        version: { stamp: Number.MAX_SAFE_INTEGER, origin: 200, op: 1 },
      },
    },
    ring.now,
  );
  assert.ok(
    effects.some((e) => e.type === 'refuseTransfer'),
    'the copy is refused',
  );
  const first = ring.run(8, 'store', '0008').result;
  const second = ring.run(8, 'store', '0008').result;
  assert.equal(first.ok, true);
  assert.equal(second.ok, true);
  // Before the bound: stamps 2^53 and 2^53 (2^53 + 1 is not a double): not versions the wire accepts (codec.ts Check.version),
  // and the later store is newer than the earlier only by its op.
  assert.ok(isVersion(first.version), `store version ${JSON.stringify(first.version)}`);
  assert.ok(second.version!.stamp > first.version!.stamp, 'a later store gets a later stamp');
});

test('a digest from a peer that is no predecessor does not move the clock of the peer it reaches far ahead', () => {
  const ring = started(new TestRing(EXAMPLE, { replicas: 2 }));
  ring.feed(8, {
    type: 'message',
    from: 200,
    message: {
      type: 'digest',
      rangeLo: 190,
      lo: 190,
      hi: 200,
      handoff: false,
      entries: [{ name: '0195', sha256: '00'.repeat(32), version: { stamp: 2 ** 52, origin: 200, op: 1 } }],
    },
  });
  ring.deliver();
  const stored = ring.run(8, 'store', '0008').result;
  assert.equal(stored.ok, true);
  // Before the bound: 2^52 + 1 (about 142,000 years after 1970): every peer that syncs with 8 takes it on (digests carry it).
  assert.ok(stored.version!.stamp < ring.now + 24 * 3600_000, `stamp ${stored.version!.stamp} at now=${ring.now}`);
});
