// A held copy whose commit the copy log holds is written back by a replay at open unless its removal is recorded there.
// Once the log has failed (a write it refused), that record cannot be written: the removal is refused then, before
// anything is deleted, so a removal the store reports done stays done across a restart, and one it refused leaves the
// copy listed and whole (the caller asks again, as when the disk refuses the unlink). review27c: the removal wrote no
// record and reported success, and a restart brought the file back.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { CopyLog } from '../../src/store/copy-log.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { logged, own, v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

/** The store's copy log, which a test makes fail (its file closed under it: every later write is refused). */
const logOf = (store: FileStore) => (store as unknown as { log: CopyLog }).log;

for (const how of ['a copy it refused', 'the removal record it refused'] as const)
  test(`after the copy log failed (${how}), a removal of a copy whose commit it holds is refused, and the copy stays`, () =>
    inTempDir('store', async (dir) => {
      const store = await FileStore.open(dir);
      await own(store, '0042', 'committed through the log', v(30));
      assert.equal(await store.promote('0042', v(30)), true);
      await store.idle();
      await logOf(store).close();
      if (how === 'a copy it refused') await logged(store, '2067', 'after the failure', v(40)); // kept as files
      const sha256 = store.get('0042')!.sha256;
      const removed = await store.removeIf('0042', sha256, v(30)).catch(() => false);
      assert.equal(removed, false, 'not reported removed');
      assert.deepEqual(store.get('0042')?.version, v(30), 'still listed');
      assert.equal(await readFile(store.pathOf('0042'), 'utf8'), 'committed through the log');
      await store.close().catch(() => {});
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('0042')?.version, v(30));
      // The log works again after the restart: the removal is recorded and stays done.
      assert.equal(await reopened.removeIf('0042', sha256, v(30)), true);
      await reopened.close();
      const third = await FileStore.open(dir);
      assert.equal(third.get('0042'), undefined);
      await third.close();
    }));
