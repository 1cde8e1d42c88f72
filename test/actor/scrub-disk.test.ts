// The real disk port's scrub check (RealDisk.verify): a held copy, one that came through the copy log among them, read
// through and compared with its record; a damaged one is reported, and a missing one forgotten by the store as well; one
// larger than a check allows is not read.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RealDisk } from '../../src/actor/disk.ts';
import type { Checked } from '../../src/core/scrub.ts';
import type { ReadFailure } from '../../src/runtime/ports.ts';
import { FileStore } from '../../src/store/file-store.ts';

const VERSION = { stamp: 5, origin: 2, op: 7 };
const CHUNK_BYTES = 16 * 1024;

test('a held copy is checked whole, then found damaged, then missing (and forgotten); another copy is not judged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-scrub-'));
  const store = await FileStore.open(join(dir, 'data'));
  try {
    const disk = new RealDisk(store, join(dir, 'received'), CHUNK_BYTES);
    const bytes = randomBytes(CHUNK_BYTES); // travels inline: kept in the copy log, then committed into files/
    await disk.create('replica', '0042', undefined, { version: VERSION, pending: true }).keepWhole(bytes);
    assert.equal(await store.promote('0042', VERSION), true);
    const recorded = store.get('0042')!.sha256;
    const check = (sha256 = recorded) =>
      new Promise<ReadFailure | undefined>((resolve) => disk.verify('0042', sha256, resolve));
    assert.equal(await check(), undefined, 'whole');
    assert.equal(await check('ab'.repeat(32)), undefined, 'not the copy held: nothing said about it');
    const garbage = Buffer.from(bytes);
    garbage[100]! ^= 0xff;
    await writeFile(store.pathOf('0042'), garbage);
    assert.equal((await check())?.kind, 'damaged');
    assert.equal(store.has('0042'), true, 'removing a damaged copy is the runtime’s');
    await rm(store.pathOf('0042'));
    assert.equal((await check())?.kind, 'missing');
    assert.equal(store.has('0042'), false, 'a copy gone from disk is forgotten by the store too');
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a copy larger than the round's bytes left is not read: its recorded size comes back, skipped", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-scrub-'));
  const store = await FileStore.open(join(dir, 'data'));
  try {
    const disk = new RealDisk(store, join(dir, 'received'), CHUNK_BYTES);
    const bytes = randomBytes(CHUNK_BYTES);
    await disk.create('replica', '0043', undefined, { version: VERSION, pending: true }).keepWhole(bytes);
    assert.equal(await store.promote('0043', VERSION), true);
    const recorded = store.get('0043')!.sha256;
    const check = (maxBytes?: number) =>
      new Promise<[ReadFailure | undefined, Checked | undefined]>((resolve) =>
        disk.verify('0043', recorded, (failure, checked) => resolve([failure, checked]), maxBytes),
      );
    assert.deepEqual(await check(), [undefined, { sizeBytes: CHUNK_BYTES }], 'read: no limit');
    assert.deepEqual(await check(CHUNK_BYTES), [undefined, { sizeBytes: CHUNK_BYTES }], 'read: within the limit');
    await writeFile(store.pathOf('0043'), Buffer.alloc(3)); // damaged, but not read
    assert.deepEqual(await check(CHUNK_BYTES - 1), [undefined, { sizeBytes: CHUNK_BYTES, skipped: true }]);
    assert.equal((await check())?.[0]?.kind, 'damaged', 'read when its turn opens a round');
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
