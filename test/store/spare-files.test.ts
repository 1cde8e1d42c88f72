// Received files written over the same names reuse the inodes of the copies they replace (src/store/spare-files.ts):
// the files' names and bytes are as without spares, a copy the user linked elsewhere keeps its bytes, a failed write
// leaves nothing, and close leaves no spare in the directory.
import assert from 'node:assert/strict';
import { closeSync, statSync } from 'node:fs';
import { chmod, link, mkdir, open, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeSmallFileSync } from '../../src/store/atomic-file.ts';
import { accessTimesKept, SPARE_MAX_BYTES, SpareFiles } from '../../src/store/spare-files.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('spares', run);
const inode = (path: string) => statSync(path).ino;

test('a file written again goes into the inode of a copy it replaced before, whole and cut to its new length', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir, false);
    const path = join(dir, 'received_2067.pdf');
    writeSmallFileSync(path, Buffer.alloc(5000, 1), { spares });
    const first = inode(path);
    writeSmallFileSync(path, [Buffer.from('second '), Buffer.from('copy')], { spares });
    assert.equal(spares.size, 1, 'the first copy is kept as a spare');
    const second = inode(path);
    writeSmallFileSync(path, Buffer.from('third'), { spares });
    assert.equal(inode(path), first, 'the third copy was written into the first one');
    writeSmallFileSync(path, Buffer.from('fourth'), { spares });
    assert.equal(inode(path), second);
    assert.equal(await readFile(path, 'utf8'), 'fourth', 'none of the earlier copies’ longer bytes left');
    assert.equal((await readdir(dir)).length, 2, 'the received file and one spare');

    await spares.close();
    assert.deepEqual(await readdir(dir), ['received_2067.pdf'], 'close removes the spares');
    writeSmallFileSync(path, Buffer.from('fifth'), { spares });
    writeSmallFileSync(path, Buffer.from('sixth'), { spares });
    assert.deepEqual(await readdir(dir), ['received_2067.pdf'], 'none kept after close');
    assert.equal(await readFile(path, 'utf8'), 'sixth');
  }));

test('a copy read since it was written is not written into: a reader holding it open keeps its bytes', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir, false);
    const path = join(dir, 'received_2067.pdf');
    writeSmallFileSync(path, Buffer.from('the copy a viewer opened'), { spares });
    const viewer = await open(path, 'r');
    try {
      assert.equal((await viewer.read(Buffer.alloc(64), 0, 64, 0)).bytesRead, 24);
      writeSmallFileSync(path, Buffer.from('second'), { spares });
      assert.equal(spares.size, 0, 'the copy read is not kept');
      writeSmallFileSync(path, Buffer.from('third'), { spares });
      writeSmallFileSync(path, Buffer.from('fourth'), { spares });
      const again = Buffer.alloc(64);
      const { bytesRead } = await viewer.read(again, 0, 64, 0);
      assert.equal(again.subarray(0, bytesRead).toString(), 'the copy a viewer opened');
    } finally {
      await viewer.close();
    }

    // Read after it was kept (the reader opened it before the rename): not taken either.
    writeSmallFileSync(path, Buffer.from('fifth'), { spares });
    assert.equal(spares.size, 1, 'the fourth copy, not read, is kept');
    const late = await open(join(dir, (await readdir(dir)).find((name) => name.startsWith('.spare'))!), 'r');
    await late.read(Buffer.alloc(8), 0, 8, 0);
    await late.close();
    const before = inode(path);
    writeSmallFileSync(path, Buffer.from('sixth'), { spares });
    assert.notEqual(inode(path), before);
    assert.equal(spares.size, 1, 'the read spare let go; the fifth kept');
    assert.equal(await readFile(path, 'utf8'), 'sixth');
    await spares.close();
  }));

test('no replaced copy is kept where the file system does not record reads (noatime), nor where mounts cannot be read', () =>
  withTempDir(async (dir) => {
    const line = (point: string, options: string) => `36 25 8:1 / ${point} ${options} shared:1 - ext4 /dev/vda rw`;
    const table = join(dir, 'mountinfo');
    await writeFile(table, [line('/', 'rw,relatime'), line(dir, 'rw,noatime'), ''].join('\n'));
    assert.equal(accessTimesKept(dir, table), false, 'its own noatime mount');
    await writeFile(table, [line('/', 'rw,noatime'), line(dir, 'rw,relatime')].join('\n'));
    assert.equal(accessTimesKept(dir, table), true, 'the nearest mount decides');
    await writeFile(table, line(`${dir}-other`, 'rw,noatime'));
    assert.equal(accessTimesKept(dir, table), false, 'a sibling is not a parent: and no mount holds it');
    assert.equal(accessTimesKept(dir, join(dir, 'none')), false, 'no mount table');
  }));

test('a copy the user linked under another name keeps its bytes: it is not written into, nor one two writers kept by both', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir, false);
    const path = join(dir, 'received_0001.pdf');
    writeSmallFileSync(path, Buffer.from('the first copy'), { spares });
    await link(path, join(dir, 'kept-by-user.pdf'));
    writeSmallFileSync(path, Buffer.from('second'), { spares });
    writeSmallFileSync(path, Buffer.from('third'), { spares });
    assert.equal(await readFile(join(dir, 'kept-by-user.pdf'), 'utf8'), 'the first copy');
    assert.equal(await readFile(path, 'utf8'), 'third');

    // Two writers of the directory (peers sharing it) kept the same copy before its rename: never both write into it.
    const shared = join(dir, 'received_0002.pdf');
    await writeFile(shared, 'the copy both kept');
    const [one, two] = [new SpareFiles(dir, false), new SpareFiles(dir, false)];
    const kept = [one.keep(shared)!, join(dir, '.spare.two.0.tmp')];
    await link(shared, kept[1]!); // the other's keep, between this one's link and its check
    await writeFile(join(dir, 'next'), 'newer');
    await rename(join(dir, 'next'), shared);
    one.adopt(kept[0]!);
    two.adopt(kept[1]!);
    assert.equal(one.take(), undefined, 'not while the other holds it too');
    assert.ok(!(await readdir(dir)).some((name) => kept[0]!.endsWith(name)), 'and let go');
    const taken = two.take();
    assert.equal(taken?.path, kept[1], 'the other holds it alone now');
    closeSync(taken!.fd);
    assert.equal(await readFile(shared, 'utf8'), 'newer');
  }));

test('a large copy replaced is not kept; a write that cannot happen leaves neither its spare nor a temporary file', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir, false);
    const large = join(dir, 'received_large');
    writeSmallFileSync(large, Buffer.alloc(SPARE_MAX_BYTES + 1), { spares });
    writeSmallFileSync(large, Buffer.from('small'), { spares });
    assert.equal(spares.size, 0);
    const path = join(dir, 'received_0002.pdf');
    writeSmallFileSync(path, Buffer.from('a'), { spares });
    writeSmallFileSync(path, Buffer.from('b'), { spares });
    assert.equal(spares.size, 1);

    const taken = join(dir, 'taken');
    await mkdir(join(taken, 'inside'), { recursive: true }); // a directory where the file should go: the rename fails
    assert.throws(() => writeSmallFileSync(taken, Buffer.from('x'), { spares }), /EISDIR|ENOTEMPTY|EEXIST|directory/);
    assert.equal(spares.size, 0, 'the spare it was written into is gone');
    assert.deepEqual((await readdir(dir)).sort(), ['received_0002.pdf', 'received_large', 'taken']);
  }));

test('spares of another directory are not used', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(join(dir, 'a'), false);
    const path = join(dir, 'b', 'received_0003.pdf');
    await mkdir(join(dir, 'b'));
    writeSmallFileSync(path, Buffer.from('one'), { spares });
    writeSmallFileSync(path, Buffer.from('two'), { spares });
    assert.equal(spares.size, 0);
    assert.deepEqual(await readdir(join(dir, 'b')), ['received_0003.pdf']);
  }));

test('files of new names go into spares created ahead off the thread; close waits for those being created', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir);
    writeSmallFileSync(join(dir, 'received_0001.pdf'), Buffer.from('one'), { spares }); // none yet: created here
    await spares.created();
    const ahead = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    assert.equal(ahead.length, spares.size);
    assert.ok(spares.size >= 4, `${spares.size} created ahead`);
    const inodes = new Set(ahead.map((name) => inode(join(dir, name))));
    for (const name of ['0002', '0003']) {
      const path = join(dir, `received_${name}.pdf`);
      writeSmallFileSync(path, Buffer.from(name), { spares });
      assert.ok(inodes.has(inode(path)), 'written into a spare created ahead');
      assert.equal(await readFile(path, 'utf8'), name);
    }

    // A quit while spares are being created: close resolves once they are there, and removes them.
    const other = join(dir, 'other');
    await mkdir(other);
    const quitting = new SpareFiles(other);
    writeSmallFileSync(join(other, 'received_0004.pdf'), Buffer.from('four'), { spares: quitting });
    await quitting.close();
    await spares.close();
    assert.deepEqual(await readdir(other), ['received_0004.pdf']);
    assert.deepEqual((await readdir(dir)).sort(), [
      'other',
      'received_0001.pdf',
      'received_0002.pdf',
      'received_0003.pdf',
    ]);
  }));

test("spares a killed writer of the same name left are removed when it starts again; other writers' stay", () =>
  withTempDir(async (dir) => {
    const left = new SpareFiles(dir, false, 'peer7');
    const path = join(dir, 'received_0001.pdf');
    writeSmallFileSync(path, Buffer.from('one'), { spares: left });
    writeSmallFileSync(path, Buffer.from('two'), { spares: left });
    const other = new SpareFiles(dir, false, 'peer8');
    writeSmallFileSync(join(dir, 'received_0002.pdf'), Buffer.from('a'), { spares: other });
    writeSmallFileSync(join(dir, 'received_0002.pdf'), Buffer.from('b'), { spares: other });
    assert.equal((await readdir(dir)).filter((name) => name.endsWith('.tmp')).length, 2);
    new SpareFiles(dir, false, 'peer7'); // peer 7 again, after a kill -9 (no close)
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')).map((name) => name.split('.')[2]),
      ['peer8'],
    );
    assert.equal(await readFile(path, 'utf8'), 'two');
  }));

test('a received name that is a symbolic link, or a copy whose permissions the user changed, is never written into', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir, false);
    const target = join(dir, 'users-own.pdf');
    await writeFile(target, 'the user’s file');
    const path = join(dir, 'received_0001.pdf');
    await symlink(target, path);
    for (const bytes of ['one', 'two', 'three']) writeSmallFileSync(path, Buffer.from(bytes), { spares });
    assert.equal(await readFile(target, 'utf8'), 'the user’s file');
    assert.equal(await readFile(path, 'utf8'), 'three');

    const other = join(dir, 'received_0002.pdf');
    writeSmallFileSync(other, Buffer.from('a'), { spares });
    await chmod(other, 0o600);
    writeSmallFileSync(other, Buffer.from('b'), { spares });
    writeSmallFileSync(other, Buffer.from('c'), { spares });
    assert.notEqual(statSync(other).mode & 0o777, 0o600, 'a new file’s permissions, not the copy’s the user changed');
    assert.equal(await readFile(other, 'utf8'), 'c');
  }));
