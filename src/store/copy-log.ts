// A peer's log of store copies: a pending copy of a store, and its commit, appended to one preallocated file opened with
// O_DSYNC, so that one write (one thread-pool round trip) carries every record appended alongside it and returns once
// they are durable (group commit), instead of files created, renamed and flushed with their directories. Records are
// written in order, so a crash can only tear the last one.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
// Not named `zlib`: in the actor's bundle it becomes a top-level var (see sha256.ts).
import * as nodeZlib from 'node:zlib';
import type { Version } from '../core/version.ts';
import { syncDirectory } from './atomic-file.ts';
import { sha256Of } from './sha256.ts';

/** Zeros written when the log is created: overwriting allocated blocks needs no journal commit, only the data's flush. */
export const LOG_PREALLOCATED_BYTES = 1024 * 1024;
// A record: a 32-byte header (magic, generation, kind, its checksum's kind, body length, then the checksum of the
// header's first 16 bytes and the body), then its body (a copy: its metadata's length, its metadata as JSON, its bytes;
// else JSON). The checksum finds a record torn by a crash: a CRC-32 (then zeros), or in logs written before it (and where
// Node has no zlib.crc32, before 20.15) the first 16 bytes of a sha256; such a Node refuses a log with CRC records. A
// copy's bytes are checked against the sha256 its metadata records as well, so a torn copy is found as surely as with
// the sha256 alone. The CRC because the record is encoded on the replica's way to its acknowledgement, on a thread that
// slept: the sha256's createHash, two updates and digest ran cold there; the CRC took 8-14 µs off the encoding's 58-75
// (bench/README.md, twenty-third round).
const MAGIC = 0x5244_434c; // 'RDCL'
const HEADER_BYTES = 32;
const DIGEST_BYTES = 16;
/** The checksum's kind, byte 9 of the header: zero in every record written before there was a choice. */
const CHECK_SHA256 = 0;
const CHECK_CRC32 = 1;
const crc32 = (nodeZlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * What a record says: a pending copy (its metadata and bytes); that it was committed (its store acknowledged: it is the
 * file, whether or not files/ and meta/ show it yet); or that it was dropped (its store failed, or its commit could not
 * be carried out: a discard after a commit takes it back, and the copy with it).
 */
export type LogRecord =
  | {
      kind: 'copy';
      /** `own`: kept by the store's responsible peer, whose commit record is flushed after the store is acknowledged. */
      meta: { name: string; sizeBytes: number; sha256: string; version: Version; own?: true };
      data: Buffer;
    }
  | { kind: 'commit' | 'discard'; name: string; version: Version }
  /** The held copy of `name` at `version` was removed (this peer keeps the name no longer): no copy at or below it is. */
  | { kind: 'remove'; name: string; version: Version };

/** A generation's first record after a reset: it hides the older generation's records from a replay. */
type Mark = { kind: 'mark' };

const KIND_CODES = { copy: 1, discard: 2, mark: 3, commit: 4, remove: 5 } as const;

interface Queued {
  bytes: Buffer;
  resolve(): void;
  reject(error: Error): void;
}

export class CopyLog {
  /** Where the next record goes. */
  private tail = 0;
  private queue: Queued[] = [];
  private running = false;
  private scheduled = false;
  private failed: Error | undefined;
  /** close() waiting for the records already appended. */
  private readonly idleWaiters: (() => void)[] = [];
  /** Writes issued, each durable when it returns (for tests and the bench). */
  readonly counts = { writes: 0, records: 0 };

  private constructor(
    private readonly handle: FileHandle,
    /** Records carry it: after a reset, the older generation's records beyond the new ones are not read. */
    private generation: number,
  ) {}

  /** Opens (creating and preallocating when missing) the log at `path`, and the records of its current generation. */
  static async open(path: string): Promise<{ log: CopyLog; records: LogRecord[] }> {
    let handle: FileHandle;
    let created = false;
    // O_DSYNC: a write returns once its bytes (and the size, if it grew) are on the disk, as write and fdatasync would.
    const { O_RDWR, O_DSYNC, O_CREAT, O_EXCL } = constants;
    try {
      handle = await open(path, O_RDWR | O_DSYNC);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      handle = await open(path, O_RDWR | O_DSYNC | O_CREAT | O_EXCL, 0o644);
      created = true;
    }
    try {
      const { size } = await handle.stat();
      const contents = Buffer.alloc(size);
      if (size > 0) await handle.read(contents, 0, size, 0);
      const { records, generation } = parse(contents, path);
      if (size < LOG_PREALLOCATED_BYTES) {
        await handle.write(Buffer.alloc(LOG_PREALLOCATED_BYTES - size), 0, LOG_PREALLOCATED_BYTES - size, size);
        if (created) await syncDirectory(dirname(path));
      }
      return { log: new CopyLog(handle, generation), records };
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }

  /** The records of the log at `path` (none when there is no log), without opening it for writing. */
  static async read(path: string): Promise<LogRecord[]> {
    try {
      return parse(await readFile(path), path).records;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Bytes up to the end of the last record appended (what a reset takes back to 0). */
  get bytesUsed(): number {
    return this.tail;
  }

  /** Whether a record is being written or waits to be. */
  get busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  /** Appends `record`; resolves once it is durable (rejects if its write failed). */
  append(record: LogRecord | Mark): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    const bytes = encode(record, this.generation);
    this.counts.records++;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts a new generation at the start of the file: call only when no record of the log is needed any more (every
   * copy settled and its outcome durable elsewhere) and none is being written.
   */
  reset(): Promise<void> {
    if (this.busy) throw new Error('the copy log cannot be reset while records are being written');
    this.tail = 0;
    this.generation = (this.generation + 1) >>> 0;
    // A crash before the mark is written replays the older generation, whose copies are all settled (replaying them
    // again changes nothing that is durable elsewhere). Resolves once it is written: until then (and for ever if its
    // write failed) a replay still reads the older generation's records.
    const marked = this.append({ kind: 'mark' });
    marked.catch(() => {});
    return marked;
  }

  /** Resolves once every record appended so far is written. */
  whenIdle(): Promise<void> {
    return this.busy ? new Promise<void>((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Closes the file once the records appended so far are written (nothing is appended after this). */
  async close(): Promise<void> {
    await this.whenIdle();
    this.failed ??= new Error('the copy log is closed');
    await this.handle.close().catch(() => {});
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // The end of this turn: records appended in the same turn share one write.
    setImmediate(() => {
      this.scheduled = false;
      void this.round();
    });
  }

  private async round(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.running = true;
    try {
      if (this.failed !== undefined) throw this.failed;
      const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((q) => q.bytes));
      const at = this.tail;
      this.tail += bytes.length;
      this.counts.writes++;
      for (let offset = 0; offset < bytes.length; )
        offset += (await this.handle.write(bytes, offset, bytes.length - offset, at + offset)).bytesWritten;
      for (const q of batch) q.resolve();
    } catch (error) {
      // A write that failed may have torn the log here: nothing is appended after it.
      this.failed ??= error as Error;
      for (const q of batch) q.reject(error as Error);
    }
    this.running = false;
    if (this.queue.length > 0) this.schedule();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function encode(record: LogRecord | Mark, generation: number): Buffer {
  // The record is written straight into one buffer (no body built apart and copied): a store's six records, one a copy
  // of its bytes, are encoded on the peers' threads.
  let out: Buffer;
  if (record.kind === 'mark') out = Buffer.allocUnsafe(HEADER_BYTES);
  else if (record.kind === 'copy') {
    const meta = JSON.stringify(record.meta);
    const metaBytes = Buffer.byteLength(meta);
    out = Buffer.allocUnsafe(HEADER_BYTES + 4 + metaBytes + record.data.length);
    out.writeUInt32LE(metaBytes, HEADER_BYTES);
    out.write(meta, HEADER_BYTES + 4);
    out.set(record.data, HEADER_BYTES + 4 + metaBytes);
  } else {
    const json = JSON.stringify({ name: record.name, version: record.version });
    out = Buffer.allocUnsafe(HEADER_BYTES + Buffer.byteLength(json));
    out.write(json, HEADER_BYTES);
  }
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(generation, 4);
  out.writeUInt8(KIND_CODES[record.kind], 8);
  out.writeUInt8(crc32 === undefined ? CHECK_SHA256 : CHECK_CRC32, 9);
  out.fill(0, 10, 12);
  out.writeUInt32LE(out.length - HEADER_BYTES, 12);
  checksumOf(out.subarray(0, 16), out.subarray(HEADER_BYTES))!.copy(out, 16);
  return out;
}

/** The checksum of a record's head (its first 16 bytes, which say the kind) and body; undefined for an unknown kind. */
function checksumOf(head: Buffer, body: Buffer): Buffer | undefined {
  const check = head.readUInt8(9);
  if (check === CHECK_SHA256) return createHash('sha256').update(head).update(body).digest().subarray(0, DIGEST_BYTES);
  if (check !== CHECK_CRC32 || crc32 === undefined) return undefined;
  const checksum = Buffer.alloc(DIGEST_BYTES);
  checksum.writeUInt32LE(crc32(body, crc32(head)), 0);
  return checksum;
}

/**
 * The records of the generation the file starts with, up to the first that is torn, foreign or of another generation.
 * Throws on a CRC-32 record where Node has no zlib.crc32: it cannot be told whole from torn, and taking it for torn
 * would drop acknowledged commits without a word.
 */
function parse(contents: Buffer, path: string): { records: LogRecord[]; generation: number } {
  const records: LogRecord[] = [];
  let generation: number | undefined;
  for (let at = 0; at + HEADER_BYTES <= contents.length; ) {
    const head = contents.subarray(at, at + 16);
    if (head.readUInt32LE(0) !== MAGIC) break;
    const gen = head.readUInt32LE(4);
    const kind = head.readUInt8(8);
    const length = head.readUInt32LE(12);
    if ((generation !== undefined && gen !== generation) || at + HEADER_BYTES + length > contents.length) break;
    const body = contents.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
    if (head.readUInt8(9) === CHECK_CRC32 && crc32 === undefined)
      throw new Error(
        `${path}: the copy log's records are checked by CRC-32, which needs Node 20.15 or later (zlib.crc32); this is Node ${process.versions.node}: upgrade Node to open this store`,
      );
    if (checksumOf(head, body)?.equals(contents.subarray(at + 16, at + HEADER_BYTES)) !== true) break;
    const record = kind === KIND_CODES.mark ? 'mark' : decode(kind, body);
    if (record === undefined) break;
    if (record !== 'mark' && record.kind === 'copy' && sha256Of(record.data).toString('hex') !== record.meta.sha256)
      break;
    generation = gen;
    if (record !== 'mark') records.push(record);
    at += HEADER_BYTES + length;
  }
  // Nothing readable, yet offset 0 holds a record's start (the first record, torn): the generation after that one, so
  // that no record of an older generation left further on (generation 0's included) is read after the new ones.
  const torn = contents.length >= 8 && contents.readUInt32LE(0) === MAGIC ? (contents.readUInt32LE(4) + 1) >>> 0 : 0;
  return { records, generation: generation ?? torn };
}

function decode(kind: number, body: Buffer): LogRecord | undefined {
  try {
    if (kind === KIND_CODES.copy) {
      const metaLength = body.readUInt32LE(0);
      const meta = JSON.parse(body.subarray(4, 4 + metaLength).toString('utf8')) as Extract<
        LogRecord,
        { kind: 'copy' }
      >['meta'];
      return { kind: 'copy', meta, data: Buffer.from(body.subarray(4 + metaLength)) };
    }
    if (kind === KIND_CODES.discard || kind === KIND_CODES.commit || kind === KIND_CODES.remove) {
      const { name, version } = JSON.parse(body.toString('utf8')) as { name: string; version: Version };
      return {
        kind: kind === KIND_CODES.commit ? 'commit' : kind === KIND_CODES.remove ? 'remove' : 'discard',
        name,
        version,
      };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
