// Writes one file so that it appears whole or not at all: temporary file, fsync, rename, fsync of the directory.
import { createHash, randomBytes } from 'node:crypto';
import {
  close as closeCallback,
  closeSync,
  constants,
  fdatasync as fdatasyncCallback,
  mkdirSync,
  open as openCallback,
  openSync,
  renameSync,
  rmSync,
  write as writeCallback,
  writevSync,
} from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { OffThreadHash } from './hash-worker.ts';

/**
 * Opening a file already at a name to read it or hold it: a named pipe there opens at once (O_NONBLOCK) rather than
 * waiting for a writer, which would block a peer's thread or hold a thread-pool thread for good; a symbolic link is not
 * followed (what the name holds is what a rename replaces).
 */
export const OPEN_IN_PLACE = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** The longest file name (in bytes) most file systems accept. */
const NAME_MAX_BYTES = 255;

export class ChecksumMismatchError extends Error {
  readonly code = 'CHECKSUM_MISMATCH';
  constructor(
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(`the file's sha256 is ${actualSha256}, not the expected ${expectedSha256}: it was not kept`);
    this.name = 'ChecksumMismatchError';
  }
}

type State = 'open' | 'sealing' | 'sealed' | 'publishing' | 'committed' | 'aborting' | 'aborted';

/** Writes a file so that it appears whole or not at all: temporary file in the same directory, fsync, rename, fsync of the directory. */
export class AtomicFileWriter {
  private readonly hash = createHash('sha256');
  private written = 0;
  /** Chunks given to write() and not yet handed to the OS. */
  private readonly unwritten: Uint8Array[] = [];
  private state: State = 'open';
  /** Every operation runs after the previous one, so writes land in call order and abort waits for them. */
  private pending: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private handle: FileHandle | undefined;
  /** With `hashOffThread`: the worker's hash, and its digest once every write is in. */
  private readonly offThread: OffThreadHash | undefined;
  private digest: Buffer | undefined;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
    handle: FileHandle,
    private readonly durable: boolean,
    hashOffThread: boolean,
  ) {
    this.handle = handle;
    if (hashOffThread) this.offThread = new OffThreadHash();
  }

  /**
   * Creates the parent directory and the temporary file `<final>.<random>.tmp` beside `finalPath`.
   * `durable: false` skips the fsyncs (about 4 ms a file here): the file still appears whole or not at
   * all, but a power cut may lose it. For copies handed to a user (received_<NAME>.pdf), not the DHT's own.
   * `parentExists`: the directory is known to be there (a store's own), so no mkdir -p before every file.
   * `hashOffThread`: the sha256 is computed by a worker thread (src/store/hash-worker.ts), in parallel with this one;
   * sha256() is then known once drained() or the commit resolved.
   */
  static async open(
    finalPath: string,
    options: { durable?: boolean; parentExists?: boolean; hashOffThread?: boolean } = {},
  ): Promise<AtomicFileWriter> {
    const full = resolve(finalPath);
    const tempPath = join(dirname(full), tempName(basename(full)));
    let handle: FileHandle;
    try {
      handle = await open(tempPath, 'wx');
    } catch (error) {
      // The directory is there nearly always: it is made (mkdir -p, its parents fsynced) only when it is not, rather
      // than asked for before every file (a thread-pool round trip per received file).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || options.parentExists === true) throw error;
      await makeDirectory(dirname(full));
      handle = await open(tempPath, 'wx');
    }
    return new AtomicFileWriter(full, tempPath, handle, options.durable !== false, options.hashOffThread === true);
  }

  get bytesWritten(): number {
    return this.written;
  }

  /**
   * Appends `chunk` after the writes before it; resolves once the OS has it. The chunk is hashed now, on this thread,
   * while the writes before it are with the thread pool (or copied to the hashing thread, and resolved once both are
   * done). Keep the chunk unchanged until this resolves. Chunks given while a write runs go in the next one together
   * (one writev, one thread-pool round trip for all of them).
   */
  write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open' || this.digest !== undefined) return Promise.reject(this.closedError('write to'));
    if (this.offThread === undefined) {
      this.hash.update(chunk);
      return this.writeOut(chunk);
    }
    const hashed = this.offThread.update(chunk).catch((error: Error) => {
      this.failure ??= error;
      throw error;
    });
    return Promise.all([this.writeOut(chunk), hashed]).then(() => {});
  }

  private writeOut(chunk: Uint8Array): Promise<void> {
    this.unwritten.push(chunk);
    return this.enqueue(async () => {
      if (this.failure !== undefined) throw this.failure;
      // Everything given so far: the steps of the chunks taken along find nothing left, and resolve after this one.
      const batch = this.unwritten.splice(0);
      if (batch.length === 0) return;
      try {
        this.written += await writeAll(this.handle!, batch);
      } catch (error) {
        this.failure = error as Error;
        throw error;
      }
    });
  }

  /** Digest of everything given to write() so far (call after the last write; hashed off the thread: after drained()). */
  sha256(): Buffer {
    if (this.offThread === undefined) return this.hash.copy().digest();
    if (this.digest === undefined)
      throw new Error(`the sha256 of ${this.finalPath} is not known before its writes are drained`);
    return this.digest;
  }

  /** Hashed off the thread: the worker's digest, asked once every write was given (after the last one). */
  private async digestOffThread(): Promise<void> {
    if (this.offThread === undefined || this.digest !== undefined || this.failure !== undefined) return;
    try {
      this.digest = await this.offThread.digest();
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /** fsync, close and, when expectedSha256 is given and differs, abort and throw ChecksumMismatchError; else rename into place and fsync the directory. */
  async commit(expectedSha256?: Uint8Array): Promise<void> {
    if (!this.durable) return this.commitUnflushed(expectedSha256);
    await this.seal(expectedSha256);
    await this.publish();
  }

  /**
   * With nothing to flush, the digest is checked once the writes are done and the rename goes alongside the close. The
   * file it replaces (one received before under the same name) is held open across the rename and closed after it, in
   * the background: freeing its pages (30 ms for 64 MiB on tmpfs here, in the rename otherwise) is not on the path.
   */
  private commitUnflushed(expectedSha256: Uint8Array | undefined): Promise<void> {
    if (this.state !== 'open') return Promise.reject(this.closedError('commit'));
    this.state = 'publishing';
    const replaced = open(this.finalPath, OPEN_IN_PLACE).catch(() => undefined);
    const letGo = () => void replaced.then((handle) => handle?.close()).catch(() => {});
    return this.enqueue(async () => {
      try {
        await replaced; // opened before the rename, or it would be the new file
        await this.digestOffThread();
        await this.replaceChecked(expectedSha256);
      } finally {
        letGo();
      }
    });
  }

  /** The digest checked, then the temporary file closed and renamed into place; on a failure nothing is kept. */
  private async replaceChecked(expectedSha256: Uint8Array | undefined): Promise<void> {
    try {
      if (this.failure !== undefined) throw this.failure;
      const actual = this.sha256();
      if (expectedSha256 !== undefined && !actual.equals(expectedSha256))
        throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
    } catch (error) {
      await this.discard().catch(() => {});
      throw error;
    }
    const [closed, renamed] = await Promise.allSettled([this.closeHandle(), rename(this.tempPath, this.finalPath)]);
    if (renamed.status === 'rejected') {
      await this.discard().catch(() => {});
      throw renamed.reason;
    }
    if (closed.status === 'rejected') {
      // Written but not closed cleanly: not kept.
      this.state = 'aborted';
      await unlinkIfPresent(this.finalPath).catch(() => {});
      throw closed.reason;
    }
    this.state = 'committed';
  }

  /**
   * First half of commit: waits for the writes, fsyncs and closes the temporary file and checks the digest.
   * On any failure the temporary file is removed. (FileStore does its own bookkeeping between the halves.)
   */
  seal(expectedSha256?: Uint8Array): Promise<void> {
    if (this.state !== 'open') return Promise.reject(this.closedError('commit'));
    this.state = 'sealing';
    return this.enqueue(async () => {
      try {
        await this.digestOffThread();
        if (this.failure !== undefined) throw this.failure;
        // fdatasync: a new file's data and its size; its name is made durable by the directory's fsync after the rename.
        if (this.durable) await this.handle!.datasync();
        await this.closeHandle();
        const actual = this.sha256();
        if (expectedSha256 !== undefined && !actual.equals(expectedSha256)) {
          throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
        }
        this.state = 'sealed';
      } catch (error) {
        await this.discard().catch(() => {});
        throw error;
      }
    });
  }

  /** Resolves once every write so far has reached the OS: then sha256() is the digest of the whole file. */
  drained(): Promise<void> {
    return this.enqueue(async () => {
      await this.digestOffThread();
      if (this.failure !== undefined) throw this.failure;
    });
  }

  /**
   * Second half of commit: renames the sealed file into place and fsyncs the directory so the rename
   * survives a crash (`syncDirectory: false` leaves that fsync to the caller, who may batch it).
   */
  publish(options: { syncDirectory?: boolean } = {}): Promise<void> {
    if (this.state !== 'sealed') return Promise.reject(this.closedError('publish'));
    this.state = 'publishing';
    return this.enqueue(async () => {
      try {
        await rename(this.tempPath, this.finalPath);
      } catch (error) {
        await this.discard().catch(() => {});
        throw error;
      }
      this.state = 'committed';
      if (this.durable && options.syncDirectory !== false) await syncDirectory(dirname(this.finalPath));
    });
  }

  /** Closes and removes the temporary file. Safe to call twice, after a failed commit, or after a commit (then it does nothing). */
  abort(): Promise<void> {
    if (this.state === 'open' || this.state === 'sealed') this.state = 'aborting';
    return this.enqueue(async () => {
      if (this.state === 'aborting') await this.discard();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const result = this.pending.then(step);
    this.pending = result.catch(() => {});
    return result;
  }

  private async discard(): Promise<void> {
    this.state = 'aborted';
    this.offThread?.drop();
    await this.closeHandle().catch(() => {});
    await unlinkIfPresent(this.tempPath);
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private closedError(action: string): Error {
    return new Error(`cannot ${action} ${this.finalPath}: the writer is already ${this.state}`);
  }
}

/**
 * Writes a small file whole or not at all, without fsync, in synchronous calls: for a file of at most 64 KiB (or a
 * received one of at most 1 MiB, held in memory as it came: src/actor/held-writer.ts), a thread-pool round trip per step
 * (open, write, close, rename) costs more than the writes themselves (1 MiB on tmpfs: 0.3 ms of CPU in these calls,
 * 0.6 ms through the pool in four writes). `data` may be the file's pieces, written in one writev.
 * For copies handed to a user (received_<NAME>.pdf), as `durable: false` above.
 */
export function writeSmallFileSync(
  finalPath: string,
  data: Uint8Array | readonly Uint8Array[],
  options: { freeReplacedLater?: boolean } = {},
): void {
  const full = resolve(finalPath);
  const tempPath = join(dirname(full), tempName(basename(full)));
  const pieces = data instanceof Uint8Array ? [data] : data;
  // `freeReplacedLater`: the file this replaces is held open across the rename and closed after it on the thread pool,
  // so freeing its pages is not inside the rename (0.12 ms of a 1 MiB received file's commit on tmpfs, by perf).
  let replaced: number | undefined;
  if (options.freeReplacedLater === true)
    try {
      replaced = openSync(full, OPEN_IN_PLACE);
    } catch {} // none yet
  try {
    let fd: number;
    try {
      fd = openSync(tempPath, 'wx');
    } catch (error) {
      // As AtomicFileWriter.open: the directory is made only when it is missing.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(full), { recursive: true });
      fd = openSync(tempPath, 'wx');
    }
    try {
      writeAllSync(fd, pieces);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, full);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  } finally {
    if (replaced !== undefined) closeCallback(replaced, () => {});
  }
}

/** Writes `pieces` at the descriptor's position, in order, whatever the OS takes per call. */
function writeAllSync(fd: number, pieces: readonly Uint8Array[]): void {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let skip = writevSync(fd, rest);
    // A short write: what is left of the piece it stopped in, then the pieces after it.
    while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
    if (skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
  }
}

/** A temporary file written whole, waiting to be renamed into place (as a sealed AtomicFileWriter is). */
export interface SealedFile {
  readonly finalPath: string;
  /** Renames it into place (the caller fsyncs the directory). */
  publish(options: { syncDirectory: false }): Promise<void>;
  /** Resolves once its bytes are on disk: at once when they were flushed before the rename. */
  flushed?(): Promise<void>;
  /** Removes the temporary file, unless it was published. */
  abort(): Promise<void>;
}

/**
 * A file whose bytes are all in memory, written to a temporary file beside `finalPath`, then renamed. `flush: 'before'`:
 * opened with O_DSYNC, so its write returns once the bytes are on the disk (as write and fdatasync would, in one
 * thread-pool round trip fewer). `flush: 'after'` flushes it after the rename instead (`flushed`), alongside the
 * directory's fsync, so one wait on the disk fewer in series; then a crash before both flushes ended can leave a torn
 * file under the final name, so only a file whose readers check it against its digest, or whose bytes are kept
 * elsewhere until it is flushed (a store's pending copy, a copy committed through the copy log), may be written so.
 * Either way the file is a plain descriptor closed in this thread: closing a new file costs no flush, and less than a
 * round trip. The directory must exist.
 */
export async function sealWholeFile(
  finalPath: string,
  data: Uint8Array,
  flush: 'before' | 'after' = 'before',
): Promise<SealedFile> {
  const full = resolve(finalPath);
  const tempPath = join(dirname(full), tempName(basename(full)));
  const fd = await openFd(tempPath, O_WRONLY | O_CREAT | O_EXCL | (flush === 'before' ? O_DSYNC : 0), 0o666);
  try {
    for (let offset = 0; offset < data.length; )
      offset += (await writeFd(fd, data, offset, data.length - offset, offset)).bytesWritten;
  } catch (error) {
    closeSync(fd);
    await unlinkIfPresent(tempPath).catch(() => {});
    throw error;
  }
  return sealedFile(full, tempPath, fd, flush);
}

/** A temporary file written whole (`fd`), to be renamed to `full`: flushed already ('before', closed now) or not. */
function sealedFile(full: string, tempPath: string, fd: number, flush: 'before' | 'after'): SealedFile {
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  if (flush === 'before') close();
  let published = false;
  let flushing: Promise<void> | undefined;
  const flushed = () => {
    flushing ??= fdatasyncFd(fd).finally(close);
    return flushing;
  };
  return {
    finalPath: full,
    publish: async () => {
      await rename(tempPath, full);
      published = true;
    },
    ...(flush === 'after' ? { flushed } : {}),
    abort: async () => {
      await flushing?.catch(() => {});
      close();
      if (!published) await unlinkIfPresent(tempPath);
    },
  };
}

/**
 * sealWholeFile's `flush: 'after'`, its temporary file created and written in synchronous calls on this thread: for a
 * small file (a copy committed through the copy log, at most 64 KiB) the open and the write cost less than the two
 * thread-pool round trips they took (each a pool thread woken, then this loop). Nothing waits on the disk in them: the
 * write is not flushed (as 'after'), the rename and the flush still go through the pool. The directory must exist.
 */
export async function sealSmallFile(finalPath: string, data: Uint8Array): Promise<SealedFile> {
  const full = resolve(finalPath);
  const tempPath = join(dirname(full), tempName(basename(full)));
  const fd = openSync(tempPath, O_WRONLY | O_CREAT | O_EXCL, 0o666);
  try {
    writeAllSync(fd, [data]);
  } catch (error) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  return sealedFile(full, tempPath, fd, 'after');
}

const { O_WRONLY, O_CREAT, O_EXCL, O_DSYNC } = constants;
const openFd = promisify(openCallback);
const writeFd = promisify(writeCallback);
const fdatasyncFd = promisify(fdatasyncCallback);

/** Writes `chunks` at the file's position, in order, whatever the OS takes per call; returns the bytes written. */
async function writeAll(handle: FileHandle, chunks: Uint8Array[]): Promise<number> {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  let rest = chunks;
  for (let done = 0; done < total; ) {
    const { bytesWritten } = await handle.writev(rest);
    done += bytesWritten;
    if (done === total) break;
    // A short write: what is left of the chunk it stopped in, then the chunks after it.
    let skip = bytesWritten;
    while (skip >= rest[0]!.length) skip -= rest.shift()!.length;
    rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
  }
  return total;
}

/**
 * The next temporary name's 64 bits: random once per thread, then counted up, so names are as unlikely to meet another
 * thread's or process's as random ones. A call of randomBytes cost 15-55 µs on the VMs this runs on (one per file
 * written: a store's copies write two each).
 */
let nextTemp = randomBytes(8).readBigUInt64BE();

/** `<base>.<16 hex digits>.tmp`, or `<16 hex digits>.tmp` when the base is so long that the name would not fit. */
function tempName(base: string): string {
  const random = nextTemp.toString(16).padStart(16, '0');
  nextTemp = BigInt.asUintN(64, nextTemp + 1n);
  const name = `${base}.${random}.tmp`;
  return Buffer.byteLength(name) <= NAME_MAX_BYTES ? name : `${random}.tmp`;
}

/** mkdir -p, then fsync the parent of every directory it created: a new directory entry is durable only then. */
export async function makeDirectory(dir: string): Promise<void> {
  const full = resolve(dir);
  const first = await mkdir(full, { recursive: true });
  if (first === undefined) return;
  for (let created = full; ; created = dirname(created)) {
    await syncDirectory(dirname(created));
    if (created === resolve(first) || created === dirname(created)) return;
  }
}

/** Codes of file systems that cannot fsync a directory; the rename is then as durable as they make it. */
export const UNSUPPORTED_DIR_SYNC = new Set(['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP', 'EBADF']);

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED_DIR_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Removes a file; one that is already gone is fine. Returns whether it was there. */
export async function unlinkIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
