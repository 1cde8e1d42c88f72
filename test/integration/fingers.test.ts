// A 32-bit ring of real actors, several per worker thread: addresses carried in the protocol, finger routing, any file name, peers killed.
import assert from 'node:assert/strict';
import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { idealFingers } from '../../src/core/fingers.ts';
import { keyOf, responsibleFor, type PeerId } from '../../src/core/ring.ts';
import type { RingEvent } from '../../src/host/ring.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { sha1First32 } from '../../src/wire/name-hash.ts';
import { receivedFileName } from '../../src/actor/received-name.ts';
import { untilPinged } from '../lib/until.ts';

const BITS = 32;
const holderOf = (name: string, ids: readonly PeerId[]) => responsibleFor(keyOf(name, BITS, sha1First32), ids);

describe('a 32-bit ring of 24 peers on 2 threads, routing on fingers', () => {
  let t: TestRing;
  const events: RingEvent[] = [];
  const ids: PeerId[] = [];
  while (ids.length < 24) {
    const id = Math.floor(Math.random() * 2 ** BITS);
    if (!ids.includes(id)) ids.push(id);
  }
  ids.sort((a, b) => a - b);
  const live = new Set(ids);
  const fingersIdeal = async () => {
    const members = [...live].sort((a, b) => a - b);
    for (const id of members) {
      const status = await t.ring.peer(id).status();
      if (JSON.stringify(status.fingers) !== JSON.stringify(idealFingers(id, members, BITS))) return false;
    }
    return true;
  };

  before(async () => {
    // Fix-fingers every 0.2 s, so the tables converge soon; pings once a second, each given the whole round (24 peers
    // share 2 threads: with a 0.1 s ping timeout load alone could have a live peer declared dead and a store land past
    // it), and the default deadline, a hang guard (a store after the kills may try dead fingers first).
    t = await createTestRing({
      peers: ids,
      idBits: BITS,
      threads: 2,
      pingIntervalMs: 1_000,
      pingTimeoutMs: 1_000,
      fingerIntervalMs: 200,
    });
    t.ring.on((e) => events.push(e));
    await mkdir(t.filesDir, { recursive: true });
  });
  after(() => t.close());

  test('every peer listens on a port of its own and its fix-fingers reach the ideal table', async () => {
    const ports = new Set<number>();
    for (const id of ids) ports.add((await t.ring.peer(id).status()).address.port);
    assert.equal(ports.size, ids.length);
    assert.equal(t.ring.threadCount(), 2);
    await untilPinged(t.ring, fingersIdeal, 'ideal finger tables');
  });

  test('files of any name are stored at, and fetched from, the peer responsible for their SHA-1; hops to fingers say where', async () => {
    const names = ['report.pdf', 'Zoë — notes.txt', '日本語', '2067', 'a b c'];
    for (const [i, name] of names.entries()) {
      await writeFile(join(t.filesDir, name), `content of ${name}`);
      const from = ids[(i * 5) % ids.length]!;
      const stored = await t.ring.peer(from).store(name);
      assert.deepEqual(
        [stored.ok, stored.ok && stored.holder],
        [true, holderOf(name, ids)],
        `store ${name} at ${from}: ${JSON.stringify(stored)}`,
      );
      assert.ok((stored.hops ?? Infinity) <= 2 * Math.log2(ids.length), `store ${name}: ${stored.hops} hops`);
      const by = ids[(i * 7 + 3) % ids.length]!;
      const fetched = await t.ring.peer(by).request(name);
      assert.ok(fetched.ok, JSON.stringify(fetched));
      assert.equal(
        // received_2067.pdf as the original; received_report.pdf, received_日本語, ... for the others
        await readFile(join(t.filesDir, `peer-${by}`, receivedFileName(name)), 'utf8'),
        `content of ${name}`,
      );
    }
    const fingerLine = events.find((e) => e.kind === 'line' && e.line.finger === true);
    assert.ok(fingerLine?.kind === 'line');
    assert.match(fingerLine.line.text, /(forwarded|sent) to Peer \d+$/);
    assert.equal(fingerLine.line.text.endsWith(`Peer ${fingerLine.line.to}`), true);
  });

  test('after 5 of the 24 peers are killed (their threads go on hosting the others), every lookup still succeeds', async () => {
    const killed = [ids[1]!, ids[6]!, ids[7]!, ids[15]!, ids[20]!];
    for (const id of killed) {
      await t.ring.kill(id);
      live.delete(id);
    }
    assert.equal(t.ring.threadCount(), 2);
    const members = [...live];
    // Once every live peer's successor list is made of live peers; fingers may still name the dead.
    await untilPinged(
      t.ring,
      async () => {
        for (const id of members)
          if (!(await t.ring.peer(id).status()).successors.every((s) => live.has(s))) return false;
        return true;
      },
      'successor lists repaired',
    );
    for (let i = 0; i < 30; i++) {
      const name = `after-${i}`;
      await writeFile(join(t.filesDir, name), name);
      const from = members[(i * 7) % members.length]!;
      const stored = await t.ring.peer(from).store(name);
      assert.deepEqual(
        [stored.ok, stored.ok && stored.holder],
        [true, holderOf(name, members)],
        `store ${name} at ${from}: ${JSON.stringify(stored)}`,
      );
    }
  });
});

describe('a ring built with its finger tables, as with its successor lists', () => {
  const ids = [1, 20, 45, 80, 110, 150, 190, 230];
  let t: TestRing;
  before(async () => {
    // Pings once an hour: nothing but the tables given can have filled the fingers.
    const peers = ids.map((id) => ({ id, fingers: idealFingers(id, ids, 8) }));
    t = await createTestRing({ peers, routing: 'finger', threads: 2, pingIntervalMs: 3_600_000 });
    await mkdir(t.filesDir, { recursive: true });
  });
  after(() => t.close());

  test('each peer starts with the table it was given, and lookups take the fingers at once', async () => {
    for (const id of ids) assert.deepEqual((await t.ring.peer(id).status()).fingers, idealFingers(id, ids, 8));
    // Key 200 is held by 230; from 1 the finger to 1 + 128 (at 150) is the closest preceding one: 3 hops, not 7.
    await writeFile(join(t.filesDir, '0200.pdf'), 'two hundred');
    const stored = await t.ring.peer(1).store('0200');
    assert.deepEqual([stored.ok, stored.ok && stored.holder], [true, 230], stored.ok ? '' : stored.error);
    assert.ok((stored.hops ?? Infinity) <= 3, `took ${stored.hops} hops`);
  });

  test('a finger table of the wrong length is refused, with the reason', async () => {
    await assert.rejects(
      createTestRing({ peers: [{ id: 1, fingers: [1, 1] }, { id: 2 }], routing: 'finger' }),
      /Peer 1 is given 2 fingers: a finger table has one per id bit \(8\)/,
    );
  });
});
