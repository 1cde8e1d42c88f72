// A held copy opened in one synchronous call: read at offsets, its descriptor closed only once the reads in flight are
// done (a descriptor's number is reused at once: a read after its close could read another file).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpenedFile, piecesOf } from '../../src/store/opened-file.ts';

async function withFile(bytes: Buffer, body: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-opened-file-'));
  try {
    await writeFile(join(dir, 'held'), bytes);
    await body(join(dir, 'held'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** This process's open descriptors. */
const openDescriptors = async () => (await readdir('/proc/self/fd')).length;

test('reads at offsets; a close asked while reads are in flight waits for them, and later reads are refused', () =>
  withFile(randomBytes(300_000), async (path) => {
    const before = await openDescriptors();
    const file = OpenedFile.open(path);
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
    assert.equal(await openDescriptors(), before, 'the descriptor is closed');
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
