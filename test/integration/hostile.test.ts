// Whatever arrives at a peer's ports is decoded at the edge: bad bytes are dropped and counted, and the peer keeps working.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { decodeEnvelope, encodeEnvelope, type Body } from '../../src/wire/codec.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';

const LIMITS = { idBits: 8, maxFileBytes: 64 * 1024 * 1024, maxChunkBytes: 256 * 1024 };

/** Sends `bytes` on a fresh TCP connection to the peer and resolves with what it answered once it closed the connection. */
function tcpExchange(port: number, bytes: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received)));
  });
}

describe('hostile bytes at a live peer', () => {
  let t: TestRing;
  const port = (id: number) => t.basePort + id;
  before(async () => {
    t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000 });
  });
  after(() => t.close());

  /** The peer's own line for a message sent after the hostile bytes: once it is seen, everything before it was read. */
  const marker = (peer: number, event: string, match: (line: Record<string, unknown>) => boolean) =>
    t.ring.waitFor((e) => e.kind === 'line' && e.peer === peer && e.line.event === event && match(e.line));

  test('random and malformed datagrams are counted, not thrown', async () => {
    const udp = createSocket('udp4');
    const before = (await t.ring.peer(6).status()).dropped;
    const datagrams = [
      ...Array.from({ length: 200 }, () => randomBytes(1 + Math.floor(Math.random() * 300))),
      Buffer.from(
        encodeEnvelope(3, {
          type: 'lookup',
          kind: 'store',
          origin: 3,
          op: 1,
          name: '2067',
          key: 19,
          final: false,
          hops: 0,
          attempt: 0,
        }),
      ), // TCP-only message over UDP
    ];
    const seen = marker(6, 'ping.received', (line) => line.from === 200);
    for (const d of datagrams) await new Promise((resolve) => udp.send(d, port(6), '127.0.0.1', resolve));
    await new Promise((resolve) =>
      udp.send(encodeEnvelope(200, { type: 'pingRequest', seq: 1, rank: 1 }), port(6), '127.0.0.1', resolve),
    );
    await seen;
    udp.close();
    const after = (await t.ring.peer(6).status()).dropped;
    const bad = (d: typeof after) => d.malformed + d.empty + d.invalid;
    // Random bytes almost never form a valid envelope; nearly all 200 must have been counted.
    assert.ok(bad(after) - bad(before) >= 190, `counted ${bad(after) - bad(before)} of 200`);
    assert.equal(after.unexpected, before.unexpected + 1, 'a lookup over UDP is dropped as unexpected');
  });

  test('a frame announcing more than the frame limit closes that connection only', async () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(2 ** 31);
    await tcpExchange(port(6), header); // resolves when the peer closed it
    assert.ok((await t.ring.peer(6).status()).dropped.frameTooLarge >= 1);
  });

  test('a transfer of a file over the size limit is dropped by the decoder; the connection goes on', async () => {
    const before = (await t.ring.peer(9).status()).dropped.invalid;
    const oversize: Body = {
      type: 'transferHeader',
      header: { purpose: 'store', op: 1, origin: 3, name: '0009', sizeBytes: 2 ** 31, hops: 0 },
    };
    const probe: Body = {
      type: 'lookup',
      kind: 'request',
      origin: 3,
      op: 99,
      name: '0009',
      key: 9,
      final: true,
      hops: 1,
      attempt: 0,
    };
    const seen = marker(9, 'request.replica', (line) => line.name === '0009'); // 9 lacks it: it asks its replica
    const socket = connect({ host: '127.0.0.1', port: port(9) }, () =>
      socket.write(Buffer.concat([frame(encodeEnvelope(3, oversize)), frame(encodeEnvelope(3, probe))])),
    );
    socket.on('error', () => {});
    await seen;
    socket.destroy();
    assert.equal((await t.ring.peer(9).status()).dropped.invalid, before + 1);
  });

  test('a file pushed at a peer that did not ask for it is refused with a reason, and nothing is written', async () => {
    const bytes = Buffer.from('unwanted');
    const parts: Body[] = [
      {
        type: 'transferHeader',
        header: { purpose: 'deliver', op: 7, origin: 6, name: '1234', sizeBytes: bytes.length, hops: 1 },
      },
      { type: 'transferChunk', data: bytes },
    ];
    const answer = await tcpExchange(port(6), Buffer.concat(parts.map((p) => frame(encodeEnvelope(3, p)))));
    const [ack] = new FrameDecoder(1024 * 1024).push(answer).frames;
    const decoded = decodeEnvelope(ack!, LIMITS);
    assert.ok(decoded.ok && decoded.body.type === 'transferAck');
    assert.deepEqual(decoded.ok && decoded.body.type === 'transferAck' && [decoded.body.ok, decoded.body.error], [
      false,
      'Peer 6 did not request 1234',
    ]);
    const forged: Body = {
      type: 'transferHeader',
      header: { purpose: 'store', op: 7, origin: 3, name: '0005', sizeBytes: 0, hops: 1 },
    };
    await tcpExchange(port(6), frame(encodeEnvelope(3, forged)));
    assert.deepEqual((await t.ring.peer(6).status()).files, []);
  });

  test('after all that, every peer still stores and requests', async () => {
    for (const [from, name] of [
      [3, '0004'],
      [6, '0007'],
      [9, '0010'],
    ] as const) {
      const stored = await t.ring.peer(from).store(name, { empty: true });
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
      for (const id of [3, 6, 9]) assert.equal((await t.ring.peer(id).request(name)).ok, true);
    }
  });
});
