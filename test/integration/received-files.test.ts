// A peer's received files: each received_NAME whole, the last one asked for; two requests of a name at once leave one
// whole copy; a write that fails says so and leaves nothing; a peer that quits leaves only its received files.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';

describe("a peer's received files", { timeout: 60_000 }, () => {
  let t: TestRing;
  // Inline (1 KiB) and held (streamed, 200 KiB: held in memory and written whole at its end).
  const files = new Map([
    ['0004', randomBytes(1024)],
    ['0005', randomBytes(200 * 1024)],
  ]);
  const received = (id: number, name: string) => join(t.filesDir, `peer-${id}`, `received_${name}.pdf`);
  const listing = async (id: number) => (await readdir(join(t.filesDir, `peer-${id}`))).sort();
  before(async () => {
    t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000, replicas: 1, writeQuorum: 1 });
    await mkdir(t.filesDir, { recursive: true });
    for (const [name, bytes] of files) {
      await writeFile(join(t.filesDir, `${name}.pdf`), bytes);
      const stored = await t.ring.peer(9).store(name);
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    }
  });
  after(() => t.close());

  test('asked for again unchanged, the copy there is kept (its time set); stored anew, it is replaced', async () => {
    const name = '0006';
    await writeFile(join(t.filesDir, `${name}.pdf`), randomBytes(1024));
    assert.equal((await t.ring.peer(9).store(name)).ok, true);
    assert.equal((await t.ring.peer(3).request(name)).ok, true);
    await utimes(received(3, name), 1, 1);
    const first = await stat(received(3, name));
    assert.equal((await t.ring.peer(3).request(name)).ok, true);
    const again = await stat(received(3, name));
    assert.equal(again.ino, first.ino, 'the same bytes: not written again');
    assert.ok(again.mtimeMs > first.mtimeMs, 'its time set as a write would');

    const changed = randomBytes(1024);
    await writeFile(join(t.filesDir, `${name}.pdf`), changed);
    assert.equal((await t.ring.peer(9).store(name)).ok, true);
    assert.equal((await t.ring.peer(3).request(name)).ok, true);
    assert.ok((await readFile(received(3, name))).equals(changed), 'the new bytes');
    assert.notEqual((await stat(received(3, name))).ino, first.ino, 'written whole, by a rename');
    await rm(received(3, name)); // the next test lists peer 3's files
  });

  test('asked for again and again, and twice at once, each is whole; a quit leaves only the received files', async () => {
    for (let round = 0; round < 4; round++)
      for (const [name, bytes] of files) {
        const got = await t.ring.peer(3).request(name);
        assert.equal(got.ok, true, got.ok ? '' : got.error);
        assert.ok((await readFile(received(3, name))).equals(bytes), name);
      }
    const both = await Promise.all([...files.keys(), ...files.keys()].map((name) => t.ring.peer(3).request(name)));
    assert.deepEqual(
      both.map((r) => r.ok),
      [true, true, true, true],
    );
    for (const [name, bytes] of files) assert.ok((await readFile(received(3, name))).equals(bytes), name);

    assert.equal((await t.ring.quit(3)).ok, true);
    assert.deepEqual(await listing(3), ['received_0004.pdf', 'received_0005.pdf']);
  });

  test('a received file that cannot be written fails its request, saying so, and leaves no temporary file', async () => {
    for (let round = 0; round < 2; round++) assert.equal((await t.ring.peer(6).request('0005')).ok, true);
    await mkdir(join(received(6, '0004'), 'in-the-way'), { recursive: true }); // a directory where the file goes
    const failed = await t.ring.peer(6).request('0004');
    assert.equal(failed.ok, false);
    assert.match(failed.ok ? '' : failed.error, /0004/);
    assert.ok(!(await listing(6)).some((name) => name.endsWith('.tmp')), 'no temporary file left');
    assert.equal((await t.ring.peer(6).request('0005')).ok, true, 'the next request is written as before');
    assert.ok((await readFile(received(6, '0005'))).equals(files.get('0005')!));
    await t.ring.quit(6);
    assert.deepEqual(await listing(6), ['received_0004.pdf', 'received_0005.pdf']);
  });
});
