// A store's file that arrives whole is handed to its copies for the replicas at once, before this peer's own copy is
// durable (the copies are written in parallel, not one after another), and only bytes that match their digest are.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RealDisk, type RealSource } from '../../src/actor/disk.ts';
import { FileStore } from '../../src/store/file-store.ts';

const VERSION = { stamp: 5, origin: 2, op: 7 };

/** A peer's disk whose directory fsyncs wait until the test releases them: its own copy is not durable until then. */
async function withDisk(run: (disk: RealDisk, releaseSyncs: () => void) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-arriving-'));
  let held: (() => void)[] | undefined;
  const store = await FileStore.open(join(dir, 'data'), {
    syncDirectory: () => (held === undefined ? Promise.resolve() : new Promise<void>((r) => held!.push(r))),
  });
  held = [];
  try {
    await run(new RealDisk(store, join(dir, 'received'), 256 * 1024), () => {
      for (const r of held!.splice(0)) r();
      held = undefined;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("a whole store file's copies get its bytes before this peer's own copy is durable", () =>
  withDisk(async (disk, releaseSyncs) => {
    const data = randomBytes(1024);
    const sha256 = createHash('sha256').update(data).digest();
    const sink = disk.create('store', '2067', 7, { version: VERSION, pending: true });
    const handed: RealSource[] = [];
    disk.openArriving(sink, 64 * 1024, (source) => handed.push(source));
    let durable = false;
    const own = sink.keepWhole(data, sha256).then(() => (durable = true));
    assert.equal(handed.length, 1, 'the copy waited for the own write');
    assert.equal(durable, false);
    const source = handed[0]!;
    assert.deepEqual(source.version, VERSION, 'the copy carries the version the store gave');
    assert.equal(source.sha256, sha256.toString('hex'));
    const bytes = await source.bytes(true);
    assert.ok('data' in bytes && Buffer.from(bytes.data).equals(data));
    // A copy started after the bytes came gets them too.
    disk.openArriving(sink, 64 * 1024, (s) => handed.push(s));
    assert.equal(handed.length, 2);
    releaseSyncs();
    await own;
    assert.equal(disk.store.getPending('2067')?.sha256, sha256.toString('hex'));
  }));

test('bytes that do not match their digest are handed to no copy (and not kept)', () =>
  withDisk(async (disk, releaseSyncs) => {
    const data = randomBytes(1024);
    const wrong = createHash('sha256').update('something else').digest();
    const sink = disk.create('store', '2067', 7, { version: VERSION, pending: true });
    const handed: RealSource[] = [];
    disk.openArriving(sink, 64 * 1024, (source) => handed.push(source));
    releaseSyncs();
    await assert.rejects(sink.keepWhole(data, wrong), /sha256/);
    assert.equal(handed.length, 0);
    assert.equal(disk.store.getPending('2067'), undefined);
  }));
