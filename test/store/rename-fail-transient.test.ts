// A transient error (EIO) on a replay's rename at open fails that open, and the acknowledged copy is there at the next
// (a way blocked for good loses the copy instead: rename-fail-restart.test.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fsp, { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileStore } from '../../src/store/file-store.ts';

const v = (stamp: number, origin = 8, op = 1) => ({ stamp, origin, op });

test('a transient EIO at the replay: the acknowledged copy is kept for the next open', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-store-'));
  const realRename = fsp.rename;
  try {
    const store = await FileStore.open(dir);
    await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
    await store.close();
    const second = await FileStore.open(dir);
    await second.putWhole('2067', randomBytes(2048), {
      version: v(20),
      pending: true,
      logged: true,
      prepareHeld: true,
    });
    await rm(join(dir, 'files', '2067'));
    await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
    assert.equal(await second.promote('2067', v(20)), true); // acknowledged; its commit record is in the log
    await second.close();
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
    assert.deepEqual(got, v(20), `third open: ${thirdSaw} (renames failed: ${failed}); fourth: ${JSON.stringify(got)}`);
  } finally {
    fsp.rename = realRename;
    syncBuiltinESMExports();
    await rm(dir, { recursive: true, force: true });
  }
});
