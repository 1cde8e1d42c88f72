// A ring with a secret: strangers without it are not heard (UDP or TCP, join, store, forged departures), copies are refused.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRing, type RingEvent } from '../../src/host/ring.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { encodeEnvelope, type Body } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { frame } from '../../src/wire/framing.ts';

const SECRET = Buffer.from('a ring secret of more than sixteen bytes');
const LIMITS = { idBits: 8, maxFileBytes: 64 * 1024 * 1024, maxChunkBytes: 256 * 1024 };

/** What a process holding the secret sends: sealed as `from`, for `to`. */
const sealed = (from: number, to: number, body: Body, now?: () => number) =>
  new EdgeCodec({
    self: from,
    limits: LIMITS,
    secret: SECRET,
    replayWindowMs: 30_000,
    nonceCacheEntries: 16,
    ...(now ? { now } : {}),
  }).encode(to, body);

function tcpSend(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

async function udpSend(port: number, bytes: Uint8Array): Promise<void> {
  const udp = createSocket('udp4');
  await new Promise((resolve) => udp.send(bytes, port, '127.0.0.1', resolve));
  udp.close();
}

/** A request for a file nobody holds, at its last replica (attempt 2 of R = 3): the receiver says it has no copy either. */
const lookup = (name: string, op: number): Body => ({
  type: 'lookup',
  kind: 'request',
  origin: 3,
  op,
  name,
  key: Number(name) % 256,
  final: true,
  hops: 1,
  attempt: 2,
  responsible: 3, // the last replica asked: it tells 3, which prints "no such file"
});

describe('a ring with a secret', () => {
  let t: TestRing;
  const events: RingEvent[] = [];
  const port = (id: number) => t.basePort + id;
  const linesOf = (peer: number, event: string) =>
    events.filter((e) => e.kind === 'line' && e.peer === peer && e.line.event === event);
  before(async () => {
    t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000, secret: SECRET });
    t.ring.on((e) => events.push(e));
  });
  after(() => t.close());

  test('a process without the secret: its pings, joins, stores and forged departures are dropped and counted', async () => {
    const before = await t.ring.peer(6).status();
    await udpSend(port(6), encodeEnvelope(200, { type: 'pingRequest', seq: 1, rank: 1 }));
    for (const body of [
      { type: 'joinRequest', newcomer: 200, hops: 0 },
      { type: 'lookup', kind: 'store', origin: 200, op: 1, name: '0006', key: 6, final: true, hops: 1, attempt: 0 },
      { type: 'departure', leaving: 9, successors: [200, 201], hops: 0, rank: 1 },
      lookup('1030', 1), // a request for a file nobody has: its "no such file" line would show it was heard
    ] satisfies Body[])
      await tcpSend(port(6), frame(encodeEnvelope(3, body)));
    // A sealed request sent after them: once its line is out, all of the above were read.
    const heard = t.ring.waitFor(
      (e) => e.kind === 'line' && e.peer === 6 && e.line.event === 'request.nocopy' && e.line.name === '1286',
    );
    await tcpSend(port(6), frame(sealed(3, 6, lookup('1286', 2))));
    await heard;
    const after = await t.ring.peer(6).status();
    assert.equal(after.dropped.unauthenticated, before.dropped.unauthenticated + 5);
    assert.deepEqual(after.successors, [9, 3], 'the forged departure of 9 changed nothing');
    assert.equal(linesOf(6, 'ping.received').filter((e) => e.kind === 'line' && e.line.from === 200).length, 0);
    assert.equal(linesOf(6, 'request.nocopy').filter((e) => e.kind === 'line' && e.line.name === '1030').length, 0);
    assert.deepEqual(after.files, []);
  });

  test('a sealed message sent again is dropped as replayed; one stamped outside the window as stale', async () => {
    const before = (await t.ring.peer(9).status()).dropped;
    const once = sealed(3, 9, lookup('2057', 3)); // key 9
    await tcpSend(port(9), frame(once));
    await tcpSend(port(9), frame(once));
    await tcpSend(port(9), frame(sealed(3, 9, lookup('2313', 4), () => Date.now() - 10 * 60_000)));
    await udpSend(
      port(9),
      sealed(3, 9, { type: 'pingRequest', seq: 5, rank: 1 }, () => Date.now() + 10 * 60_000),
    );
    const heard = t.ring.waitFor(
      (e) => e.kind === 'line' && e.peer === 9 && e.line.event === 'request.nocopy' && e.line.name === '2569',
    );
    await tcpSend(port(9), frame(sealed(3, 9, lookup('2569', 5))));
    await heard;
    const after = (await t.ring.peer(9).status()).dropped;
    assert.deepEqual([after.replayed - before.replayed, after.stale - before.stale], [1, 2]);
    assert.equal(linesOf(9, 'request.nocopy').filter((e) => e.kind === 'line' && e.line.name === '2057').length, 1);
  });

  test('peers without the secret, or with another, cannot join; a peer with it can; the ring stores and requests', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ringdht-test-'));
    const outsiders = await Promise.all(
      [null, Buffer.from('another secret, also long enough')].map((secret, i) =>
        createRing({
          peers: [],
          basePort: t.basePort,
          dataDir: join(root, `d${i}`),
          filesDir: root,
          pingIntervalMs: 60_000,
          secret,
        }),
      ),
    );
    try {
      const results = await Promise.all(outsiders.map((ring, i) => ring.join(100 + i, 3)));
      for (const result of results)
        assert.match(result.ok ? 'joined' : result.error, /Peer 3 did not answer the join request/);
      const joined = await t.ring.join(12, 3);
      assert.equal(joined.ok, true, joined.ok ? '' : joined.error);
      const stored = await t.ring.peer(3).store('0012', { empty: true });
      assert.deepEqual([stored.ok, stored.ok && stored.holder], [true, 12]);
      assert.equal((await t.ring.peer(6).request('0012')).ok, true);
    } finally {
      await Promise.all(outsiders.map((ring) => ring.close()));
      await rm(root, { recursive: true, force: true });
    }
  });
});
