// Tests of FileStore (src/store/file-store.ts): layout, replacement, reopening, clean-up, verification, hostile names.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ChecksumMismatchError } from '../../src/store/atomic-file.ts';
import { CopyLog } from '../../src/store/copy-log.ts';
import {
  FileStore,
  ForeignDataError,
  InvalidFileNameError,
  SupersededError,
  type StoredFile,
} from '../../src/store/file-store.ts';
import type { Version } from '../../src/core/version.ts';
import { RealDisk } from '../../src/actor/disk.ts';
import { logWithout } from '../lib/copy-log-crash.ts';
import { inTempDir } from '../lib/temp-dir.ts';
import { logged, own, v } from '../lib/store-copies.ts';

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('store', run);

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The bytes readOrOpen read whole, if it did. */
const wholeOf = (copy: Awaited<ReturnType<FileStore['readOrOpen']>>) =>
  copy !== undefined && 'data' in copy ? copy.data : undefined;

/** A copy of a directory's files (not its subdirectories): what a crash would leave of it, to open beside the live one. */
async function copyDirectory(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true }))
    if (entry.isFile()) await copyFile(join(from, entry.name), join(to, entry.name));
}

/** A whole file written through a writer, at `version` when given (and `pending`, a store's copy not yet settled). */
async function put(
  store: FileStore,
  name: string,
  data: Uint8Array,
  version?: Version,
  pending = false,
): Promise<void> {
  const writer = await store.writer(name, version === undefined ? {} : { version, pending });
  await writer.write(data);
  await writer.commit(sha256(data));
}

describe('FileStore', () => {
  test('stores a file: data in files/, metadata in meta/, indexed', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const data = Buffer.from('the contents of 0042');
      await put(store, '0042', data);
      const expected: StoredFile = {
        name: '0042',
        sizeBytes: data.length,
        sha256: sha256(data).toString('hex'),
        version: { stamp: 1, origin: 0, op: 0 },
      };
      assert.deepEqual(store.names(), ['0042']);
      assert.equal(store.has('0042'), true);
      assert.deepEqual(store.get('0042'), expected);
      assert.equal(store.pathOf('0042'), join(dir, 'files', '0042'));
      assert.deepEqual(await readFile(store.pathOf('0042')), data);
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'meta', '0042.json'), 'utf8')), expected);
      assert.deepEqual(await readdir(join(dir, 'files')), ['0042']);
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0042.json']);
    }));

  test('names() is sorted; has/get answer for names not held', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      for (const name of ['0300', '0007', '0150']) await put(store, name, Buffer.from(name));
      assert.deepEqual(store.names(), ['0007', '0150', '0300']);
      assert.equal(store.has('9999'), false);
      assert.equal(store.get('9999'), undefined);
      assert.equal(store.has('../0007'), false);
    }));

  test('a file is not visible before commit and an aborted writer leaves nothing', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const writer = await store.writer('0001');
      await writer.write(Buffer.from('half'));
      assert.equal(writer.bytesWritten, 4);
      assert.equal(store.has('0001'), false);
      await writer.abort();
      assert.equal(store.has('0001'), false);
      assert.deepEqual(await readdir(join(dir, 'files')), []);
      assert.deepEqual(await readdir(join(dir, 'meta')), []);
    }));

  test('replacing a file keeps one copy, the new one', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0005', Buffer.from('first version, rather long'));
      await put(store, '0005', Buffer.from('second'));
      assert.deepEqual(store.get('0005'), {
        name: '0005',
        sizeBytes: 6,
        sha256: sha256(Buffer.from('second')).toString('hex'),
        version: { stamp: 2, origin: 0, op: 0 },
      });
      assert.equal(await readFile(store.pathOf('0005'), 'utf8'), 'second');
      assert.deepEqual(await readdir(join(dir, 'files')), ['0005']);
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0005.json']);
      assert.equal(await store.verify('0005'), true);
    }));

  test('a checksum mismatch throws the coded error and keeps the copy already stored', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const good = Buffer.from('good copy');
      await put(store, '0009', good);
      const writer = await store.writer('0009');
      await writer.write(Buffer.from('damaged in transit'));
      await assert.rejects(writer.commit(sha256(Buffer.from('what was sent'))), (error: unknown) => {
        assert.ok(error instanceof ChecksumMismatchError);
        assert.equal(error.code, 'CHECKSUM_MISMATCH');
        return true;
      });
      await writer.abort();
      assert.deepEqual(store.get('0009')?.sha256, sha256(good).toString('hex'));
      assert.deepEqual(await readFile(store.pathOf('0009')), good);
      assert.deepEqual(await readdir(join(dir, 'files')), ['0009']);
    }));

  test('concurrent commits of one name leave metadata that matches the data', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const writers = await Promise.all([store.writer('0777'), store.writer('0777'), store.writer('0777')]);
      await Promise.all(writers.map((w, i) => w.write(Buffer.from(`version ${i} `.repeat(i + 1)))));
      await Promise.all(writers.map((w) => w.commit()));
      assert.equal(await store.verify('0777'), true);
      assert.deepEqual(await readdir(join(dir, 'files')), ['0777']);
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('0777'), store.get('0777'));
    }));

  test('a reopened store finds its files', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0100', Buffer.from('one hundred'));
      await put(store, '0200', Buffer.alloc(0));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), ['0100', '0200']);
      assert.deepEqual(reopened.get('0100'), store.get('0100'));
      assert.deepEqual(reopened.get('0200'), {
        name: '0200',
        sizeBytes: 0,
        sha256: sha256(Buffer.alloc(0)).toString('hex'),
        version: { stamp: 1, origin: 0, op: 0 },
      });
      assert.equal(await reopened.verify('0100'), true);
    }));

  test('open deletes leftover temporary files and data without metadata', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0001', Buffer.from('kept'));
      await put(store, 'notes.tmp', Buffer.from('a stored file whose name ends in .tmp'));
      await writeFile(join(dir, 'files', '0002.0123456789abcdef.tmp'), 'interrupted write');
      await writeFile(join(dir, 'meta', '0002.json.0123456789abcdef.tmp'), '{"name":');
      await writeFile(join(dir, 'files', '0003'), 'data whose metadata never made it');
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), ['0001', 'notes.tmp']);
      assert.deepEqual((await readdir(join(dir, 'files'))).sort(), ['0001', 'notes.tmp']);
      assert.deepEqual((await readdir(join(dir, 'meta'))).sort(), ['0001.json', 'notes.tmp.json']);
    }));

  test('a truncated data file is not indexed (it is dropped and reported as damaged), its neighbours are', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0010', Buffer.from('intact'));
      await put(store, '0011', Buffer.from('this one loses its tail'));
      await truncate(store.pathOf('0011'), 4);
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), ['0010']);
      assert.deepEqual(reopened.damaged, ['0011'], 'said, so the peer can have it copied again');
      assert.deepEqual(await readdir(join(dir, 'files')), ['0010']);
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0010.json']);
    }));

  test('metadata that is malformed or names another file is ignored', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0020', Buffer.from('twenty'));
      await put(store, '0021', Buffer.from('twenty-one'));
      await put(store, '0022', Buffer.from('twenty-two'));
      await writeFile(join(dir, 'meta', '0020.json'), 'not json');
      const other = JSON.parse(await readFile(join(dir, 'meta', '0022.json'), 'utf8')) as StoredFile;
      await writeFile(join(dir, 'meta', '0021.json'), JSON.stringify({ ...other, name: '0022' }));
      await writeFile(join(dir, 'meta', '..json'), JSON.stringify({ name: '.', sizeBytes: 0, sha256: other.sha256 }));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), ['0022']);
    }));

  test('verify detects a flipped byte', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const data = randomBytes(10_000);
      await put(store, '0033', data);
      assert.equal(await store.verify('0033'), true);
      data[5_000] = data[5_000]! ^ 0x01;
      await writeFile(store.pathOf('0033'), data);
      assert.equal(await store.verify('0033'), false);
      assert.equal(await store.verify('0034'), false, 'a file not held does not verify');
    }));

  for (const [kind, size] of [
    ['a small copy (read whole)', 20_000],
    ['a large one (read in pieces, past one)', 3 * 1024 * 1024 + 7],
  ] as const)
    test(`scrub reads ${kind} through and says whether it is still the copy recorded`, () =>
      withTempDir(async (dir) => {
        const store = await FileStore.open(dir);
        const data = randomBytes(size);
        await put(store, '0035', data);
        const recorded = store.get('0035')!.sha256;
        assert.equal(await store.scrub('0035', recorded), 'whole');
        assert.equal(await store.scrub('0035', 'ab'.repeat(32)), 'replaced', 'another copy than the one asked about');
        const flipped = Buffer.from(data);
        flipped[size - 10]! ^= 0x01;
        await writeFile(store.pathOf('0035'), flipped);
        assert.equal(await store.scrub('0035', recorded), 'damaged', 'a byte flipped');
        await writeFile(store.pathOf('0035'), Buffer.concat([data, Buffer.from('x')]));
        assert.equal(await store.scrub('0035', recorded), 'damaged', 'a byte more');
        await truncate(store.pathOf('0035'), 1_000);
        assert.equal(await store.scrub('0035', recorded), 'damaged', 'truncated');
        await rm(store.pathOf('0035'));
        assert.equal(await store.scrub('0035', recorded), 'missing', 'deleted under the store');
        assert.equal(await store.scrub('0036', recorded), 'missing', 'never held');
        assert.equal(store.has('0035'), true, 'the scrub only reads: removing is the caller’s');
      }));

  test('remove forgets the file and deletes it, also across a reopen', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0044', Buffer.from('soon gone'));
      await store.remove('0044');
      await store.remove('0044'); // not held: fine
      assert.equal(store.has('0044'), false);
      assert.deepEqual(await readdir(join(dir, 'files')), []);
      assert.deepEqual(await readdir(join(dir, 'meta')), []);
      assert.deepEqual((await FileStore.open(dir)).names(), []);
    }));

  test('a remove the disk refuses keeps the copy listed, so a later remove still finds it', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0045', Buffer.from('kept'));
      const sha256 = store.get('0045')!.sha256;
      // Its metadata cannot be unlinked (a directory in its place: as a read-only disk, the unlink fails, even as root).
      const meta = join(dir, 'meta', '0045.json');
      const record = await readFile(meta);
      await rm(meta);
      await mkdir(join(meta, 'x'), { recursive: true });
      await assert.rejects(store.removeIf('0045', sha256));
      assert.equal(store.has('0045'), true, 'still listed: its bytes are still there');
      await rm(meta, { recursive: true });
      await writeFile(meta, record);
      assert.equal(await store.removeIf('0045', sha256), true, 'removed once the disk allows it');
      assert.equal(store.has('0045'), false);
      assert.deepEqual(await readdir(join(dir, 'files')), []);
    }));

  test('a remove whose data file the disk refuses keeps the copy listed too, so a later remove deletes the data', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0046', Buffer.from('kept'));
      const sha256 = store.get('0046')!.sha256;
      const [data] = await readdir(join(dir, 'files'));
      const path = join(dir, 'files', data!);
      const bytes = await readFile(path);
      await rm(path);
      await mkdir(join(path, 'x'), { recursive: true }); // the data's unlink fails (as on a read-only disk)
      await assert.rejects(store.removeIf('0046', sha256));
      assert.equal(store.has('0046'), true, 'still listed: its bytes are still there');
      await rm(path, { recursive: true });
      await writeFile(path, bytes);
      assert.equal(await store.removeIf('0046', sha256), true, 'removed once the disk allows it');
      assert.deepEqual(await readdir(join(dir, 'files')), []);
    }));

  test('hostile names are refused by every method that touches the disk', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(join(dir, 'peer'));
      const hostile = [
        '',
        '.',
        '..',
        '../escape',
        'a/b',
        '/etc/passwd',
        'a\\b',
        '..\\x',
        'nul\0byte',
        'new\nline',
        'bell\x07',
        'del\x7f',
        'c1\u0085',
        'lone\ud800',
        'x'.repeat(256),
        'é'.repeat(128),
      ];
      for (const name of hostile) {
        const shown = JSON.stringify(name);
        await assert.rejects(store.writer(name), InvalidFileNameError, `writer(${shown})`);
        assert.throws(() => store.pathOf(name), /file name/, `pathOf(${shown})`);
        await assert.rejects(store.verify(name), InvalidFileNameError, `verify(${shown})`);
        await assert.rejects(store.remove(name), InvalidFileNameError, `remove(${shown})`);
        assert.equal(store.has(name), false);
      }
      assert.deepEqual(await readdir(dir), ['peer'], 'nothing was written outside the store');
      assert.deepEqual(await readdir(join(dir, 'peer', 'files')), []);
    }));

  test('plain names other than four digits are stored, up to 255 bytes', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const names = ['report.pdf', '.hidden', 'ünïcødé name', 'x'.repeat(255), `${'é'.repeat(127)}x`];
      for (const name of names) await put(store, name, Buffer.from(name));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), [...names].sort());
      for (const name of names) assert.equal(await reopened.verify(name), true, name);
    }));

  test('readOrOpen: a small copy read whole, a larger one as a handle that keeps reading its bytes once replaced', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const small = randomBytes(100);
      const large = randomBytes(10_000);
      await put(store, 's', small);
      await put(store, 'l', large);
      const whole = await store.readOrOpen('s', 1024);
      assert.ok(whole !== undefined && 'data' in whole);
      assert.deepEqual([whole.data, whole.file.sizeBytes], [small, 100]);
      const opened = await store.readOrOpen('l', 1024);
      assert.ok(opened !== undefined && 'handle' in opened);
      try {
        await put(store, 'l', randomBytes(10_000)); // replaced while the handle is open
        const read = Buffer.alloc(large.length);
        await opened.handle.read(read, 0, read.length, 0);
        assert.deepEqual(read, large, 'the bytes of the copy it was opened on');
        assert.equal(opened.file.sha256, sha256(large).toString('hex'));
      } finally {
        await opened.handle.close();
      }
      assert.equal(await store.readOrOpen('none', 1024), undefined, 'a file not held');
    }));

  test("readOrOpenNow: the held copy read in the call when nothing holds its name; 'locked' while a replacement does, whose bytes the next read gets, never the older ones", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const older = randomBytes(100);
      await store.putWhole('2067', older, { version: v(5) });
      const now = store.readOrOpenNow('2067', 1024);
      assert.ok(now !== undefined && now !== 'locked' && 'data' in now);
      assert.deepEqual([now.data, now.file.version], [older, v(5)]);
      // A replica's copy promoted: its files/ entry is written and renamed in under the name's lock.
      const newer = randomBytes(100);
      await logged(store, '2067', newer, v(20));
      const promoted = store.promote('2067', v(20));
      assert.equal(store.readOrOpenNow('2067', 1024), 'locked', 'not read beside the replacement');
      const waited = store.readOrOpen('2067', 1024);
      assert.equal(await promoted, true);
      assert.deepEqual(wholeOf(await waited), newer, 'the read that waited for the lock gets the new bytes');
      await store.idle();
      const after = store.readOrOpenNow('2067', 1024);
      assert.ok(after !== undefined && after !== 'locked' && 'data' in after);
      assert.deepEqual([after.data, after.file.version], [newer, v(20)]);
      assert.equal(store.readOrOpenNow('none', 1024), undefined, 'a file not held');
      assert.throws(() => store.readOrOpenNow('../2067', 1024), InvalidFileNameError);
      // Deleted from under the store: the read throws as readOrOpen's does (the disk port reports it missing).
      await rm(join(dir, 'files', '2067'));
      assert.throws(() => store.readOrOpenNow('2067', 1024), /ENOENT/);
      await store.close();
    }));

  test('a 5 MiB file written in 64 KiB chunks', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const data = randomBytes(5 * 1024 * 1024);
      const chunkBytes = 64 * 1024;
      const writer = await store.writer('5mib');
      for (let offset = 0; offset < data.length; offset += chunkBytes)
        await writer.write(data.subarray(offset, offset + chunkBytes));
      assert.equal(writer.bytesWritten, data.length);
      await writer.commit(sha256(data));
      assert.deepEqual(store.get('5mib'), {
        name: '5mib',
        sizeBytes: data.length,
        sha256: sha256(data).toString('hex'),
        version: { stamp: 1, origin: 0, op: 0 },
      });
      assert.ok((await readFile(store.pathOf('5mib'))).equals(data));
      assert.equal(await store.verify('5mib'), true);
    }));
});

describe('FileStore versions', () => {
  test('a conditional remove of one version leaves a newer copy of the same bytes alone', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const bytes = Buffer.from('the same bytes');
      await put(store, '2067', bytes, v(10));
      const { sha256: digest } = store.get('2067')!;
      await put(store, '2067', bytes, v(20)); // a newer store of the same bytes, while the drop of v10 is on its way
      assert.equal(await store.removeIf('2067', digest, v(10)), false);
      assert.deepEqual(store.get('2067')?.version, v(20), 'the newer copy is kept');
      assert.equal(await store.removeIf('2067', digest, v(20)), true);
      assert.equal(store.has('2067'), false);
    }));

  test('a copy older than the one held is refused and changes nothing; the same version again is a no-op', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '2067', Buffer.from('new'), v(20));
      await assert.rejects(
        put(store, '2067', Buffer.from('old'), v(10)),
        (e: unknown) => e instanceof SupersededError && e.held.stamp === 20,
      );
      await put(store, '2067', Buffer.from('new'), v(20));
      assert.deepEqual(await readFile(store.pathOf('2067'), 'utf8'), 'new');
      assert.deepEqual(store.get('2067')!.version, v(20));
      await put(store, '2067', Buffer.from('newer'), v(20, 9)); // same stamp, a later origin: newer
      assert.deepEqual(await readFile(store.pathOf('2067'), 'utf8'), 'newer');
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('2067')!.version, v(20, 9));
      assert.deepEqual(await readdir(join(dir, 'files')), ['2067'], 'no temporary files left');
    }));

  test('a pending copy is not held until promoted; promoting it replaces the held one, across a reopen', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '2067', Buffer.from('acknowledged'), v(10));
      await put(store, '2067', Buffer.from('waiting'), v(20), true);
      assert.deepEqual(store.get('2067')!.version, v(10), 'the held copy is still the acknowledged one');
      assert.deepEqual(store.getPending('2067')!.version, v(20));
      assert.deepEqual(
        (await FileStore.open(dir)).getPending('2067')!.version,
        v(20),
        'a pending copy survives a restart',
      );
      assert.equal(await store.promote('2067', v(19)), false, 'not that version');
      assert.equal(await store.promote('2067', v(20)), true);
      assert.deepEqual(await readFile(store.pathOf('2067'), 'utf8'), 'waiting');
      assert.equal(store.getPending('2067'), undefined);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')!.version, reopened.getPending('2067')], [v(20), undefined]);
      assert.equal(await reopened.verify('2067'), true);
    }));

  test('a promotion whose removal from pending/ a crash lost: on restart the held copy stays and the stale pending one goes', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '2067', Buffer.from('waiting'), v(20), true);
      assert.equal(await store.promote('2067', v(20)), true);
      // What the disk could show after a crash: the promoted copy held, and its pending entry back in pending/.
      await mkdir(join(dir, 'pending', 'files'), { recursive: true });
      await copyFile(join(dir, 'files', '2067'), join(dir, 'pending', 'files', '2067'));
      await copyFile(join(dir, 'meta', '2067.json'), join(dir, 'pending', 'meta', '2067.json'));
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')?.version, reopened.getPending('2067')], [v(20), undefined]);
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), []);
      assert.equal(await reopened.verify('2067'), true);
    }));

  test('a pending copy discarded (its store failed) leaves the held one; an older pending copy is refused', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '2067', Buffer.from('acknowledged'), v(10));
      await assert.rejects(put(store, '2067', Buffer.from('stale'), v(5), true), SupersededError);
      await put(store, '2067', Buffer.from('b'), v(30), true);
      await assert.rejects(
        put(store, '2067', Buffer.from('a'), v(20), true),
        SupersededError,
        'a newer store is already pending',
      );
      assert.equal(await store.discard('2067', v(20)), false);
      assert.equal(await store.discard('2067', v(30)), true);
      assert.deepEqual(
        [await readFile(store.pathOf('2067'), 'utf8'), store.getPending('2067')],
        ['acknowledged', undefined],
      );
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), []);
    }));

  test('a newer copy held (from anti-entropy) drops an older pending one', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '2067', Buffer.from('pending'), v(20), true);
      await put(store, '2067', Buffer.from('newer'), v(25));
      assert.equal(store.getPending('2067'), undefined);
      assert.equal(await store.promote('2067', v(20)), false);
      assert.deepEqual(await readFile(store.pathOf('2067'), 'utf8'), 'newer');
    }));

  test('metadata from before versions reads as the oldest version: any versioned copy replaces it', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await put(store, '0007', Buffer.from('old'));
      const metaPath = join(dir, 'meta', '0007.json');
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as Record<string, unknown>;
      delete meta['version'];
      await writeFile(metaPath, JSON.stringify(meta));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('0007')!.version, { stamp: 0, origin: 0, op: 0 });
      await put(reopened, '0007', Buffer.from('ring'), v(1));
      assert.deepEqual(await readFile(reopened.pathOf('0007'), 'utf8'), 'ring');
    }));
});

describe('FileStore identity', () => {
  test('a new directory is claimed; the same ring and peer again is fine, across a reopen', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      assert.equal(store.identity, undefined);
      const claimed = await store.claim({ ringId: 'ab12', peerId: 8 });
      assert.deepEqual(claimed, { ringId: 'ab12', peerId: 8 });
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.identity, { ringId: 'ab12', peerId: 8 });
      assert.deepEqual(await reopened.claim({ ringId: 'ab12', peerId: 8 }), claimed);
      assert.deepEqual(
        await reopened.claim({ ringId: undefined, peerId: 8 }),
        claimed,
        "no ring id given: the directory's",
      );
    }));

  test("another peer's or another ring's directory is refused with one line, unless adopted (files and versions kept)", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await store.claim({ ringId: 'ab12', peerId: 8 });
      await put(store, '2067', Buffer.from('theirs'), v(7));
      const reopened = await FileStore.open(dir);
      await assert.rejects(
        reopened.claim({ ringId: 'ab12', peerId: 9 }),
        (e: unknown) =>
          e instanceof ForeignDataError &&
          e.code === 'FOREIGN_DATA' &&
          /holds Peer 8's files, not Peer 9's/.test(e.message) &&
          !e.message.includes('\n'),
      );
      await assert.rejects(reopened.claim({ ringId: 'cd34', peerId: 8 }), /another ring's/);
      assert.deepEqual(await reopened.claim({ ringId: 'cd34', peerId: 9 }, true), { ringId: 'cd34', peerId: 9 });
      assert.deepEqual(reopened.get('2067')!.version, v(7), 'adopted files keep their versions');
      assert.deepEqual((await FileStore.open(dir)).identity, { ringId: 'cd34', peerId: 9 });
    }));

  test('a malformed identity file is refused, not overwritten', () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, 'identity.json'), 'not json at all');
      await assert.rejects(FileStore.open(dir));
      assert.equal(await readFile(join(dir, 'identity.json'), 'utf8'), 'not json at all');
    }));
});

describe('FileStore.putWhole (a whole file in memory, kept in fewer thread-pool round trips)', () => {
  test('keeps a file as a writer does: the same files, record and version, across a reopen, no temporary files', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const data = randomBytes(1024);
      const kept = await store.putWhole('0042', data, { version: v(5), expectedSha256: sha256(data) });
      const expected: StoredFile = {
        name: '0042',
        sizeBytes: 1024,
        sha256: sha256(data).toString('hex'),
        version: v(5),
      };
      assert.deepEqual(kept, expected);
      assert.deepEqual(store.get('0042'), expected);
      assert.deepEqual(await readFile(store.pathOf('0042')), data);
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'meta', '0042.json'), 'utf8')), expected);
      assert.deepEqual(await readdir(join(dir, 'files')), ['0042']);
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0042.json']);
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('0042'), expected);
      assert.equal(await reopened.verify('0042'), true);
      // Without a version it is newer than what is held, as a writer's copy is.
      await store.putWhole('0042', Buffer.from('next'));
      assert.deepEqual(store.get('0042')!.version.stamp, 6);
      assert.equal(await readFile(store.pathOf('0042'), 'utf8'), 'next');
    }));

  test('a bad digest or an older version is refused and the held copy stays; the same version again is a no-op', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const good = Buffer.from('good copy');
      await store.putWhole('0009', good, { version: v(20) });
      await assert.rejects(
        store.putWhole('0009', Buffer.from('damaged in transit'), { version: v(30), expectedSha256: sha256(good) }),
        (e: unknown) => e instanceof ChecksumMismatchError && e.code === 'CHECKSUM_MISMATCH',
      );
      await assert.rejects(
        store.putWhole('0009', Buffer.from('old'), { version: v(10) }),
        (e: unknown) => e instanceof SupersededError && e.held.stamp === 20,
      );
      await store.putWhole('0009', good, { version: v(20) });
      assert.deepEqual(store.get('0009')!.version, v(20));
      assert.deepEqual(await readFile(store.pathOf('0009')), good);
      assert.deepEqual(await readdir(join(dir, 'files')), ['0009'], 'no temporary files left');
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0009.json']);
    }));

  test('a pending copy is flushed after its rename: one torn by a crash before the flush is dropped when the store opens', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const bytes = randomBytes(1024);
      await store.putWhole('2067', bytes, { version: v(20), pending: true });
      await store.putWhole('0042', Buffer.from('sound'), { version: v(5), pending: true });
      assert.deepEqual(await readFile(join(dir, 'pending', 'files', '2067')), bytes, 'on disk once putWhole resolved');
      assert.deepEqual((await FileStore.open(dir)).getPending('2067')!.version, v(20), 'kept across a reopen');
      // What a crash between the rename and the flush can leave: the name in place, its bytes not (all zeros here).
      await writeFile(join(dir, 'pending', 'files', '2067'), Buffer.alloc(1024));
      const reopened = await FileStore.open(dir);
      assert.equal(reopened.getPending('2067'), undefined);
      assert.deepEqual(reopened.pendingNames(), ['0042']);
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), ['0042']);
      assert.deepEqual(await readdir(join(dir, 'pending', 'meta')), ['0042.json']);
    }));

  test('a pending copy waits for its promotion; one aborted (the peer closing) leaves nothing behind', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await store.putWhole('2067', Buffer.from('acknowledged'), { version: v(10) });
      await store.putWhole('2067', Buffer.from('waiting'), { version: v(20), pending: true });
      assert.deepEqual([store.get('2067')!.version, store.getPending('2067')!.version], [v(10), v(20)]);
      await assert.rejects(
        store.putWhole('2067', Buffer.from('closing'), { version: v(30), pending: true, aborted: () => true }),
        /shutting down/,
      );
      assert.deepEqual(store.getPending('2067')!.version, v(20));
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), ['2067']);
      assert.equal(await store.promote('2067', v(20)), true);
      assert.equal(await readFile(store.pathOf('2067'), 'utf8'), 'waiting');
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')!.version, reopened.getPending('2067')], [v(20), undefined]);
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), []);
    }));
});

describe("FileStore's copy log (a replica's whole pending copy: one record, one shared fdatasync)", () => {
  /** A replica's copy (its entries are written when it commits). */
  const pendingFiles = (dir: string) => readdir(join(dir, 'pending', 'files'));

  test('a logged copy is pending, read whole from the store, and no file is made for it until its promotion', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      const bytes = randomBytes(1024);
      await logged(store, '2067', bytes, v(20));
      assert.deepEqual(store.getPending('2067')!.version, v(20));
      assert.equal(store.get('2067'), undefined, 'not held');
      assert.deepEqual(await pendingFiles(dir), []);
      assert.deepEqual(
        wholeOf(await store.readOrOpen('2067', 10, v(20))),
        bytes,
        'served to copies, whatever maxBytes',
      );
      assert.equal(await store.readOrOpen('2067', 2048), undefined, 'not served as held');
      assert.equal(await store.promote('2067', v(20)), true);
      assert.deepEqual(await readFile(store.pathOf('2067')), bytes, 'files/NAME is the bytes');
      assert.deepEqual(await readdir(join(dir, 'meta')), [], 'its metadata is in the log, not in meta/');
      assert.equal(store.getPending('2067'), undefined);
      await store.close();
      assert.deepEqual(
        JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')),
        { files: [store.get('2067')] },
        'closing checkpointed the held index',
      );
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')!.version, reopened.getPending('2067')], [v(20), undefined]);
      assert.equal(await reopened.verify('2067'), true);
      await reopened.close();
    }));

  test('a crash after the copy is acknowledged: the store opens with it pending (moved into pending/ files)', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await store.putWhole('2067', Buffer.from('acknowledged'), { version: v(10) });
      const bytes = randomBytes(3000);
      await logged(store, '2067', bytes, v(20));
      await logged(store, '0042', Buffer.from('other'), v(5));
      // No close: the process is gone, its log as the disk has it.
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.pendingNames(), ['0042', '2067']);
      assert.deepEqual(reopened.getPending('2067')!.version, v(20));
      assert.deepEqual(await readFile(join(dir, 'pending', 'files', '2067')), bytes);
      assert.equal(await readFile(reopened.pathOf('2067'), 'utf8'), 'acknowledged', 'the held copy is untouched');
      assert.equal(await reopened.promote('2067', v(20)), true);
      assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
      await reopened.close();
      const third = await FileStore.open(dir);
      assert.deepEqual([third.get('2067')!.version, third.pendingNames()], [v(20), ['0042']]);
      await third.close();
      await store.close();
    }));

  test('a discarded copy (its store failed) does not come back after a crash; a newer one replaces an older one', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('failed store'), v(20));
      assert.equal(await store.discard('2067', v(20)), true);
      await logged(store, '0042', Buffer.from('older'), v(5));
      await logged(store, '0042', Buffer.from('newer'), v(6));
      await assert.rejects(logged(store, '0042', Buffer.from('oldest'), v(4)), SupersededError);
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.pendingNames(), ['0042']);
      assert.deepEqual(reopened.getPending('0042')!.version, v(6));
      assert.deepEqual(await readFile(join(dir, 'pending', 'files', '0042'), 'utf8'), 'newer');
      await Promise.all([store.close(), reopened.close()]);
    }));

  test('a copy left in the log by a crash before its commit: pending again on restart; nothing but its record was written', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await own(store, '2067', Buffer.from('waiting'), v(20));
      // Nothing shares the disk's moment with the record: its files/ entry is written when it is committed.
      assert.deepEqual(await readdir(join(dir, 'files')), [], 'no files/ entry before its commit');
      // The process is gone here (no close): what the disk shows is the log's record.
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067'), reopened.getPending('2067')!.version], [undefined, v(20)]);
      assert.deepEqual(await readdir(join(dir, 'files')), []);
      // The restart moved it into pending/'s files: promoted from there as before the log.
      assert.equal(await reopened.promote('2067', v(20)), true);
      const third = await FileStore.open(dir);
      assert.deepEqual([third.get('2067')!.version, third.pendingNames()], [v(20), []]);
      assert.equal(await readFile(third.pathOf('2067'), 'utf8'), 'waiting');
      await Promise.all([store.close(), reopened.close(), third.close()]);
    }));

  test('a record torn by a crash (never acknowledged) is dropped; the copies before it are kept', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '0042', Buffer.from('whole'), v(5));
      await logged(store, '2067', randomBytes(4000), v(20));
      await store.close();
      const log = join(dir, 'pending', 'copies.log');
      const contents = await readFile(log);
      // The second record's last bytes never reached the disk.
      await writeFile(log, Buffer.concat([contents.subarray(0, contents.indexOf('2067') + 2000), Buffer.alloc(4096)]));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.pendingNames(), ['0042']);
      await reopened.close();
    }));

  test('a data directory from before the log (no copies.log) opens with its pending copies, and logs new ones', () =>
    withTempDir(async (dir) => {
      const old = await FileStore.open(dir);
      await old.putWhole('2067', Buffer.from('held'), { version: v(10) });
      await old.putWhole('2067', Buffer.from('pending, as files'), { version: v(20), pending: true });
      await old.close();
      assert.deepEqual((await readdir(join(dir, 'pending'))).sort(), ['files', 'meta'], 'the layout before the log');
      const store = await FileStore.open(dir);
      assert.deepEqual([store.get('2067')!.version, store.getPending('2067')!.version], [v(10), v(20)]);
      await logged(store, '2067', Buffer.from('newer, logged'), v(30));
      assert.deepEqual(await pendingFiles(dir), [], 'the older pending copy in files is replaced');
      assert.equal(await store.promote('2067', v(30)), true);
      assert.equal(await readFile(store.pathOf('2067'), 'utf8'), 'newer, logged');
      await store.close();
    }));

  test('past its bound the log moves its pending copies into files and starts again; nothing is lost', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir, { copyLogMaxBytes: 8 * 1024 });
      const copies = Array.from({ length: 6 }, () => randomBytes(3000));
      for (const [i, bytes] of copies.entries()) await logged(store, `f${i}`, bytes, v(i + 1));
      // The third record took the log past 8 KiB: its copies are moved into pending/ files (each under its name's lock,
      // so a read of each name comes after its move), and it starts again.
      await Promise.all(copies.map((_, i) => store.readOrOpen(`f${i}`, 4096, v(i + 1))));
      const moved = await pendingFiles(dir);
      assert.deepEqual(moved.filter((name) => ['f0', 'f1', 'f2'].includes(name)).sort(), ['f0', 'f1', 'f2']);
      await logged(store, 'g', Buffer.from('logged again'), v(9));
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.pendingNames(), ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'g']);
      for (const [i, bytes] of copies.entries())
        assert.deepEqual(wholeOf(await reopened.readOrOpen(`f${i}`, 4096, v(i + 1))), bytes);
      await Promise.all([store.close(), reopened.close()]);
    }));
});

describe("FileStore's copy log: commits", () => {
  /** A replica's copy (its entries are written when it commits). */
  /** Directory fsyncs (stand-ins) that, once held, wait until `open()`: what a crash before them leaves is what a test reads. */
  const gatedDirectories = () => {
    let held = false;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { syncDirectory: () => (held ? gate : Promise.resolve()), hold: () => (held = true), open };
  };

  test("commits' flushes wait and go together: one fsync of files/ for the commits waiting, none before; a crash while they wait writes them again from the log", () =>
    withTempDir(async (dir) => {
      const filesSyncs = () => synced.filter((d) => d === join(dir, 'files')).length;
      const synced: string[] = [];
      const syncDirectory = async (d: string) => {
        synced.push(d);
      };
      // At most 3 commits wait; the time bound is out of the test's way.
      const store = await FileStore.open(dir, { syncDirectory, unflushedMax: { files: 3, ms: 600_000 } });
      const bytes = [randomBytes(1024), randomBytes(1024), randomBytes(1024)];
      await logged(store, '0001', bytes[0]!, v(1));
      await logged(store, '0002', bytes[1]!, v(2));
      await own(store, '0003', bytes[2]!, v(3));
      assert.equal(await store.promote('0001', v(1)), true);
      assert.equal(await store.promote('0002', v(2)), true);
      assert.deepEqual(await readFile(store.pathOf('0002')), bytes[1], 'in place, served');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(filesSyncs(), 0, 'two commits wait for their flush');
      // A crash now (no close): what the disk may show of files/ is torn; the log still has both commits.
      const crashed = join(dir, 'crashed');
      await mkdir(crashed);
      for (const sub of ['files', 'meta', 'pending']) await copyDirectory(join(dir, sub), join(crashed, sub));
      await writeFile(join(crashed, 'files', '0001'), Buffer.alloc(1024));
      await rm(join(crashed, 'files', '0002'));
      const reopened = await FileStore.open(crashed);
      assert.deepEqual([reopened.get('0001')?.version, reopened.get('0002')?.version], [v(1), v(2)]);
      assert.deepEqual(await readFile(reopened.pathOf('0001')), bytes[0]);
      assert.deepEqual(await readFile(reopened.pathOf('0002')), bytes[1]);
      await reopened.close();
      // The third commit (this peer's own) reaches the bound: the three are flushed together.
      assert.equal(await store.promote('0003', v(3)), true);
      // A verify waits for its rename, which is when its flush is asked for.
      assert.equal(await store.verify('0003'), true);
      await store.idle();
      assert.equal(filesSyncs(), 1, 'one fsync of files/ for three commits');
      // idle() flushes what waits, below the bound too.
      await logged(store, '0004', Buffer.from('fourth'), v(4));
      assert.equal(await store.promote('0004', v(4)), true);
      await store.idle();
      assert.equal(filesSyncs(), 2);
      await store.close();
    }));

  test('a commit is durable by its record: files/ and meta/ torn or missing after a crash are written again from the log', () =>
    withTempDir(async (dir) => {
      const gated = gatedDirectories();
      const store = await FileStore.open(dir, { syncDirectory: gated.syncDirectory });
      await store.putWhole('0042', Buffer.from('older'), { version: v(5) });
      const bytes = randomBytes(2048);
      gated.hold();
      await logged(store, '2067', bytes, v(20));
      await logged(store, '0042', Buffer.from('newer'), v(6));
      assert.equal(await store.promote('2067', v(20)), true, 'promoted before its directories are flushed');
      assert.equal(await store.promote('0042', v(6)), true);
      assert.deepEqual(await readFile(store.pathOf('2067')), bytes, 'files/NAME has the bytes at once');
      // A crash before the files' and directories' flushes: one torn, one never renamed into place.
      await writeFile(join(dir, 'files', '2067'), Buffer.alloc(2048));
      await writeFile(join(dir, 'files', '0042'), 'older');
      await writeFile(
        join(dir, 'meta', '0042.json'),
        JSON.stringify({ ...store.get('0042'), sizeBytes: 5, version: v(5) }),
      );
      const reopened = await FileStore.open(dir);
      assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
      assert.deepEqual(reopened.get('2067')!.version, v(20));
      assert.equal(await readFile(reopened.pathOf('0042'), 'utf8'), 'newer');
      assert.deepEqual([reopened.get('0042')!.version, reopened.pendingNames()], [v(6), []]);
      assert.equal(await reopened.verify('2067'), true);
      gated.open();
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("this peer's own copy is acknowledged before its commit's record is on the disk: a crash that loses the record keeps the copy committed when its rename got there, else pending and marked own", () =>
    withTempDir(async (dir) => {
      const logPath = join(dir, 'pending', 'copies.log');
      const store = await FileStore.open(dir);
      await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
      await store.putWhole('0042', Buffer.from('older'), { version: v(5) });
      const bytes = randomBytes(2048);
      await own(store, '2067', bytes, v(20));
      await own(store, '0042', Buffer.from('newer'), v(6));
      await logged(store, '0777', Buffer.from("a replica's copy"), v(7));
      assert.equal(store.getPending('2067')!.own, true, "marked as this peer's own");
      assert.equal(store.getPending('0777')!.own, undefined, "a replica's is not");
      // The log as the disk had it before the commits: their records never got there.
      const beforeCommits = await readFile(logPath);
      assert.equal(await store.promote('2067', v(20)), true);
      assert.equal(await store.promote('0042', v(6)), true);
      assert.deepEqual([store.get('2067')!.own, store.get('0042')!.own], [undefined, undefined], 'held: no mark');
      await store.idle();
      // The crash: 2067's rename reached the disk, 0042's did not (its old bytes), and neither commit's record did.
      await writeFile(logPath, beforeCommits);
      await writeFile(join(dir, 'files', '0042'), 'older');
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('2067')!.version, v(20), 'its rename says it was committed');
      assert.equal(reopened.getPending('2067'), undefined);
      assert.equal(await reopened.verify('2067'), true);
      assert.deepEqual(reopened.get('0042')!.version, v(5), 'the held copy is what files/ holds');
      assert.equal(await reopened.verify('0042'), true, 'and is not served as a newer copy');
      assert.deepEqual(
        [reopened.getPending('0042')!.version, reopened.getPending('0042')!.own],
        [v(6), true],
        'pending and marked own: the machine commits it as it starts',
      );
      assert.equal(reopened.getPending('0777')!.own, undefined, "a replica's copy waits for its settle");
      await reopened.close();
      // The mark survives another restart (pending/'s files now), and the commit then works.
      const third = await FileStore.open(dir);
      assert.equal(third.getPending('0042')!.own, true);
      assert.equal(await third.promote('0042', v(6)), true);
      assert.equal(await readFile(third.pathOf('0042'), 'utf8'), 'newer');
      await third.close();
      const fourth = await FileStore.open(dir);
      assert.deepEqual([fourth.get('0042')!.version, fourth.get('0042')!.own], [v(6), undefined]);
      await Promise.all([store.close(), fourth.close()]);
    }));

  test("a streamed copy kept as this peer's own is marked so, across a restart; a replica's is not", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      for (const [name, own] of [
        ['2067', true],
        ['0042', false],
      ] as const) {
        const writer = await store.writer(name, { version: v(20), pending: true, own });
        await writer.write(Buffer.from(`streamed ${name}`));
        await writer.commit();
      }
      assert.deepEqual([store.getPending('2067')!.own, store.getPending('0042')!.own], [true, undefined]);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.getPending('2067')!.own, reopened.getPending('0042')!.own], [true, undefined]);
      assert.equal(await reopened.promote('2067', v(20)), true);
      assert.equal(reopened.get('2067')!.own, undefined);
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("this peer's own copy renamed in but torn by the crash (its flush and its commit's record lost): pending and own, not held", () =>
    withTempDir(async (dir) => {
      const logPath = join(dir, 'pending', 'copies.log');
      const store = await FileStore.open(dir);
      const bytes = randomBytes(2048);
      await own(store, '2067', bytes, v(20));
      const beforeCommit = await readFile(logPath);
      assert.equal(await store.promote('2067', v(20)), true);
      await store.idle();
      await writeFile(logPath, beforeCommit);
      await writeFile(join(dir, 'files', '2067'), Buffer.alloc(2048));
      const reopened = await FileStore.open(dir);
      assert.equal(reopened.get('2067'), undefined, 'no held copy: the torn bytes are not served');
      assert.deepEqual([reopened.getPending('2067')!.version, reopened.getPending('2067')!.own], [v(20), true]);
      assert.equal(await reopened.promote('2067', v(20)), true);
      assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("a streamed own copy's discard (its store failed) resolves only once its removal is durable: a restart must not commit it", () =>
    withTempDir(async (dir) => {
      let hold = false;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      let asked!: (path: string) => void;
      const flushAsked = new Promise<string>((resolve) => {
        asked = resolve;
      });
      const syncDirectory = (path: string) => {
        if (!hold) return Promise.resolve();
        asked(path);
        return gate;
      };
      const store = await FileStore.open(dir, { syncDirectory });
      const writer = await store.writer('2067', { version: v(20), pending: true, own: true });
      await writer.write(Buffer.from('a failed store'));
      await writer.commit();
      hold = true;
      const discard = store.discard('2067', v(20));
      const first = await Promise.race([flushAsked, discard.then(() => 'answered')]);
      assert.equal(
        first,
        join(dir, 'pending', 'meta'),
        'its metadata directory is flushed before the discard is answered',
      );
      open();
      assert.equal(await discard, true);
      await store.close();
    }));

  test("an own copy moved out of the log into pending/'s files, then discarded (its store failed): a restart finds nothing to commit", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir, { copyLogMaxBytes: 8 * 1024 });
      await own(store, '0100', Buffer.from('first'), v(3));
      assert.equal(await store.promote('0100', v(3)), true);
      await store.idle();
      await own(store, '2067', randomBytes(10 * 1024), v(20)); // past the log's bound: its bytes move to pending/files
      await store.idle();
      assert.deepEqual(await readdir(join(dir, 'pending', 'files')), ['2067'], 'moved out of the log');
      assert.equal(await store.discard('2067', v(20)), true);
      // A crash now (a close would start the log again).
      const reopened = await FileStore.open(dir);
      assert.equal(reopened.getPending('2067'), undefined, 'nothing pending: its copy record was taken back');
      await Promise.all([store.close(), reopened.close()]);
    }));

  for (const torn of ['zeros', 'empty', 'missing'] as const)
    test(`this peer's own copy that a checkpoint lists held before its commit's record and its flush reached the disk: torn by the crash (${torn}), it is written again from the log, or committed as the peer starts, and not reported lost`, () =>
      withTempDir(async (dir) => {
        const logPath = join(dir, 'pending', 'copies.log');
        const store = await FileStore.open(dir, { checkpointAfterBytes: 1 });
        await store.putWhole('0042', Buffer.from('another'), { version: v(5) });
        await own(store, '0100', Buffer.from('first'), v(3));
        assert.equal(await store.promote('0100', v(3)), true);
        await store.idle(); // its commit settled: index.json written
        const bytes = randomBytes(2048);
        await own(store, '2067', bytes, v(20));
        const beforeCommit = await readFile(logPath);
        assert.equal(await store.promote('2067', v(20)), true);
        await store.remove('0042'); // a checkpoint of the held index (anti-entropy dropping a copy, say), listing 2067
        await store.idle();
        const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { files: StoredFile[] };
        assert.deepEqual(index.files.find((f) => f.name === '2067')?.version, v(20), 'the checkpoint lists it');
        // The crash: index.json lists 2067 at 20, the commit's record never reached the log, the data's flush never came.
        await writeFile(logPath, beforeCommit);
        const path = join(dir, 'files', '2067');
        if (torn === 'missing') await rm(path);
        else await writeFile(path, Buffer.alloc(torn === 'zeros' ? 2048 : 0));
        const reopened = await FileStore.open(dir);
        assert.deepEqual(reopened.damaged, [], 'not reported lost');
        if (torn === 'zeros') {
          assert.deepEqual(reopened.get('2067')?.version, v(20), 'held at the version acknowledged');
          assert.equal(await reopened.verify('2067'), true, 'with the bytes stored, not the torn ones');
          assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
        } else {
          // Another size: found damaged as the store loaded, so not held; its copy is pending and own (commitOwnPending).
          const pending = reopened.getPending('2067');
          assert.deepEqual([pending?.own, pending?.version], [true, v(20)]);
        }
        await Promise.all([store.close(), reopened.close()]);
      }));

  test("this peer's own copy is promoted once its commit is decided, its files/ entry written and renamed in after: a read here meanwhile gets the new bytes without waiting, never the older copy, and one after the rename reads them from files/", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
      const bytes = randomBytes(2048);
      await own(store, '2067', bytes, v(20));
      const steps: string[] = [];
      store.onStep = (step, name) => {
        if (name === '2067') steps.push(step);
      };
      assert.equal(await store.promote('2067', v(20)), true);
      // The read is asked for as the store would be acknowledged.
      const read = store.readOrOpen('2067', 4096);
      assert.deepEqual(steps, ['promote.decided'], 'answered before its files/ entry is written and renamed in');
      assert.deepEqual(store.get('2067')?.version, v(20), 'held at the new version from the answer on');
      assert.deepEqual(wholeOf(await read), bytes, 'the new bytes');
      assert.ok(!steps.includes('promote.renamed'), 'served before the rename, from the copy kept in memory');
      // Anything that reads files/ itself (a verify, the scrub) waits for the rename.
      assert.equal(await store.verify('2067'), true);
      assert.ok(steps.includes('promote.renamed'));
      assert.deepEqual(wholeOf(await store.readOrOpen('2067', 4096)), bytes);
      assert.equal(store.getPending('2067'), undefined);
      await store.idle();
      // A crash that lost the rename (files/ as before it) and kept the commit's record: the log writes it again.
      await writeFile(join(dir, 'files', '2067'), 'older');
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')?.version, reopened.pendingNames()], [v(20), []]);
      assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("an own promotion that starts while the store closes has its commit's record written before close() resolves", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await own(store, '2067', Buffer.from('acknowledged'), v(20));
      const closing = store.close();
      const promoting = store.promote('2067', v(20));
      await closing;
      assert.equal(await promoting, true);
      assert.deepEqual(
        (await CopyLog.read(join(dir, 'pending', 'copies.log'))).map((r) => r.kind),
        ['copy', 'commit'],
      );
    }));

  test("this peer's own copy is promoted before its commit's record is appended (the store's answer leaves first): a crash at the answer finds it pending and own, one after the record holds it", () =>
    withTempDir(async (root) => {
      const dir = join(root, 'peer');
      const store = await FileStore.open(dir);
      const bytes = randomBytes(2048);
      await own(store, '2067', bytes, v(20));
      const records = store.logCounts.records;
      assert.equal(await store.promote('2067', v(20)), true);
      assert.equal(store.logCounts.records, records, 'nothing appended to the log before the answer');
      // A crash at the answer: the data directory as it is on the disk now (copied in this turn, before any write).
      const atAnswer = join(root, 'at-answer');
      cpSync(dir, atAnswer, { recursive: true });
      await store.idle();
      assert.equal(store.logCounts.records, records + 1, "the commit's record, after the answer");
      const logPath = join(dir, 'pending', 'copies.log');
      assert.deepEqual(
        (await CopyLog.read(logPath)).map((r) => r.kind),
        ['copy', 'commit'],
      );
      const crashed = await FileStore.open(atAnswer);
      const pending = crashed.getPending('2067');
      assert.deepEqual([pending?.own, pending?.version, crashed.get('2067')], [true, v(20), undefined]);
      await crashed.close();
      // A crash once the record is on the disk, files/ torn (its entry's flush never came): the log writes it again.
      const afterRecord = join(root, 'after-record');
      cpSync(dir, afterRecord, { recursive: true });
      await writeFile(join(afterRecord, 'files', '2067'), 'torn');
      const reopened = await FileStore.open(afterRecord);
      assert.deepEqual([reopened.get('2067')?.version, reopened.pendingNames()], [v(20), []]);
      assert.deepEqual(await readFile(reopened.pathOf('2067')), bytes);
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("this peer's own copy whose rename fails after the promotion answered: the commit stands, the copy is lost here (a read finds it missing); a restart before the loss is recorded writes it from the log, one after serves it at no version", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir, { syncDirectory: async () => {} });
      await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
      const bytes = randomBytes(2048);
      await own(store, '2067', bytes, v(20));
      // files/ is gone from under the store: its entry, written once the commit is decided, cannot be.
      await rm(join(dir, 'files'), { recursive: true });
      assert.equal(await store.promote('2067', v(20)), true, 'the store is acknowledged');
      await store.idle(); // its entry failed
      assert.equal(await store.readOrOpen('2067', 4096), undefined, 'not served: neither the new nor the older copy');
      assert.deepEqual([store.get('2067'), store.pendingNames()], [undefined, []]);
      // A disk port's read says missing: the runtime tells the machine the copy is lost (fileLost).
      const disk = new RealDisk(store, dir, 64 * 1024);
      const opened = await new Promise((resolve) => disk.open('2067', 4096, resolve));
      assert.equal((opened as { kind?: string }).kind, 'missing');
      await store.idle();
      // The loss is recorded: the log says no copy at or below v20 is held here, and the older copy's files are gone.
      const logPath = join(dir, 'pending', 'copies.log');
      assert.deepEqual(
        (await CopyLog.read(logPath)).filter((r) => r.kind !== 'copy').map((r) => r.kind),
        ['commit', 'remove'],
      );
      await mkdir(join(dir, 'files'));
      const saved = join(dir, 'saved.log');
      await copyFile(logPath, saved);
      // The process is gone here (no close): the restart serves neither the lost copy nor the older one.
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067'), reopened.pendingNames()], [undefined, []]);
      await reopened.close();
      // A crash before the loss was recorded (its remove record not on the disk): the restart writes it from the log.
      await copyFile(saved, logPath);
      await logWithout(logPath, (record) => record.kind === 'remove');
      const beforeLoss = await FileStore.open(dir);
      assert.deepEqual([beforeLoss.get('2067')?.version, beforeLoss.pendingNames()], [v(20), []]);
      assert.equal(await beforeLoss.verify('2067'), true);
      assert.deepEqual(await readFile(beforeLoss.pathOf('2067')), bytes);
      await Promise.all([store.close(), beforeLoss.close()]);
      // A crash that lost the commit's record as well: pending and own, which the machine commits as it starts.
      const again = join(dir, 'again');
      const crashed = await FileStore.open(again);
      await own(crashed, '2067', bytes, v(20));
      const copyOnly = await readFile(join(again, 'pending', 'copies.log'));
      await rm(join(again, 'files'), { recursive: true });
      assert.equal(await crashed.promote('2067', v(20)), true);
      await crashed.idle();
      await writeFile(join(again, 'pending', 'copies.log'), copyOnly);
      const third = await FileStore.open(again);
      assert.equal(third.get('2067'), undefined);
      assert.deepEqual([third.getPending('2067')?.version, third.getPending('2067')?.own], [v(20), true]);
      await Promise.all([crashed.close(), third.close()]);
    }));

  test("a replica's commit whose rename fails is taken back before it answers: the copy is dropped, and stays dropped after a crash", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('not committed here'), v(20));
      // Something in files/' way (a directory of that name): its entry is written beside it, the rename fails.
      await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
      await assert.rejects(store.promote('2067', v(20)));
      assert.deepEqual([store.get('2067'), store.pendingNames()], [undefined, []]);
      await rm(join(dir, 'files', '2067'), { recursive: true });
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067'), reopened.pendingNames()], [undefined, []]);
      await Promise.all([store.close(), reopened.close()]);
    }));
  test('a copy this peer commits itself has its entries written beforehand: the commit renames them in; a dropped or replaced one leaves no temporary file', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await own(store, '2067', 'first', v(20));
      await own(store, '2067', 'replaced it', v(21));
      await own(store, '0042', 'its store failed', v(5));
      assert.equal(await store.discard('0042', v(5)), true);
      assert.equal(await store.promote('2067', v(21)), true);
      await store.idle(); // the rename of this peer's own copy follows the promotion's answer
      assert.equal(await readFile(store.pathOf('2067'), 'utf8'), 'replaced it');
      await store.close();
      assert.deepEqual(await readdir(join(dir, 'files')), ['2067'], 'no temporary files left');
      assert.deepEqual(await readdir(join(dir, 'meta')), []);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')!.version, reopened.pendingNames()], [v(21), []]);
      assert.equal(await reopened.verify('2067'), true);
    }));
  test('entries that cannot be written (a disk gone bad) leave nothing committed: the copy stays pending', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('acknowledged by this replica'), v(20));
      await rm(join(dir, 'files'), { recursive: true });
      await assert.rejects(store.promote('2067', v(20)), /ENOENT/);
      assert.deepEqual([store.get('2067'), store.pendingNames()], [undefined, ['2067']]);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067'), reopened.pendingNames()], [undefined, ['2067']]);
      assert.equal(await reopened.promote('2067', v(20)), true, 'promoted once the disk works again');
      await Promise.all([store.close(), reopened.close()]);
    }));
  test('a commit writes no meta/NAME.json: its metadata is in the log until a checkpoint; a crash at each point keeps the file', () =>
    withTempDir(async (dir) => {
      const bytes = randomBytes(1024);
      const store = await FileStore.open(dir);
      await own(store, '2067', bytes, v(20));
      assert.equal(await store.promote('2067', v(20)), true);
      await store.idle();
      assert.deepEqual(await readdir(join(dir, 'meta')), []);
      const logPath = join(dir, 'pending', 'copies.log');
      const logBefore = await readFile(logPath);
      // A crash after the commit's flushes, before any checkpoint: the log alone says what 2067 is.
      const afterCommit = await FileStore.open(dir);
      assert.deepEqual([afterCommit.get('2067')!.version, afterCommit.damaged], [v(20), []]);
      assert.deepEqual(await readFile(afterCommit.pathOf('2067')), bytes);
      await afterCommit.close();
      await store.close();
      // A crash after the checkpoint, before the log's new start reached the disk: both say the same.
      assert.deepEqual((await stat(join(dir, 'index.json'))).isFile(), true);
      await writeFile(logPath, logBefore);
      const afterCheckpoint = await FileStore.open(dir);
      assert.deepEqual([afterCheckpoint.get('2067')!.version, afterCheckpoint.damaged], [v(20), []]);
      assert.equal(await afterCheckpoint.verify('2067'), true);
      await afterCheckpoint.close();
      // After the log started again: index.json alone.
      assert.deepEqual(await CopyLog.read(logPath), []);
      const afterReset = await FileStore.open(dir);
      assert.deepEqual([afterReset.get('2067')!.version, afterReset.damaged], [v(20), []]);
      assert.equal(await afterReset.verify('2067'), true);
      await afterReset.close();
    }));

  test('closing waits for a promotion under way: its commit is kept', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('acknowledged'), v(20));
      const promoting = store.promote('2067', v(20));
      await store.close();
      assert.equal(await promoting, true);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('2067')!.version, reopened.pendingNames()], [v(20), []]);
      await reopened.close();
    }));

  test('a newer pending copy in the log does not hide an older committed one: after a crash, both are there', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('committed'), v(5));
      assert.equal(await store.promote('2067', v(5)), true);
      await store.idle();
      await logged(store, '2067', Buffer.from('its store is under way'), v(6));
      const crashed = await FileStore.open(dir);
      assert.deepEqual([crashed.get('2067')!.version, crashed.getPending('2067')!.version], [v(5), v(6)]);
      assert.equal(await readFile(crashed.pathOf('2067'), 'utf8'), 'committed');
      await Promise.all([crashed.close(), store.close()]);
    }));

  test('past its checkpoint size, the log checkpoints the held index and starts again; every file is kept', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir, { checkpointAfterBytes: 3000 });
      const copies = Array.from({ length: 5 }, () => randomBytes(1024));
      for (const [i, bytes] of copies.entries()) {
        await logged(store, `f${i}`, bytes, v(i + 1));
        assert.equal(await store.promote(`f${i}`, v(i + 1)), true);
        await store.idle();
      }
      assert.equal(store.checkpointCounts.written >= 1, true, 'a checkpoint was written before the store closed');
      const logPath = join(dir, 'pending', 'copies.log');
      assert.equal((await CopyLog.read(logPath)).length < 2 * copies.length, true, 'the log started again');
      // A crash now: index.json and what the log holds since.
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.names(), ['f0', 'f1', 'f2', 'f3', 'f4']);
      for (const [i, bytes] of copies.entries()) assert.deepEqual(await readFile(reopened.pathOf(`f${i}`)), bytes);
      assert.deepEqual(await readdir(join(dir, 'meta')), []);
      await Promise.all([store.close(), reopened.close()]);
    }));

  test("an older version's meta/NAME.json (a directory written before) loses to the commit through the log, and goes", () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await store.putWhole('0042', Buffer.from('older'), { version: v(5) });
      assert.deepEqual(await readdir(join(dir, 'meta')), ['0042.json'], 'as every copy was kept before the log');
      await logged(store, '0042', Buffer.from('the newer one'), v(6));
      assert.equal(await store.promote('0042', v(6)), true);
      await store.idle();
      // A crash: meta/ says v5 (5 bytes), files/ and the log say v6: not damaged.
      const crashed = await FileStore.open(dir);
      assert.deepEqual([crashed.get('0042')!.version, crashed.damaged], [v(6), []]);
      assert.equal(await readFile(crashed.pathOf('0042'), 'utf8'), 'the newer one');
      await Promise.all([crashed.close(), store.close()]);
      const reopened = await FileStore.open(dir);
      assert.deepEqual([reopened.get('0042')!.version, reopened.damaged], [v(6), []]);
      assert.deepEqual(await readdir(join(dir, 'meta')), [], 'the older metadata is gone');
      assert.equal(await reopened.verify('0042'), true);
      await reopened.close();
    }));

  test('a removed file stays removed after a crash (whether the log or index.json listed it), and is not reported lost', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      for (const name of ['a', 'b']) {
        await logged(store, name, Buffer.from(name), v(1));
        assert.equal(await store.promote(name, v(1)), true);
      }
      await store.close();
      const second = await FileStore.open(dir);
      await logged(second, 'c', Buffer.from('c'), v(1));
      assert.equal(await second.promote('c', v(1)), true);
      await second.remove('a'); // listed by index.json
      assert.equal(await second.removeIf('c', second.get('c')!.sha256), true); // its commit is in the log
      await second.idle();
      const crashed = await FileStore.open(dir);
      assert.deepEqual([crashed.names(), crashed.damaged], [['b'], []]);
      await Promise.all([crashed.close(), second.close()]);
    }));

  test('an index.json that is not ours is refused with a message, and no file is deleted', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await logged(store, '2067', Buffer.from('kept'), v(20));
      assert.equal(await store.promote('2067', v(20)), true);
      await store.close();
      await writeFile(join(dir, 'index.json'), 'not an index');
      await assert.rejects(FileStore.open(dir), (error: Error) => {
        assert.equal(error instanceof ForeignDataError, true);
        assert.match(error.message, /index\.json is not a ringdht index: move it out of the data directory/);
        return true;
      });
      assert.equal(await readFile(join(dir, 'files', '2067'), 'utf8'), 'kept');
    }));

  test('a store closed with no copy pending leaves its log empty: a held file damaged later is found, not rewritten', () =>
    withTempDir(async (dir) => {
      const store = await FileStore.open(dir);
      await own(store, '2067', Buffer.from('three'), v(20));
      await logged(store, '0042', Buffer.from('still pending'), v(5));
      assert.equal(await store.promote('2067', v(20)), true);
      assert.equal(await store.discard('0042', v(5)), true);
      await store.close();
      assert.deepEqual(await CopyLog.read(join(dir, 'pending', 'copies.log')), []);
      await writeFile(join(dir, 'files', '2067'), 'thref'); // same size, other bytes
      const reopened = await FileStore.open(dir);
      assert.equal(await reopened.verify('2067'), false);
      await reopened.close();
    }));
});
