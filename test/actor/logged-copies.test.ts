// Which store copies the real disk port keeps in the copy log: whole ones that travel inline (read back whole); a larger
// one (over the chunk size) goes to pending/'s files and is read back as a stream.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RealDisk, type RealSource } from '../../src/actor/disk.ts';
import type { ReadFailure } from '../../src/runtime/ports.ts';
import { FileStore } from '../../src/store/file-store.ts';

const VERSION = { stamp: 5, origin: 2, op: 7 };
const CHUNK_BYTES = 16 * 1024;

test("store copies up to the chunk size go to the copy log; a larger one to pending/'s files; both read back", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-logged-'));
  const store = await FileStore.open(join(dir, 'data'));
  try {
    const disk = new RealDisk(store, join(dir, 'received'), CHUNK_BYTES);
    const small = randomBytes(CHUNK_BYTES);
    const large = randomBytes(CHUNK_BYTES + 1);
    await disk.create('replica', 'small', undefined, { version: VERSION, pending: true }).keepWhole(small);
    await disk.create('replica', 'large', undefined, { version: VERSION, pending: true }).keepWhole(large);
    assert.deepEqual(store.pendingNames(), ['large', 'small']);
    assert.deepEqual(await readdir(join(dir, 'data', 'pending', 'files')), ['large'], 'the small one is in the log');
    const open = (name: string) =>
      new Promise<RealSource | ReadFailure>((resolve) => disk.open(name, CHUNK_BYTES, resolve, VERSION));
    const smallSource = await open('small');
    assert.ok(!('kind' in smallSource));
    const smallBytes = await smallSource.bytes(true);
    assert.ok('data' in smallBytes && Buffer.from(smallBytes.data).equals(small));
    const largeSource = await open('large');
    assert.ok(!('kind' in largeSource));
    const largeBytes = await largeSource.bytes(false);
    assert.ok('handle' in largeBytes, 'streamed from its file');
    largeSource.close();
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
