// An actor that throws is reported and gone as abruptly as a killed peer: its neighbours repair, the others keep serving.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RingEvent } from '../../src/host/ring.ts';
import { RingdhtError } from '../../src/host/errors.ts';
import { createTestRing } from '../../src/host/testing.ts';
import { until } from '../../src/host/until.ts';

test('an exception inside an actor, then one escaping to its thread: each peer crashes alone, the ring repairs and serves', async () => {
  // Pings at 0.2 s so a crash is noticed soon; the stores after it get 5 s for a hop and its copies (the 0.5 s hop
  // timeout these pings give could fail one under load for a slow holder alone).
  const t = await createTestRing({ peers: [3, 6, 9, 12, 15], pingIntervalMs: 200, hopTimeoutMs: 5_000 });
  const { ring } = t;
  const dead = (peer: number, by: number) => (e: RingEvent) =>
    e.kind === 'line' && e.peer === by && e.line.event === 'peer.dead' && e.line.dead === peer;
  try {
    for (const [victim, where, predecessor] of [
      [6, 'input', 3],
      [9, 'thread', 3],
    ] as const) {
      const crashed = ring.waitFor((e) => e.kind === 'crashed' && e.peer === victim);
      const noticed = ring.waitFor(dead(victim, predecessor));
      await ring.injectFault(victim, `a bug in Peer ${victim}`, where);
      const event = await crashed;
      assert.equal(event.kind === 'crashed' && event.error, `a bug in Peer ${victim}`);
      assert.equal(ring.has(victim), false, "a crashed peer is no longer one of the ring's");
      await noticed; // its predecessor found out by its missed pings, as for a kill
      // ...and the repair reaches every peer (the second predecessor by its own misses or by the first one's report).
      await until(
        (listener) => ring.on(listener),
        async () => {
          for (const id of ring.ids())
            if ((await ring.peer(id).status()).successors.includes(victim)) return `Peer ${id} still follows ${victim}`;
          return undefined;
        },
        `the ring repaired around ${victim}`,
        10_000,
      );
      assert.throws(() => ring.peer(victim), /Peer \d+ is not in this process/);
    }
    assert.deepEqual(ring.ids(), [3, 12, 15]);
    for (const [from, name] of [
      [3, '0010'],
      [12, '0007'],
      [15, '0013'],
    ] as const) {
      const stored = await ring.peer(from).store(name, { empty: true });
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
      for (const id of ring.ids()) assert.equal((await ring.peer(id).request(name)).ok, true);
    }
  } finally {
    await t.close();
  }
});

// The crash may come before 6 has answered any ping (its thread is shared, so the fault can overtake the first
// datagrams): its predecessors must count its silence at once, with no start-up grace (every peer here listened first).
test('peers sharing a thread: the one whose actor throws is gone, the others on that thread keep serving', async () => {
  const t = await createTestRing({ peers: [3, 6, 9, 12], pingIntervalMs: 200, hopTimeoutMs: 5_000, threads: 2 });
  const { ring } = t;
  try {
    const crashed = ring.waitFor((e) => e.kind === 'crashed');
    await ring.injectFault(6, 'a bug in Peer 6');
    const event = await crashed;
    assert.deepEqual([event.peer, event.kind === 'crashed' && event.error], [6, 'a bug in Peer 6']);
    assert.deepEqual(ring.ids(), [3, 9, 12]);
    await until(
      (listener) => ring.on(listener),
      async () => {
        for (const id of ring.ids())
          if ((await ring.peer(id).status()).successors.includes(6)) return `Peer ${id} still follows 6`;
        return undefined;
      },
      'the ring repaired around 6',
      10_000,
    );
    for (const id of ring.ids()) {
      const name = String(id + 256).padStart(4, '0');
      const stored = await ring.peer(id).store(name, { empty: true });
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
      assert.equal((await ring.peer(ring.ids().find((other) => other !== id)!).request(name)).ok, true);
    }
  } finally {
    await t.close();
  }
});

test('a peer of the ring gone before it ever answered a ping: its predecessors count its silence at once and repair', async () => {
  // Not started yet, so nobody has heard from 6: a start-up grace (15 s, for peers in other processes) would outlast the wait.
  const t = await createTestRing({ peers: [3, 6, 9, 12], pingIntervalMs: 200, threads: 2, start: false });
  const { ring } = t;
  try {
    await ring.kill(6);
    await ring.startAll();
    await until(
      (listener) => ring.on(listener),
      async () => {
        for (const id of ring.ids())
          if ((await ring.peer(id).status()).successors.includes(6)) return `Peer ${id} still follows 6`;
        return undefined;
      },
      'the ring repaired around 6',
      10_000,
    );
  } finally {
    await t.close();
  }
});

// A command's answer comes from its peer's thread (src/actor/worker.ts): a peer that crashes with one under way answers
// it as gone at once. Its thread lives on for the others, so nothing else would: the caller waited for its deadline.
test('a command under way at a peer whose actor throws, on a shared thread: it rejects with ACTOR_DIED, not at its deadline', async () => {
  // Not started: no pings, so the command is the peer's next input, and the fault's.
  const t = await createTestRing({ peers: [3, 6, 9], opTimeoutMs: 20_000, threads: 1, start: false });
  const { ring } = t;
  try {
    const crashed = ring.waitFor((e) => e.kind === 'crashed' && e.peer === 6, 10_000);
    await ring.injectFault(6, 'a bug in Peer 6');
    await assert.rejects(
      ring.peer(6).request('0010'),
      (error: unknown) =>
        error instanceof RingdhtError && error.code === 'ACTOR_DIED' && /a bug in Peer 6/.test(error.message),
    );
    await crashed;
    assert.equal((await ring.peer(9).status()).successors[0], 3, 'the others on its thread go on');
  } finally {
    await t.close();
  }
});
