// A held copy that cannot be read while its peer runs (deleted, corrupted, truncated on disk) is lost at that peer
// only: the peer says so, a request for it is served by another holder instead of failing, and the copy comes back.
// A copy spoiled that nobody asks for is found by the peer's scrub, and comes back too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PeerId } from '../../src/core/ring.ts';
import type { RingEvent } from '../../src/host/ring.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { until } from '../../src/host/until.ts';
import { waitForCopies } from './copies.ts';

const EXAMPLE = [2, 4, 5, 8, 9, 14, 19];
/** name -> [size, the responsible peer (key = name mod 256), how its copy there is spoiled, who asks for it]. */
const CASES = [
  { name: '2067', sizeBytes: 10_000, responsible: 19, spoil: 'deleted', requester: 8 }, // inline
  { name: '4103', sizeBytes: 300_000, responsible: 8, spoil: 'corrupted', requester: 2 }, // streamed
  { name: '1234', sizeBytes: 300_000, responsible: 2, spoil: 'truncated', requester: 9 },
  { name: '0015', sizeBytes: 20_000, responsible: 19, spoil: 'corrupted', requester: 9 },
] as const;

describe('held copies spoiled on disk while their peer runs', () => {
  let t: TestRing;
  const contents = new Map<string, Buffer>();
  const lines: Array<{ peer: PeerId; text: string }> = [];

  before(async () => {
    t = await createTestRing({
      peers: EXAMPLE,
      pingIntervalMs: 500,
      // A hop and a holder's confirmation get 5 s: the 0.5 s hop timeout these pings give could fail a store under load.
      hopTimeoutMs: 5_000,
      replicas: 3,
      onEvent: (e: RingEvent) => e.kind === 'line' && lines.push({ peer: e.peer, text: e.line.text }),
    });
    await mkdir(t.filesDir, { recursive: true });
    for (const { name, sizeBytes } of CASES) {
      const bytes = randomBytes(sizeBytes);
      contents.set(name, bytes);
      await writeFile(join(t.filesDir, `${name}.pdf`), bytes);
      const stored = await t.ring.peer(5).store(name);
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    }
    await waitForCopies(t.ring, contents.keys(), 'stored');
  });

  after(() => t.close());

  test('each request is served by another holder, byte for byte; the peer says its copy was lost; R copies again', async () => {
    // Each copy served once before it is spoiled: a peer that kept what it served in memory would hide the loss.
    for (const { name, requester } of CASES) {
      const first = await t.ring.peer(requester).request(name);
      assert.equal(first.ok, true, `request ${name} at ${requester}: ${first.ok ? '' : first.error}`);
    }
    for (const { name, responsible, spoil } of CASES) {
      const path = join(t.dataDir, `peer-${responsible}`, 'files', name);
      if (spoil === 'deleted') await rm(path);
      else if (spoil === 'truncated') await truncate(path, contents.get(name)!.length / 2);
      else {
        const bad = Buffer.from(contents.get(name)!);
        bad[bad.length - 1]! ^= 0xff;
        await writeFile(path, bad);
      }
    }
    for (const { name, responsible, requester } of CASES) {
      const result = await t.ring.peer(requester).request(name);
      // From another holder, or from the responsible peer once its scrub found the spoiled copy and it was copied back.
      assert.equal(result.ok, true, `request ${name} at ${requester}: ${result.ok ? '' : result.error}`);
      const received = await readFile(join(t.filesDir, `peer-${requester}`, `received_${name}.pdf`));
      assert.ok(received.equals(contents.get(name)!), `${name}: the stored bytes`);
      assert.ok(
        lines.some(
          (l) =>
            l.peer === responsible &&
            l.text === `File ${name} is damaged or missing on disk: it will be copied again from another holder`,
        ),
        `${responsible} said it lost ${name}`,
      );
    }
    await waitForCopies(t.ring, contents.keys(), 'after the spoiled copies');
    for (const { name, responsible } of CASES) {
      const back = await readFile(join(t.dataDir, `peer-${responsible}`, 'files', name));
      assert.ok(back.equals(contents.get(name)!), `${name} copied back to ${responsible} whole`);
    }
  });

  test('a copy spoiled under a running peer that nobody asks for: its scrub finds it, says so, and it comes back whole', async () => {
    const name = '4103'; // key 7: held by 8, 9 and 14
    const victim = 9;
    const path = join(t.dataDir, `peer-${victim}`, 'files', name);
    const said = t.ring.waitFor(
      (e) => e.kind === 'line' && e.peer === victim && e.line.event === 'file.lost' && e.line.name === name,
      30_000,
    );
    const bad = Buffer.from(contents.get(name)!);
    bad[0]! ^= 0xff; // garbage written into it, the same size: only its bytes say it is not the copy stored
    await writeFile(path, bad);
    await said;
    await until(
      (listener) => t.ring.on(listener),
      async () => ((await readFile(path).catch(() => undefined))?.equals(contents.get(name)!) ? undefined : 'not yet'),
      `${name} copied back to ${victim} whole`,
      30_000,
    );
    await waitForCopies(t.ring, contents.keys(), 'after the scrub');
  });
});
