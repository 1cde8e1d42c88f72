// A held copy copied on its own peer (a request of a file it keeps) is hashed once, as it is written, and a copy whose
// bytes are not the recorded ones is refused with nothing kept.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyInto, CorruptFileError } from '../../src/actor/transfers.ts';
import { AtomicFileWriter } from '../../src/store/atomic-file.ts';

const CHUNK_BYTES = 64 * 1024;

async function copied(
  expectedBytes: Buffer,
  onDisk: Buffer,
  hashOffThread = false,
): Promise<{ error?: unknown; files: string[]; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-copy-into-'));
  try {
    await writeFile(join(dir, 'held'), onDisk);
    const out = join(dir, 'out', 'received_1234.pdf');
    const file = await open(join(dir, 'held'), 'r');
    let error: unknown;
    try {
      const sha256 = createHash('sha256').update(expectedBytes).digest('hex');
      const writer = await AtomicFileWriter.open(out, { durable: false, hashOffThread });
      await copyInto(file, writer, CHUNK_BYTES, { name: '1234', sha256 });
    } catch (e) {
      error = e;
    } finally {
      await file.close();
    }
    const files = await readdir(join(dir, 'out'));
    return { error, files, out: files.length === 1 ? (await readFile(out)).toString('base64') : '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a copy whose bytes are the recorded ones is kept whole', async () => {
  const bytes = randomBytes(5 * CHUNK_BYTES + 17);
  const { error, files, out } = await copied(bytes, bytes);
  assert.equal(error, undefined);
  assert.deepEqual(files, ['received_1234.pdf']);
  assert.equal(out, bytes.toString('base64'));
});

test('a damaged copy (one byte flipped) fails as damaged, and nothing is left behind', async () => {
  const bytes = randomBytes(5 * CHUNK_BYTES + 17);
  const damaged = Buffer.from(bytes);
  damaged[3 * CHUNK_BYTES]! ^= 0x01;
  const { error, files } = await copied(bytes, damaged);
  assert.ok(error instanceof CorruptFileError, String(error));
  assert.deepEqual(files, [], 'a partial or temporary file was left');
});

test('into a writer whose hash is computed by the hashing worker: a damaged copy still fails as damaged, a whole one is kept', async () => {
  const bytes = randomBytes(5 * CHUNK_BYTES + 17);
  const whole = await copied(bytes, bytes, true);
  assert.equal(whole.error, undefined);
  assert.equal(whole.out, bytes.toString('base64'));
  const damaged = Buffer.from(bytes);
  damaged[CHUNK_BYTES + 1]! ^= 0x80;
  const { error, files } = await copied(bytes, damaged, true);
  assert.ok(error instanceof CorruptFileError, String(error));
  assert.deepEqual(files, [], 'a partial or temporary file was left');
});
