// Every storable name can be requested, and the received file's name follows SPEC.md section 4.
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { createTestRing } from '../../src/host/testing.ts';

test('a 250-byte name stores and can be requested (saved under a shortened name); report.bin is received_report.bin', async () => {
  const t = await createTestRing({ peers: [10, 20, 30], pingIntervalMs: 60_000 });
  try {
    await mkdir(t.filesDir, { recursive: true });
    const long = `${'n'.repeat(246)}.bin`;
    await writeFile(join(t.filesDir, 'long-source'), 'long name');
    await writeFile(join(t.filesDir, 'report.bin'), 'a report');
    for (const [name, path] of [
      [long, join(t.filesDir, 'long-source')],
      ['report.bin', undefined],
    ] as const) {
      const stored = await t.ring.peer(10).store(name, path);
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
      const requested = await t.ring.peer(20).request(name);
      assert.equal(requested.ok, true, requested.ok ? '' : requested.error);
    }
    const received = await readdir(join(t.filesDir, 'peer-20'));
    assert.ok(received.includes('received_report.bin'), received.join(', '));
    const shortened = received.find((f) => f.startsWith('received_nnn'));
    assert.ok(shortened !== undefined && Buffer.byteLength(shortened) <= 255, received.join(', '));
    assert.match(shortened, /~[0-9a-f]{16}\.bin$/);
    assert.equal(await readFile(join(t.filesDir, 'peer-20', shortened), 'utf8'), 'long name');
  } finally {
    await t.close();
  }
});

test('a relative PATH given to store resolves against the working directory, not the files directory', async () => {
  const t = await createTestRing({ peers: [10, 20], pingIntervalMs: 60_000 });
  try {
    await mkdir(t.filesDir, { recursive: true });
    const elsewhere = join(t.dataDir, '..', 'elsewhere.bin');
    await writeFile(elsewhere, 'from elsewhere');
    const relativePath = relative(process.cwd(), elsewhere);
    const stored = await t.ring.peer(10).store('0015', relativePath);
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    assert.equal((await t.ring.peer(10).request('0015')).ok, true);
    assert.equal(await readFile(join(t.filesDir, 'peer-10', 'received_0015.pdf'), 'utf8'), 'from elsewhere');
  } finally {
    await t.close();
  }
});
