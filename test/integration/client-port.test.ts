// Client ports: store and request commands from another thread go straight to a peer's actor and come back.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { PeerClient } from '../../src/host/client.ts';
import { RingdhtError } from '../../src/host/errors.ts';
import { createTestRing } from '../../src/host/testing.ts';

test('a client port stores and requests at its peer; the results name the holder', async () => {
  const t = await createTestRing({ peers: [10, 20, 30], pingIntervalMs: 60_000, replicas: 1 });
  try {
    await mkdir(t.filesDir, { recursive: true });
    await writeFile(join(t.filesDir, '0015.pdf'), 'fifteen');
    const client = new PeerClient(await t.ring.peer(10).clientPort());
    const heard: { event: string; seq: number }[] = [];
    t.ring.on((e) => e.kind === 'line' && heard.push({ event: e.line.event, seq: e.seq }));
    const stored = await client.store('0015');
    assert.deepEqual([stored.ok, stored.ok && stored.holder], [true, 20]);
    // The answer's seq: the store's lines were stamped before it (heard, perhaps later, by the ring's listeners).
    await t.ring.peer(10).status(); // a call on the ring's thread: it returns after every event stamped before it
    const accepted = heard.find((l) => l.event === 'store.accepted');
    assert.ok(
      accepted !== undefined && accepted.seq < stored.seq,
      `store.accepted at ${accepted?.seq}, answer at ${stored.seq}`,
    );
    const [found, absent] = await Promise.all([client.request('0015'), client.request('0016')]);
    assert.deepEqual([found.ok, found.ok && found.holder], [true, 20]);
    assert.equal(absent.ok, false);
    assert.match(absent.ok ? '' : absent.error, /not in the DHT/);
    client.close();
    await assert.rejects(
      client.request('0015'),
      (error: unknown) => error instanceof RingdhtError && error.code === 'CLOSED',
    );
  } finally {
    await t.close();
  }
});

test('a client port handed to another thread works there (a store from 30 goes round to 30 itself: 3 hops), and closes once the peer is gone', async () => {
  const t = await createTestRing({ peers: [10, 20, 30], pingIntervalMs: 60_000, replicas: 1 });
  // Plain JS in the thread, speaking the port's messages (src/actor/client-protocol.ts) as a load generator would.
  const worker = new Worker(
    `
    const { parentPort } = require('node:worker_threads');
    parentPort.once('message', ({ port }) => {
      port.on('message', (reply) => parentPort.postMessage(reply));
      port.once('close', () => parentPort.postMessage('closed'));
      port.postMessage({ req: 7, command: { kind: 'store', name: '0025', empty: true } });
    });
  `,
    { eval: true },
  );
  const off = t.ring.on(() => {}); // lines are stamped (and an answer's seq counts them) only while someone listens
  try {
    const port = await t.ring.peer(30).clientPort();
    const replies: unknown[] = [];
    const next = () => new Promise((resolve) => worker.once('message', resolve));
    worker.postMessage({ port }, [port]);
    replies.push(await next());
    const { result, seq } = replies[0] as { result: { ms: number; version: { origin: number } }; seq: number };
    assert.deepEqual(replies[0], {
      req: 7,
      result: { ok: true, holder: 30, hops: 3, ms: result.ms, version: result.version },
      seq,
    });
    assert.ok(Number.isInteger(seq) && seq > 0, `seq ${seq}: the store's lines were stamped before its answer`);
    assert.equal(result.version.origin, 30, "the store's version names its origin");
    const closed = next();
    await t.ring.kill(30);
    assert.equal(await closed, 'closed');
  } finally {
    off();
    await worker.terminate();
    await t.close();
  }
});

test('a client port of a peer that is killed, on a shared thread: its commands fail with ACTOR_DIED, the thread serves on', async () => {
  const t = await createTestRing({ peers: [3, 6, 9], threads: 1, start: false });
  const crashedOthers: number[] = [];
  const off = t.ring.on((e) => e.kind === 'crashed' && crashedOthers.push(e.peer));
  try {
    const client = new PeerClient(await t.ring.peer(6).clientPort());
    await t.ring.kill(6);
    await assert.rejects(
      client.request('0010'),
      (error: unknown) => error instanceof RingdhtError && error.code === 'ACTOR_DIED',
    );
    // And so does any later one (its port is closed by now).
    await assert.rejects(
      client.request('0010'),
      (error: unknown) => error instanceof RingdhtError && error.code === 'ACTOR_DIED',
    );
    // A request that came after the peer was gone once threw in its thread and crashed every peer it hosted.
    assert.equal((await t.ring.peer(9).status()).id, 9);
    assert.deepEqual(crashedOthers, []);
  } finally {
    off();
    await t.close();
  }
});

test('a client port of a peer whose actor throws, on a shared thread: its command fails with ACTOR_DIED, not at its deadline', async () => {
  // Not started: no pings, so the client's command is the peer's next input, and the fault's.
  const t = await createTestRing({ peers: [3, 6, 9], opTimeoutMs: 20_000, threads: 1, start: false });
  try {
    const client = new PeerClient(await t.ring.peer(6).clientPort());
    await t.ring.injectFault(6, 'a bug in Peer 6');
    await assert.rejects(
      client.request('0010'),
      (error: unknown) => error instanceof RingdhtError && error.code === 'ACTOR_DIED',
    );
  } finally {
    await t.close();
  }
});
