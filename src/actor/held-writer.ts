// A received file small enough to hold (a delivery of at most 1 MiB): hashed as its pieces arrive, kept in memory, and
// written at its commit, once its digest matched, in a few synchronous calls (writeSmallFileSync). Written through the
// thread pool as it arrived, a 1 MiB file took an open, a write per batch of pieces, then a close and a rename after its
// last byte: each a round trip to another thread and back, on the path of every request (bench/README.md "Fourteenth round").
import { createHash } from 'node:crypto';
import { ChecksumMismatchError, writeSmallFileSync } from '../store/atomic-file.ts';
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
  /** The pieces as they came: not copied, so a caller does not change a piece once given (socket reads are fresh). */
  private pieces: Uint8Array[] = [];
  private readonly hash = createHash('sha256');
  private digest: Buffer | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  /** `release`: called once, when the writer commits or aborts (its bytes are no longer held). */
  constructor(
    private readonly finalPath: string,
    private release: () => void = () => {},
  ) {}

  private done(): void {
    const release = this.release;
    this.release = () => {};
    release();
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open')
      throw new Error(`cannot write to ${this.finalPath}: the writer is already ${this.state}`);
    this.hash.update(chunk);
    this.pieces.push(chunk);
  }

  sha256(): Buffer {
    this.digest ??= this.hash.digest();
    return this.digest;
  }

  /** Checks the digest, then writes the file whole (temporary file, rename) or throws and keeps nothing. */
  async commit(expectedSha256?: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`cannot commit ${this.finalPath}: the writer is already ${this.state}`);
    const pieces = this.pieces;
    this.pieces = [];
    this.state = 'aborted'; // until written: a failure below keeps nothing
    try {
      const actual = this.sha256();
      if (expectedSha256 !== undefined && !actual.equals(expectedSha256))
        throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
      writeSmallFileSync(this.finalPath, pieces, { freeReplacedLater: true });
      this.state = 'committed';
    } finally {
      this.done();
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'open') this.state = 'aborted';
    this.pieces = [];
    this.done();
  }
}
