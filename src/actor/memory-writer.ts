// A requested file kept in memory (`get`, or `request(name, { into: 'memory' })`) rather than written to
// received_NAME: the like-for-like of a DHT get, for programs that want the bytes, not a file.
import { createHash, type Hash } from 'node:crypto';
import { sha256Of } from '../store/sha256.ts';
import type { FileWriter } from './transfers.ts';

/**
 * A copy of `bytes` in a buffer of its own, not a slice of Node's shared pool (the transport may reuse its buffers):
 * posted to another thread it is transferred, where a pool slice is cloned with its whole 8 KiB pool.
 */
export function ownCopy(bytes: Uint8Array): Buffer {
  const own = Buffer.allocUnsafeSlow(bytes.length);
  own.set(bytes);
  return own;
}

/** Throws, saying so, when the bytes' digest is not the one announced with them (if one was). */
export function checkAnnounced(actual: Buffer, expected: Uint8Array | undefined): void {
  if (expected !== undefined && !actual.equals(expected))
    throw new Error(
      `the file's sha256 is ${actual.toString('hex')}, not the announced ${Buffer.from(expected).toString('hex')}: it was not kept`,
    );
}

export class MemoryWriter implements FileWriter {
  private readonly chunks: Buffer[] = [];
  /**
   * Made at the second chunk: a file that comes whole (inline, up to 64 KiB: every small get) is hashed in one call
   * when its digest is asked for, with no Hash object (sha256.ts); a streamed one as it arrives.
   */
  private hash: Hash | undefined;
  private digest: Buffer | undefined;

  /** `kept` receives the bytes once they are whole and match the announced digest. */
  constructor(private readonly kept: (bytes: Buffer) => void) {}

  async write(chunk: Uint8Array): Promise<void> {
    // The transport may reuse its buffers: each chunk is copied. The first into a buffer of its own (ownCopy): a file
    // of one chunk is handed on as it is (see commit), and one copy costs 5-20 µs on a thread that slept
    // (bench/get-steps.ts).
    if (this.chunks.length === 0) {
      this.chunks.push(ownCopy(chunk));
      return;
    }
    if (this.hash === undefined) this.hash = createHash('sha256').update(this.chunks[0]!);
    this.hash.update(chunk);
    this.chunks.push(Buffer.from(chunk));
  }

  sha256(): Buffer {
    this.digest ??= this.hash !== undefined ? this.hash.digest() : sha256Of(this.chunks[0] ?? new Uint8Array(0));
    return this.digest;
  }

  async commit(expectedSha256?: Uint8Array): Promise<void> {
    checkAnnounced(this.sha256(), expectedSha256);
    // A buffer of its own, as ownCopy's: the first chunk is one already.
    let bytes: Buffer;
    if (this.chunks.length === 1) bytes = this.chunks[0]!;
    else {
      let total = 0;
      for (const chunk of this.chunks) total += chunk.length;
      bytes = Buffer.allocUnsafeSlow(total);
      let at = 0;
      for (const chunk of this.chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
    }
    this.kept(bytes);
    this.chunks.length = 0;
  }

  async abort(): Promise<void> {
    this.chunks.length = 0;
  }
}
