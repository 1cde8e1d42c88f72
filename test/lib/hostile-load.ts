// Hostile traffic at volume for a live peer's ports (the volume test and bench/figures/fuzz.ts): random bytes and
// mutated valid messages, as UDP datagrams and on TCP connections, paced so the count that arrives is known.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Body } from '../../src/wire/codec.ts';
import { frame } from '../../src/wire/framing.ts';
import { body, mutate, mutation, type Mutation } from './arbitraries.ts';

const CONNECTION_TIMEOUT_MS = 5_000;

/** Payloads to draw from: `encode` turns a valid message into what a sender would put on the wire. */
export function hostilePayloads(encode: (body: Body) => Uint8Array, seed: number, count = 2000): Uint8Array[] {
  const samples = fc.sample(fc.tuple(body, fc.array(mutation, { minLength: 1, maxLength: 3 })), {
    numRuns: count,
    seed,
  });
  return samples.map(([message, edits]: [Body, Mutation[]], i) => {
    if (i % 2 === 0) return randomBytes(1 + (i % 200));
    const valid = encode(message);
    const mutated = mutate(valid, edits);
    // Edits that cancel out (a byte set to what it was) would leave a valid message: make sure one byte differs.
    if (Buffer.from(mutated).equals(valid)) mutated[0]! ^= 0xff;
    return mutated;
  });
}

/**
 * Sends `total` datagrams drawn from `payloads` to `port`, `batch` at a time; after each batch waits while the peer
 * (asked through `received`) is still reading and is more than a batch behind, so a slow receiver sets the pace
 * (what the kernel dropped is not waited for). Resolves with how many it read.
 */
export async function udpFlood(
  port: number,
  payloads: readonly Uint8Array[],
  total: number,
  received: () => Promise<number>,
  batch = 250,
): Promise<number> {
  const udp = createSocket('udp4');
  try {
    const start = await received();
    for (let sent = 0; sent < total; ) {
      const n = Math.min(batch, total - sent);
      await Promise.all(
        Array.from(
          { length: n },
          (_, i) =>
            new Promise((resolve) => udp.send(payloads[(sent + i) % payloads.length]!, port, '127.0.0.1', resolve)),
        ),
      );
      sent += n;
      // Each call is a round trip to the peer's thread, behind the datagrams it has yet to read.
      for (
        let read = await received(), last = -1;
        read - start < sent - batch && read !== last;
        last = read, read = await received()
      );
    }
    return (await received()) - start;
  } finally {
    udp.close();
  }
}

/** Opens `total` connections to `port`, `concurrency` at a time; each writes a few payloads as frames or raw, then closes. */
export async function tcpFlood(
  port: number,
  payloads: readonly Uint8Array[],
  total: number,
  concurrency = 50,
): Promise<void> {
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        const parts = [0, 1, 2].map((k) => payloads[(i * 3 + k) % payloads.length]!);
        // Half the connections frame their payloads, so they reach the decoder; the other half are raw bytes.
        socket.end(i % 2 === 0 ? Buffer.concat(parts.map((p) => frame(p))) : Buffer.concat(parts));
      });
      socket.on('error', () => {});
      socket.setTimeout(CONNECTION_TIMEOUT_MS, () => socket.destroy()); // the flood never waits on one connection for long
      socket.on('close', () => resolve());
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
}

/** What floodPeer saw: the peer's status and heap (after a full GC) before and after, and how long each flood took. */
export interface FloodReport<S> {
  read: number;
  before: S;
  after: S;
  heapBefore: number;
  heapAfter: number;
  udpSeconds: number;
  tcpSeconds: number;
}

/** What floodPeer needs of a ring: a peer's status and heap, and its ports. */
export interface Floodable<S extends { received: { datagrams: number } }> {
  status(): Promise<S>;
  heapAfterGc(): Promise<number>;
  port: number;
}

/** Floods one live peer's UDP then TCP port with `payloads`; the heap is measured before and after all of it. */
export async function floodPeer<S extends { received: { datagrams: number } }>(
  peer: Floodable<S>,
  payloads: readonly Uint8Array[],
  counts: { datagrams: number; connections: number },
): Promise<FloodReport<S>> {
  const heapBefore = await peer.heapAfterGc();
  const before = await peer.status();
  const t0 = performance.now();
  const read = await udpFlood(
    peer.port,
    payloads,
    counts.datagrams,
    async () => (await peer.status()).received.datagrams,
  );
  const t1 = performance.now();
  await tcpFlood(peer.port, payloads, counts.connections);
  const t2 = performance.now();
  const after = await peer.status();
  const heapAfter = await peer.heapAfterGc();
  return { read, before, after, heapBefore, heapAfter, udpSeconds: (t1 - t0) / 1000, tcpSeconds: (t2 - t1) / 1000 };
}
