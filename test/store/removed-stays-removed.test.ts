// The copy log keeps every commit since it last started again. A removal of a held copy is recorded as such (no copy of
// the name at or below its version is held), so a replay at open does not write back an older committed version of a
// name removed since (it did when the removal was recorded as a discard of the held version only).
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Version } from '../../src/core/version.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { own, v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

/** The version of 0042 a reopened store holds after it was removed (undefined: none, as it should be). */
async function scenario(renameFailure: boolean, crash: boolean): Promise<Version | undefined> {
  let held: Version | undefined;
  await inTempDir('store', async (dir) => {
    const store = await FileStore.open(dir);
    if (renameFailure) {
      await own(store, '2067', 'lost here', v(20));
      await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
      await store.promote('2067', v(20)).catch(() => false);
      await store.idle();
      await rm(join(dir, 'files', '2067'), { recursive: true }); // the obstruction gone by the restart
    }
    await own(store, '0042', 'first', v(30));
    assert.equal(await store.promote('0042', v(30)), true);
    await own(store, '0042', 'second', v(31));
    assert.equal(await store.promote('0042', v(31)), true);
    await store.idle();
    // Released: this peer keeps 0042 no longer.
    assert.equal(await store.removeIf('0042', store.get('0042')!.sha256, v(31)), true);
    await store.idle();
    if (!crash) await store.close();
    const reopened = await FileStore.open(dir);
    held = reopened.get('0042')?.version;
    await reopened.close();
    if (crash) await store.close().catch(() => {});
  });
  return held;
}

test('a name removed after two commits stays removed across a clean close and reopen (after an own rename failure elsewhere)', async () => {
  assert.equal(await scenario(true, false), undefined);
});
test('a name removed after two commits stays removed across a crash (no close)', async () => {
  assert.equal(await scenario(false, true), undefined);
});
test('control: clean close, no rename failure', async () => {
  assert.equal(await scenario(false, false), undefined);
});
