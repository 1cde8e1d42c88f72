// A received file small enough to hold (a delivery of at most 1 MiB): hashed as its pieces arrive, kept in memory, and
// written at its commit, once its digest matched, in a few synchronous calls (writeSmallFileSync). Written through the
// thread pool as it arrived, a 1 MiB file took an open, a write per batch of pieces, then a close and a rename after its
// last byte: each a round trip to another thread and back, on the path of every request (bench/README.md "Fourteenth round").
import { createHash } from 'node:crypto';
import { ChecksumMismatchError, writeSmallFileSync } from '../store/atomic-file.ts';
import type { FileWriter } from './transfers.ts';

/** A delivery announced at most this large is held and written whole (four 256 KiB chunks). */
export const HELD_MAX_BYTES = 1024 * 1024;

export class HeldFileWriter implements FileWriter {
  /** The pieces as they came: not copied, so a caller does not change a piece once given (socket reads are fresh). */
  private pieces: Uint8Array[] = [];
  private readonly hash = createHash('sha256');
  private digest: Buffer | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(private readonly finalPath: string) {}

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
    const actual = this.sha256();
    if (expectedSha256 !== undefined && !actual.equals(expectedSha256))
      throw new ChecksumMismatchError(Buffer.from(expectedSha256).toString('hex'), actual.toString('hex'));
    writeSmallFileSync(this.finalPath, pieces, { freeReplacedLater: true });
    this.state = 'committed';
  }

  async abort(): Promise<void> {
    if (this.state === 'open') this.state = 'aborted';
    this.pieces = [];
  }
}
