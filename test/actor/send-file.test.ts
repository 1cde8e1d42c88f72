// A held copy is streamed without the sender hashing it: the receiver checks the recorded sha256 and refuses bytes that
// differ, and the sender then finds its copy damaged (so its peer forgets it) rather than reporting a plain failure.
// Bytes changed or cut on the way are refused, and nothing is kept.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MemoryWriter } from '../../src/actor/memory-writer.ts';
import { TransferPool } from '../../src/actor/transfer-pool.ts';
import { CorruptFileError, type FileWriter, sendFile, TransferReceiver } from '../../src/actor/transfers.ts';
import { randomBasePort } from '../../src/host/testing.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import type { Body } from '../../src/wire/codec.ts';
import { FrameDecoder, frame } from '../../src/wire/framing.ts';
import { HeldFileWriter } from '../../src/actor/held-writer.ts';
import { AtomicFileWriter } from '../../src/store/atomic-file.ts';
import { OpenedFile } from '../../src/store/opened-file.ts';

const CHUNK_BYTES = 64 * 1024;
const LIMITS = { idBits: 8, maxFileBytes: 1 << 24, maxChunkBytes: CHUNK_BYTES };
const codec = (self: number) => new EdgeCodec({ self, limits: LIMITS, replayWindowMs: 30_000, nonceCacheEntries: 64 });

/**
 * A receiving peer (id 9) keeping each file in memory, as a get does; `outcomes` says how each transfer ended, and
 * `ended(n)` resolves once n transfers have.
 */
async function receiver(
  writerOf: (keep: (bytes: Buffer) => void) => FileWriter | Promise<FileWriter> = (keep) => new MemoryWriter(keep),
) {
  const kept: Buffer[] = [];
  const outcomes: (string | undefined)[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const ended = (n: number) =>
    new Promise<void>((resolve) => (outcomes.length >= n ? resolve() : waiting.push({ n, resolve })));
  const conns: Socket[] = [];
  const edge = codec(9);
  const server = createServer((conn) => {
    conns.push(conn);
    const frames = new FrameDecoder(1 << 22);
    let transfer: TransferReceiver | undefined;
    conn.on('close', () => transfer?.closed());
    conn.on('data', (chunk: Buffer) => {
      for (const pieces of frames.pushPieces(chunk).frames) {
        // As the transport does: a chunk frame spanning several reads goes to the receiver in those pieces.
        const inPieces = transfer === undefined ? undefined : edge.chunkPieces(pieces);
        if (inPieces !== undefined) {
          transfer!.chunk(inPieces.data);
          continue;
        }
        const decoded = edge.decode(Buffer.concat(pieces));
        if (!decoded.ok) throw new Error(decoded.detail);
        const body = decoded.body;
        if (body.type === 'transferHeader') {
          const writer = Promise.resolve(writerOf((b) => kept.push(b)));
          transfer = new TransferReceiver(
            conn,
            (ack) => edge.encode(3, ack),
            body.header,
            writer,
            (error) => {
              outcomes.push(error);
              for (const w of waiting.filter((w) => outcomes.length >= w.n)) w.resolve();
            },
          );
        } else transfer!.frame(body);
      }
    });
  });
  let port = randomBasePort();
  for (;;) {
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) return { server, port, kept, outcomes, conns, ended };
    port++;
  }
}

async function send(
  onDisk: Buffer,
  recorded: Buffer,
  port: number,
  sizeBytes = onDisk.length,
  pool?: TransferPool,
  /** Opened as a held copy is (OpenedFile: a file of at most 4 chunks is read a chunk at a time in synchronous calls), not a FileHandle. */
  asHeld = false,
): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'ringdht-send-file-'));
  await writeFile(join(dir, '2067'), onDisk);
  const file = asHeld ? OpenedFile.open(join(dir, '2067')) : await open(join(dir, '2067'), 'r');
  try {
    await sendFile({
      peer: 9,
      to: { host: '127.0.0.1', port },
      header: { purpose: 'deliver', op: 1, origin: 9, name: '2067', sizeBytes, hops: 1 },
      file,
      expectedSha256: createHash('sha256').update(recorded).digest('hex'),
      chunkBytes: CHUNK_BYTES,
      connectTimeoutMs: 5_000,
      idleTimeoutMs: 5_000,
      deadlineMs: 10_000,
      codec: codec(3),
      maxFrameBytes: 1 << 22,
      signal: new AbortController().signal,
      ...(pool === undefined ? {} : { pool }),
    });
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await file.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A receiver for `run`, closed after it, whatever happens. */
async function withReceiver(
  run: (at: Awaited<ReturnType<typeof receiver>>) => Promise<void>,
  writerOf?: Parameters<typeof receiver>[0],
): Promise<void> {
  const at = await receiver(writerOf);
  try {
    await run(at);
  } finally {
    await new Promise((resolve) => at.server.close(resolve));
  }
}

/** A receiver and a transfer pool for `run`; both closed after it, whatever happens. */
function withPool(
  run: (at: Awaited<ReturnType<typeof receiver>>, pool: TransferPool) => Promise<void>,
  writerOf?: Parameters<typeof receiver>[0],
): Promise<void> {
  return withReceiver(async (at) => {
    const pool = new TransferPool(5_000);
    try {
      await run(at, pool);
    } finally {
      pool.closeAll();
    }
  }, writerOf);
}

test('a held copy arrives whole; a damaged one is refused by the receiver and found damaged by the sender', async () => {
  await withReceiver(async ({ port, kept, outcomes, ended }) => {
    const bytes = randomBytes(4 * CHUNK_BYTES + 5);
    assert.equal(await send(bytes, bytes, port), undefined);
    assert.equal(kept.length, 1);
    assert.ok(kept[0]!.equals(bytes), 'the bytes kept are the ones sent');

    const damaged = Buffer.from(bytes);
    damaged[CHUNK_BYTES + 1]! ^= 0x80;
    const error = await send(damaged, bytes, port);
    assert.ok(error instanceof CorruptFileError, `the sender reported ${String(error)}`);
    await ended(2);
    assert.equal(kept.length, 1, 'the damaged copy was kept by the receiver');
    assert.deepEqual(outcomes[0], undefined);
    assert.match(outcomes[1] ?? '', /sha256/);
  });
});

test('a held copy shorter on disk than its recorded size is found damaged, and nothing is kept', async () => {
  await withReceiver(async ({ port, kept }) => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 7);
    const error = await send(bytes.subarray(0, 2 * CHUNK_BYTES + 1), bytes, port, bytes.length);
    assert.ok(error instanceof CorruptFileError, `the sender reported ${String(error)}`);
    assert.equal(kept.length, 0);
  });
});

describe('a held copy of at most 4 chunks, read a chunk at a time in synchronous calls', () => {
  test('arrives whole, its End in the same write; a damaged one is refused and found damaged by the sender', async () => {
    await withReceiver(async ({ port, kept, outcomes, ended }) => {
      const bytes = randomBytes(3 * CHUNK_BYTES + 5);
      assert.equal(await send(bytes, bytes, port, bytes.length, undefined, true), undefined);
      assert.equal(kept.length, 1);
      assert.ok(kept[0]!.equals(bytes), 'the bytes kept are the ones sent');

      const damaged = Buffer.from(bytes);
      damaged[2 * CHUNK_BYTES + 1]! ^= 0x80;
      const error = await send(damaged, bytes, port, bytes.length, undefined, true);
      assert.ok(error instanceof CorruptFileError, `the sender reported ${String(error)}`);
      await ended(2);
      assert.equal(kept.length, 1, 'the damaged copy was kept by the receiver');
      assert.match(outcomes[1] ?? '', /sha256/);
    });
  });

  test('its header leaves with its first chunk, in one write to the connection (one send, one wake-up of the receiver)', async () => {
    await withPool(async ({ port, kept }, pool) => {
      const bytes = randomBytes(2 * CHUNK_BYTES + 3);
      assert.equal(await send(bytes, bytes, port, bytes.length, pool, true), undefined);
      // The kept connection, its writes to the OS recorded (their bytes, in order) for the next file: through the
      // stream's own _write/_writev (Node's internals), because cork and uncork are synchronous there, not TCP's merging.
      const to = { host: '127.0.0.1', port };
      const socket = pool.take(9, to)!;
      const writes: number[] = [];
      const stream = socket as unknown as {
        _write(chunk: Buffer, encoding: string, done: () => void): void;
        _writev(chunks: { chunk: Buffer }[], done: () => void): void;
      };
      const write = stream._write.bind(socket);
      const writev = stream._writev.bind(socket);
      stream._write = (chunk, encoding, done) => {
        writes.push(chunk.length);
        write(chunk, encoding, done);
      };
      stream._writev = (chunks, done) => {
        writes.push(chunks.reduce((sum, { chunk }) => sum + chunk.length, 0));
        writev(chunks, done);
      };
      pool.give(9, to, socket);
      assert.equal(await send(bytes, bytes, port, bytes.length, pool, true), undefined);
      assert.equal(kept.length, 2);
      assert.ok(kept[1]!.equals(bytes), 'the bytes kept are the ones sent');
      assert.ok(
        writes[0]! > CHUNK_BYTES,
        `the first write held ${writes[0]} bytes: the header alone, not with its first chunk`,
      );
    });
  });

  test("on a kept connection still counting the last file's bytes (its header's write says wait), it goes all the same", async () => {
    await withPool(async ({ port, kept }, pool) => {
      const bytes = randomBytes(2 * CHUNK_BYTES + 3);
      assert.equal(await send(bytes, bytes, port, bytes.length, pool, true), undefined);
      // A connection whose last write's completion has not run yet answers the next write "wait for a drain"; no drain
      // can come while the header is corked behind it, so the sender must not wait for one before its first chunk.
      const to = { host: '127.0.0.1', port };
      const socket = pool.take(9, to)!;
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      let first = true;
      socket.write = ((...args: unknown[]) => {
        const more = write(...args);
        if (!first) return more;
        first = false;
        return false;
      }) as typeof socket.write;
      pool.give(9, to, socket);
      assert.equal(await send(bytes, bytes, port, bytes.length, pool, true), undefined);
      assert.equal(kept.length, 2);
      assert.ok(kept[1]!.equals(bytes), 'the bytes kept are the ones sent');
    });
  });

  test('an empty one arrives too: its header, held for a first chunk that never comes, goes alone', async () => {
    await withReceiver(async ({ port, kept }) => {
      assert.equal(await send(Buffer.alloc(0), Buffer.alloc(0), port, 0, undefined, true), undefined);
      assert.equal(kept.length, 1);
      assert.equal(kept[0]!.length, 0);
    });
  });

  test('one shorter on disk than its recorded size is found damaged, and nothing is kept', async () => {
    await withReceiver(async ({ port, kept }) => {
      const bytes = randomBytes(3 * CHUNK_BYTES + 7);
      const error = await send(bytes.subarray(0, 2 * CHUNK_BYTES + 1), bytes, port, bytes.length, undefined, true);
      assert.ok(error instanceof CorruptFileError, `the sender reported ${String(error)}`);
      assert.equal(kept.length, 0);
    });
  });
});

test('a chunk the receiver cannot write fails the transfer with the reason, though later chunks were already taken', async () => {
  // Writes are not awaited one by one: the second one fails a turn later, when more chunks may have been handed over.
  const failing = (keep: (bytes: Buffer) => void): FileWriter => {
    const inner = new MemoryWriter(keep);
    let writes = 0;
    return {
      write: (chunk) =>
        ++writes === 2
          ? new Promise((_, reject) => setImmediate(() => reject(new Error('ENOSPC: no space left on device'))))
          : inner.write(chunk),
      commit: (sha256) => inner.commit(sha256),
      abort: () => inner.abort(),
      sha256: () => inner.sha256(),
    };
  };
  await withReceiver(async ({ port, kept, outcomes }) => {
    const bytes = randomBytes(4 * CHUNK_BYTES);
    const error = await send(bytes, bytes, port);
    assert.match(String(error), /ENOSPC/);
    assert.equal(kept.length, 0);
    assert.match(outcomes[0] ?? '', /ENOSPC/);
  }, failing);
});

test('files to the same peer go one after the other on one kept-open connection, closed with the pool', async () => {
  await withPool(async ({ port, kept, conns }, pool) => {
    const files = [randomBytes(3 * CHUNK_BYTES + 1), randomBytes(CHUNK_BYTES), randomBytes(2 * CHUNK_BYTES + 9)];
    for (const bytes of files) assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    assert.equal(kept.length, 3);
    for (const [i, bytes] of files.entries()) assert.ok(kept[i]!.equals(bytes), `file ${i} kept as sent`);
    assert.equal(conns.length, 1, 'one connection carried all three');
    assert.equal(pool.size, 1);
    const closed = new Promise((resolve) => conns[0]!.once('close', resolve));
    pool.closeAll();
    await closed;
    assert.equal(pool.size, 0);
  });
});

test('a kept connection the receiver closed while idle is not used: the next file goes on a new one', async () => {
  await withPool(async ({ port, kept, conns }, pool) => {
    const bytes = randomBytes(2 * CHUNK_BYTES);
    assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    // The kept socket, given back at once: its close reaches the pool's listener before this test's.
    const to = { host: '127.0.0.1', port };
    const kept0 = pool.take(9, to)!;
    pool.give(9, to, kept0);
    const gone = new Promise((resolve) => kept0.once('close', resolve));
    conns[0]!.destroy();
    await gone;
    assert.equal(pool.size, 0, 'the pool let go of the closed connection');
    assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    assert.equal(conns.length, 2);
    assert.equal(kept.length, 2);
  });
});

test('a peer that went silent keeps no connection in the pool: the next file to it goes on a new one', async () => {
  await withPool(async ({ port, kept, conns }, pool) => {
    const bytes = randomBytes(2 * CHUNK_BYTES);
    assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    assert.equal(pool.size, 1);
    const closed = new Promise((resolve) => conns[0]!.once('close', resolve));
    pool.drop(8); // another peer: nothing of peer 9's goes
    assert.equal(pool.size, 1);
    pool.drop(9);
    assert.equal(pool.size, 0);
    await closed;
    assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    assert.equal(conns.length, 2);
    assert.equal(kept.length, 2);
  });
});

test('a receiver that dies in the middle of a file on a kept connection fails that transfer at once', async () => {
  // The second file's first chunk kills the connection from the receiving side, as a crashed peer's kernel would.
  let files = 0;
  let conns: { destroy(): void }[] = [];
  const dying = (keep: (bytes: Buffer) => void): FileWriter => {
    const inner = new MemoryWriter(keep);
    const doomed = ++files === 2;
    return {
      write: (chunk) => {
        if (doomed) for (const conn of conns) conn.destroy();
        return inner.write(chunk);
      },
      commit: (sha256) => inner.commit(sha256),
      abort: () => inner.abort(),
      sha256: () => inner.sha256(),
    };
  };
  await withPool(async (at, pool) => {
    const { port, kept } = at;
    conns = at.conns;
    const bytes = randomBytes(4 * CHUNK_BYTES);
    assert.equal(await send(bytes, bytes, port, bytes.length, pool), undefined);
    const error = await send(bytes, bytes, port, bytes.length, pool);
    assert.match(String(error), /connection (closed|reset)/, `the sender reported ${String(error)}`);
    assert.equal(kept.length, 1, 'the second file was not kept');
    assert.equal(pool.size, 0, 'the dead connection was not kept');
    assert.equal(
      await send(bytes, bytes, port, bytes.length, pool),
      undefined,
      'the next file goes on a new connection',
    );
    assert.equal(kept.length, 2);
  }, dying);
});

/** Sends `bodies` as peer 3's frames on a connection of their own; resolves with the receiver's acknowledgement. */
async function rawTransfer(port: number, bodies: Body[]): Promise<Body> {
  const edge = codec(3);
  const socket = connect({ host: '127.0.0.1', port });
  const frames = new FrameDecoder(1 << 22);
  try {
    return await new Promise<Body>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        const [first] = frames.push(chunk).frames;
        if (first === undefined) return;
        const decoded = edge.decode(first);
        if (decoded.ok) resolve(decoded.body);
        else reject(new Error(decoded.detail));
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error('closed without an acknowledgement')));
      for (const body of bodies) socket.write(frame(edge.encode(9, body)));
    });
  } finally {
    socket.destroy();
  }
}

describe('what the receiver checks on the connection', () => {
  const bytes = randomBytes(3 * CHUNK_BYTES + 11);
  const header = { purpose: 'deliver' as const, op: 1, origin: 9, name: '2067', sizeBytes: bytes.length, hops: 1 };
  const sha256 = createHash('sha256').update(bytes).digest();
  const chunks = (data: Buffer) =>
    [0, 1, 2, 3].map(
      (i): Body => ({ type: 'transferChunk', data: data.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES) }),
    );

  test('the bytes as sent are kept', async () => {
    await withReceiver(async ({ port, kept }) => {
      const ack = await rawTransfer(port, [
        { type: 'transferHeader', header },
        ...chunks(bytes),
        { type: 'transferEnd', sha256 },
      ]);
      assert.deepEqual(ack, { type: 'transferAck', ok: true, error: '' });
      assert.equal(kept.length, 1);
      assert.ok(kept[0]!.equals(bytes));
    });
  });

  test('a byte changed on the way is refused with the reason, and nothing is kept', async () => {
    await withReceiver(async ({ port, kept, outcomes }) => {
      const changed = Buffer.from(bytes);
      changed[2 * CHUNK_BYTES + 3]! ^= 0x01;
      const ack = await rawTransfer(port, [
        { type: 'transferHeader', header },
        ...chunks(changed),
        { type: 'transferEnd', sha256 },
      ]);
      assert.equal(ack.type === 'transferAck' && ack.ok, false);
      assert.match(ack.type === 'transferAck' ? ack.error : '', /sha256 is [0-9a-f]{64}, not the/);
      assert.equal(kept.length, 0);
      assert.match(outcomes[0] ?? '', /sha256/);
    });
  });

  test('a file cut short on the way (its end after fewer bytes) is refused, and nothing is kept', async () => {
    await withReceiver(async ({ port, kept }) => {
      const ack = await rawTransfer(port, [
        { type: 'transferHeader', header },
        ...chunks(bytes).slice(0, 3),
        { type: 'transferEnd', sha256 },
      ]);
      assert.equal(ack.type === 'transferAck' && ack.ok, false);
      assert.match(ack.type === 'transferAck' ? ack.error : '', /received 196608 of 196619 bytes/);
      assert.equal(kept.length, 0);
    });
  });

  const writers = {
    '': (path: string) => AtomicFileWriter.open(path, { durable: false }),
    ' (hashed by the hashing worker, as a large one is)': (path: string) =>
      AtomicFileWriter.open(path, { durable: false, hashOffThread: true }),
    ' (held and written whole at the end, as one of at most 1 MiB is)': (path: string) => new HeldFileWriter(path),
  };
  for (const [how, writerAt] of Object.entries(writers))
    test(`written to a file${how}: a byte changed on the way leaves neither the file nor a temporary file`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ringdht-send-file-'));
      const path = join(dir, 'received_2067.pdf');
      const { server, port } = await receiver(() => writerAt(path));
      try {
        const changed = Buffer.from(bytes);
        changed[5]! ^= 0x40;
        const bad = await rawTransfer(port, [
          { type: 'transferHeader', header },
          ...chunks(changed),
          { type: 'transferEnd', sha256 },
        ]);
        assert.equal(bad.type === 'transferAck' && bad.ok, false);
        assert.deepEqual(await readdir(dir), []);
        const good = await rawTransfer(port, [
          { type: 'transferHeader', header },
          ...chunks(bytes),
          { type: 'transferEnd', sha256 },
        ]);
        assert.equal(good.type === 'transferAck' && good.ok, true);
        assert.ok((await readFile(path)).equals(bytes));
        assert.deepEqual(await readdir(dir), ['received_2067.pdf']);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await rm(dir, { recursive: true, force: true });
      }
    });
});
