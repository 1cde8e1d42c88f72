// The transport's kept-open connections: a message written as the other end goes away is handed back, not lost.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import type { LookupAddress } from 'node:dns';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { AddressBook } from '../../src/actor/addresses.ts';
import { Resolver } from '../../src/actor/resolver.ts';
import { Transport, type TransportHandlers } from '../../src/actor/transport.ts';
import type { Message } from '../../src/core/messages.ts';
import { requestLookup } from '../lib/lookup.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { FrameDecoder, frame } from '../../src/wire/framing.ts';

/** An unsealed codec as a peer's, for peer `self`. */
const bareCodec = (self: number) =>
  new EdgeCodec({
    self,
    limits: { idBits: 32, maxFileBytes: DEFAULTS.maxFileBytes, maxChunkBytes: DEFAULTS.chunkBytes },
    secret: null,
    replayWindowMs: DEFAULTS.replayWindowMs,
    nonceCacheEntries: 16,
  });

/** Peer 1's address book on 127.0.0.1, knowing `known`. */
const addressesOfOne = (known: ConstructorParameters<typeof AddressBook>[3]) =>
  new AddressBook(
    1,
    { bound: { host: '127.0.0.1', port: 0 }, advertised: { host: '127.0.0.1', port: 0 } },
    { addressing: 'carried', basePort: 0 },
    known,
  );

/** Handlers that ignore everything but `some`. */
const only = (some: Partial<TransportHandlers>): TransportHandlers => ({
  message: () => {},
  transferFrame: () => {},
  transferChunk: () => {},
  transferClosed: () => {},
  inline: () => {},
  undeliverable: () => {},
  closing: () => () => {},
  ...some,
});

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
      addresses: addressesOfOne([{ id: 2, host: '127.0.0.1', port }]),
      codec: bareCodec(1),
      limits: { ...DEFAULTS },
    },
    only({
      undeliverable: (to, message, why) => {
        if (message.type === 'lookup') handedBack.push({ to, op: message.op, why });
      },
      closing: () => closed,
    }),
  );
  return { transport, handedBack, disconnected };
}

const lookup = (op: number): Message => requestLookup(1, op);

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

test('a peer reached by a host name that speaks from another address has its name resolved again', async () => {
  // The name's "hosts file": it said 127.0.0.2 (never sent to here), then the peer came back at 127.0.0.1.
  const hosts = new Map([['two.test', '127.0.0.2']]);
  let resolutions = 0;
  const resolver = new Resolver(() => {}, ((
    host: string,
    _options: unknown,
    callback: (e: null, a: string, f: number) => void,
  ) => {
    resolutions++;
    callback(null, hosts.get(host)!, 4);
  }) as unknown as ConstructorParameters<typeof Resolver>[1]);
  const sender = createSocket('udp4');
  await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', resolve));
  const heard: number[] = [];
  let arrived: () => void = () => {};
  const transport = new Transport(
    {
      id: 1,
      addresses: addressesOfOne([{ id: 2, host: 'two.test', port: sender.address().port }]),
      resolver,
      codec: bareCodec(1),
      limits: { ...DEFAULTS },
    },
    only({
      message: (from) => {
        heard.push(from);
        arrived();
      },
    }),
  );
  await transport.open();
  const port = (transport as unknown as { udp: { address(): AddressInfo } }).udp.address().port;
  const ping = async (seq: number) => {
    const got = new Promise<void>((resolve) => (arrived = resolve));
    sender.send(bareCodec(2).encode(1, { type: 'pingRequest', seq, rank: 1 }), port, '127.0.0.1');
    await got;
  };
  try {
    await new Promise((resolve) => resolver.lookup('two.test', 4, resolve as never));
    assert.equal(resolver.cached('two.test'), '127.0.0.2');
    hosts.set('two.test', '127.0.0.1');
    await ping(1); // from 127.0.0.1, not where the name was resolved
    assert.equal(resolver.cached('two.test'), undefined, 'the name is resolved again on its next use');
    const address = await new Promise<LookupAddress>((resolve) =>
      resolver.lookup('two.test', { all: true }, (_e, a) => resolve((a as LookupAddress[])[0]!)),
    );
    assert.equal(address.address, '127.0.0.1');
    await ping(2); // from where the name now resolves: nothing to do
    assert.equal(resolver.cached('two.test'), '127.0.0.1');
    assert.deepEqual(heard, [2, 2]);
    assert.equal(resolutions, 2);
  } finally {
    sender.close();
    await transport.close();
  }
});

test("a transfer's chunk frame that spans many socket reads reaches the receiver in those pieces, in order", async () => {
  const frames: string[] = [];
  const chunks: { from: number; data: Buffer }[] = [];
  let done: () => void = () => {};
  const ended = new Promise<void>((resolve) => (done = resolve));
  const transport = new Transport(
    { id: 1, addresses: addressesOfOne([]), codec: bareCodec(1), limits: { ...DEFAULTS } },
    only({
      transferFrame: (_conn, _from, body) => {
        frames.push(body.type);
        if (body.type === 'transferEnd') done();
      },
      transferChunk: (_conn, from, data) => {
        frames.push('chunk in pieces');
        chunks.push({ from, data: Buffer.concat(data) });
      },
    }),
  );
  await transport.open();
  const port = (transport as unknown as { server: { address(): AddressInfo } }).server.address().port;
  const sender = bareCodec(2);
  // Larger than a socket read (64 KiB): always several reads at the receiver.
  const data = [randomBytes(DEFAULTS.chunkBytes), randomBytes(100_000)];
  const header = { purpose: 'deliver' as const, op: 1, origin: 1, name: '2067', sizeBytes: 362_144, hops: 1 };
  const socket = connect({ host: '127.0.0.1', port });
  try {
    socket.write(frame(sender.encode(1, { type: 'transferHeader', header })));
    for (const chunk of data) for (const piece of sender.chunkFrame(1, chunk)) socket.write(piece);
    socket.write(frame(sender.encode(1, { type: 'transferEnd', sha256: randomBytes(32) })));
    await ended;
    assert.deepEqual(frames, ['transferHeader', 'chunk in pieces', 'chunk in pieces', 'transferEnd']);
    assert.deepEqual(
      chunks.map((c) => c.from),
      [2, 2],
    );
    assert.ok(chunks[0]!.data.equals(data[0]!) && chunks[1]!.data.equals(data[1]!), 'the bytes as sent, in order');
  } finally {
    socket.destroy();
    await transport.close();
  }
});

test("a transport's UDP socket closed alone (a peer killed with its thread) frees its port; its TCP server still listens", async () => {
  const transport = new Transport(
    { id: 1, addresses: addressesOfOne([]), codec: bareCodec(1), limits: { ...DEFAULTS } },
    only({}),
  );
  await transport.open();
  const port = (transport as unknown as { server: { address(): AddressInfo } }).server.address().port;
  const other = createSocket('udp4');
  try {
    await transport.closeUdp();
    await transport.closeUdp(); // twice: the second finds nothing to close
    // The port is free for UDP again: no datagram reaches the transport any more.
    await new Promise<void>((resolve, reject) => {
      other.once('error', reject);
      other.bind(port, '127.0.0.1', () => resolve());
    });
    const connected = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      connected.once('connect', resolve);
      connected.once('error', reject);
    });
    connected.destroy();
  } finally {
    other.close();
    await transport.close();
  }
});
