// Hostile traffic at volume against live peers (100,000 datagrams and 2,000 TCP connections; bench/ runs 1,000,000):
// every datagram is counted, nothing crashes, the ring still stores and requests, and the peer's heap comes back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActorStatus } from '../../src/actor/actor.ts';
import type { RingEvent } from '../../src/host/ring.ts';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { floodPeer, hostilePayloads, type Floodable } from '../lib/hostile-load.ts';

const SECRET = Buffer.from('the volume test ring secret, 32+ bytes');
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
/** A peer's heap after the flood, after a full GC, may exceed its heap before by at most this (a leak of one small
 *  object per datagram would be several times more). */
const HEAP_SLACK_BYTES = 4 * 1024 * 1024;

const droppedTotal = (s: ActorStatus) => Object.values(s.dropped).reduce((a, b) => a + b, 0);

const floodable = (t: TestRing, id: number): Floodable<ActorStatus> => ({
  status: () => t.ring.peer(id).status(),
  heapAfterGc: () => t.ring.heapAfterGc(id),
  port: t.basePort + id,
});

async function storesAndRequests(t: TestRing, names: string[]): Promise<void> {
  const ids = t.ring.ids();
  for (const [i, name] of names.entries()) {
    const stored = await t.ring.peer(ids[i % ids.length]!).store(name, { empty: true });
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    for (const id of ids) {
      const got = await t.ring.peer(id).request(name);
      assert.equal(got.ok, true, got.ok ? '' : got.error);
    }
  }
}

describe(`hostile traffic at volume (seed ${SEED}; FUZZ_SEED=${SEED} repeats it)`, () => {
  test('a ring with a secret: 100,000 datagrams and 2,000 connections of random and mutated sealed messages, all dropped', {
    timeout: 120_000,
  }, async () => {
    const t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000, secret: SECRET });
    const crashes: RingEvent[] = [];
    t.ring.on((e) => {
      if (e.kind === 'crashed') crashes.push(e);
    });
    try {
      const sender = new EdgeCodec({
        self: 3,
        limits: { idBits: 8, maxFileBytes: 1 << 26, maxChunkBytes: 1 << 18 },
        secret: SECRET,
        replayWindowMs: 30_000,
        nonceCacheEntries: 16,
      });
      const payloads = hostilePayloads((body) => sender.encode(6, body), SEED);
      const { read, before, after, heapBefore, heapAfter } = await floodPeer(floodable(t, 6), payloads, {
        datagrams: 100_000,
        connections: 2_000,
      });
      // The kernel drops what the peer's socket buffer cannot hold; the flood is paced so most arrive.
      assert.ok(read > 25_000, `the peer read ${read} of 100,000 datagrams`);
      // Every datagram and frame it read was dropped, each with its reason (a frame header over the limit: one per connection).
      const readFrames = after.received.frames - before.received.frames;
      const oversized = after.dropped.frameTooLarge - before.dropped.frameTooLarge;
      // Datagrams still queued when udpFlood returned were read during the TCP flood: count them all.
      const readDatagrams = after.received.datagrams - before.received.datagrams;
      // The ring's own peers' frames come over MessagePorts between their threads (src/actor/thread-mesh.ts): read too.
      const readLocal = after.received.local - before.received.local;
      const heard = readDatagrams + readFrames + readLocal + oversized - (droppedTotal(after) - droppedTotal(before));
      // What was not dropped came from the ring's own peers (a ping round, a digest): each sealed, so each left its nonce.
      assert.equal(after.nonces - before.nonces, heard);
      assert.ok(heard <= 20, `${heard} messages heard during the flood`);
      assert.ok(after.dropped.unauthenticated - before.dropped.unauthenticated >= 0.9 * (readDatagrams + readFrames));
      assert.ok(after.connections.accepted - before.connections.accepted >= 2_000);
      assert.deepEqual(crashes, []);
      await storesAndRequests(t, ['0005', '0008', '0200']);
      assert.ok(
        heapAfter < heapBefore + HEAP_SLACK_BYTES,
        `heap ${(heapBefore / 1e6).toFixed(1)} MB before, ${(heapAfter / 1e6).toFixed(1)} MB after`,
      );
    } finally {
      await t.close();
    }
  });

  test('a ring without a secret: 20,000 datagrams and 500 connections of random and mutated plain messages; no peer crashes', {
    timeout: 120_000,
  }, async () => {
    const t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000 });
    const crashes: RingEvent[] = [];
    t.ring.on((e) => {
      if (e.kind === 'crashed') crashes.push(e);
    });
    try {
      const payloads = hostilePayloads((body) => encodeEnvelope(3, body), SEED + 1);
      const { read, before, after, heapBefore, heapAfter } = await floodPeer(floodable(t, 6), payloads, {
        datagrams: 20_000,
        connections: 500,
      });
      assert.ok(read > 5_000, `the peer read ${read} of 20,000 datagrams`);
      // Without a secret some mutations are valid messages, heard as such; the rest are counted.
      assert.ok(droppedTotal(after) - droppedTotal(before) > 0.5 * read);
      assert.deepEqual(crashes, []);
      for (const id of t.ring.ids()) assert.equal((await t.ring.peer(id).status()).id, id, `Peer ${id} answers`);
      assert.ok(
        heapAfter < heapBefore + HEAP_SLACK_BYTES,
        `heap ${(heapBefore / 1e6).toFixed(1)} MB before, ${(heapAfter / 1e6).toFixed(1)} MB after`,
      );
    } finally {
      await t.close();
    }
  });
});
