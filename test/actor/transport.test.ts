// The transport's kept-open connections: a message written as the other end goes away is handed back, not lost.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { AddressBook } from '../../src/actor/addresses.ts';
import { Transport } from '../../src/actor/transport.ts';
import type { Message } from '../../src/core/messages.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { FrameDecoder } from '../../src/wire/framing.ts';

/** Peer 1's transport, knowing Peer 2 at `port`; it reports lookups handed back and when a connection to 2 closed. */
function peerOne(port: number) {
  const handedBack: { to: number; op: number; why: string }[] = [];
  let closed: () => void = () => {};
  const disconnected = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const transport = new Transport(
    {
      id: 1,
      addresses: new AddressBook(
        1,
        { bound: { host: '127.0.0.1', port: 0 }, advertised: { host: '127.0.0.1', port: 0 } },
        { addressing: 'carried', basePort: 0 },
        [{ id: 2, host: '127.0.0.1', port }],
      ),
      codec: new EdgeCodec({
        self: 1,
        limits: { idBits: 32, maxFileBytes: DEFAULTS.maxFileBytes, maxChunkBytes: DEFAULTS.chunkBytes },
        secret: null,
        replayWindowMs: DEFAULTS.replayWindowMs,
        nonceCacheEntries: 16,
      }),
      limits: { ...DEFAULTS },
    },
    {
      message: () => {},
      transferFrame: () => {},
      transferClosed: () => {},
      inline: () => {},
      undeliverable: (to, message, why) => {
        if (message.type === 'lookup') handedBack.push({ to, op: message.op, why });
      },
      disconnected: () => closed(),
    },
  );
  return { transport, handedBack, disconnected };
}

const lookup = (op: number): Message => ({
  type: 'lookup',
  kind: 'request',
  origin: 1,
  op,
  name: '2067',
  key: 19,
  final: false,
  hops: 0,
  attempt: 0,
});

test('messages written to a peer whose end of the connection just closed come back as undeliverable', async () => {
  // Peer 2 is a bare server here: it reads one frame, then closes its end, as a peer being killed does.
  const accepted: Socket[] = [];
  let firstFrame: () => void = () => {};
  const gotFirst = new Promise<void>((resolve) => {
    firstFrame = resolve;
  });
  const server = createServer((socket) => {
    accepted.push(socket);
    const decoder = new FrameDecoder(DEFAULTS.maxFrameBytes);
    socket.on('data', (chunk) => {
      if (decoder.push(chunk).frames.length > 0) firstFrame();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const { transport, handedBack, disconnected } = peerOne(port);
  try {
    transport.sendTcp(2, lookup(1));
    await gotFirst;
    // The other end closes; before this thread has heard of it, another message goes out on the same connection.
    accepted[0]!.destroy();
    transport.sendTcp(2, lookup(2));
    await disconnected;
    assert.ok(
      handedBack.some((h) => h.to === 2 && h.op === 2 && h.why === 'closed'),
      `handed back: ${JSON.stringify(handedBack)}`,
    );
  } finally {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a connection that is refused hands back everything written to it', async () => {
  // A port nobody listens on: bind one, note it, close it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const { transport, handedBack, disconnected } = peerOne(port);
  try {
    for (const op of [1, 2, 3]) transport.sendTcp(2, lookup(op));
    await disconnected;
    assert.deepEqual(
      handedBack,
      [1, 2, 3].map((op) => ({ to: 2, op, why: 'refused' })),
    );
  } finally {
    await transport.close();
  }
});
