// The hashing worker's digests are the file's sha256, whatever the pieces, however many files at once, and however far
// the bytes run ahead of it (its ring is full and they wait for room).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { OffThreadHash } from '../../src/store/hash-worker.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `bytes` cut at random places into pieces of up to `max` bytes. */
function pieces(bytes: Buffer, max: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(bytes.length - at, 1 + Math.floor(Math.random() * max));
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

test('the digest is the sha256 of every update, pieces of any size, given without waiting (the ring fills)', async () => {
  // 9 MiB given at once: several times the ring, so updates wait for room; pieces up to 200 KiB span slots.
  const bytes = randomBytes(9 * 1024 * 1024 + 7);
  const hash = new OffThreadHash();
  const updates = pieces(bytes, 200 * 1024).map((piece) => hash.update(piece));
  await Promise.all(updates);
  assert.equal((await hash.digest()).toString('hex'), sha256(bytes));
});

test('files hashed at once, their pieces interleaved, each get their own digest; a dropped one does not disturb them', async () => {
  const files = [randomBytes(3 * 1024 * 1024), randomBytes(65536), randomBytes(1), randomBytes(2 * 1024 * 1024 + 3)];
  const hashes = files.map(() => new OffThreadHash());
  const dropped = new OffThreadHash();
  const cut = files.map((bytes) => pieces(bytes, 70 * 1024));
  const given: Promise<void>[] = [];
  for (let round = 0; cut.some((c) => c.length > 0); round++) {
    for (const [i, c] of cut.entries()) {
      const piece = c.shift();
      if (piece !== undefined) given.push(hashes[i]!.update(piece));
    }
    if (round === 3) dropped.drop();
    else if (round < 3) given.push(dropped.update(randomBytes(40_000)));
  }
  await Promise.all(given);
  const digests = await Promise.all(hashes.map((h) => h.digest()));
  assert.deepEqual(
    digests.map((d) => d.toString('hex')),
    files.map(sha256),
  );
});

test('an empty file has the sha256 of nothing; an update after the digest was asked for is refused', async () => {
  const hash = new OffThreadHash();
  assert.equal((await hash.digest()).toString('hex'), sha256(Buffer.alloc(0)));
  await assert.rejects(hash.update(Buffer.from('late')), /after the digest/);
});
