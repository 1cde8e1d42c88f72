// Tests of AtomicFileWriter (src/store/atomic-file.ts): whole file or nothing, digest, checksum refusal; and the small-file
// synchronous write and read.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { access, mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  AtomicFileWriter,
  ChecksumMismatchError,
  sealSmallFile,
  sealWholeFile,
  writeSmallFileSync,
} from '../../src/store/atomic-file.ts';
import { readSmallFileSync } from '../../src/store/small-file.ts';
import { openIn } from '../lib/open-files.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('atomic', run);

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('AtomicFileWriter', () => {
  test('writes the bytes in order and reports their size and sha256', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'out.bin');
      const chunks = [Buffer.from('hello, '), Buffer.alloc(0), Buffer.from('ring'), Buffer.from([0, 255, 7])];
      const whole = Buffer.concat(chunks);
      const writer = await AtomicFileWriter.open(path);
      for (const chunk of chunks) await writer.write(chunk);
      assert.equal(writer.bytesWritten, whole.length);
      assert.deepEqual(writer.sha256(), sha256(whole));
      assert.deepEqual(writer.sha256(), sha256(whole), 'sha256() can be asked twice');
      await writer.commit(sha256(whole));
      assert.deepEqual(await readFile(path), whole);
      assert.deepEqual(await readdir(dir), ['out.bin'], 'no temporary file is left');
    }));

  test('writes started without waiting still land in call order', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'ordered');
      const writer = await AtomicFileWriter.open(path);
      const parts = Array.from({ length: 50 }, (_, i) => Buffer.from(`${i},`));
      await Promise.all(parts.map((part) => writer.write(part)));
      await writer.commit();
      assert.deepEqual(await readFile(path), Buffer.concat(parts));
    }));

  test('nothing is visible at the final path before commit', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'later.bin');
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('not yet'));
      assert.equal(await exists(path), false);
      const [temp] = await readdir(dir);
      assert.match(temp!, /^later\.bin\.[0-9a-f]+\.tmp$/);
      await writer.commit();
      assert.equal(await readFile(path, 'utf8'), 'not yet');
    }));

  test('creates missing parent directories', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'a', 'b', 'c.txt');
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('deep'));
      await writer.commit();
      assert.equal(await readFile(path, 'utf8'), 'deep');
    }));

  test('abort leaves nothing, can be called twice, and stops further writes', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'dropped');
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('partial'));
      await writer.abort();
      await writer.abort();
      assert.deepEqual(await readdir(dir), []);
      await assert.rejects(writer.write(Buffer.from('more')), /already/);
      await assert.rejects(writer.commit(), /already/);
    }));

  test('a checksum mismatch throws the coded error and leaves nothing', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'corrupt');
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('what arrived'));
      await assert.rejects(writer.commit(sha256(Buffer.from('what was sent'))), (error: unknown) => {
        assert.ok(error instanceof ChecksumMismatchError);
        assert.equal(error.code, 'CHECKSUM_MISMATCH');
        assert.equal(error.actualSha256, sha256(Buffer.from('what arrived')).toString('hex'));
        return true;
      });
      assert.deepEqual(await readdir(dir), []);
      await writer.abort(); // what a caller's error path does after a failed commit
      assert.deepEqual(await readdir(dir), []);
    }));

  test('replaces an existing file only at commit', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'doc');
      await writeFile(path, 'old');
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('new contents'));
      assert.equal(await readFile(path, 'utf8'), 'old');
      await writer.commit();
      assert.equal(await readFile(path, 'utf8'), 'new contents');
      await writer.abort(); // after a successful commit: does nothing
      assert.equal(await readFile(path, 'utf8'), 'new contents');
      assert.deepEqual(await readdir(dir), ['doc']);
    }));

  test('unflushed: replaces an older file whole at commit, and lets go of the older one afterwards', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'received_2067.pdf');
      const older = randomBytes(300_000);
      await writeFile(path, older);
      const writer = await AtomicFileWriter.open(path, { durable: false });
      const newer = randomBytes(200_000);
      await writer.write(newer);
      assert.deepEqual(await readFile(path), older, 'the older file is whole until the commit');
      await writer.commit(sha256(newer));
      assert.deepEqual(await readFile(path), newer);
      assert.deepEqual(await readdir(dir), ['received_2067.pdf']);
      // The older file was held open across the rename and is closed in the background: wait for it (bounded).
      for (let turn = 0; turn < 10_000 && openIn(dir) > 0; turn++) await new Promise((r) => setImmediate(r));
      assert.equal(openIn(dir), 0, 'no descriptor left on a file of the directory');
    }));

  test('a final name of 255 bytes still gets a temporary file that fits', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'n'.repeat(255));
      const writer = await AtomicFileWriter.open(path);
      await writer.write(Buffer.from('long name'));
      await writer.commit();
      assert.equal(await readFile(path, 'utf8'), 'long name');
    }));

  // A received copy for a user is not flushed (durable: false): its commit checks the digest, then renames alongside the
  // close. Both kinds keep the same promises, and so do they with the sha256 computed by the hashing worker.
  for (const [durable, hashOffThread] of [
    [true, false],
    [false, false],
    [true, true],
    [false, true],
  ]) {
    const kind = `${durable ? 'durable' : 'unflushed'}${hashOffThread ? ', hashed off the thread' : ''}`;
    test(`${kind}: chunks written without waiting (several at a time to the OS) land whole and in order`, () =>
      withTempDir(async (dir) => {
        const path = join(dir, 'big');
        const writer = await AtomicFileWriter.open(path, { durable, hashOffThread });
        const parts = Array.from({ length: 40 }, (_, i) => randomBytes(1 + ((i * 7919) % 70_000)));
        await Promise.all(parts.map((part) => writer.write(part)));
        const whole = Buffer.concat(parts);
        assert.equal(writer.bytesWritten, whole.length);
        await writer.drained();
        assert.deepEqual(writer.sha256(), sha256(whole));
        await writer.commit(sha256(whole));
        assert.deepEqual(await readFile(path), whole);
        assert.deepEqual(await readdir(dir), ['big']);
      }));

    test(`${kind}: a wrong digest keeps neither the file nor its temporary file, and an older file stays`, () =>
      withTempDir(async (dir) => {
        const path = join(dir, 'doc');
        await writeFile(path, 'old');
        const writer = await AtomicFileWriter.open(path, { durable, hashOffThread });
        void writer.write(Buffer.from('what '));
        void writer.write(Buffer.from('arrived'));
        await assert.rejects(writer.commit(sha256(Buffer.from('what was sent'))), ChecksumMismatchError);
        assert.deepEqual(await readdir(dir), ['doc']);
        assert.equal(await readFile(path, 'utf8'), 'old');
      }));
  }
});

describe('writeSmallFileSync', () => {
  test('creates the directory, replaces an older file whole, and leaves no temporary file', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'peer-7', 'received_2067.pdf');
      writeSmallFileSync(path, Buffer.from('first'));
      writeSmallFileSync(path, Buffer.from('second copy'));
      assert.equal(await readFile(path, 'utf8'), 'second copy');
      assert.deepEqual(await readdir(join(dir, 'peer-7')), ['received_2067.pdf']);
    }));

  test('a reader holding an older copy open keeps its bytes, however many copies replace it (no inode is reused)', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'received_2067.pdf');
      writeSmallFileSync(path, Buffer.from('the copy a viewer opened'));
      const viewer = await open(path, 'r');
      try {
        for (let i = 0; i < 20; i++)
          writeSmallFileSync(path, Buffer.from(`copy ${i}`), { freeReplacedLater: i % 2 === 0 });
        const again = Buffer.alloc(64);
        const { bytesRead } = await viewer.read(again, 0, 64, 0);
        assert.equal(again.subarray(0, bytesRead).toString(), 'the copy a viewer opened');
      } finally {
        await viewer.close();
      }
    }));

  test('a write that cannot happen throws and leaves nothing behind', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'taken');
      await mkdir(path); // a directory where the file should go: the rename fails
      assert.throws(() => writeSmallFileSync(path, Buffer.from('x')), /EISDIR|ENOTEMPTY|EEXIST|directory/);
      assert.deepEqual(await readdir(dir), ['taken']);
    }));
});

describe('sealWholeFile and sealSmallFile', () => {
  const ways = [
    ['before', (path: string, data: Buffer) => sealWholeFile(path, data, 'before')],
    ['after', (path: string, data: Buffer) => sealWholeFile(path, data, 'after')],
    ['small', (path: string, data: Buffer) => sealSmallFile(path, data)],
  ] as const;
  for (const [way, seal] of ways)
    test(`(${way}) nothing at the final path until published, which replaces an older file whole; abort leaves nothing`, () =>
      withTempDir(async (dir) => {
        const path = join(dir, '2067');
        await writeFile(path, 'older');
        const sealed = await seal(path, Buffer.from('the newer bytes'));
        assert.equal(await readFile(path, 'utf8'), 'older');
        await sealed.publish({ syncDirectory: false });
        await sealed.flushed?.();
        assert.equal(await readFile(path, 'utf8'), 'the newer bytes');
        assert.deepEqual(await readdir(dir), ['2067'], 'no temporary file left');
        const dropped = await seal(path, Buffer.from('never kept'));
        await dropped.abort();
        assert.deepEqual([await readdir(dir), await readFile(path, 'utf8')], [['2067'], 'the newer bytes']);
        assert.equal(openIn(dir), 0, 'no descriptor left open');
      }));

  for (const [way, seal] of ways)
    test(`(${way}) a file that cannot be created throws, and leaves nothing`, () =>
      withTempDir(async (dir) => {
        await assert.rejects(seal(join(dir, 'missing', '2067'), Buffer.from('x')), /ENOENT/);
        assert.deepEqual(await readdir(dir), []);
      }));

  test('sealSmallFile writes its temporary file whole in the call itself (no thread-pool round trip before it is there)', () =>
    withTempDir(async (dir) => {
      const bytes = randomBytes(4096);
      const sealing = sealSmallFile(join(dir, '2067'), bytes);
      // Before this thread runs anything else (a pool's answer needs it): the file is there, whole, beside the name.
      const temp = readdirSync(dir);
      assert.equal(temp.length, 1);
      assert.deepEqual(readFileSync(join(dir, temp[0]!)), bytes);
      const sealed = await sealing;
      await sealed.abort();
    }));
});

describe('readSmallFileSync', () => {
  test('reads the whole file, and one byte past the size it was given, so a longer file shows', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'f');
      await writeFile(path, Buffer.from('0123456789'));
      assert.equal(readSmallFileSync(path, 10).toString(), '0123456789');
      assert.equal(readSmallFileSync(path, 4).toString(), '01234');
      assert.equal(readSmallFileSync(path, 20).length, 10);
      assert.throws(() => readSmallFileSync(join(dir, 'missing'), 10), /ENOENT/);
    }));
});

describe('a named pipe where a received file goes', () => {
  // Each in a child: an open that waited for a writer would block the test's thread (or a pool thread) for good.
  const atomicFile = new URL('../../src/store/atomic-file.ts', import.meta.url).href;
  const inChild = (script: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });

  test('a held file (written whole, the replaced one held open) replaces it, not waiting for a writer', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'received_2067.pdf');
      execFileSync('mkfifo', [path]);
      const child = inChild(
        `const { writeSmallFileSync } = await import(${JSON.stringify(atomicFile)});
         writeSmallFileSync(${JSON.stringify(path)}, [Buffer.alloc(100 * 1024, 1)], { freeReplacedLater: true });
         process.stdout.write('written');`,
      );
      assert.equal(child.signal, null, 'it returned');
      assert.equal(child.stdout, 'written', child.stderr);
      assert.equal((await readFile(path)).length, 100 * 1024);
    }));

  test('a file written as it arrives (not flushed) commits over it, and the thread pool is not held', () =>
    withTempDir(async (dir) => {
      const paths = [0, 1, 2, 3].map((i) => join(dir, `received_${i}.pdf`)); // as many as the pool's threads
      for (const path of paths) execFileSync('mkfifo', [path]);
      const child = inChild(
        `const { AtomicFileWriter } = await import(${JSON.stringify(atomicFile)});
         await Promise.all(${JSON.stringify(paths)}.map(async (path) => {
           const writer = await AtomicFileWriter.open(path, { durable: false });
           await writer.write(Buffer.alloc(64 * 1024, 1));
           await writer.commit();
         }));
         process.stdout.write('committed');`,
      );
      assert.equal(child.signal, null, 'it returned');
      assert.equal(child.stdout, 'committed', child.stderr);
      for (const path of paths) assert.equal((await readFile(path)).length, 64 * 1024);
    }));
});
