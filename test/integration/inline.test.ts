// Files of at most one chunk travel whole on the kept-open connection between two peers; larger ones on a
// connection of their own. An inline file nobody asked for is refused with its reason, like a transfer.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { decodeEnvelope, encodeEnvelope, type Body } from '../../src/wire/codec.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';

const CHUNK = 16 * 1024;
const LIMITS = { idBits: 8, maxFileBytes: 64 * 1024 * 1024, maxChunkBytes: CHUNK };

describe('inline files', () => {
  let t: TestRing;
  const files = new Map([['0004', randomBytes(CHUNK)], ['0005', randomBytes(10)], ['0006', randomBytes(CHUNK + 1)]]);
  before(async () => {
    // One copy per file and rare pings: the only connections are those the commands open.
    t = await createTestRing({ peers: [3, 6, 9], pingIntervalMs: 60_000, replicas: 1, writeQuorum: 1, chunkBytes: CHUNK });
    await mkdir(t.filesDir, { recursive: true });
  });
  after(() => t.close());

  test('requests of files up to a chunk open no connection; a larger file has one of its own; all arrive whole', async () => {
    // Keys 4, 5 and 6 are all held by Peer 6; the requests come from Peer 3.
    for (const [name, bytes] of files) {
      await writeFile(join(t.filesDir, `${name}.pdf`), bytes);
      const stored = await t.ring.peer(9).store(name);
      assert.equal(stored.ok && stored.holder, 6, stored.ok ? '' : stored.error);
    }
    const accepted = async () => (await t.ring.peer(3).status()).connections.accepted;
    assert.equal((await t.ring.peer(3).request('0004')).ok, true); // opens whatever the two peers had not opened yet
    const before = await accepted();
    assert.equal((await t.ring.peer(3).request('0005')).ok, true);
    assert.equal((await t.ring.peer(3).request('0004')).ok, true);
    assert.equal(await accepted(), before, 'files of at most one chunk came on the connection already open');
    assert.equal((await t.ring.peer(3).request('0006')).ok, true);
    assert.equal(await accepted(), before + 1, 'a file over one chunk came on a connection of its own');
    for (const [name, bytes] of files) assert.ok((await readFile(join(t.filesDir, 'peer-3', `received_${name}.pdf`))).equals(bytes), name);
  });

  test('an inline file nobody asked for is refused with the reason, and nothing is kept', async () => {
    // A stranger, Peer 200 (not in the ring), listens where 8-bit rings put Peer 200, so it hears the answers.
    const answers: Body[] = [];
    const answered = new Set<Socket>();
    let heard: () => void = () => {};
    const server = createServer((socket) => {
      answered.add(socket);
      const decoder = new FrameDecoder(1024 * 1024);
      socket.on('data', (chunk) => {
        for (const bytes of decoder.push(chunk).frames) {
          const decoded = decodeEnvelope(bytes, LIMITS);
          if (decoded.ok && decoded.from === 6) answers.push(decoded.body);
        }
        if (answers.length >= 2) heard();
      });
    });
    await new Promise<void>((resolve) => server.listen(t.basePort + 200, '127.0.0.1', resolve));
    try {
      const twoAnswers = new Promise<void>((resolve) => { heard = resolve; });
      const data = Buffer.from('unwanted');
      const sha256 = new Uint8Array(32);
      const parts: Body[] = [
        { type: 'inlineFile', transfer: 1, header: { purpose: 'deliver', op: 7, origin: 6, name: '1234', sizeBytes: data.length, hops: 1 }, data, sha256 },
        { type: 'inlineFile', transfer: 2, header: { purpose: 'store', op: 7, origin: 200, name: '0005', sizeBytes: data.length, hops: 1 }, data, sha256 },
      ];
      const socket = connect({ host: '127.0.0.1', port: t.basePort + 6 }, () => socket.write(Buffer.concat(parts.map((p) => frame(encodeEnvelope(200, p))))));
      socket.on('error', () => {});
      await twoAnswers;
      socket.destroy();
      assert.deepEqual(answers, [
        { type: 'inlineAck', transfer: 1, ok: false, error: 'Peer 6 did not request 1234' },
        { type: 'inlineAck', transfer: 2, ok: false, error: 'no store of 0005 was accepted from Peer 200' },
      ]);
      const held = (await t.ring.peer(6).status()).files;
      assert.ok(held.every((f) => f.name !== '1234'));
    } finally {
      for (const socket of answered) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
    // The peer still serves, and the forged store changed nothing.
    assert.equal((await t.ring.peer(9).request('0005')).ok, true);
    assert.ok((await readFile(join(t.filesDir, 'peer-9', 'received_0005.pdf'))).equals(files.get('0005')!));
  });
});
