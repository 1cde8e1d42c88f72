// A get (a request into memory): the file's bytes come back with the result and nothing is written to the files
// directory, from a peer's handle and from a client port, for inline and streamed files, and from a peer's own copy.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PeerClient } from '../../src/host/client.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';

describe('get: a file into memory', () => {
  let t: TestRing;
  const small = randomBytes(10_000); // travels inline
  const large = randomBytes(300_000); // streamed on a connection of its own

  before(async () => {
    t = await createTestRing({ peers: [2, 4, 5, 8, 9, 14, 19], pingIntervalMs: 60_000, replicas: 3 });
    await mkdir(t.filesDir, { recursive: true });
    await writeFile(join(t.filesDir, '2067.pdf'), small);
    await writeFile(join(t.filesDir, 'report.bin'), large);
    for (const name of ['2067', 'report.bin']) {
      const stored = await t.ring.peer(8).store(name);
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    }
  });

  after(() => t.close());

  test('the bytes of an inline and of a streamed file, from a peer that holds no copy; no received file written', async () => {
    const names = await Promise.all(['2067', 'report.bin'].map((n) => t.ring.peer(9).get(n)));
    const [got2067, gotReport] = names;
    assert.ok(got2067?.ok && got2067.bytes?.equals(small), '2067 byte for byte');
    assert.ok(gotReport?.ok && gotReport.bytes?.equals(large), 'report.bin byte for byte');
    assert.equal(got2067.command, 'get 2067');
    const written = await readdir(join(t.filesDir, 'peer-9')).catch(() => []);
    assert.deepEqual(
      written.filter((f) => f.startsWith('received_')),
      [],
    );
  });

  test('a get at a peer that keeps a copy returns its bytes too (copied from its own disk)', async () => {
    const got = await t.ring.peer(19).get('2067'); // 19 is responsible for 2067 (key 19)
    assert.ok(got.ok && got.holder === 19 && got.bytes?.equals(small));
  });

  test('a request at a peer that keeps a copy: its holder finds it the same, and the bytes come from its own disk', async () => {
    // 2 keeps a copy of 2067 (key 19: held by 19, 2 and 4). Its holder says so instead of sending the bytes.
    const seen: string[] = [];
    const off = t.ring.on((e) => {
      if (e.kind === 'line' && e.line.name === '2067') seen.push(`${e.peer} ${e.line.event}`);
    });
    const result = await t.ring.peer(2).request('2067', { into: 'file' });
    off(); // a result comes after every line stamped before it
    assert.ok(result.ok && result.holder === 19, JSON.stringify(result));
    assert.deepEqual(await readFile(join(t.filesDir, 'peer-2', 'received_2067.pdf')), small);
    assert.ok(seen.includes('19 request.samecopy') && seen.includes('2 request.owncopy'), seen.join(', '));
    assert.ok(!seen.includes('19 file.sending'), `19 sent no bytes: ${seen.join(', ')}`);
  });

  test('a name nobody stored: ok false with NOT_FOUND and no bytes', async () => {
    const got = await t.ring.peer(2).get('0016');
    assert.deepEqual([got.ok, !got.ok && got.code, got.bytes], [false, 'NOT_FOUND', undefined]);
  });

  test('request(name, { into: "file" }) still saves received_NAME, and a client port gets bytes as a handle does', async () => {
    const saved = await t.ring.peer(5).request('2067', { into: 'file' });
    assert.equal(saved.ok, true);
    assert.equal(saved.bytes, undefined);
    assert.ok((await readdir(join(t.filesDir, 'peer-5'))).includes('received_2067.pdf'));
    const client = new PeerClient(await t.ring.peer(4).clientPort());
    try {
      const got = await client.get('report.bin');
      assert.ok(got.ok && got.bytes?.equals(large), 'report.bin through the client port');
    } finally {
      client.close();
    }
  });
});
