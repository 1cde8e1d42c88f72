// Joins on a ring of wide ids (above 8 bits: each peer's port chosen from the base port, not fixed by its id) while
// another run is ending: two joins of one id get one answer each, and a port is not handed to another id while its run
// still ends (its own id's newcomer gets it back).
// Driven by hooks on the threads' calls and by the order of answers, never by waiting a while.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ActorWorker } from '../../src/host/actor-worker.ts';
import { RingdhtError } from '../../src/host/errors.ts';
import { type CommandResult, createRing, type Ring } from '../../src/host/ring.ts';
import { createTestRing, randomBasePort } from '../../src/host/testing.ts';

/**
 * A ring of 16-bit ids on one thread, its ports taken one by one from a base port (tests' wide rings take any free
 * port); created again on another base port when one of them is in use (another process's).
 */
async function wideRing(): Promise<{ ring: Ring; close: () => Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    const root = await mkdtemp(join(tmpdir(), 'ringdht-wide-'));
    try {
      const ring = await createRing({
        peers: [1000, 2000, 3000],
        idBits: 16,
        basePort: randomBasePort(),
        threads: 1,
        pingIntervalMs: 60_000,
        dataDir: join(root, 'data'),
        filesDir: join(root, 'files'),
      });
      return {
        ring,
        close: async () => {
          await ring.close();
          await rm(root, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      if (!(error instanceof RingdhtError && error.code === 'PORT_IN_USE') || attempt === 8) throw error;
    }
  }
}

test('two joins of one id while its old run is killed: the second is refused at once saying what to do, the first is answered', async () => {
  // The second waited for the old run's end, its config meanwhile taking the id's port over from the first's, and was
  // then refused as "already running" once the first was placed. (Any free port each: no other process's can collide.)
  const t = await createTestRing({ peers: [1000, 2000, 3000], idBits: 16, threads: 1, pingIntervalMs: 60_000 });
  const { ring } = t;
  try {
    const order: string[] = [];
    const killed = ring.kill(2000).then(() => order.push('kill ended'));
    const first = ring.join(2000, 1000);
    first.catch(() => {}); // awaited below: a failed assertion before then is the test's failure
    const second = await ring.join(2000, 1000).then(
      () => assert.fail('the second join was answered as if it ran'),
      (error: unknown) => {
        order.push('second refused');
        return error;
      },
    );
    assert.ok(second instanceof RingdhtError);
    assert.match(second.message, /Peer 2000 is already joining in this process: wait for that join's answer/);
    await killed;
    assert.deepEqual(order, ['second refused', 'kill ended'], "refused at once, not after the old run's end");
    const joined = await first;
    // Whether the ring takes it in at once is the protocol's call (pings are off: 2000 is still listed); either way
    // the first join is answered, and its peer is here exactly when it joined.
    assert.equal(ring.has(2000), joined.ok);
    if (joined.ok) assert.equal((await ring.peer(2000).status()).id, 2000);
  } finally {
    await t.close();
  }
});

test('a newcomer of another id is not given the port of a run still ending: its join goes ahead on a port of its own', async () => {
  // The kill took 1000's port out of the ring's ports at once, while 1000's actor still held it (its close under way):
  // the next free port was that one, and the newcomer failed PORT_IN_USE.
  for (let attempt = 1; ; attempt++) {
    const outcome = await newcomerWhileKilled();
    assert.notEqual(outcome.chosen, outcome.killedPort, "the newcomer was not given the killed peer's port");
    // Another process's socket on the newcomer's own port (test ports may lie in the OS's range for any free port):
    // not this ring's doing, so the same again on another base port.
    if (outcome.joined instanceof RingdhtError && outcome.joined.code === 'PORT_IN_USE' && attempt < 5) continue;
    assert.ok(!(outcome.joined instanceof Error), String(outcome.joined));
    assert.equal(outcome.joined.ok, true, outcome.joined.ok ? '' : outcome.joined.error);
    return;
  }
});

test('a peer killed and joined again at once with its id gets its old port back (peers elsewhere may have it on record)', async () => {
  // Its old run's port was held from every newcomer while that run ended, its own id's too (which waits for that end
  // before it is placed): it came back on the next free port. (Another id is not given it meanwhile: the test above.)
  for (let attempt = 1; ; attempt++) {
    const { ring, close } = await wideRing();
    try {
      const oldPort = (await ring.peer(2000).status()).address.port;
      let chosen: number | undefined;
      const configFor = ring.configFor;
      ring.configFor = (spec) => {
        const config = configFor.call(ring, spec);
        chosen = config.port;
        return config;
      };
      const killed = ring.kill(2000); // its run ends while the join below is asked
      const joined = await ring.join(2000, 1000).catch((error: Error) => error);
      await killed;
      assert.equal(chosen, oldPort, 'the newcomer was given its old port');
      // Another process's socket on that port once the old run let it go (test ports may lie in the OS's range for any
      // free port): not this ring's doing, so the same again on another base port.
      if (joined instanceof RingdhtError && joined.code === 'PORT_IN_USE' && attempt < 5) continue;
      assert.ok(!(joined instanceof Error), String(joined));
      // Whether the ring takes it in at once is the protocol's call (pings are off: 2000 may still be listed); in, it
      // listens on that port.
      if (joined.ok) assert.equal((await ring.peer(2000).status()).address.port, oldPort);
      return;
    } finally {
      await close();
    }
  }
});

/** 1000 is killed, its close held until 4000 (joining meanwhile) has been spawned: the ports and how the join went. */
async function newcomerWhileKilled(): Promise<{
  killedPort: number;
  chosen: number | undefined;
  joined: CommandResult | Error;
}> {
  const { ring, close } = await wideRing();
  const call = ActorWorker.prototype.call;
  const configFor = ring.configFor;
  let spawnAnswered!: () => void;
  const spawned = new Promise<void>((resolve) => (spawnAnswered = resolve));
  let chosen: number | undefined;
  try {
    const killedPort = (await ring.peer(1000).status()).address.port;
    // The kill's close of 1000 is sent once the newcomer's spawn has been answered: 1000 holds its port until then.
    ActorWorker.prototype.call = function (this: ActorWorker, ...args: Parameters<typeof call>) {
      if (args[0] === 'kill') return spawned.then(() => call.apply(this, args)) as never;
      const answer = call.apply(this, args) as Promise<unknown>;
      if (args[0] === 'spawn') void answer.then(spawnAnswered, spawnAnswered);
      return answer as never;
    } as typeof call;
    ring.configFor = (spec) => {
      const config = configFor.call(ring, spec);
      chosen = config.port;
      return config;
    };
    const killed = ring.kill(1000);
    const joined = await ring.join(4000, 2000).catch((error: Error) => error);
    // The kill's close is let go once the join has settled too: a join failing before its spawn call (a regression)
    // would otherwise hold it, and the kill, forever.
    spawnAnswered();
    await killed;
    return { killedPort, chosen, joined };
  } finally {
    ActorWorker.prototype.call = call;
    spawnAnswered();
    await close();
  }
}
