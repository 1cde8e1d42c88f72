// Files travel on TCP connections of their own (kept open between files to the same peer: transfer-pool.ts): header,
// chunks, digest, then the receiver's acknowledgement.
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import { piecesOf, type ReadableFile } from '../store/opened-file.ts';
import { MAX_ACK_ERROR_CHARS, type Body } from '../wire/codec.ts';
import type { EdgeCodec } from '../wire/edge.ts';
import { frame, FrameDecoder } from '../wire/framing.ts';
import { trace } from './trace.ts';
import type { TransferPool } from './transfer-pool.ts';
import type { Address } from './transport.ts';

/** Where a file's bytes go as they arrive (an AtomicFileWriter or a store writer). */
export interface FileWriter {
  write(chunk: Uint8Array): Promise<void>;
  commit(expectedSha256?: Uint8Array): Promise<void>;
  abort(): Promise<void>;
  /** The sha256 of everything written (after the last write, and after drained() where there is one). */
  sha256(): Buffer;
  /** Where there is one: resolves once every write is done; sha256() may be known only then (hashed off the thread). */
  drained?(): Promise<void>;
}

export interface SendOptions {
  /** The receiving peer and its address. */
  peer: PeerId;
  to: Address;
  header: TransferHeader;
  /** The file to send, opened by the caller (who closes it): a copy replaced meanwhile is not mixed in. (Empty and small files go inline.) */
  file: ReadableFile;
  /** The sha256 (hex) the file is known to have: bytes read that differ fail the transfer with a CorruptFileError. */
  expectedSha256?: string;
  chunkBytes: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** The whole transfer, acknowledgement included, ends within this. */
  deadlineMs: number;
  /** Seals and checks frames as this peer's sockets do. */
  codec: EdgeCodec;
  maxFrameBytes: number;
  signal: AbortSignal;
  /** Kept-open transfer connections: one to this peer is used if idle, and this one kept once acknowledged. */
  pool?: TransferPool;
  /** The sending peer, for the bench-only trace of a transfer's steps (src/actor/trace.ts). */
  self?: PeerId;
}

/** Waits for the socket to drain, failing if it closes first. */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('connection closed'));
    socket.on('drain', onDrain);
    socket.on('close', onClose);
  });
}

/** Streams a file to a peer and resolves once it acknowledged the whole file; rejects with a readable reason. */
export async function sendFile(options: SendOptions): Promise<void> {
  // A kept-open connection to the same peer when there is one (its last file was acknowledged, so it is clean).
  const reused = options.pool?.take(options.peer, options.to);
  const step = (what: string) => trace(options.self ?? -1, what, options.header.name);
  const socket = reused ?? connect({ ...options.to, noDelay: true });
  let connected = reused !== undefined;
  const abort = () => socket.destroy(new Error('the peer is shutting down'));
  options.signal.addEventListener('abort', abort, { once: true });
  // This transfer's listeners and timers, removed at its end: a kept connection carries the next file clean.
  const cleanups: (() => void)[] = [];
  let acknowledged = false;
  try {
    // The acknowledgement (or the connection's end) settles this; it is listened for from the start.
    const ack = new Promise<void>((resolve, reject) => {
      const decoder = new FrameDecoder(options.maxFrameBytes);
      const onData = (chunk: Buffer) => {
        const { frames, error } = decoder.push(chunk);
        if (error !== undefined) reject(new Error(`the receiver's answer was not readable: ${error}`));
        const first = frames[0];
        if (first === undefined) return;
        const decoded = options.codec.decode(first);
        if (decoded.ok && decoded.body.type === 'transferAck' && frames.length === 1 && decoder.pendingBytes === 0) {
          if (decoded.body.ok) {
            acknowledged = true;
            resolve();
          } else reject(new Error(decoded.body.error || 'refused'));
        } else reject(new Error('the receiver answered with something other than an acknowledgement'));
      };
      const onError = (error: Error) => reject(new Error(describeSocketError(error)));
      const onClose = () => reject(new Error('connection closed before the file was acknowledged'));
      socket.on('data', onData).on('error', onError).on('close', onClose);
      cleanups.push(() => socket.off('data', onData).off('error', onError).off('close', onClose));
    });
    ack.catch(() => {}); // settled below; this keeps an early rejection from being "unhandled"
    if (reused === undefined) {
      const connectTimer = setTimeout(
        () => socket.destroy(new Error(`no connection within ${options.connectTimeoutMs} ms`)),
        options.connectTimeoutMs,
      );
      cleanups.push(() => clearTimeout(connectTimer));
      socket.once('connect', () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    }
    // (A callback given to setTimeout would stay on a kept connection as one more listener per file.)
    const onIdle = () => socket.destroy(new Error('the receiver stopped reading'));
    socket.on('timeout', onIdle).setTimeout(options.idleTimeoutMs);
    cleanups.push(() => socket.off('timeout', onIdle).setTimeout(0));
    const deadline = setTimeout(
      () => socket.destroy(new Error(`not done within ${options.deadlineMs / 1000} s`)),
      options.deadlineMs,
    );
    cleanups.push(() => clearTimeout(deadline));
    const written = async (more: boolean) => {
      if (!more) await Promise.race([drained(socket), ack]);
    };
    const send = (body: Body) => written(socket.write(options.codec.frame(options.peer, body)));
    // A file read on the pool: its header is written first (send writes at once), then the reads start while it
    // travels: started before it, the reads' thread-pool wake-ups came first and the header left 0.2-0.3 ms later. A
    // small held copy is read as it is sent, in synchronous calls (chunksOf): at most 1 MiB, so its chunks go to the
    // socket one after the other without waiting for it to drain in between; and its header waits (corked) for the
    // first chunk, read at once, and leaves with it in one write: one send on this thread and one wake-up of the
    // receiver fewer before its first byte.
    const inMemory = readInSyncCalls(options.file, options.header.sizeBytes, options.chunkBytes);
    let headerHeld = inMemory;
    if (headerHeld) socket.cork();
    const headerFrame = options.codec.frame(options.peer, { type: 'transferHeader', header: options.header });
    // Held (corked): no wait for a drain, which cannot come before the uncork (a reused connection may still count the
    // last file's bytes); the End's wait covers the whole file, as it does its chunks.
    const headerSent = headerHeld ? socket.write(headerFrame) : written(socket.write(headerFrame));
    const chunks = chunksOf(options.file, options.header.sizeBytes, options.chunkBytes);
    await headerSent;
    const headerLeft = () => {
      headerHeld = false;
      socket.uncork();
      step('xfer.send.header');
    };
    if (!headerHeld) step('xfer.send.header');
    // A held copy's sha256 is known: the receiver hashes what it writes and refuses bytes that differ, so the sender
    // hashes nothing (it did, at both ends: 23 % of a 1 MiB transfer's CPU) unless the receiver refused (below).
    const known = options.expectedSha256;
    const hash = known === undefined ? createHash('sha256') : undefined;
    const end = (): Body => ({ type: 'transferEnd', sha256: hash?.digest() ?? Buffer.from(known!, 'hex') });
    let ended = false;
    try {
      let first = true;
      let sent = 0;
      for await (const batch of chunks) {
        if (first) step('xfer.send.firstRead');
        first = false;
        // A read's chunks, each frame's pieces, in one writev, the chunks not copied; after the last chunk, the End
        // too (no wait for the socket to drain in between). A chunk's buffer is read into again once the socket is done
        // with it (the kernel has the bytes): a file's chunks reuse a few buffers, not fresh memory each.
        socket.cork();
        let more = true;
        for (const chunk of batch) {
          hash?.update(chunk);
          sent += chunk.length;
          const pieces = options.codec.chunkFrame(options.peer, chunk);
          for (const [i, piece] of pieces.entries())
            more =
              i < pieces.length - 1 ? socket.write(piece) : socket.write(piece, (error) => error || release(chunk));
        }
        if (sent === options.header.sizeBytes) {
          more = socket.write(options.codec.frame(options.peer, end()));
          ended = true;
        }
        socket.uncork();
        if (headerHeld) headerLeft();
        if (!inMemory || ended) await written(more);
      }
    } catch (error) {
      // A held copy shorter than the size the store recorded is damaged (the caller forgets it).
      if (error instanceof ShortFileError && known !== undefined) throw new CorruptFileError(options.header.name);
      throw error;
    }
    step('xfer.send.lastWritten');
    if (headerHeld) headerLeft(); // no chunk (an empty file): the header goes alone
    if (!ended) await send(end());
    try {
      await ack;
      step('xfer.send.acknowledged');
    } catch (error) {
      // Refused: if the bytes on disk are not the recorded ones, the held copy is damaged (the caller forgets it).
      if (known !== undefined && (await sha256Of(options.file, options.chunkBytes)) !== known)
        throw new CorruptFileError(options.header.name);
      throw error;
    }
  } catch (error) {
    // Failed before its connection was made (refused, timed out): nothing reached the receiver.
    if (!connected && error instanceof Error && !(error instanceof CorruptFileError))
      throw new NotSentError(describeSocketError(error));
    throw error;
  } finally {
    options.signal.removeEventListener('abort', abort);
    for (const cleanup of cleanups) cleanup();
    if (acknowledged && options.pool !== undefined && !options.signal.aborted)
      options.pool.give(options.peer, options.to, socket);
    else socket.on('error', () => {}).destroy();
  }
}

/**
 * Read buffers this thread's sends are done with, for the next chunks: the read-ahead's few buffers are reused rather
 * than 256 KiB of new memory per chunk (in a micro-benchmark, reading 64 MiB from tmpfs into fresh buffers took twice
 * the CPU of reading it into one reused buffer; in a whole transfer the difference was within the noise).
 */
const spare: Buffer[] = [];
/** How many spare buffers a thread keeps (a send holds about 6: READ_AHEAD being read, one or two with the socket). */
const SPARE_MAX = 8;

/** A buffer of `bytes`, spare or new (one of its own, not a slice of Node's shared pool). */
function take(bytes: number): Buffer {
  for (let buffer = spare.pop(); buffer !== undefined; buffer = spare.pop()) if (buffer.length === bytes) return buffer;
  return Buffer.from(new ArrayBuffer(bytes));
}

/** The buffer under `chunk` is free again (the socket is done with it): kept for the next reads. */
function release(chunk: Buffer): void {
  if (spare.length < SPARE_MAX) spare.push(Buffer.from(chunk.buffer as ArrayBuffer));
}

/** Chunks read ahead of the one being sent: reads at their offsets, in parallel on the thread pool. */
const READ_AHEAD = 4;

/**
 * The file's `sizeBytes` (the size announced in the header) in chunks, read at their offsets, in batches (a read's
 * chunks, sent together): no read for the end of the file, up to READ_AHEAD chunks read at once, ahead of the one being
 * sent. A file of at most READ_AHEAD chunks (1 MiB) is read a chunk at a time in synchronous calls where the file has
 * them (a held copy: from the page cache, a copy of 0.1-0.2 ms for 1 MiB, against two thread-pool round trips, each two
 * wake-ups of threads on a busy machine), each chunk when it is asked for; else in two reads: its first chunk (which
 * leaves as soon as it is read), then the rest in one readv. A file that turns out shorter fails the transfer (the
 * receiver would refuse it anyway).
 */
function chunksOf(file: ReadableFile, sizeBytes: number, chunkBytes: number): AsyncGenerator<Buffer[]> {
  const chunkCount = Math.ceil(sizeBytes / chunkBytes);
  const buffersFor = (first: number, count: number): Buffer[] => {
    const position = first * chunkBytes;
    const chunks: Buffer[] = [];
    for (let i = 0; i < count; i++)
      chunks.push(take(chunkBytes).subarray(0, Math.min(chunkBytes, sizeBytes - position - i * chunkBytes)));
    return chunks;
  };
  /** `count` chunks from chunk `first` on, in one read (readv for several), then what it left chunk by chunk. */
  const readChunks = async (first: number, count: number): Promise<Buffer[]> => {
    const position = first * chunkBytes;
    const chunks = buffersFor(first, count);
    const read = count > 1 ? (await file.readv(chunks, position)).bytesRead : 0;
    await fillRest(file, chunks, position, read, sizeBytes);
    return chunks;
  };
  if (readInSyncCalls(file, sizeBytes, chunkBytes))
    // Each chunk read when it is asked for, so the first leaves before the next is read (the receiver hashes it
    // meanwhile); a read that falls short goes on as readChunks does.
    return (async function* () {
      for (let i = 0; i < chunkCount; i++) {
        const [chunk] = buffersFor(i, 1) as [Buffer];
        const read = file.readSync!(chunk, i * chunkBytes);
        if (read < chunk.length) await fillRest(file, [chunk], i * chunkBytes, read, sizeBytes);
        yield [chunk];
      }
    })();
  const reads: { count: number; chunks: Promise<Buffer[]> }[] = [];
  let next = 0;
  let ahead = 0;
  const readAhead = () => {
    while (ahead < READ_AHEAD && next < chunkCount) {
      const count = next > 0 && chunkCount <= READ_AHEAD ? chunkCount - next : 1;
      const chunks = readChunks(next, count);
      chunks.catch(() => {}); // awaited in turn below, unless the send fails first
      reads.push({ count, chunks });
      next += count;
      ahead += count;
    }
  };
  // The first reads start now, while the header goes out (a generator's body would wait for the first next()).
  readAhead();
  return (async function* () {
    for (let read = reads.shift(); read !== undefined; read = reads.shift()) {
      const chunks = await read.chunks;
      ahead -= read.count;
      readAhead();
      yield chunks;
    }
  })();
}

/** Whether `file`'s chunks are read in synchronous calls, one when it is asked for (chunksOf): a held copy of at most 1 MiB. */
function readInSyncCalls(file: ReadableFile, sizeBytes: number, chunkBytes: number): boolean {
  return file.readSync !== undefined && sizeBytes <= READ_AHEAD * chunkBytes;
}

/** Fills what a read left of `chunks` (from `position`, `read` bytes in), chunk by chunk; a file that ends first fails. */
async function fillRest(file: ReadableFile, chunks: Buffer[], position: number, read: number, sizeBytes: number) {
  let at = position;
  for (const chunk of chunks) {
    for (let filled = Math.max(0, Math.min(chunk.length, read - (at - position))); filled < chunk.length; ) {
      const { bytesRead } = await file.read(chunk, filled, chunk.length - filled, at + filled);
      if (bytesRead === 0) throw new ShortFileError(at + filled, sizeBytes);
      filled += bytesRead;
    }
    at += chunk.length;
  }
}

/** The sha256 (hex) of an open file's bytes, read from its start. */
async function sha256Of(file: ReadableFile, chunkBytes: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of piecesOf(file, chunkBytes)) hash.update(chunk);
  return hash.digest('hex');
}

/** The file being sent ended before the size its header announced. */
class ShortFileError extends Error {
  constructor(read: number, sizeBytes: number) {
    super(`the file ended after ${read} of its ${sizeBytes} bytes`);
    this.name = 'ShortFileError';
  }
}

/** A held file's bytes on disk no longer match its checksum: it is not sent, and the holder forgets it. */
export class CorruptFileError extends Error {
  readonly code = 'CORRUPT_FILE';
  constructor(readonly fileName: string) {
    super(`File ${fileName} is damaged on disk (its checksum does not match)`);
    this.name = 'CorruptFileError';
  }
}

/** A file that never left: no connection to its receiver was made, so none of its bytes can have landed there. */
export class NotSentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSentError';
  }
}

export function describeSocketError(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused (is the peer running?)';
  if (error.code === 'ECONNRESET') return 'connection reset by the peer';
  if (error.code === 'EPIPE') return 'connection closed by the peer while writing to it';
  return withoutPaths(error);
}

/**
 * An error's message with no file paths in it: what failed, for a text that may travel to another peer (a holder's
 * paths are none of the requester's business). `ENOENT: no such file or directory, open '/x/y'` becomes
 * `ENOENT: no such file or directory (open)`.
 */
export function withoutPaths(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { path, dest, syscall } = error as NodeJS.ErrnoException & { dest?: string };
  if (path === undefined && dest === undefined) return error.message;
  let message = error.message;
  for (const p of [path, dest]) if (p !== undefined) message = message.split(`'${p}'`).join('').split(p).join('');
  // What is left of "..., open  -> " and the like: the system call, said once.
  message = message.replace(/,\s*\w+\s*(->\s*)?$/, '').trim();
  return syscall === undefined ? message : `${message} (${syscall})`;
}

/**
 * Copies a local file into a writer: a transfer from a peer to itself (small ones are kept whole instead). With
 * `expected` (a held copy), bytes that are not the recorded ones fail it with a CorruptFileError, nothing kept.
 */
export async function copyInto(
  file: ReadableFile,
  writer: FileWriter,
  chunkBytes: number,
  expected?: { name: string; sha256: string },
): Promise<void> {
  try {
    for await (const chunk of piecesOf(file, chunkBytes)) await writer.write(chunk);
    await writer.drained?.();
    // Bytes read that are not the ones recorded: the held copy is damaged, and nothing is kept. The writer's digest is
    // of the bytes read (it hashes what it writes): the copy is hashed once, not once at each end.
    if (expected !== undefined && writer.sha256().toString('hex') !== expected.sha256)
      throw new CorruptFileError(expected.name);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * The receiving end of one transfer connection: writes chunks in order (pausing the socket while the
 * disk catches up), checks size and digest, then reports and acknowledges.
 */
export class TransferReceiver {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  /** Chunk writes handed to the writer and not yet with the OS: the next chunk is hashed meanwhile. */
  private writing = 0;
  private receivedBytes = 0;
  private settled = false;

  constructor(
    private readonly socket: Socket,
    /** Encodes (and seals) a frame for the sending peer. */
    private readonly encode: (body: Body) => Uint8Array,
    readonly header: TransferHeader,
    private readonly writer: Promise<FileWriter>,
    /** Called once, before the acknowledgement goes out, with the failure if there was one. */
    private readonly finished: (error?: string) => void,
    /** The receiving peer, for the bench-only trace of a transfer's steps (src/actor/trace.ts). */
    private readonly self = -1,
  ) {
    writer.catch(() => {});
  }

  frame(body: Body): void {
    if (body.type === 'transferChunk') {
      this.chunk([body.data]);
    } else if (body.type === 'transferEnd') {
      const sha256 = body.sha256;
      this.step('xfer.recv.end');
      this.enqueue(async () => {
        if (this.receivedBytes !== this.header.sizeBytes)
          throw new Error(`received ${this.receivedBytes} of ${this.header.sizeBytes} bytes`);
        this.step('xfer.recv.commit');
        await (await this.writer).commit(sha256);
        this.step('xfer.recv.committed');
        this.settle();
      });
    }
  }

  /** A chunk's data, in the pieces it arrived in (written one after the other, not joined). */
  chunk(data: Uint8Array[]): void {
    if (this.receivedBytes === 0) this.step('xfer.recv.firstChunk');
    this.enqueue(async () => {
      for (const piece of data) this.receivedBytes += piece.length;
      if (this.receivedBytes > this.header.sizeBytes)
        throw new Error(`more bytes than the announced ${this.header.sizeBytes}`);
      if (this.receivedBytes === this.header.sizeBytes) this.step('xfer.recv.lastChunk');
      // Not awaited: the writer keeps the order, and the next chunk is decoded and hashed while this one is written.
      // A failed write fails the transfer; the commit (which waits for every write) would too.
      this.writing++;
      this.flow();
      const writer = await this.writer;
      Promise.all(data.map((piece) => writer.write(piece))).then(
        () => {
          this.writing--;
          this.flow();
        },
        (error: Error) => {
          this.writing--;
          this.enqueue(() => Promise.reject(error));
        },
      );
    });
  }

  private step(what: string): void {
    trace(this.self, what, this.header.name);
  }

  /** The connection closed: if the file was not complete, it is dropped. */
  closed(): void {
    this.enqueue(async () => {
      if (!this.settled) throw new Error('connection closed before the whole file arrived');
    });
  }

  /** Resolves once everything queued so far (writes, the commit or the removal of a partial file) is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(step: () => Promise<void>): void {
    this.queued++;
    this.flow();
    this.queue = this.queue
      .then(() => (this.settled ? undefined : step()))
      .catch((error: Error) => this.fail(error))
      .finally(() => {
        this.queued--;
        this.flow();
      });
  }

  /** Done (acknowledged or refused): a kept-open connection may carry the next file. */
  get done(): boolean {
    return this.settled;
  }

  /** Reads pause while more than 4 chunks wait (for their turn or for the disk), and go on once at most one does. */
  private flow(): void {
    if (this.settled) return; // the connection may be carrying the next file, with its own receiver
    const waiting = this.queued + this.writing;
    if (waiting > 4) this.socket.pause();
    else if (waiting <= 1 && !this.socket.destroyed) this.socket.resume();
  }

  private settle(error?: string): void {
    if (this.settled) return;
    this.settled = true;
    this.finished(error);
    const ack: Body = {
      type: 'transferAck',
      ok: error === undefined,
      error: (error ?? '').slice(0, MAX_ACK_ERROR_CHARS),
    };
    if (this.socket.destroyed) return;
    // Acknowledged: the connection stays open for the sender's next file (it closes it when idle). Refused: chunks may
    // still be on their way, so the connection ends.
    if (error === undefined) this.socket.resume().write(frame(this.encode(ack)));
    else this.socket.end(frame(this.encode(ack)));
  }

  private async fail(error: Error): Promise<void> {
    if (this.settled) return;
    await this.writer.then(
      (w) => w.abort(),
      () => {},
    );
    this.settle(withoutPaths(error));
  }
}
