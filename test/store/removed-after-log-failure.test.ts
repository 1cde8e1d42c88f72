// A held copy whose commit the copy log holds is written back by a replay at open unless its removal is recorded there.
// Once the log has failed (a write it refused), that record cannot be written: the removal is refused then, before
// anything is deleted, so a removal the store reports done stays done across a restart, and one it refused leaves the
// copy listed and whole (the caller asks again, as when the disk refuses the unlink). review27c: the removal wrote no
// record and reported success, and a restart brought the file back. A damaged or missing copy is removed all the same
// (review28c: refused, its loss was never heard, and a repair at its version was taken for "already here"): a replay of
// the log's checked copy writes it back whole, a repair.
import assert from 'node:assert/strict';
import { access, type FileHandle, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CopyLog } from '../../src/store/copy-log.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { logged, own, v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

/** The store's copy log, which a test makes fail (its file closed under it: every later write is refused). */
const logOf = (store: FileStore) => (store as unknown as { log: CopyLog }).log;

/** A store whose 0042 (v30) is committed through its copy log, and whose log then fails. */
async function committedThenLogFailed(dir: string): Promise<FileStore> {
  const store = await FileStore.open(dir);
  await own(store, '0042', 'committed through the log', v(30));
  assert.equal(await store.promote('0042', v(30)), true);
  await store.idle();
  await logOf(store).close();
  return store;
}

/**
 * The removal of 0042 (v30) is refused while the log cannot record it, the copy staying listed and whole; after a
 * restart (the log works again) the removal is recorded and stays done.
 */
async function refusedThenDoneAfterRestart(store: FileStore, dir: string): Promise<void> {
  const sha256 = store.get('0042')!.sha256;
  const removed = await store.removeIf('0042', sha256, v(30)).catch(() => false);
  assert.equal(removed, false, 'refused: its removal cannot be recorded');
  assert.deepEqual(store.get('0042')?.version, v(30), 'still listed');
  assert.equal(await readFile(store.pathOf('0042'), 'utf8'), 'committed through the log');
  await store.close().catch(() => {});
  const reopened = await FileStore.open(dir);
  assert.deepEqual(reopened.get('0042')?.version, v(30));
  assert.equal(await reopened.removeIf('0042', sha256, v(30)), true);
  await reopened.close();
  const third = await FileStore.open(dir);
  assert.equal(third.get('0042'), undefined, 'stays removed');
  await third.close();
}

for (const how of ['a copy it refused', 'the removal record it refused'] as const)
  test(`after the copy log failed (${how}), a removal of a copy whose commit it holds is refused, and the copy stays`, () =>
    inTempDir('store', async (dir) => {
      const store = await committedThenLogFailed(dir);
      if (how === 'a copy it refused') await logged(store, '2067', 'after the failure', v(40)); // kept as files
      await refusedThenDoneAfterRestart(store, dir);
    }));

for (const how of ['damaged', 'missing'] as const)
  test(`after the copy log failed, a ${how} copy whose commit it holds is removed (its loss heard), and a restart or a repair brings it back whole`, () =>
    inTempDir('store', async (dir) => {
      const store = await committedThenLogFailed(dir);
      const sha256 = store.get('0042')!.sha256;
      if (how === 'damaged') await writeFile(store.pathOf('0042'), 'DAMAGED bytes on the disk');
      else await unlink(store.pathOf('0042'));
      assert.equal(await store.verify('0042'), false);
      // What the runtime does with a copy the scrub (or a send) found damaged or missing: remove it, then say it is lost.
      assert.equal(await store.removeIf('0042', sha256, v(30)), true, 'removed');
      assert.equal(store.get('0042'), undefined, 'no longer listed');
      if (how === 'missing') {
        // The repair: a replica's copy at the same version, written held, is written (not taken for already here).
        await store.putWhole('0042', Buffer.from('committed through the log'), { version: v(30) });
        assert.equal(await readFile(store.pathOf('0042'), 'utf8'), 'committed through the log');
      } else await assert.rejects(access(store.pathOf('0042')), { code: 'ENOENT' });
      await store.close().catch(() => {});
      // The log's copy (checked) is written back at the restart: whole, at its version.
      const reopened = await FileStore.open(dir);
      assert.deepEqual(reopened.get('0042')?.version, v(30));
      assert.equal(await readFile(reopened.pathOf('0042'), 'utf8'), 'committed through the log');
      assert.equal(await reopened.verify('0042'), true);
      await reopened.close();
    }));

test('a name whose removal the log recorded: a later copy of it, held while the log has failed, can be removed', () =>
  inTempDir('store', async (dir) => {
    const store = await FileStore.open(dir);
    await own(store, '0042', 'committed through the log', v(30));
    assert.equal(await store.promote('0042', v(30)), true);
    await store.idle();
    const first = store.get('0042')!.sha256;
    assert.equal(await store.removeIf('0042', first, v(30)), true, 'recorded in the log');
    await logOf(store).close();
    // A newer copy held, not through the log (which has failed): no replay brings back a copy of the name.
    await store.putWhole('0042', Buffer.from('a newer copy'), { version: v(31) });
    const newer = store.get('0042')!.sha256;
    assert.equal(await store.removeIf('0042', newer, v(31)), true, 'not refused: nothing in the log brings it back');
    await store.close().catch(() => {});
    const reopened = await FileStore.open(dir);
    assert.equal(reopened.get('0042'), undefined, 'stays removed');
    await reopened.close();
  }));

test("a removal in the reset's window, when the reset's mark could not be written, is refused: no removal reported done comes back", () =>
  inTempDir('store', async (dir) => {
    // checkpointAfterBytes 0: the commit's checkpoint is written at once, and the log starts again (its reset) after it.
    const store = await FileStore.open(dir, { checkpointAfterBytes: 0 });
    let failing: Promise<void> | undefined;
    let resets = 0;
    store.onStep = (step) => {
      if (step !== 'promote.durable' || failing !== undefined) return;
      // The commit is durable; the log's file fails before the reset's mark is written.
      const log = logOf(store);
      const reset = log.reset.bind(log);
      log.reset = () => {
        resets++;
        return reset();
      };
      failing = (log as unknown as { handle: FileHandle }).handle.close();
    };
    await own(store, '0042', 'committed through the log', v(30));
    assert.equal(await store.promote('0042', v(30)), true);
    await store.idle();
    await failing;
    await logOf(store).whenIdle();
    assert.equal(resets, 1, 'the log was reset');
    assert.equal(
      (await CopyLog.read(join(dir, 'pending', 'copies.log'))).some((r) => r.kind === 'commit' && r.name === '0042'),
      true,
      'the mark was not written: a replay reads the commit',
    );
    await refusedThenDoneAfterRestart(store, dir);
  }));
