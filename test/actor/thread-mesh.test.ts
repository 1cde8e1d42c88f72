// Peers of two threads of one process: their kept-open connections' messages go over a MessagePort between the threads
// (src/actor/thread-mesh.ts), handed on by the main thread's directory (src/host/thread-directory.ts), in order, and a
// receiver that leaves, or whose thread dies, is seen as a connection that closed: what it never read comes back first.
// Two exchanges in this thread stand for the two threads (a MessagePort works the same within one thread).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessagePort } from 'node:worker_threads';
import { LocalExchange } from '../../src/actor/local-exchange.ts';
import { type MeshNotice, type MeshUpdate, ThreadMesh } from '../../src/actor/thread-mesh.ts';
import type { ActorWorker } from '../../src/host/actor-worker.ts';
import { ThreadDirectory } from '../../src/host/thread-directory.ts';
import { requestLookup } from '../lib/lookup.ts';
import { closeAll, openAll, type Peer, peer, waiter } from '../lib/transport-peer.ts';

/**
 * Two "threads": each an exchange with its mesh, both registered with one ThreadDirectory as the main thread's.
 * `holdChannels`: a channel's far end is kept back rather than handed to its thread (that thread never reads it).
 */
function threads(holdChannels = false, meshes: ThreadMesh[] = []) {
  const directory = new ThreadDirectory();
  const held: MessagePort[] = [];
  /** The kept-back channels' updates: `release(i)` hands the i-th to its thread after all. */
  const heldUpdates: { mesh: ThreadMesh; update: MeshUpdate }[] = [];
  const exchanges: LocalExchange[] = [];
  const fakes: ActorWorker[] = [];
  for (let i = 0; i < 2; i++) {
    let mesh: ThreadMesh;
    const fake = {
      tellMesh: (update: MeshUpdate) => {
        if (update.ringdhtMesh === 'connected' && holdChannels) {
          held.push(update.port);
          heldUpdates.push({ mesh, update });
        } else mesh.update(update);
      },
    } as unknown as ActorWorker;
    // Posted to the main thread: read there later, as a worker's message is.
    mesh = new ThreadMesh((notice: MeshNotice) => setImmediate(() => directory.notice(fake, notice)), {
      hosted: (key) => exchange.hosted(key),
      isHosted: (endpoint) => exchange.isHosted(endpoint),
    });
    const exchange = new LocalExchange(mesh);
    meshes.push(mesh);
    directory.add(fake);
    exchanges.push(exchange);
    fakes.push(fake);
  }
  const release = (i: number) => heldUpdates[i]!.mesh.update(heldUpdates[i]!.update);
  return { directory, exchanges, held, fakes, release };
}

/** Opens both, tells each where the other listens, and waits until each thread knows where the other's peer is. */
async function openBoth(one: Peer, two: Peer, exchanges?: LocalExchange[]): Promise<void> {
  await openAll([one, two]);
  if (exchanges === undefined) return;
  // The directory's news travels as the main thread's messages do (a turn later): wait for it, not for a time.
  while (
    exchanges[0]!.at(two.addresses.own.advertised) === undefined ||
    exchanges[1]!.at(one.addresses.own.advertised) === undefined
  )
    await new Promise((resolve) => setImmediate(resolve));
}

/** Peer 1 on the first thread, peer 2 on the second, both open, each thread knowing where the other's peer is. */
async function pair(holdChannels = false, meshes: ThreadMesh[] = []) {
  const threaded = threads(holdChannels, meshes);
  const w = waiter();
  const one = peer(1, threaded.exchanges[0], w.wake);
  const two = peer(2, threaded.exchanges[1], w.wake);
  await openBoth(one, two, threaded.exchanges);
  return { ...threaded, w, one, two };
}

/** Until `mesh`'s log of sent messages is empty (acknowledged: they come with the sweep timer), or 30 s (a hang guard). */
async function untilForgotten(mesh: ThreadMesh): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (mesh.remembered > 0 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
}

test('peers of two threads talk over a MessagePort between them: in order, and no socket carries their messages', async () => {
  const { w, one, two } = await pair();
  try {
    for (let op = 0; op < 50; op++) one.transport.sendTcp(2, requestLookup(1, op));
    two.transport.sendTcp(1, requestLookup(2, 99));
    await w.until(() => two.heard.messages.length === 50 && one.heard.messages.length === 1);
    assert.deepEqual(
      two.heard.messages.map((m) => (m.message as { op: number }).op),
      Array.from({ length: 50 }, (_, op) => op),
    );
    assert.deepEqual(two.heard.messages[0], { from: 1, message: { ...requestLookup(1, 0), origin: 1 } });
    assert.equal(two.transport.frames, 0, 'nothing arrived on a socket');
    assert.equal(one.transport.frames, 0);
    assert.equal(two.transport.localFrames, 50);
    assert.equal(one.transport.localSent, 50);
    assert.equal(two.transport.openConnections, 0);
  } finally {
    await closeAll([one, two]);
  }
});

test('what the other thread read is forgotten: after a burst, and on a channel gone quiet (nothing it carried stays referenced)', async () => {
  const meshes: ThreadMesh[] = [];
  const { w, one, two } = await pair(false, meshes);
  const forgotten = async (what: string) => {
    await untilForgotten(meshes[0]!);
    assert.equal(meshes[0]!.remembered, 0, what);
  };
  try {
    for (let op = 0; op < 600; op++) one.transport.sendTcp(2, requestLookup(1, op));
    await w.until(() => two.heard.messages.length === 600);
    await forgotten('after a burst');
    for (let op = 600; op < 610; op++) one.transport.sendTcp(2, requestLookup(1, op));
    await w.until(() => two.heard.messages.length === 610);
    await forgotten('a few, then quiet');
  } finally {
    await closeAll([one, two]);
  }
});

test('messages that crossed as themselves are forgotten once read, with no probe round trip between the threads', async () => {
  // A probe and its answer are two posts, each a wake-up of a thread; the other thread's read count in shared memory says
  // the same for a message a `lost` report would carry back whole (a probe every 64 messages or 50 ms of every channel
  // was 19 % of the posts between threads under the throughput figure's mix).
  const meshes: ThreadMesh[] = [];
  const { w, one, two } = await pair(false, meshes);
  try {
    for (let op = 0; op < 600; op++) one.transport.sendTcp(2, requestLookup(1, op));
    await w.until(() => two.heard.messages.length === 600);
    await untilForgotten(meshes[0]!);
    assert.equal(meshes[0]!.remembered, 0);
    assert.equal(meshes[0]!.probesPosted, 0);
  } finally {
    await closeAll([one, two]);
  }
});

test("a sealed ring's frames are forgotten once a probe says they were read (a loss report names a frame by its seq)", async () => {
  const meshes: ThreadMesh[] = [];
  const { exchanges } = threads(false, meshes);
  const w = waiter();
  const secret = new Uint8Array(32).fill(7);
  const one = peer(1, exchanges[0], w.wake, secret);
  const two = peer(2, exchanges[1], w.wake, secret);
  await openBoth(one, two, exchanges);
  try {
    for (let op = 0; op < 100; op++) one.transport.sendTcp(2, requestLookup(1, op));
    await w.until(() => two.heard.messages.length === 100);
    await untilForgotten(meshes[0]!);
    assert.equal(meshes[0]!.remembered, 0);
    assert.ok(meshes[0]!.probesPosted > 0);
  } finally {
    await closeAll([one, two]);
  }
});

test('one sealed frame among a turn of messages waits for the sweep: only frames ask for a probe, and 64 of them at once', async () => {
  const meshes: ThreadMesh[] = [];
  const { exchanges } = threads(false, meshes);
  const w = waiter();
  const secret = new Uint8Array(32).fill(7);
  const one = peer(1, exchanges[0], w.wake);
  const two = peer(2, exchanges[1], w.wake);
  const three = peer(3, exchanges[0], w.wake, secret);
  const four = peer(4, exchanges[1], w.wake, secret);
  await openAll([one, two, three, four]);
  while (
    exchanges[0]!.at(two.addresses.own.advertised) === undefined ||
    exchanges[0]!.at(four.addresses.own.advertised) === undefined
  )
    await new Promise((resolve) => setImmediate(resolve));
  try {
    three.transport.sendTcp(4, requestLookup(3, 0));
    for (let op = 1; op <= 100; op++) one.transport.sendTcp(2, requestLookup(1, op));
    // The turn's sends are posted once its microtasks run; a probe, had they asked for one, goes with them.
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(meshes[0]!.probesPosted, 0, 'the messages that crossed as themselves ask for no probe');
    await w.until(() => two.heard.messages.length === 100 && four.heard.messages.length === 1);
    // The quiet channel's sweep probes for the one frame, and its answer lets the log forget everything.
    await untilForgotten(meshes[0]!);
    assert.deepEqual([meshes[0]!.remembered, meshes[0]!.probesPosted], [0, 1]);
    // 64 frames in one turn ask for a probe with their post.
    for (let op = 101; op <= 164; op++) three.transport.sendTcp(4, requestLookup(3, op));
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(meshes[0]!.probesPosted, 2);
    await w.until(() => four.heard.messages.length === 65);
  } finally {
    await closeAll([one, two, three, four]);
  }
});

test('a sender restarted under the same id on the same thread hears nothing of what its previous run sent', async () => {
  // Peer 1 sends op 1 to peer 2, which leaves before its thread reads it; peer 1 is killed and starts again under id 1.
  // The other thread's `lost` report of op 1 names sender 1: not the new peer's message, so not handed back to it.
  const { exchanges, held, release } = threads(true);
  const w = waiter();
  const one = peer(1, exchanges[0], w.wake);
  const two = peer(2, exchanges[1], w.wake);
  const five = peer(5, exchanges[1], w.wake);
  await openAll([one, two, five]);
  while (
    exchanges[0]!.at(two.addresses.own.advertised) === undefined ||
    exchanges[0]!.at(five.addresses.own.advertised) === undefined
  )
    await new Promise((resolve) => setImmediate(resolve));
  const again = peer(1, exchanges[0], w.wake);
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await two.transport.close();
    await one.transport.close();
    await again.transport.open();
    again.addresses.configure([
      { id: 1, ...again.addresses.own.advertised },
      { id: 5, ...five.addresses.own.advertised },
    ]);
    again.transport.sendTcp(5, requestLookup(1, 2));
    five.addresses.configure([
      { id: 5, ...five.addresses.own.advertised },
      { id: 1, ...again.addresses.own.advertised },
    ]);
    // The second thread reads now: op 1 finds its receiver gone (reported lost), then op 2 reaches peer 5.
    release(0);
    await w.until(() => five.heard.messages.length === 1);
    // Peer 5's answer travels behind the loss report on the same channel: once it is heard, the report was read.
    five.transport.sendTcp(1, requestLookup(5, 3));
    await w.until(() => again.heard.messages.length === 1);
    assert.deepEqual(again.heard.undeliverable, [], 'the new peer 1 never sent op 1');
  } finally {
    await closeAll([one, two, five, again]);
  }
});

test('a receiver that leaves hands back at once what it never read, then its sender hears the connection close', async () => {
  const { w, one, two } = await pair();
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    await w.until(() => two.heard.messages.length === 1);
    // Sent, then the receiver is killed before its thread reads them.
    one.transport.sendTcp(2, requestLookup(1, 2));
    one.transport.sendTcp(2, requestLookup(1, 3));
    await two.transport.close();
    await w.until(() => one.heard.disconnected.length > 0);
    assert.deepEqual(one.heard.undeliverable, [
      { to: 2, op: 2, why: 'closed' },
      { to: 2, op: 3, why: 'closed' },
    ]);
    assert.deepEqual(one.heard.disconnected, [2]);
    assert.equal(two.heard.messages.length, 1);
  } finally {
    await closeAll([one, two]);
  }
});

test("a receiver's thread that dies (its channel's end closes) hands back exactly what it never read", async () => {
  const { exchanges, held, w, one, two } = await pair(true);
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    one.transport.sendTcp(2, requestLookup(1, 2));
    // The channel's far end reaches the other thread (through the main thread's directory), which dies first.
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    held[0]!.close();
    await w.until(() => one.heard.disconnected.length > 0);
    assert.deepEqual(one.heard.undeliverable, [
      { to: 2, op: 1, why: 'closed' },
      { to: 2, op: 2, why: 'closed' },
    ]);
    assert.deepEqual(one.heard.disconnected, [2]);
    // The dead thread's peers are no longer reached in memory: the next message goes to the sockets.
    assert.equal(exchanges[0]!.at(two.addresses.own.advertised), undefined);
  } finally {
    await closeAll([one, two]);
  }
});

test("past the hand-back log's bound, a dead thread's unread messages still come back: none is forgotten unread", async () => {
  const { held, w, one, two } = await pair(true);
  const count = 1100; // more than the channel's log keeps of what was read (HANDBACK_MAX, 1,024)
  try {
    for (let op = 1; op <= count; op++) one.transport.sendTcp(2, requestLookup(1, op));
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    held[0]!.close();
    await w.until(() => one.heard.disconnected.length > 0);
    assert.equal(one.heard.undeliverable.length, count);
    assert.deepEqual(
      one.heard.undeliverable.map((u) => u.op),
      Array.from({ length: count }, (_, i) => i + 1),
    );
  } finally {
    await closeAll([one, two]);
  }
});

test('a thread ended by its host: the others forget its peers, and what was read is not handed back', async () => {
  const { directory, exchanges, fakes, w, one, two } = await pair();
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    await w.until(() => two.heard.messages.length === 1);
    directory.ended(fakes[1]!);
    assert.equal(exchanges[0]!.at(two.addresses.own.advertised), undefined);
    assert.deepEqual(one.heard.undeliverable, []);
  } finally {
    await closeAll([one, two]);
  }
});

test("a sealed ring's frames cross threads as bytes, and each one's seal is checked: a wrong one is dropped and counted", async () => {
  const { exchanges } = threads();
  const w = waiter();
  const secret = new Uint8Array(32).fill(7);
  const one = peer(1, exchanges[0], w.wake, new Uint8Array(32).fill(8)); // not this ring's secret
  const two = peer(2, exchanges[1], w.wake, secret);
  const three = peer(3, exchanges[0], w.wake, secret);
  await openAll([one, two, three]);
  while (exchanges[0]!.at(two.addresses.own.advertised) === undefined) await new Promise((r) => setImmediate(r));
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    three.transport.sendTcp(2, requestLookup(3, 2));
    await w.until(() => two.heard.messages.length === 1 && two.transport.localFrames === 2);
    assert.equal(two.transport.dropped.unauthenticated, 1);
    assert.deepEqual(two.heard.messages, [{ from: 3, message: { ...requestLookup(3, 2), origin: 3 } }]);
    assert.equal(two.transport.frames, 0);
  } finally {
    await closeAll([one, two, three]);
  }
});
