// Peers hosted on one thread: their kept-open connections' messages go through the thread's LocalExchange, in memory,
// in order per pair, and a peer that leaves is seen as a connection that closed, then as one refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InlineSender } from '../../src/actor/inline.ts';
import { copyOfMessage, LocalExchange, TURN_EVERY_BATCHES } from '../../src/actor/local-exchange.ts';
import { queueClock } from '../../src/actor/timer-queue.ts';
import type { Transport } from '../../src/actor/transport.ts';
import type { Message } from '../../src/core/messages.ts';
import { requestLookup } from '../lib/lookup.ts';
import { closeAll, LIMITS, openAll, peer, waiter } from '../lib/transport-peer.ts';
import type { InlinePart } from '../../src/wire/codec.ts';
import { decodeEnvelope, encodeEnvelope } from '../../src/wire/codec.ts';
import { body as anyBody } from '../lib/arbitraries.ts';
import fc from 'fast-check';

test('two peers on one thread talk in memory: the receiver reads the message as off a socket, and no socket carries it', async () => {
  const local = new LocalExchange();
  const w = waiter();
  const one = peer(1, local, w.wake);
  const two = peer(2, local, w.wake);
  await openAll([one, two]);
  try {
    const sent = requestLookup(1, 7);
    one.transport.sendTcp(2, sent);
    // The sender's object changes after it was sent: what was sent is what arrives (encoded when sent).
    (sent as { op: number }).op = 8;
    const data = new Uint8Array([1, 2, 3]);
    const file: InlinePart = {
      type: 'inlineFile',
      transfer: 5,
      header: { purpose: 'deliver', op: 1, origin: 1, name: '2067', sizeBytes: 3, hops: 1 },
      data,
      sha256: new Uint8Array(32),
    };
    one.transport.sendTcp(2, file);
    data[0] = 9;
    await w.until(() => two.heard.messages.length === 1 && two.heard.inline.length === 1);
    assert.deepEqual(two.heard.messages, [{ from: 1, message: { ...requestLookup(1, 7), origin: 1 } }]);
    const arrived = two.heard.inline[0]!.part as Extract<InlinePart, { type: 'inlineFile' }>;
    assert.deepEqual([...arrived.data], [1, 2, 3]);
    // Counted as handed over in memory: no frame was read off a socket, no connection was made.
    assert.equal(two.transport.localFrames, 2);
    assert.equal(one.transport.localSent, 2);
    assert.equal(two.transport.frames, 0);
    assert.equal(two.transport.connections.accepted, 0);
    // The sender's address, as its envelope told it, is where the receiver answers.
    assert.deepEqual(two.addresses.of(1), one.addresses.own.advertised);
  } finally {
    await closeAll([one, two]);
  }
});

test('messages between peers of one thread arrive in the order each sender sent them, never in its own turn', async () => {
  const local = new LocalExchange();
  const w = waiter();
  const one = peer(1, local, w.wake);
  const two = peer(2, local, w.wake);
  const three = peer(3, local, w.wake);
  await openAll([one, two, three]);
  try {
    const count = 500;
    for (let op = 1; op <= count; op++) {
      const before = three.heard.messages.length;
      one.transport.sendTcp(3, requestLookup(1, op));
      two.transport.sendTcp(3, requestLookup(2, op));
      assert.equal(three.heard.messages.length, before, 'delivered in a later turn, not while the sender runs');
      if (op % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve)); // across turns too
    }
    await w.until(() => three.heard.messages.length === 2 * count);
    for (const from of [1, 2]) {
      const ops = three.heard.messages
        .filter((m) => m.from === from)
        .map((m) => (m.message.type === 'lookup' ? m.message.op : -1));
      assert.deepEqual(
        ops,
        Array.from({ length: count }, (_, i) => i + 1),
      );
    }
  } finally {
    await closeAll([one, two, three]);
  }
});

test('a peer of the thread that is killed: what was on its way to it comes back as on a closed connection, then sends are refused', async () => {
  const local = new LocalExchange();
  const w = waiter();
  const one = peer(1, local, w.wake);
  const two = peer(2, local, w.wake);
  await openAll([one, two]);
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    await w.until(() => two.heard.messages.length === 1);
    // Two messages on their way when Peer 2 goes (its sockets close with it, as a kill closes them).
    one.transport.sendTcp(2, requestLookup(1, 2));
    one.transport.sendTcp(2, requestLookup(1, 3));
    await two.transport.close();
    assert.equal(local.pending, 0, 'nothing is left on its way to a peer that is gone');
    await w.until(() => one.heard.disconnected.length === 1);
    assert.deepEqual(one.heard.undeliverable, [
      { to: 2, op: 2, why: 'closed' },
      { to: 2, op: 3, why: 'closed' },
    ]);
    assert.deepEqual(one.heard.disconnected, [2]);
    assert.equal(two.heard.messages.length, 1, 'the dead peer read nothing more');
    // Now nobody listens there, in memory or on the port: a connection refused, as to any peer that is gone.
    one.transport.sendTcp(2, requestLookup(1, 4));
    await w.until(() => one.heard.undeliverable.length === 3);
    assert.deepEqual(one.heard.undeliverable[2], { to: 2, op: 4, why: 'refused' });
    assert.equal(one.transport.localSent, 3);
  } finally {
    await closeAll([one, two]);
  }
});

test('a peer on another thread (not in this exchange) is reached through its socket as before', async () => {
  const w = waiter();
  const one = peer(1, new LocalExchange(), w.wake);
  const two = peer(2, new LocalExchange(), w.wake);
  await openAll([one, two]);
  try {
    one.transport.sendTcp(2, requestLookup(1, 1));
    await w.until(() => two.heard.messages.length === 1);
    assert.equal(two.transport.frames, 1);
    assert.equal(two.transport.localFrames, 0);
    assert.equal(one.transport.localSent, 0);
  } finally {
    await closeAll([one, two]);
  }
});

test('what a peer of the thread reads is what it would decode off the wire, for every kind of message (random ones)', async () => {
  const local = new LocalExchange();
  const w = waiter();
  const one = peer(1, local, w.wake);
  const two = peer(2, local, w.wake);
  await openAll([one, two]);
  try {
    // Everything a kept-open connection carries (transfers have connections of their own), within the test's limits.
    const bodies = fc
      .sample(anyBody, { seed: 20, numRuns: 600 })
      .filter(
        (b) =>
          !b.type.startsWith('transfer') &&
          !['pingRequest', 'pingResponse', 'indirectProbe', 'indirectAck'].includes(b.type),
      );
    for (const b of bodies) one.transport.sendTcp(2, b as Message | InlinePart);
    await w.until(() => two.heard.messages.length + two.heard.inline.length === bodies.length);
    const read = [...two.heard.messages.map((m) => m.message), ...two.heard.inline.map((i) => i.part)];
    const expected = bodies.map((b) => {
      const decoded = decodeEnvelope(encodeEnvelope(1, b), LIMITS);
      assert.ok(decoded.ok);
      return decoded.body;
    });
    const inline = (t: string) => t === 'inlineFile' || t === 'inlineAck';
    assert.deepEqual(read, [...expected.filter((b) => !inline(b.type)), ...expected.filter((b) => inline(b.type))]);
    assert.equal(one.transport.localSent, bodies.length);
  } finally {
    await closeAll([one, two]);
  }
});

test('peers of the thread with a ring secret check its seal on what they are handed; another secret is refused', async () => {
  const local = new LocalExchange();
  const w = waiter();
  const secret = new Uint8Array(32).fill(7);
  const one = peer(1, local, w.wake, secret);
  const two = peer(2, local, w.wake, secret);
  const three = peer(3, local, w.wake, new Uint8Array(32).fill(8));
  await openAll([one, two, three]);
  try {
    // Handed over in the order sent: once 1's has been read, 3's (refused, so nothing is heard of it) was read before.
    three.transport.sendTcp(2, requestLookup(3, 2));
    one.transport.sendTcp(2, requestLookup(1, 1));
    await w.until(() => two.heard.messages.length === 1);
    assert.equal(two.transport.localFrames, 2);
    assert.deepEqual(
      two.heard.messages.map((m) => m.from),
      [1],
    );
    assert.equal(two.transport.dropped.unauthenticated, 1);
  } finally {
    await closeAll([one, two, three]);
  }
});

test("a message handed over in memory is a copy sharing nothing with the sender's: equal to it, and to structuredClone", () => {
  for (const b of fc.sample(anyBody, { seed: 23, numRuns: 400 })) {
    const copy = copyOfMessage(b);
    assert.deepStrictEqual(copy, structuredClone(b));
    // Nothing reachable from the copy is the sender's: each object and array, and each byte array's memory, is new.
    const theirs = new Set<unknown>();
    const buffers = new Set<ArrayBufferLike>();
    const walk = (v: unknown, into: (o: object) => void) => {
      if (typeof v !== 'object' || v === null) return;
      into(v);
      if (v instanceof Uint8Array) return;
      for (const x of Object.values(v)) walk(x, into);
    };
    walk(b, (o) => {
      theirs.add(o);
      if (o instanceof Uint8Array) buffers.add(o.buffer);
    });
    walk(copy, (o) => {
      assert.ok(!theirs.has(o), `${b.type}: an object of the sender's message is in the copy`);
      if (o instanceof Uint8Array) assert.ok(!buffers.has(o.buffer), `${b.type}: bytes shared with the sender`);
    });
  }
  // Bytes that are a view into a larger buffer (a Buffer from Node's pool) are copied as themselves, plain.
  const pooled = Buffer.from('a file of a few bytes');
  const part = { type: 'inlineFile', data: pooled.subarray(2, 6) };
  const copied = copyOfMessage(part);
  assert.deepStrictEqual(copied, structuredClone(part));
  assert.equal(copied.data.buffer.byteLength, 4);
});

test('a ping-pong between two peers of one thread goes without waiting for the event loop, yet never starves it', {
  timeout: 20_000,
}, async () => {
  const local = new LocalExchange();
  let echo = true;
  let heard = 0;
  const ping = (from: { transport: Transport }, to: number) => () => {
    heard++;
    if (echo) from.transport.sendTcp(to, requestLookup(from === one ? 1 : 2, heard));
  };
  const one: ReturnType<typeof peer> = peer(1, local, () => ping(one, 2)());
  const two: ReturnType<typeof peer> = peer(2, local, () => ping(two, 1)());
  await openAll([one, two]);
  try {
    // Settled: the next batch goes as a microtask, before the loop's next turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    one.transport.sendTcp(2, requestLookup(1, 0));
    await Promise.resolve();
    assert.equal(heard, 1, 'delivered once the sender returned, before the loop turns');
    // Echoed for ever: a timer still fires, and each turn of the loop comes within TURN_EVERY_BATCHES messages.
    const turns: number[] = [];
    await new Promise<void>((resolve) => {
      const turn = () => {
        turns.push(heard);
        if (turns.length < 20) setImmediate(turn);
        else resolve();
      };
      setImmediate(turn);
    });
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
    echo = false;
    for (let i = 1; i < turns.length; i++)
      assert.ok(turns[i]! - turns[i - 1]! <= TURN_EVERY_BATCHES, `${turns[i]! - turns[i - 1]!} messages in one turn`);
    assert.ok(turns.at(-1)! > turns[0]!, 'the ping-pong went on meanwhile');
  } finally {
    await closeAll([one, two]);
  }
});

test("a peer that leaves fails what awaited its answer after its unread files were handed back, not a file a hand-back's callback sent anew", async () => {
  const exchange = new LocalExchange();
  const outcomes: string[] = [];
  const header = { purpose: 'deliver', op: 1, origin: 1, name: 'f', sizeBytes: 1, hops: 1 } as const;
  const b = { id: 2, reading: 'r', receive: () => {}, lost: () => {}, closing: () => () => {} };
  const inline: InlineSender = new InlineSender(
    (to, part) => {
      // While 2 is hosted the file goes through the exchange; after, it would go on a new TCP connection.
      if (exchange.isHosted(b))
        exchange.send(a, b, to, { kind: 'message', from: 1, body: part, hints: [] }, '127.0.0.1', part);
    },
    60_000,
    queueClock(() => Date.now()),
  );
  const a = {
    id: 1,
    reading: 'r',
    receive: () => {},
    lost: (_to: number, message: Message | InlinePart) => inline.undelivered(message as InlinePart, 'closed', false),
    closing: (to: number) => inline.closing(to),
  };
  exchange.join(a, [{ host: '127.0.0.1', port: 1 }]);
  exchange.join(b, [{ host: '127.0.0.1', port: 2 }]);
  inline.sendWhole(2, header, new Uint8Array([1]), new Uint8Array(32), (error) => {
    outcomes.push(`first: ${error?.message ?? 'ok'}`);
    // A copy queue's next file to the same peer, at once.
    inline.sendWhole(2, header, new Uint8Array([2]), new Uint8Array(32), (e) => outcomes.push(`second: ${e?.message}`));
  });
  exchange.leave(b); // before its frame was read: it is handed back, then 2's close
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  inline.failAll('the test ends');
  assert.deepEqual(outcomes, ['first: closed', 'second: the test ends']);
});
