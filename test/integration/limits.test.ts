// The limits on what arrives at a live peer: slow frames, floods of connections, too much work at once.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { frame } from '../../src/wire/framing.ts';

const FRAME_TIMEOUT_MS = 300;
const MAX_CONNECTIONS = 8;

/** Opens a connection and resolves once it is connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

describe('connection limits at a live peer', () => {
  let t: TestRing;
  const port = (id: number) => t.basePort + id;
  before(async () => {
    t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000, frameTimeoutMs: FRAME_TIMEOUT_MS, maxInboundConnections: MAX_CONNECTIONS });
  });
  after(() => t.close());

  test('slow loris: half a frame, then nothing: the peer closes the connection and counts it', async () => {
    const before = (await t.ring.peer(6).status()).connections.slowFrame;
    const socket = await open(port(6));
    socket.on('error', () => {});
    const whole = frame(encodeEnvelope(3, { type: 'joinRequest', newcomer: 200, hops: 0 }));
    socket.write(whole.subarray(0, whole.length - 2)); // all but the last two bytes, then silence
    await closed(socket); // by the peer: this test never closes it
    assert.equal((await t.ring.peer(6).status()).connections.slowFrame, before + 1);
  });

  test('a connection that never sends a first frame is closed too', async () => {
    const socket = await open(port(6));
    await closed(socket);
    assert.ok((await t.ring.peer(6).status()).connections.slowFrame >= 1);
  });

  test('an oversized frame header: that connection is closed at once, before any body is read', async () => {
    const socket = await open(port(9));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(64 * 1024 * 1024);
    socket.write(header);
    await closed(socket);
    assert.equal((await t.ring.peer(9).status()).dropped.frameTooLarge, 1);
  });

  test('a flood of connections: at most the limit are open at once, the rest are refused and counted; then the ring works', async () => {
    const flood: Socket[] = [];
    const opened = await Promise.allSettled(Array.from({ length: 40 }, () => open(port(3))));
    for (const result of opened) if (result.status === 'fulfilled') flood.push(result.value);
    for (const socket of flood) socket.on('error', () => {});
    // Every connection is settled by the peer one way or the other: refused at once, or closed by the frame timeout.
    await Promise.all(flood.map(closed));
    const { connections } = await t.ring.peer(3).status();
    assert.ok(connections.refused >= 40 - MAX_CONNECTIONS, `refused ${connections.refused}`);
    assert.ok(connections.accepted <= MAX_CONNECTIONS + 1, `accepted ${connections.accepted}`); // +1: its neighbour's own
    assert.equal(connections.open, 0);
    const stored = await t.ring.peer(6).store('0003');
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    assert.equal((await t.ring.peer(9).request('0003')).ok, true);
  });
});

describe('work in flight at a peer', () => {
  test('past the limit, a command is refused at once with the reason, not queued', async () => {
    // Peer 6 is killed with pings too rare for 3 to notice: stores routed to it wait for their deadline.
    const t = await createTestRing({ peers: [3, 6], pingIntervalMs: 60_000, maxInFlight: 2, opTimeoutMs: 1_000 });
    try {
      await t.ring.kill(6);
      const waiting = [t.ring.peer(3).store('0006'), t.ring.peer(3).store('0005')];
      const refused = await t.ring.peer(3).store('0004');
      assert.deepEqual([refused.ok, !refused.ok && refused.error], [false, 'Peer 3 already has 2 commands under way (the limit): try again when some have completed']);
      assert.equal((await t.ring.peer(3).status()).refusedBusy.commands, 1);
      for (const result of await Promise.all(waiting)) assert.match(result.ok ? '' : result.error, /had no answer within 1 s/);
      // Once they have ended, commands are taken again.
      assert.equal((await t.ring.peer(3).status()).inFlight.commands, 0);
    } finally {
      await t.close();
    }
  });
});
