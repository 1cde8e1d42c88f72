// A held copy opened in one synchronous call: read at offsets, its descriptor closed only once the reads in flight are
// done (a descriptor's number is reused at once: a read after its close could read another file).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpenedFile, piecesOf } from '../../src/store/opened-file.ts';
import { inTempDir } from '../lib/temp-dir.ts';

function withFile(bytes: Buffer, body: (path: string) => Promise<void>): Promise<void> {
  return inTempDir('opened-file', async (dir) => {
    await writeFile(join(dir, 'held'), bytes);
    await body(join(dir, 'held'));
  });
}

/** How many of this process's descriptors are open on `path`. */
async function descriptorsOn(path: string): Promise<number> {
  let n = 0;
  for (const fd of await readdir('/proc/self/fd'))
    if ((await readlink(`/proc/self/fd/${fd}`).catch(() => '')) === path) n++;
  return n;
}

test('reads at offsets; a close asked while reads are in flight waits for them, and later reads are refused', () =>
  withFile(randomBytes(300_000), async (path) => {
    const file = OpenedFile.open(path);
    assert.equal(await descriptorsOn(path), 1);
    const buffers = [Buffer.alloc(100_000), Buffer.alloc(100_000), Buffer.alloc(100_000)];
    const reads = buffers.map((buffer, i) => file.read(buffer, 0, buffer.length, 200_000 - i * 100_000));
    const closed = file.close();
    assert.deepEqual(
      (await Promise.all(reads)).map((r) => r.bytesRead),
      [100_000, 100_000, 100_000],
    );
    await closed;
    assert.deepEqual(Buffer.concat(buffers.reverse()), await readFile(path));
    await assert.rejects(file.read(Buffer.alloc(1), 0, 1, 0), /closed/);
    await file.close(); // twice is fine
    assert.equal(await descriptorsOn(path), 0, 'the descriptor is closed');
  }));

test('readv fills several buffers in one read, from a position, and says how much it read', () =>
  withFile(randomBytes(300_000), async (path) => {
    const file = OpenedFile.open(path);
    try {
      const buffers = [Buffer.alloc(100_000), Buffer.alloc(100_000), Buffer.alloc(100_000)];
      const { bytesRead } = await file.readv(buffers, 50_000);
      assert.equal(bytesRead, 250_000, 'up to the end of the file');
      assert.deepEqual(Buffer.concat(buffers).subarray(0, bytesRead), (await readFile(path)).subarray(50_000));
    } finally {
      await file.close();
    }
  }));

test('a missing file fails at once, as openSync does', () => {
  assert.throws(() => OpenedFile.open(join(tmpdir(), `ringdht-no-such-file-${process.pid}`)), { code: 'ENOENT' });
});

test('piecesOf reads a file from its start to its end', () =>
  withFile(randomBytes(150_000), async (path) => {
    const file = OpenedFile.open(path);
    try {
      const pieces = [];
      for await (const piece of piecesOf(file, 64 * 1024)) pieces.push(piece);
      assert.deepEqual(
        pieces.map((p) => p.length),
        [65_536, 65_536, 18_928],
      );
    } finally {
      await file.close();
    }
  }));
