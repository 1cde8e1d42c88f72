// Nothing is lost: 100 files in a 7-peer ring of real workers, through a join, a graceful quit, a kill,
// two adjacent kills, a kill and a join, and a restart of the whole ring on the same data directory.
// After each step every file comes back byte for byte from every peer, and once the ring is quiet
// exactly R = 3 copies exist (as `status` shows).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import { RingdhtError } from '../../src/host/errors.ts';
import { createRing, type Ring, type RingEvent, type RingOptions } from '../../src/host/ring.ts';
import { randomBasePort } from '../../src/host/testing.ts';
import { waitForCopies } from './copies.ts';

const FILES = 100;
const REPLICAS = 3;
const QUIET_TIMEOUT_MS = 60_000;

let root: string;
let options: RingOptions;
let ring: Ring;
const contents = new Map<string, Buffer>();

/** Every file from every live peer, byte for byte (the peers ask at the same time, each its files in turn). */
async function everyFileEverywhere(step: string): Promise<void> {
  await Promise.all(
    ring.ids().map(async (id) => {
      for (const [name, bytes] of contents) {
        const result = await ring.peer(id).request(name);
        assert.equal(result.ok, true, `${step}: request ${name} at ${id}: ${result.ok ? '' : result.error}`);
        const received = await readFile(join(root, 'files', `peer-${id}`, `received_${name}.pdf`));
        assert.ok(received.equals(bytes), `${step}: ${name} from peer ${id} has the stored bytes`);
      }
    }),
  );
}

async function step(name: string): Promise<void> {
  await waitForCopies(ring, contents.keys(), name, QUIET_TIMEOUT_MS, REPLICAS);
  await everyFileEverywhere(name);
}

/** Listeners that also hear a ring being started (its actors report damaged files as they open). */
const listeners = new Set<(event: RingEvent) => void>();
function ringEvents(listener: (event: RingEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function startRing(peers: PeerId[]): Promise<Ring> {
  return createRing({
    ...options,
    peers,
    onEvent: (event) => {
      for (const l of listeners) l(event);
    },
  });
}

describe('nothing is lost: 100 files through joins, departures, deaths and a restart', () => {
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ringdht-replication-'));
    const base: Omit<RingOptions, 'peers'> = {
      dataDir: join(root, 'data'),
      filesDir: join(root, 'files'),
      pingIntervalMs: 100,
      pingMissLimit: 3,
      replicas: REPLICAS,
    };
    for (let attempt = 1; ; attempt++) {
      options = { ...base, peers: [], basePort: randomBasePort() };
      try {
        ring = await startRing([2, 4, 5, 8, 9, 14, 19]);
        break;
      } catch (error) {
        if (!(error instanceof RingdhtError && error.code === 'PORT_IN_USE') || attempt === 8) throw error;
      }
    }
    await mkdir(join(root, 'files'), { recursive: true });
    while (contents.size < FILES) {
      const name = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
      if (contents.has(name)) continue;
      const bytes = randomBytes(contents.size === 0 ? 0 : Math.floor(Math.random() * 20_000));
      contents.set(name, bytes);
      await writeFile(join(root, 'files', `${name}.pdf`), bytes);
    }
    const ids = ring.ids();
    let i = 0;
    for (const name of contents.keys()) {
      const result = await ring.peer(ids[i++ % ids.length]!).store(name);
      assert.equal(result.ok, true, `store ${name}: ${result.ok ? '' : result.error}`);
    }
  });

  after(async () => {
    await ring?.close();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  test('stored: three copies of each, every file from every peer', async () => {
    await step('stored');
  });

  test('a join (16 via 4)', async () => {
    assert.equal((await ring.join(16, 4)).ok, true);
    await step('after 16 joined');
  });

  test('a graceful quit (19)', async () => {
    assert.equal((await ring.quit(19)).ok, true);
    await step('after 19 quit');
  });

  test('one kill (9)', async () => {
    await ring.kill(9);
    await step('after 9 was killed');
  });

  test('two adjacent kills at once (4 and 5)', async () => {
    await Promise.all([ring.kill(4), ring.kill(5)]);
    await step('after 4 and 5 were killed');
  });

  test('a kill followed by a join (14, then 11 via 2)', async () => {
    await ring.kill(14);
    assert.equal((await ring.join(11, 2)).ok, true);
    await step('after 14 was killed and 11 joined');
  });

  test('a restart of the whole ring process on the same data directory, one copy damaged meanwhile', async () => {
    const members = ring.ids();
    await ring.close({ depart: true });
    // The peers that closed in order left nothing half-written (a killed one may have: it is cleaned when it starts again).
    for (const id of members) {
      for (const entry of await readdir(join(root, 'data', `peer-${id}`, 'files')))
        assert.ok(!entry.endsWith('.tmp'), `peer-${id}/files/${entry}`);
    }
    // One copy damaged on disk while the ring was down: found at start, and copied again from a replica.
    const victim = members[0]!;
    const damaged = (await readdir(join(root, 'data', `peer-${victim}`, 'files'))).find(
      (name) => (contents.get(name)?.length ?? 0) > 0,
    );
    assert.ok(damaged !== undefined, `peer ${victim} holds a file that is not empty`);
    const path = join(root, 'data', `peer-${victim}`, 'files', damaged);
    const bytes = await readFile(path);
    await writeFile(path, Buffer.concat([Buffer.from([bytes[0]! ^ 0xff]), bytes.subarray(1)])); // same size, one byte flipped
    const lost = new Promise<void>((resolve) => {
      const off = ringEvents((e) => {
        if (e.kind === 'line' && e.peer === victim && e.line.event === 'file.lost' && e.line.name === damaged) {
          off();
          resolve();
        }
      });
    });
    ring = await startRing(members);
    await lost;
    await step('after the restart');
  });
});
