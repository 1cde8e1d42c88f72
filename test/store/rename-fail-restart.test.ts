// An own copy whose rename fails after the promotion answered keeps its commit record in the log. When the
// cause persists (here: a directory in the way, as test/integration/lost-after-ack.test.ts injects), does the store
// open again? Before store26 the failed commit was taken back (a discard record) and the store opened.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Version } from '../../src/core/version.ts';
import { FileStore } from '../../src/store/file-store.ts';

const v = (stamp: number, origin = 8, op = 1): Version => ({ stamp, origin, op });

test("an own copy's rename that fails for good: the store still opens again after a clean close", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-store-'));
  try {
    const store = await FileStore.open(dir);
    await store.putWhole('0007', Buffer.from('another file'), { version: v(3) });
    const bytes = randomBytes(2048);
    await store.putWhole('2067', bytes, { version: v(20), pending: true, logged: true, prepareHeld: true });
    await mkdir(join(dir, 'files', '2067', 'in the way'), { recursive: true });
    const promoted = await store.promote('2067', v(20)).catch((e: Error) => e);
    await store.close();
    let reopened: FileStore | Error;
    try {
      reopened = await FileStore.open(dir);
    } catch (error) {
      reopened = error as Error;
    }
    assert.ok(
      !(reopened instanceof Error),
      `reopen failed: ${reopened instanceof Error ? reopened.message : ''} (promote said ${String(promoted)})`,
    );
    assert.deepEqual(reopened.get('0007')?.version, v(3), 'the other file is still held');
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
