// A received file of at most 1 MiB written in synchronous calls as its pieces arrive, whole or not at all (temporary
// file, rename; not flushed: a copy handed to a user, as AtomicFileWriter's `durable: false`). Through the thread pool,
// a 1 MiB file took an open, a write per batch of pieces, then a close and a rename after its last byte: each a round
// trip to another thread and back (1 MiB on tmpfs: 0.6 ms of CPU that way against 0.3 in synchronous calls; on the
// page cache a write is a copy). Each piece is hashed and written as it comes, between the socket's reads, so after
// the file's last byte only the close and the rename are left (bench/README.md "Fourteenth round").
import { createHash } from 'node:crypto';
import { close as closeCallback, closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ChecksumMismatchError, tempName } from './atomic-file.ts';

export class SyncFileWriter {
  private readonly hash = createHash('sha256');
  private digest: Buffer | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private written = 0;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
    private fd: number | undefined,
  ) {}

  /** Creates the temporary file `<final>.<random>.tmp` beside `finalPath` (and its directory, if missing). */
  static open(finalPath: string): SyncFileWriter {
    const full = resolve(finalPath);
    const tempPath = join(dirname(full), tempName(basename(full)));
    let fd: number;
    try {
      fd = openSync(tempPath, 'wx');
    } catch (error) {
      // As AtomicFileWriter.open: the directory is made only when it is missing.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(full), { recursive: true });
      fd = openSync(tempPath, 'wx');
    }
    return new SyncFileWriter(full, tempPath, fd);
  }

  get bytesWritten(): number {
    return this.written;
  }

  /** Hashes and writes `chunk` now, after the ones before it (resolved once the OS has it; a failure rejects). */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw this.closedError('write to');
    this.hash.update(chunk);
    for (let at = 0; at < chunk.length; ) at += writeSync(this.fd!, chunk, at, chunk.length - at, this.written + at);
    this.written += chunk.length;
  }

  sha256(): Buffer {
    this.digest ??= this.hash.copy().digest();
    return this.digest;
  }

  /**
   * Checks the digest, then closes the file and renames it into place; on a wrong digest or a failure, nothing is kept.
   * The file it replaces is held open across the rename and closed after it on the thread pool: freeing its pages
   * (0.12 ms for 1 MiB on tmpfs, by perf) is not inside the rename.
   */
  async commit(expectedSha256?: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw this.closedError('commit');
    const actual = this.sha256();
    if (expectedSha256 !== undefined && !actual.equals(expectedSha256)) {
      this.discard();
      throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
    }
    let replaced: number | undefined;
    try {
      replaced = openSync(this.finalPath, 'r');
    } catch {} // none yet
    try {
      const fd = this.fd!;
      this.fd = undefined;
      closeSync(fd);
      renameSync(this.tempPath, this.finalPath);
      this.state = 'committed';
    } catch (error) {
      this.discard();
      throw error;
    } finally {
      if (replaced !== undefined) closeCallback(replaced, () => {});
    }
  }

  /** Closes and removes the temporary file; after a commit (or twice) it does nothing. */
  async abort(): Promise<void> {
    if (this.state === 'open') this.discard();
  }

  private discard(): void {
    this.state = 'aborted';
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        closeSync(fd);
      } catch {} // removed below either way
    }
    rmSync(this.tempPath, { force: true });
  }

  private closedError(action: string): Error {
    return new Error(`cannot ${action} ${this.finalPath}: the writer is already ${this.state}`);
  }
}
