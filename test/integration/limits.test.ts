// The limits on what arrives at a live peer: slow frames, floods of connections, too much work at once.
import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { decodeEnvelope, encodeEnvelope, type Body } from '../../src/wire/codec.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';

const FRAME_TIMEOUT_MS = 300;
const MAX_CONNECTIONS = 8;

/** Opens a connection and resolves once it is connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Asks until `check` holds: each ask is a round trip to the peer's thread, behind what it has yet to handle. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

describe('connection limits at a live peer', () => {
  let t: TestRing;
  const port = (id: number) => t.basePort + id;
  before(async () => {
    t = await createTestRing({
      peers: [3, 6, 9],
      pingIntervalMs: 60_000,
      frameTimeoutMs: FRAME_TIMEOUT_MS,
      maxInboundConnections: MAX_CONNECTIONS,
    });
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
    // Every flood connection is closed at the peer too (at most 1 open: a neighbour's kept-open one). The peer counts a
    // connection closed when its own end says so, which may come a moment after this end's.
    await eventually(async () => (await t.ring.peer(3).status()).connections.open <= 1, 'the flood connections closed');
    const { connections } = await t.ring.peer(3).status();
    assert.ok(connections.refused >= 40 - MAX_CONNECTIONS, `refused ${connections.refused}`);
    assert.ok(connections.accepted <= MAX_CONNECTIONS + 1, `accepted ${connections.accepted}`); // +1: its neighbour's own
    const stored = await t.ring.peer(6).store('0003', { empty: true });
    assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
    assert.equal((await t.ring.peer(9).request('0003')).ok, true);
  });
});

describe('work in flight at a peer', () => {
  test('past the limit, a command is refused at once with the reason, not queued', async () => {
    // Peer 6 is killed with pings too rare for 3 to notice, and its port taken by a listener that accepts and never
    // answers: stores routed to it wait for their hop's acknowledgement (a refused connection would end them at once,
    // before the third is sent), then fail with the reason (3 has no other successor).
    const t = await createTestRing({ peers: [3, 6], pingIntervalMs: 60_000, maxInFlight: 2, opTimeoutMs: 1_000 });
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket.on('error', () => {})));
    try {
      await t.ring.kill(6);
      await new Promise<void>((resolve, reject) => {
        silent.once('error', reject);
        silent.listen(t.basePort + 6, '127.0.0.1', resolve);
      });
      const waiting = [t.ring.peer(3).store('0006', { empty: true }), t.ring.peer(3).store('0005', { empty: true })];
      const refused = await t.ring.peer(3).store('0004', { empty: true });
      assert.deepEqual(
        [refused.ok, !refused.ok && refused.error],
        [false, 'Peer 3 already has 2 commands under way (the limit): try again when some have completed'],
      );
      assert.equal((await t.ring.peer(3).status()).refusedBusy.commands, 1);
      for (const result of await Promise.all(waiting))
        assert.match(result.ok ? '' : result.error, /Peer 3's successor 6 did not answer|had no answer within 1 s/);
      // Once they have ended, commands are taken again.
      assert.equal((await t.ring.peer(3).status()).inFlight.commands, 0);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await t.close();
    }
  });

  test('past the limit, a file pushed at a peer is refused with the reason in its acknowledgement', async () => {
    const t = await createTestRing({ peers: [3, 6], pingIntervalMs: 60_000, maxInFlight: 1 });
    const sockets: Socket[] = [];
    try {
      const port = t.basePort + 6;
      // Peer 200 (this test) has stores of 0006 accepted at 6, then starts sending both files.
      const send = async (bodies: Body[]) => {
        const socket = await open(port);
        socket.on('error', () => {});
        sockets.push(socket);
        socket.write(Buffer.concat(bodies.map((b) => frame(encodeEnvelope(200, b)))));
        return socket;
      };
      const storeOf = (op: number): Body => ({
        type: 'lookup',
        kind: 'store',
        origin: 200,
        op,
        name: '0006',
        key: 6,
        final: true,
        hops: 1,
        attempt: 0,
      });
      const header = (op: number): Body => ({
        type: 'transferHeader',
        header: { purpose: 'store', op, origin: 200, name: '0006', sizeBytes: 1000, hops: 1 },
      });
      const failed = t.ring.waitFor((e) => e.kind === 'line' && e.peer === 6 && e.line.event === 'store.failed'); // the slow first one, in the end
      // A request for a file nobody has, at its last replica, says so in a line: then the stores before it were read.
      const marker: Body = {
        type: 'lookup',
        kind: 'request',
        origin: 200,
        op: 3,
        name: '1030',
        key: 6,
        final: true,
        hops: 1,
        attempt: 2,
        responsible: 6, // as if 6 were responsible too: it prints "no such file"
      };
      const read = t.ring.waitFor((e) => e.kind === 'line' && e.peer === 6 && e.line.event === 'request.nosuchfile');
      await send([storeOf(1), storeOf(2), marker]);
      await read;
      await send([header(1), { type: 'transferChunk', data: new Uint8Array(10) }]); // and then nothing more: it holds the one slot
      await eventually(
        () =>
          t.ring
            .peer(6)
            .status()
            .then((s) => s.inFlight.receiving === 1),
        'the first file under way',
      );
      const second = await send([header(2)]);
      const answer: Buffer[] = [];
      second.on('data', (chunk: Buffer) => answer.push(chunk));
      await closed(second);
      const [ack] = new FrameDecoder(1 << 20).push(Buffer.concat(answer)).frames;
      const decoded = decodeEnvelope(ack!, { idBits: 8, maxFileBytes: 1 << 26, maxChunkBytes: 1 << 18 });
      assert.ok(decoded.ok && decoded.body.type === 'transferAck');
      assert.deepEqual(
        [decoded.body.ok, decoded.body.error],
        [false, 'Peer 6 is busy: it is already receiving 1 files (the limit); try again later'],
      );
      assert.equal((await t.ring.peer(6).status()).refusedBusy.receiving, 1);
      sockets[1]!.destroy();
      await failed;
    } finally {
      for (const socket of sockets) socket.destroy();
      await t.close();
    }
  });
});
