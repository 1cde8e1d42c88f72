// Files of at most 64 KiB (and one chunk) travel whole on the kept-open connection between two peers; larger ones on
// a connection of their own (kept open for the next file between them). An inline file is checked as a transfer is: refused with its reason when nobody asked for
// it or its bytes do not match their sha256, kept when they do.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import { decodeEnvelope, encodeEnvelope, type Body } from '../../src/wire/codec.ts';
import { frame, FrameDecoder } from '../../src/wire/framing.ts';

const CHUNK = 16 * 1024;
const LIMITS = { idBits: 8, maxFileBytes: 64 * 1024 * 1024, maxChunkBytes: CHUNK };
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/**
 * A stranger: Peer `id`, not a peer of the ring, listening where 8-bit rings put Peer `id`, so it hears what the
 * ring's peers send it; it speaks on a connection of its own. `next` resolves with its next message from `from`.
 */
async function stranger(basePort: number, id: number) {
  const heard: Body[] = [];
  const waiters: { from: number; match: (b: Body) => boolean; resolve: (b: Body) => void }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder(1024 * 1024);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      for (const bytes of decoder.push(chunk).frames) {
        const decoded = decodeEnvelope(bytes, LIMITS);
        if (!decoded.ok) continue;
        heard.push(decoded.body);
        const at = waiters.findIndex((w) => w.from === decoded.from && w.match(decoded.body));
        if (at >= 0) waiters.splice(at, 1)[0]!.resolve(decoded.body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(basePort + id, '127.0.0.1', resolve));
  const out = connect({ host: '127.0.0.1', port: basePort + 6 });
  out.on('error', () => {});
  sockets.add(out);
  return {
    heard,
    /** The next message from `from` that `match` accepts (only those arriving after this call). */
    next: <T extends Body['type']>(
      from: number,
      type: T,
      match: (b: Extract<Body, { type: T }>) => boolean = () => true,
    ) =>
      new Promise<Extract<Body, { type: T }>>((resolve) => {
        waiters.push({
          from,
          match: (b) => b.type === type && match(b as Extract<Body, { type: T }>),
          resolve: resolve as (b: Body) => void,
        });
      }),
    send: (...parts: Body[]) => out.write(Buffer.concat(parts.map((p) => frame(encodeEnvelope(id, p))))),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('inline files', { timeout: 30_000 }, () => {
  let t: TestRing;
  const files = new Map([
    ['0004', randomBytes(CHUNK)],
    ['0005', randomBytes(10)],
    ['0006', randomBytes(CHUNK + 1)],
  ]);
  before(async () => {
    // One copy per file and rare pings: the only connections are those the commands open.
    t = await createTestRing({
      peers: [3, 6, 9],
      pingIntervalMs: 60_000,
      replicas: 1,
      writeQuorum: 1,
      chunkBytes: CHUNK,
    });
    await mkdir(t.filesDir, { recursive: true });
  });
  after(() => t.close());

  test('stores and requests of files up to a chunk open no connection; larger files have one of their own, kept open; all arrive whole', async () => {
    // Keys 4, 5 and 6 are all held by Peer 6; the stores come from Peer 9, the requests from Peer 3.
    const accepted = async (id: number) => (await t.ring.peer(id).status()).connections.accepted;
    await writeFile(join(t.filesDir, '0004.pdf'), files.get('0004')!);
    assert.equal((await t.ring.peer(9).store('0004')).ok, true); // opens whatever 9 and 6 had not opened yet
    assert.equal((await t.ring.peer(3).request('0004')).ok, true); // and 3 and 6
    const [at6, at3] = [await accepted(6), await accepted(3)];
    for (const name of ['0005', '0006']) {
      await writeFile(join(t.filesDir, `${name}.pdf`), files.get(name)!);
      const stored = await t.ring.peer(9).store(name);
      assert.equal(stored.ok && stored.holder, 6, stored.ok ? '' : stored.error);
    }
    assert.equal(await accepted(6), at6 + 1, 'only the store over one chunk came on a connection of its own');
    assert.equal((await t.ring.peer(3).request('0005')).ok, true);
    assert.equal((await t.ring.peer(3).request('0004')).ok, true);
    assert.equal(await accepted(3), at3, 'files of at most one chunk came on the connection already open');
    assert.equal((await t.ring.peer(3).request('0006')).ok, true);
    assert.equal(await accepted(3), at3 + 1, 'a file over one chunk came on a connection of its own');
    assert.equal((await t.ring.peer(3).request('0006')).ok, true);
    assert.equal(await accepted(3), at3 + 1, 'the next one came on the same connection, kept open');
    for (const [name, bytes] of files)
      assert.ok((await readFile(join(t.filesDir, 'peer-3', `received_${name}.pdf`))).equals(bytes), name);
  });

  test('an inline file nobody asked for is refused with the reason, and nothing is kept', async () => {
    const s = await stranger(t.basePort, 200);
    try {
      const data = Buffer.from('unwanted');
      const answers = [
        s.next(6, 'inlineAck', (a) => a.transfer === 1),
        s.next(6, 'inlineAck', (a) => a.transfer === 2),
      ];
      s.send(
        {
          type: 'inlineFile',
          transfer: 1,
          header: { purpose: 'deliver', op: 7, origin: 6, name: '1234', sizeBytes: data.length, hops: 1 },
          data,
          sha256: sha256(data),
        },
        {
          type: 'inlineFile',
          transfer: 2,
          header: { purpose: 'store', op: 7, origin: 200, name: '0005', sizeBytes: data.length, hops: 1 },
          data,
          sha256: sha256(data),
        },
      );
      assert.deepEqual(await Promise.all(answers), [
        { type: 'inlineAck', transfer: 1, ok: false, error: 'Peer 6 did not request 1234' },
        { type: 'inlineAck', transfer: 2, ok: false, error: 'no store of 0005 was accepted from Peer 200' },
      ]);
    } finally {
      await s.close();
    }
    // The peer still serves, and the forged store changed nothing.
    assert.equal((await t.ring.peer(9).request('0005')).ok, true);
    assert.ok((await readFile(join(t.filesDir, 'peer-9', 'received_0005.pdf'))).equals(files.get('0005')!));
  });

  test('a store it accepted, whose bytes do not match their sha256, is refused and not kept; the right bytes are', async () => {
    const s = await stranger(t.basePort, 201);
    try {
      const data = Buffer.from('bytes from a stranger');
      const storeOf = (op: number) => {
        const ready = s.next(6, 'storeReady', (m) => m.op === op);
        s.send({
          type: 'lookup',
          kind: 'store',
          origin: 201,
          op,
          name: '0262',
          key: 6, // 6's own: a store for a key its predecessor owns would be passed back there
          final: true,
          hops: 0,
          attempt: 0,
        });
        return ready;
      };
      await storeOf(1);
      const refused = s.next(6, 'inlineAck', (a) => a.transfer === 11);
      s.send({
        type: 'inlineFile',
        transfer: 11,
        header: { purpose: 'store', op: 1, origin: 201, name: '0262', sizeBytes: data.length, hops: 0 },
        data,
        sha256: sha256(Buffer.from('other bytes')),
      });
      const answer = await refused;
      assert.equal(answer.ok, false);
      assert.match(answer.error, /sha256 is [0-9a-f]{64}, not the expected [0-9a-f]{64}/);
      assert.ok(
        (await t.ring.peer(6).status()).files.every((f) => f.name !== '0262'),
        'nothing kept',
      );
      await storeOf(2);
      const kept = s.next(6, 'inlineAck', (a) => a.transfer === 12);
      const stored = s.next(6, 'stored', (m) => m.op === 2);
      s.send({
        type: 'inlineFile',
        transfer: 12,
        header: { purpose: 'store', op: 2, origin: 201, name: '0262', sizeBytes: data.length, hops: 0 },
        data,
        sha256: sha256(data),
      });
      assert.equal((await kept).ok, true);
      // Kept pending, then (its copies durable) committed: the store is done, and the file held.
      assert.equal((await stored).error, '');
      assert.ok(
        (await t.ring.peer(6).status()).files.some(
          (f) => f.name === '0262' && f.sha256 === sha256(data).toString('hex'),
        ),
      );
    } finally {
      await s.close();
    }
  });
});

describe('an inline file delivered to a requester', { timeout: 30_000 }, () => {
  let t: TestRing;
  before(async () => {
    // Peer 6 takes the stranger, Peer 200, for its first successor: requests for keys 7..200 go to it.
    t = await createTestRing({
      peers: [
        { id: 3, successors: [6, 9] },
        { id: 6, successors: [200, 9] },
        { id: 9, successors: [3, 6] },
      ],
      pingIntervalMs: 60_000,
      replicas: 1,
      writeQuorum: 1,
    });
  });
  after(() => t.close());

  test('is saved when its bytes match their sha256, and refused (the request failing with why) when they do not', async () => {
    const s = await stranger(t.basePort, 200);
    try {
      const data = randomBytes(5_000);
      const answerWith = async (digest: Buffer) => {
        const lookup = await s.next(6, 'lookup', (m) => m.name === '0150');
        // A peer acknowledges every lookup hop it takes (else the sender routes around it).
        if (lookup.ack !== undefined) s.send({ type: 'hopAck', ack: lookup.ack });
        const answered = s.next(6, 'inlineAck', (a) => a.transfer === lookup.op);
        s.send({
          type: 'inlineFile',
          transfer: lookup.op,
          header: { purpose: 'deliver', op: lookup.op, origin: 6, name: '0150', sizeBytes: data.length, hops: 1 },
          data,
          sha256: digest,
        });
        return answered;
      };
      const [failed, refusal] = await Promise.all([
        t.ring.peer(6).request('0150'),
        answerWith(sha256(Buffer.from('not these bytes'))),
      ]);
      assert.equal(failed.ok, false);
      assert.match(
        failed.ok ? '' : failed.error,
        /receiving File 0150 from Peer 200 failed: the file's sha256 is [0-9a-f]{64}, not the announced/,
      );
      assert.equal(refusal.ok, false);
      const [got, ack] = await Promise.all([t.ring.peer(6).request('0150'), answerWith(sha256(data))]);
      assert.deepEqual([got.ok, got.ok && got.holder, ack.ok], [true, 200, true]);
      assert.ok((await readFile(join(t.filesDir, 'peer-6', 'received_0150.pdf'))).equals(data));
    } finally {
      await s.close();
    }
  });
});
