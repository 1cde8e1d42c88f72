// A store's responsible peer acknowledges it once its own copy's commit is decided, before that copy is renamed into
// place (src/store/file-store.ts, promoteLogged). A rename that then fails does not take the store back (W copies were
// durable): the copy is lost at that peer only, it says so when asked, and a replica serves the file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import type { RingEvent } from '../../src/host/ring.ts';
import { createTestRing } from '../../src/host/testing.ts';
import { until } from '../../src/host/until.ts';

const EXAMPLE = [2, 4, 5, 8, 9, 14, 19];

test("a store whose own copy cannot be renamed in at its responsible peer is acknowledged; that peer's copy is lost, and a request is served by a replica", async () => {
  const lines: Array<{ peer: PeerId; text: string }> = [];
  const t = await createTestRing({
    peers: EXAMPLE,
    pingIntervalMs: 500,
    // A hop and a holder's confirmation get 5 s: the 0.5 s hop timeout these pings give could fail a store under load.
    hopTimeoutMs: 5_000,
    replicas: 3,
    onEvent: (e: RingEvent) => e.kind === 'line' && lines.push({ peer: e.peer, text: e.line.text }),
  });
  try {
    // 2067 has key 19: held by 19, 2 and 4. Something in the way of its files/ entry at 19 (a directory of that name):
    // the copy's entry is written beside it when the copy comes, and its rename fails once the commit is decided.
    await mkdir(join(t.dataDir, 'peer-19', 'files', '2067', 'in the way'), { recursive: true });
    await mkdir(t.filesDir, { recursive: true });
    const bytes = randomBytes(1024);
    await writeFile(join(t.filesDir, '2067.pdf'), bytes);
    const stored = await t.ring.peer(5).store('2067');
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    // The replicas commit their copies as the responsible peer tells them, after the store was acknowledged.
    await until(
      (listener) => t.ring.on(listener),
      async () => {
        for (const id of [2, 4])
          if (!(await t.ring.peer(id).status()).files.some((f) => f.name === '2067')) return `Peer ${id} holds no 2067`;
        return undefined;
      },
      'the replicas committed 2067',
      30_000,
    );
    const got = await t.ring.peer(8).request('2067');
    assert.equal(got.ok, true, got.ok ? '' : got.error);
    assert.ok((await readFile(join(t.filesDir, 'peer-8', 'received_2067.pdf'))).equals(bytes), 'the stored bytes');
    assert.ok(
      lines.some(
        (l) =>
          l.peer === 19 &&
          l.text === 'File 2067 is damaged or missing on disk: it will be copied again from another holder',
      ),
      '19 said its copy was lost',
    );
  } finally {
    await t.close();
  }
});
