// Group commit of directory fsyncs (src/store/group-sync.ts) and the FileStore on it: files installed together share
// one fsync per directory, and nothing is acknowledged before the fsync that covers it has completed.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { describe, test } from 'node:test';
import { syncDirectory } from '../../src/store/atomic-file.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { DirectorySyncs, OpenDirectories } from '../../src/store/group-sync.ts';
import { inTempDir } from '../lib/temp-dir.ts';

/** A disk whose directory fsyncs the test completes (or fails) by hand; `started` resolves at each fsync's start. */
class HeldSyncs {
  readonly running: { dir: string; finish(error?: Error): void }[] = [];
  /** Each release, with how many fsyncs had started by then. */
  readonly released: { dir: string; afterSyncs: number }[] = [];
  release = (dir: string): void => void this.released.push({ dir, afterSyncs: this.running.length });
  private onStart: (() => void)[] = [];
  sync = (dir: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.running.push({ dir, finish: (error) => (error === undefined ? resolve() : reject(error)) });
      for (const then of this.onStart.splice(0)) then();
    });
  /** Resolves once at least `n` fsyncs have started. */
  started(n: number): Promise<void> {
    if (this.running.length >= n) return Promise.resolve();
    return new Promise<void>((resolve) => this.onStart.push(() => void this.started(n).then(resolve)));
  }
}

/** Whether `promise` has settled, observed after the fsync it waits for was started (so a pending answer is certain). */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { promise, settled: () => settled };
}

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('group-sync', run);

describe('DirectorySyncs', () => {
  test('calls made in one turn share one fsync; none is answered before it completes', async () => {
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk.sync);
    const calls = Array.from({ length: 5 }, () => tracked(syncs.sync('/d')));
    await disk.started(1);
    assert.equal(disk.running.length, 1);
    assert.equal(
      calls.some((c) => c.settled()),
      false,
      'answered before the fsync completed',
    );
    disk.running[0]!.finish();
    await Promise.all(calls.map((c) => c.promise));
    assert.deepEqual(syncs.counts, { syncs: 1, callers: 5 });
  });

  test('a call made while an fsync runs waits for the next one, which starts after it (a rename just before is covered)', async () => {
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk.sync);
    const first = tracked(syncs.sync('/d'));
    await disk.started(1);
    const second = tracked(syncs.sync('/d'));
    const third = tracked(syncs.sync('/d'));
    disk.running[0]!.finish();
    await first.promise;
    await disk.started(2);
    assert.equal(second.settled() || third.settled(), false, 'answered by an fsync that began before the call');
    disk.running[1]!.finish();
    await Promise.all([second.promise, third.promise]);
    assert.deepEqual(syncs.counts, { syncs: 2, callers: 3 });
  });

  test('directories are synced separately; a failed fsync fails only the calls it was to answer', async () => {
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk.sync);
    const a = syncs.sync('/a');
    const b = syncs.sync('/b');
    await disk.started(2);
    assert.deepEqual(disk.running.map((r) => r.dir).sort(), ['/a', '/b']);
    disk.running.find((r) => r.dir === '/a')!.finish(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    disk.running.find((r) => r.dir === '/b')!.finish();
    await assert.rejects(a, /EIO/);
    await b;
    // The failure is not remembered: the next call gets an fsync of its own.
    const again = syncs.sync('/a');
    await disk.started(3);
    disk.running[2]!.finish();
    await again;
  });
});

describe('OpenDirectories (the real disk)', () => {
  // Handles on `dir` itself, not every descriptor: the test runner and libuv open and close their own meanwhile.
  const openOn = (dir: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === realpathSync(dir);
      } catch {
        return false; // closed since the listing
      }
    }).length;

  test("a directory's handle stays open from one fsync to the next, and is closed once released", () =>
    withTempDir(async (dir) => {
      const disk = new OpenDirectories();
      assert.equal(openOn(dir), 0);
      await disk.sync(dir);
      assert.equal(disk.open, 1);
      assert.equal(openOn(dir), 1);
      await disk.sync(dir);
      assert.equal(openOn(dir), 1, 'a second fsync opened the directory again');
      await disk.release(dir);
      assert.equal(disk.open, 0);
      assert.equal(openOn(dir), 0, 'the handle was left open');
    }));

  test('a directory that cannot be opened fails its fsync and is not kept', async () => {
    const disk = new OpenDirectories();
    await assert.rejects(disk.sync('/nonexistent-ringdht-dir'), /ENOENT/);
    assert.equal(disk.open, 0);
  });

  test('DirectorySyncs releases a directory once no fsync of it waits, not between fsyncs that follow each other', async () => {
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk);
    const first = syncs.sync('/d');
    await disk.started(1);
    const second = syncs.sync('/d'); // waits for the next fsync
    disk.running[0]!.finish();
    await first;
    await disk.started(2);
    assert.deepEqual(disk.released, [], 'released while an fsync of it was waiting');
    disk.running[1]!.finish();
    await second;
    assert.deepEqual(disk.released, [{ dir: '/d', afterSyncs: 2 }]);
  });

  test("with keepOpenMs, a directory's handle outlives its fsyncs: the next one reuses it; released by its timer, or by close", async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk, 0);
    const released = () => disk.released.map((r) => r.dir);
    for (const dir of ['/a', '/b']) {
      const synced = syncs.sync(dir);
      await disk.started(disk.running.length + 1);
      disk.running.at(-1)!.finish();
      await synced;
    }
    assert.deepEqual(released(), [], 'kept after their fsyncs');
    t.mock.timers.tick(1);
    assert.deepEqual(released(), ['/a', '/b'], 'released once unused for keepOpenMs');
    const again = new DirectorySyncs(disk, 60_000);
    const synced = again.sync('/c');
    await disk.started(3);
    disk.running[2]!.finish();
    await synced;
    await again.close();
    assert.deepEqual(released(), ['/a', '/b', '/c'], 'close releases what it kept');
  });

  test('an fsync asked for after close (a promotion that outlived it) is done, and its handle released, not kept', async () => {
    const disk = new HeldSyncs();
    const syncs = new DirectorySyncs(disk, 60_000);
    await syncs.close();
    const synced = tracked(syncs.sync('/late'));
    await disk.started(1);
    assert.equal(synced.settled(), false, 'answered only once its fsync completes');
    disk.running[0]!.finish();
    await synced.promise;
    assert.deepEqual(
      disk.released.map((r) => r.dir),
      ['/late'],
      'released at once: nothing closes it later',
    );
  });
});

describe('FileStore: group commit', () => {
  test('files committed together share their directory fsyncs, and every one is readable after', () =>
    withTempDir(async (dir) => {
      let syncs = 0;
      const store = await FileStore.open(dir, {
        syncDirectory: (d) => {
          syncs++;
          return syncDirectory(d);
        },
      });
      syncs = 0;
      const files = Array.from({ length: 16 }, (_, i) => ({ name: `f${i}`, data: randomBytes(512) }));
      await Promise.all(
        files.map(async ({ name, data }) => {
          const writer = await store.writer(name, { version: { stamp: 1, origin: 1, op: 1 }, pending: true });
          await writer.write(data);
          await writer.commit(createHash('sha256').update(data).digest());
        }),
      );
      // Alone, each file takes two directory fsyncs (files/ and meta/).
      assert.ok(syncs < 2 * files.length, `${syncs} directory fsyncs for ${files.length} files`);
      assert.equal(store.directorySyncs.counts.callers, 2 * files.length);
      for (const { name, data } of files) {
        assert.equal(store.getPending(name)?.sha256, createHash('sha256').update(data).digest('hex'));
      }
    }));

  test("a crash before the directory's fsync completes: the commit is never acknowledged, and a failed fsync keeps nothing", () =>
    withTempDir(async (dir) => {
      const disk = new HeldSyncs();
      const store = await FileStore.open(dir, { syncDirectory: disk.sync });
      const data = Buffer.from('2067 bytes');
      const writer = await store.writer('2067');
      await writer.write(data);
      const commit = tracked(writer.commit());
      // Renamed into place, now waiting for files/ and meta/ to be flushed: the moment a power cut would hit.
      await disk.started(2);
      assert.equal(commit.settled(), false, 'acknowledged before its directory was durable');
      assert.equal(store.get('2067'), undefined, 'indexed (served) before it was durable');
      for (const r of disk.running) r.finish(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      await assert.rejects(commit.promise, /EIO/);
      assert.equal(store.get('2067'), undefined);
      const reopened = await FileStore.open(dir);
      assert.equal(reopened.get('2067'), undefined, 'a write whose fsync failed is not there after a restart');
    }));
});
