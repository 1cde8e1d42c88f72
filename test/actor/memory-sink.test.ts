// A get's file that arrives whole is kept in memory at once: checked against its digest, copied once into a buffer of
// its own, with no writer opened (a streamed one still goes through MemoryWriter).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { RealDisk } from '../../src/actor/disk.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withDisk = (run: (disk: RealDisk) => Promise<void>) =>
  inTempDir('memory-sink', async (dir) => {
    const store = await FileStore.open(join(dir, 'data'));
    try {
      await run(new RealDisk(store, join(dir, 'received'), 256 * 1024));
    } finally {
      await store.close();
    }
  });

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

test("a get's whole file is kept at once, a copy of its own that can be transferred, its digest recorded", () =>
  withDisk(async (disk) => {
    const data = randomBytes(1024);
    const expected = Buffer.from(data);
    disk.keepInMemory(9);
    const sink = disk.create('deliver', '2067', 9, {});
    const kept = sink.keepWhole(data, sha256Of(data));
    // No writer to open, write and commit: the bytes are there before the promise is awaited.
    assert.equal(sink.committedSha256, sha256Of(data).toString('hex'));
    await kept;
    data.fill(0); // the transport may reuse its buffer
    const bytes = disk.takeFromMemory(9)!;
    assert.deepEqual(bytes, expected);
    assert.deepEqual([bytes.byteOffset, bytes.buffer.byteLength], [0, 1024], 'not a slice of a shared pool');
  }));

test("a get's whole file that does not match its digest is not kept", () =>
  withDisk(async (disk) => {
    const data = randomBytes(1024);
    disk.keepInMemory(9);
    const sink = disk.create('deliver', '2067', 9, {});
    await assert.rejects(sink.keepWhole(data, sha256Of(Buffer.from('something else'))), /sha256/);
    assert.equal(sink.committedSha256, undefined);
    assert.equal(disk.takeFromMemory(9), undefined);
  }));

test("a get's streamed file is kept whole once its last chunk came and matched", () =>
  withDisk(async (disk) => {
    const data = randomBytes(3000);
    disk.keepInMemory(9);
    const sink = disk.create('deliver', '2067', 9, {});
    const writer = await sink.get(data.length);
    for (let at = 0; at < data.length; at += 1024) await writer.write(data.subarray(at, at + 1024));
    await writer.commit(sha256Of(data));
    assert.equal(sink.committedSha256, sha256Of(data).toString('hex'));
    assert.deepEqual(disk.takeFromMemory(9), data);
  }));
