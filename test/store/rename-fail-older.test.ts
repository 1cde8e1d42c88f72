// A replay that fails at open loses the copy here: the older copy (meta/ v5) must not come back at a later restart.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Version } from '../../src/core/version.ts';
import { FileStore } from '../../src/store/file-store.ts';

const v = (stamp: number, origin = 8, op = 1): Version => ({ stamp, origin, op });

test('an own copy lost to a rename that fails for good: no restart serves the older copy', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-store-'));
  try {
    const store = await FileStore.open(dir);
    await store.putWhole('2067', Buffer.from('older'), { version: v(5) });
    await store.close(); // index.json lists v5
    const second = await FileStore.open(dir);
    await second.putWhole('2067', randomBytes(2048), {
      version: v(20),
      pending: true,
      logged: true,
      prepareHeld: true,
    });
    // The older copy's data is moved aside and a directory put in its way: the rename of v20 fails.
    await rm(join(dir, 'files', '2067'));
    await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
    assert.equal(await second.promote('2067', v(20)), true);
    await second.close();
    const third = await FileStore.open(dir);
    assert.ok(third.damaged.includes('2067'), 'reported lost');
    assert.equal(third.get('2067'), undefined);
    await third.close();
    await rm(join(dir, 'files', '2067'), { recursive: true });
    await (await import('node:fs/promises')).writeFile(join(dir, 'files', '2067'), 'older');
    const fourth = await FileStore.open(dir);
    assert.equal(fourth.get('2067'), undefined, `not back at ${JSON.stringify(fourth.get('2067')?.version)}`);
    await fourth.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
