// Received files are written into empty files created ahead through the thread pool (src/store/spare-files.ts), so
// their creates are not on the peer's thread: the files' names and bytes are as without spares, a failed write leaves
// nothing, a spare someone else touched is not used, and close (or a restart after a kill) leaves no spare behind.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { appendFile, link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeSmallFileSync } from '../../src/store/atomic-file.ts';
import { removeSpares, SpareFiles } from '../../src/store/spare-files.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('spares', run);
const inode = (path: string) => statSync(path).ino;
const sparesIn = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('.spare.'));

test('files go into spares created ahead off the thread, whole; a replaced copy is never written into', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir);
    const path = join(dir, 'received_0001.pdf');
    writeSmallFileSync(path, Buffer.from('one'), { spares }); // none yet: created here, and more asked for
    await spares.created();
    const ahead = await sparesIn(dir);
    assert.equal(ahead.length, spares.size);
    assert.ok(spares.size >= 4, `${spares.size} created ahead`);
    const inodes = new Set(ahead.map((name) => inode(join(dir, name))));
    const first = inode(path);
    for (const bytes of ['a longer second copy', 'two']) {
      writeSmallFileSync(path, Buffer.from(bytes), { spares });
      assert.ok(inodes.has(inode(path)), 'written into a spare created ahead');
      assert.equal(await readFile(path, 'utf8'), bytes);
    }
    assert.ok(!(await sparesIn(dir)).some((name) => inode(join(dir, name)) === first), 'the replaced copy is gone');
    await spares.close();
    assert.deepEqual(await readdir(dir), ['received_0001.pdf'], 'close removes the spares');
    writeSmallFileSync(path, Buffer.from('three'), { spares });
    assert.deepEqual(await readdir(dir), ['received_0001.pdf'], 'none created after close');
    assert.equal(await readFile(path, 'utf8'), 'three');
  }));

test('a reader holding an older copy open keeps its bytes, however many copies come after', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir);
    const path = join(dir, 'received_2067.pdf');
    writeSmallFileSync(path, Buffer.from('the copy a viewer opened'), { spares });
    await spares.created();
    const { open } = await import('node:fs/promises');
    const viewer = await open(path, 'r');
    try {
      for (let i = 0; i < 20; i++) writeSmallFileSync(path, Buffer.from(`copy ${i}`), { spares });
      const again = Buffer.alloc(64);
      const { bytesRead } = await viewer.read(again, 0, 64, 0);
      assert.equal(again.subarray(0, bytesRead).toString(), 'the copy a viewer opened');
    } finally {
      await viewer.close();
    }
    await spares.close();
  }));

test('a spare someone linked or wrote into meanwhile is not used; a write that cannot happen leaves nothing', () =>
  withTempDir(async (dir) => {
    const spares = new SpareFiles(dir);
    writeSmallFileSync(join(dir, 'received_0001.pdf'), Buffer.from('one'), { spares });
    await spares.created();
    const [linked, written] = await sparesIn(dir);
    await link(join(dir, linked!), join(dir, 'a-link'));
    await appendFile(join(dir, written!), 'not empty');
    for (const name of ['0002', '0003'])
      writeSmallFileSync(join(dir, `received_${name}.pdf`), Buffer.from(name), { spares });
    assert.equal(await readFile(join(dir, 'a-link'), 'utf8'), '', 'the linked spare was not written into');
    assert.ok(!(await readdir(dir)).includes(written!), 'the written one removed');

    await mkdir(join(dir, 'taken', 'inside'), { recursive: true }); // a directory where the file should go
    assert.throws(
      () => writeSmallFileSync(join(dir, 'taken'), Buffer.from('x'), { spares }),
      /EISDIR|ENOTEMPTY|EEXIST|directory/,
    );
    await spares.created();
    assert.equal((await sparesIn(dir)).length, spares.size, 'the spare it was written into is gone, not left behind');
    await spares.close();
    assert.deepEqual((await readdir(dir)).sort(), [
      'a-link',
      'received_0001.pdf',
      'received_0002.pdf',
      'received_0003.pdf',
      'taken',
    ]);
  }));

test('spares of another directory are not used', () =>
  withTempDir(async (dir) => {
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    const spares = new SpareFiles(join(dir, 'a'));
    writeSmallFileSync(join(dir, 'a', 'received_0001.pdf'), Buffer.from('one'), { spares });
    await spares.created();
    const size = spares.size;
    writeSmallFileSync(join(dir, 'b', 'received_0003.pdf'), Buffer.from('two'), { spares });
    assert.equal(spares.size, size);
    assert.deepEqual(await readdir(join(dir, 'b')), ['received_0003.pdf']);
    await spares.close();
  }));

test("spares a killed writer left are removed when it starts again, or by whoever killed it; other writers' stay", () =>
  withTempDir(async (dir) => {
    await writeFile(join(dir, 'received_0001.pdf'), 'mine');
    const left = new SpareFiles(dir, 'peer7');
    writeSmallFileSync(join(dir, 'received_0001.pdf'), Buffer.from('one'), { spares: left });
    await left.created();
    const other = new SpareFiles(dir, 'peer8');
    writeSmallFileSync(join(dir, 'received_0002.pdf'), Buffer.from('a'), { spares: other });
    await other.created();
    const owners = async () => [...new Set((await sparesIn(dir)).map((name) => name.split('.')[2]))].sort();
    assert.deepEqual(await owners(), ['peer7', 'peer8']);
    const again = new SpareFiles(dir, 'peer7'); // peer 7 again, after a kill -9 (no close)
    assert.deepEqual(await owners(), ['peer8']);
    removeSpares(dir, 'peer8'); // the ring that killed peer 8's thread
    assert.deepEqual(await owners(), []);
    assert.equal(await readFile(join(dir, 'received_0001.pdf'), 'utf8'), 'one');
    await again.close();
    await other.close();
  }));
