// Ids wider than 8 bits do not fix ports: with base port 0 every peer takes a free port when it binds, and the peers of
// the process are told where the others are before they start. createTestRing does so for wide ids.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRing } from '../../src/host/ring.ts';
import { createTestRing } from '../../src/host/testing.ts';
import { RingdhtError } from '../../src/host/errors.ts';

test('a 20-bit test ring binds free ports: each peer its own, they find each other, store, request and join', async () => {
  // A hop and a holder's confirmation get 5 s: the 0.5 s hop timeout these pings give could fail a store under load.
  const t = await createTestRing({
    peers: [100, 300_000, 700_000],
    idBits: 20,
    pingIntervalMs: 500,
    hopTimeoutMs: 5_000,
    replicas: 2,
  });
  try {
    assert.equal(t.basePort, 0);
    const statuses = await Promise.all(t.ring.ids().map((id) => t.ring.peer(id).status()));
    const ports = statuses.map((s) => s.address.port);
    assert.ok(
      ports.every((p) => p > 0),
      `ports ${ports}`,
    );
    assert.equal(new Set(ports).size, 3, 'three different ports');
    assert.deepEqual(
      statuses.map((s) => s.advertised.port),
      ports,
      'each tells others the port it took',
    );
    await mkdir(t.filesDir, { recursive: true });
    await writeFile(join(t.filesDir, 'notes.txt'), 'wide ids, any port');
    const stored = await t.ring.peer(100).store('notes.txt');
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    const got = await t.ring.peer(700_000).get('notes.txt');
    assert.equal(got.bytes?.toString(), 'wide ids, any port');
    const joined = await t.ring.join(500_000, 100);
    assert.equal(joined.ok, true, joined.ok ? '' : joined.error);
    const newcomer = await t.ring.peer(500_000).status();
    assert.ok(newcomer.address.port > 0 && !ports.includes(newcomer.address.port));
  } finally {
    await t.close();
  }
});

test('base port 0 on an 8-bit ring is refused with the reason: there ids fix the ports', async () => {
  await assert.rejects(
    createRing({ peers: [2, 4], basePort: 0, dataDir: '/nonexistent', filesDir: '/nonexistent' }),
    (error: unknown) =>
      error instanceof RingdhtError && /any free port\) is for ids wider than 8 bits/.test(error.message),
  );
});
