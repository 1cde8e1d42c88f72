// The real network port's kept-open connections: what leaves together, and in what order.
import assert from 'node:assert/strict';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { test } from 'node:test';
import { AddressBook } from '../../src/actor/addresses.ts';
import type { ActorConfig } from '../../src/actor/config.ts';
import { RealNetwork } from '../../src/actor/network.ts';
import type { Message } from '../../src/core/messages.ts';
import { requestLookup } from '../lib/lookup.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { FrameDecoder } from '../../src/wire/framing.ts';

const limits = { idBits: 32, maxFileBytes: DEFAULTS.maxFileBytes, maxChunkBytes: DEFAULTS.chunkBytes };
const codecOf = (self: number) =>
  new EdgeCodec({ self, limits, secret: null, replayWindowMs: DEFAULTS.replayWindowMs, nonceCacheEntries: 16 });

/** A bare peer: each socket read it gets, as the types of the messages in it. */
async function listener(): Promise<{ server: Server; port: number; reads: string[][]; next: () => Promise<string[]> }> {
  const reads: string[][] = [];
  let wake: () => void = () => {};
  const codec = codecOf(0);
  const server = createServer((socket) => {
    const decoder = new FrameDecoder(DEFAULTS.maxFrameBytes);
    socket.on('data', (chunk) => {
      const types = decoder.push(chunk).frames.map((f) => {
        const decoded = codec.decode(f);
        return decoded.ok ? decoded.body.type : decoded.reason;
      });
      reads.push(types);
      wake();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let taken = 0;
  const next = async () => {
    while (reads.length <= taken) await new Promise<void>((resolve) => (wake = resolve));
    return reads[taken++]!;
  };
  return { server, port: (server.address() as AddressInfo).port, reads, next };
}

const lookup = (op: number): Message => requestLookup(1, op);

test("a hop's acknowledgement leaves with the next message to its peer, behind it, in one write; others' at the turn's end", async () => {
  const two = await listener();
  const three = await listener();
  const addresses = new AddressBook(
    1,
    { bound: { host: '127.0.0.1', port: 0 }, advertised: { host: '127.0.0.1', port: 9 } },
    { addressing: 'carried', basePort: 0 },
    [
      { id: 2, host: '127.0.0.1', port: two.port },
      { id: 3, host: '127.0.0.1', port: three.port },
    ],
  );
  const config = { ...DEFAULTS, id: 1 } as unknown as ActorConfig;
  const network = new RealNetwork(config, codecOf(1), addresses, (fn) => fn());
  // The socket writes to each port (a reader in this same thread reads a turn's writes together whatever they were).
  const writes = new Map<number, number>();
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
    writes.set(this.remotePort!, (writes.get(this.remotePort!) ?? 0) + 1);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof write;
  try {
    // Both connections open first (what is written while one connects leaves together anyway).
    network.send(2, lookup(1));
    network.send(3, lookup(1));
    assert.deepEqual(await two.next(), ['lookup']);
    assert.deepEqual(await three.next(), ['lookup']);
    // As a holder answers a lookup: its acknowledgement is held, then the answer goes to the same peer.
    network.send(2, { type: 'hopAck', ack: 7 });
    network.send(3, { type: 'hopAck', ack: 8 });
    writes.clear();
    network.send(2, lookup(2));
    assert.deepEqual(await two.next(), ['lookup', 'hopAck']);
    assert.deepEqual(await three.next(), ['hopAck']);
    assert.deepEqual([writes.get(two.port), writes.get(three.port)], [1, 1]);
    // Nothing else follows: the acknowledgement to 2 was not sent twice.
    network.send(2, lookup(3));
    assert.deepEqual(await two.next(), ['lookup']);
  } finally {
    Socket.prototype.write = write;
    await network.close();
    await Promise.all([two, three].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  }
});
