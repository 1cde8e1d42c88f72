// An own copy whose rename fails after its promotion answered (the store acknowledged): the copy is lost here, and once
// the loss is recorded the log starts again. A crash before that leaves its commit record in the log. What the next
// opens make of it: a way into files/ blocked for good loses the copy here (reported damaged, the older copy never
// served again) and the store opens; a transient error fails that open, and the next replays it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fsp, { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { CopyLog } from '../../src/store/copy-log.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { logWithout } from '../lib/copy-log-crash.ts';
import { inTempDir } from '../lib/temp-dir.ts';
import { own, v } from '../lib/store-copies.ts';

const inDir = (run: (dir: string) => Promise<void>) => inTempDir('store', run);

/**
 * 0007 (v3) and 2067 (v5) held, then 2067's v20 kept as this peer's own copy and promoted while a directory blocks
 * files/2067: acknowledged, its commit's record in the log, its rename failed. Then a crash before the loss was
 * recorded: the log without its `remove` record, and no index.json (the checkpoint after it never written).
 */
async function ownCommitBlocked(dir: string): Promise<void> {
  const store = await FileStore.open(dir);
  await store.putWhole('0007', Buffer.from('another file'), { version: v(3) });
  await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
  await store.close(); // meta/ lists both
  const second = await FileStore.open(dir);
  await own(second, '2067', randomBytes(2048), v(20));
  await rm(join(dir, 'files', '2067'));
  await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
  assert.equal(await second.promote('2067', v(20)), true);
  await second.idle();
  const logPath = join(dir, 'pending', 'copies.log');
  const log = await readFile(logPath);
  await second.close();
  await rm(join(dir, 'index.json'), { force: true });
  await writeFile(logPath, log);
  await logWithout(logPath, (record) => record.kind === 'remove');
}

test('an own copy lost after its acknowledgement: once the loss is recorded the log starts again, and no restart serves the lost copy or the older one', () =>
  inDir(async (dir) => {
    const logPath = join(dir, 'pending', 'copies.log');
    // Every commit settled asks for a checkpoint, after which the log starts again.
    const store = await FileStore.open(dir, { checkpointAfterBytes: 1 });
    await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
    await own(store, '2067', randomBytes(2048), v(20));
    await rm(join(dir, 'files', '2067'));
    await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
    assert.equal(await store.promote('2067', v(20)), true);
    await store.idle();
    assert.equal(store.get('2067'), undefined, 'lost here');
    // Another store's copy, committed: the log starts again once it is settled (it never did while 2067 was counted).
    await own(store, '0007', 'another file', v(3));
    assert.equal(await store.promote('0007', v(3)), true);
    await store.idle();
    assert.deepEqual(await CopyLog.read(logPath), [], 'the log started again');
    await store.close();
    // A restart (the way into files/ clear again, older bytes there) serves neither 2067's lost copy nor the older one.
    await rm(join(dir, 'files', '2067'), { recursive: true });
    await writeFile(join(dir, 'files', '2067'), 'older');
    const reopened = await FileStore.open(dir);
    assert.equal(reopened.get('2067'), undefined, `not back at ${JSON.stringify(reopened.get('2067')?.version)}`);
    assert.deepEqual(reopened.get('0007')?.version, v(3));
    await reopened.close();
  }));

test("an own copy's rename that fails for good: the store still opens again after a clean close", () =>
  inDir(async (dir) => {
    await ownCommitBlocked(dir);
    const reopened = await FileStore.open(dir).catch((error: Error) => error);
    assert.ok(!(reopened instanceof Error), `reopen failed: ${reopened instanceof Error ? reopened.message : ''}`);
    assert.deepEqual(reopened.get('0007')?.version, v(3), 'the other file is still held');
    await reopened.close();
  }));

test('an own copy lost to a rename that fails for good: no restart serves the older copy', () =>
  inDir(async (dir) => {
    await ownCommitBlocked(dir);
    const third = await FileStore.open(dir);
    assert.ok(third.damaged.includes('2067'), 'reported lost');
    assert.equal(third.get('2067'), undefined);
    await third.close();
    await rm(join(dir, 'files', '2067'), { recursive: true });
    await writeFile(join(dir, 'files', '2067'), 'older');
    const fourth = await FileStore.open(dir);
    assert.equal(fourth.get('2067'), undefined, `not back at ${JSON.stringify(fourth.get('2067')?.version)}`);
    await fourth.close();
  }));

test('a transient EIO at the replay: the acknowledged copy is kept for the next open', () =>
  inDir(async (dir) => {
    const realRename = fsp.rename;
    try {
      await ownCommitBlocked(dir);
      await rm(join(dir, 'files', '2067'), { recursive: true }); // the way is clear again
      let failed = 0;
      fsp.rename = (async (a: string, b: string) => {
        if (String(b).endsWith(join('files', '2067')) && failed++ === 0)
          throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        return realRename(a, b);
      }) as typeof fsp.rename;
      syncBuiltinESMExports();
      const third = await FileStore.open(dir).catch((e: Error) => e);
      const thirdSaw = third instanceof Error ? `threw ${third.message}` : JSON.stringify(third.get('2067')?.version);
      if (!(third instanceof Error)) await third.close();
      fsp.rename = realRename;
      syncBuiltinESMExports();
      const fourth = await FileStore.open(dir);
      const got = fourth.get('2067')?.version;
      await fourth.close();
      assert.deepEqual(
        got,
        v(20),
        `third open: ${thirdSaw} (renames failed: ${failed}); fourth: ${JSON.stringify(got)}`,
      );
    } finally {
      fsp.rename = realRename;
      syncBuiltinESMExports();
    }
  }));
