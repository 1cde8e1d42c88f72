// A peer that cannot start for a reason of its own (an unusable data directory) is left out; the others run.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RingdhtError } from '../../src/host/errors.ts';
import { createRing, type Ring, type RingEvent, type RingOptions } from '../../src/host/ring.ts';
import { randomBasePort } from '../../src/host/testing.ts';

/** createRing on a random base port, tried again when a port is taken. */
async function ringOn(options: Omit<RingOptions, 'basePort'>): Promise<Ring> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createRing({ ...options, basePort: randomBasePort() });
    } catch (error) {
      if (!(error instanceof RingdhtError && error.code === 'PORT_IN_USE') || attempt >= 5) throw error;
    }
  }
}

test('leaveOutFailed: a peer whose data directory is a file does not start and says why; the others run and serve', async () => {
  const root = await mkdtemp(join(tmpdir(), 'ringdht-test-'));
  const dataDir = join(root, 'data');
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'peer-5'), 'not a directory');
    const options = { peers: [2, 4, 5], dataDir, filesDir: join(root, 'files'), pingIntervalMs: 60_000 };
    // By default one peer that cannot start stops them all.
    await assert.rejects(ringOn(options), (error: unknown) => error instanceof RingdhtError);
    const ring = await ringOn({ ...options, leaveOutFailed: true });
    try {
      assert.deepEqual(ring.ids(), [2, 4]);
      assert.equal(ring.notStarted.length, 1);
      assert.equal(ring.notStarted[0]!.peer, 5);
      assert.match(ring.notStarted[0]!.error, /peer-5/);
      const stored = await ring.peer(2).store('0003', { empty: true }); // key 3: held by 4
      assert.deepEqual([stored.ok, stored.ok && stored.holder], [true, 4]);
    } finally {
      await ring.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('onEvent hears the damaged files an actor finds as it opens, before createRing returns', async () => {
  const root = await mkdtemp(join(tmpdir(), 'ringdht-test-'));
  const options = { peers: [2, 4], dataDir: join(root, 'data'), filesDir: join(root, 'files'), pingIntervalMs: 60_000 };
  try {
    await mkdir(options.filesDir, { recursive: true });
    await writeFile(join(options.filesDir, '0003.pdf'), 'three');
    const first = await ringOn(options);
    try {
      assert.equal((await first.peer(2).store('0003')).ok, true);
    } finally {
      await first.close();
    }
    await writeFile(join(options.dataDir, 'peer-4', 'files', '0003'), 'thref'); // same size, other bytes
    const heard: RingEvent[] = [];
    const again = await ringOn({ ...options, onEvent: (event) => heard.push(event) });
    try {
      assert.ok(
        heard.some((e) => e.kind === 'line' && e.peer === 4 && e.line.event === 'file.lost' && e.line.name === '0003'),
        JSON.stringify(heard),
      );
    } finally {
      await again.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
