// A received file of at most 1 MiB: hashed on this thread as its pieces arrive, while the thread pool writes them to a
// temporary file beside its name, and renamed over that name at its commit, once its digest matched. Written whole at
// the commit instead (sixteenth round), a 1 MiB file's write (0.3-0.6 ms of CPU on tmpfs) came after its last byte, on
// the path of every request; written on this thread as it arrived (xfer21, taken back), it took turns with the hash.
// Here the pool's write of one batch runs beside the hash of the next, so only the rest of the last batch, a close and
// a rename are left after the last byte (bench/README.md "Twenty-sixth round").
import { createHash } from 'node:crypto';
import { closeSync, close as closeCallback, mkdirSync, openSync, renameSync, rmSync, writev } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ChecksumMismatchError, OPEN_IN_PLACE, tempName } from '../store/atomic-file.ts';
import type { FileWriter } from './transfers.ts';

/** A delivery announced at most this large is held and written whole (four 256 KiB chunks). */
export const HELD_MAX_BYTES = 1024 * 1024;
/**
 * The most a peer holds so at once, over all its deliveries (past it, the next is written as it arrives): 64 requests
 * in flight of 1 MiB each would otherwise hold 64 MiB, where writing as they arrive holds a few chunks each.
 */
export const HELD_BUDGET_BYTES = 16 * 1024 * 1024;

/** Bytes held by a peer's HeldFileWriters, taken when one is made and given back when it commits or aborts. */
export class HeldBudget {
  private used = 0;

  /** Whether `bytes` more fit; if so they are taken. */
  take(bytes: number): boolean {
    if (this.used + bytes > HELD_BUDGET_BYTES) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }

  get bytes(): number {
    return this.used;
  }
}

export class HeldFileWriter implements FileWriter {
  private readonly hash = createHash('sha256');
  private digest: Buffer | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly finalPath: string;
  /** The temporary file, created at the first byte (none for a file with no bytes). */
  private tempPath: string | undefined;
  private fd: number | undefined;
  /** Pieces given while a write runs: the next writev's, together. Not copied (socket reads are fresh buffers). */
  private waiting: Uint8Array[] = [];
  /** Where the next writev starts. */
  private position = 0;
  /** The pool's write in flight, if any. */
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;

  /** `release`: called once, when the writer commits or aborts (its bytes are no longer held). */
  constructor(
    finalPath: string,
    private release: () => void = () => {},
  ) {
    this.finalPath = resolve(finalPath);
  }

  private done(): void {
    const release = this.release;
    this.release = () => {};
    release();
  }

  /** Takes `chunk` (keep it unchanged): its write is started, or queued behind the one running, then it is hashed. */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open')
      throw new Error(`cannot write to ${this.finalPath}: the writer is already ${this.state}`);
    if (this.failure !== undefined) throw this.failure;
    if (chunk.length === 0) return;
    this.fd ??= this.create();
    this.waiting.push(chunk);
    if (this.writing === undefined) this.writeWaiting();
    this.hash.update(chunk);
  }

  /** The temporary file, in synchronous calls (an exclusive create beside the name: tens of µs on tmpfs). */
  private create(): number {
    const tempPath = join(dirname(this.finalPath), tempName(basename(this.finalPath)));
    let fd: number;
    try {
      fd = openSync(tempPath, 'wx');
    } catch (error) {
      // As writeSmallFileSync: the directory is made only when it is missing.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(this.finalPath), { recursive: true });
      fd = openSync(tempPath, 'wx');
    }
    this.tempPath = tempPath;
    return fd;
  }

  /** One writev on the pool of every piece waiting, at its position; the pieces given meanwhile go in the next. */
  private writeWaiting(): void {
    let pieces = this.waiting;
    this.waiting = [];
    let position = this.position;
    for (const piece of pieces) this.position += piece.length;
    const fd = this.fd!;
    this.writing = new Promise<void>((settle) => {
      const next = (error: NodeJS.ErrnoException | null, written: number) => {
        if (error) {
          this.failure ??= error;
          this.writing = undefined;
          return settle();
        }
        // A short write: what is left of the piece it stopped in, then the pieces after it.
        position += written;
        while (pieces.length > 0 && written >= pieces[0]!.length) written -= pieces.shift()!.length;
        if (written > 0) pieces = [pieces[0]!.subarray(written), ...pieces.slice(1)];
        if (pieces.length > 0) return writev(fd, pieces, position, next);
        this.writing = undefined;
        if (this.waiting.length > 0 && this.failure === undefined) this.writeWaiting();
        settle();
      };
      writev(fd, pieces, position, next);
    });
  }

  /** Resolves once every piece given is with the OS (or a write failed). */
  private async written(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  sha256(): Buffer {
    this.digest ??= this.hash.digest();
    return this.digest;
  }

  /** Checks the digest, then renames the file into place (the older one replaced) or throws and keeps nothing. */
  async commit(expectedSha256?: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`cannot commit ${this.finalPath}: the writer is already ${this.state}`);
    this.state = 'aborted'; // until renamed: a failure below keeps nothing
    try {
      const actual = this.sha256();
      if (expectedSha256 !== undefined && !actual.equals(expectedSha256))
        throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
      this.fd ??= this.create(); // a file with no bytes
      await this.written();
      if (this.failure !== undefined) throw this.failure;
      const fd = this.fd;
      this.fd = undefined;
      closeSync(fd);
      // The file this replaces is held open across the rename and closed after it on the thread pool, so freeing its
      // pages is not inside the rename (0.12 ms of a 1 MiB received file's commit on tmpfs, by perf).
      let replaced: number | undefined;
      try {
        replaced = openSync(this.finalPath, OPEN_IN_PLACE);
      } catch {} // none yet
      try {
        renameSync(this.tempPath!, this.finalPath);
      } finally {
        if (replaced !== undefined) closeCallback(replaced, () => {});
      }
      this.tempPath = undefined;
      this.state = 'committed';
    } finally {
      if (this.state !== 'committed') await this.removeTemp();
      this.done();
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'open') this.state = 'aborted';
    if (this.state === 'aborted') await this.removeTemp();
    this.done();
  }

  /** Closes and removes the temporary file, once the pool's write is done with its descriptor. */
  private async removeTemp(): Promise<void> {
    this.waiting = [];
    await this.written();
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
    const tempPath = this.tempPath;
    this.tempPath = undefined;
    if (tempPath !== undefined) rmSync(tempPath, { force: true });
  }
}
