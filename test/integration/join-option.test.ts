// The library's options for rings on several machines, on 127.0.0.1: `join` (this ring's peers join another ring
// rather than forming one), `seeds` (a peer alone keeps trying them), and what a bad address gets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { createTestRing } from '../../src/host/testing.ts';
import { untilPinged } from '../lib/until.ts';

describe('library options: join and seeds', () => {
  test('join: the peers of a second ring join the first one, one after another', async () => {
    const first = await createTestRing({ peers: [10, 100], pingIntervalMs: 200 });
    try {
      const second = await createTestRing({
        peers: [50, 200],
        pingIntervalMs: 200,
        join: { id: 10, host: '127.0.0.1', port: first.basePort + 10 },
      });
      try {
        // 100 may place 200 before 10's news of 50 reaches it (two connections, no order between them): 200 then lists
        // [10, 100] until its first ping round with 10, which reports 50.
        const places = async () => ({
          50: (await second.ring.peer(50).status()).successors,
          200: (await second.ring.peer(200).status()).successors,
        });
        const expected = { 50: [100, 200], 200: [10, 50] };
        let seen = {};
        const placed = async () => isDeepStrictEqual((seen = await places()), expected);
        await untilPinged(second.ring, placed, () => `not in their places: ${JSON.stringify(seen)}`);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  test('seeds: a peer started alone finds the ring through a seed and takes its place in it', async () => {
    const first = await createTestRing({ peers: [10, 100], pingIntervalMs: 200 });
    try {
      const lone = await createTestRing({
        peers: [50],
        pingIntervalMs: 200,
        seeds: [{ id: 10, host: '127.0.0.1', port: first.basePort + 10 }],
        start: false,
      });
      try {
        const placed = lone.ring.waitFor(
          (e) => e.kind === 'line' && e.peer === 50 && e.line.event === 'successor.first' && e.line.successor === 100,
        );
        const taken = first.ring.waitFor(
          (e) => e.kind === 'line' && e.peer === 10 && e.line.event === 'successor.first' && e.line.successor === 50,
        );
        await lone.ring.startAll();
        await Promise.all([placed, taken]);
      } finally {
        await lone.close();
      }
    } finally {
      await first.close();
    }
  });

  test('a ring on loopback given a peer on another host is refused with what to do', async () => {
    await assert.rejects(
      createTestRing({ peers: [50], seeds: [{ id: 10, host: '10.9.9.9', port: 12010 }] }),
      /listen on 127\.0\.0\.1, which Peer 10 at 10\.9\.9\.9 cannot reach: give --host an address/,
    );
  });
});
