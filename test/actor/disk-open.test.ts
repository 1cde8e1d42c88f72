// The real disk port's read of a held copy for a send (RealDisk.open): read in the call when nothing holds the name's
// lock, else once the lock is free (never the older copy beside a replacement); a copy deleted or replaced from under
// the store is reported as it was when every read went through the lock.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RealDisk, type RealSource } from '../../src/actor/disk.ts';
import type { ReadFailure } from '../../src/runtime/ports.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { logged, v } from '../lib/store-copies.ts';

const CHUNK_BYTES = 16 * 1024;
const hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

test('a held copy is read for a send at once, after a replacement that holds its name, and reported once deleted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-open-'));
  const store = await FileStore.open(join(dir, 'data'));
  try {
    const disk = new RealDisk(store, join(dir, 'received'), CHUNK_BYTES);
    const older = randomBytes(1024);
    await store.putWhole('2067', older, { version: v(5) });
    let answer: RealSource | ReadFailure | undefined;
    disk.open('2067', CHUNK_BYTES, (result) => (answer = result));
    assert.ok(answer !== undefined && !('kind' in answer), 'answered in the call');
    assert.deepEqual([answer.inMemory, answer.sha256], [older, hex(older)]);

    // A replica's newer copy promoted: its entry is renamed in under the name's lock. A read asked for meanwhile
    // waits for it, and gets the newer bytes.
    const newer = randomBytes(1024);
    await logged(store, '2067', newer, v(20));
    const promoted = store.promote('2067', v(20));
    const waited = new Promise<RealSource | ReadFailure>((resolve) => disk.open('2067', CHUNK_BYTES, resolve));
    assert.equal(await promoted, true);
    const after = await waited;
    assert.ok(!('kind' in after));
    assert.deepEqual([after.inMemory, after.sha256, after.version], [newer, hex(newer), v(20)]);
    await store.idle();

    // Spoiled on disk: its bytes as found, which the send checks against the record (and finds damaged).
    const spoiled = Buffer.from(newer);
    spoiled[10]! ^= 0xff;
    await writeFile(store.pathOf('2067'), spoiled);
    const found = await new Promise<RealSource | ReadFailure>((resolve) => disk.open('2067', CHUNK_BYTES, resolve));
    assert.ok(!('kind' in found));
    assert.deepEqual([found.inMemory, found.sha256], [spoiled, hex(newer)]);

    // Deleted from under the store: missing, and forgotten by the store.
    await rm(store.pathOf('2067'));
    const gone = await new Promise<RealSource | ReadFailure>((resolve) => disk.open('2067', CHUNK_BYTES, resolve));
    assert.equal((gone as ReadFailure).kind, 'missing');
    assert.match((gone as ReadFailure).message, /missing from this peer's data directory/);
    await store.idle();
    assert.equal(store.has('2067'), false);
    const none = await new Promise<RealSource | ReadFailure>((resolve) => disk.open('2067', CHUNK_BYTES, resolve));
    assert.match((none as ReadFailure).message, /no longer stored here/);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
