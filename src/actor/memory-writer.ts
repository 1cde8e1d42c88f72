// A requested file kept in memory (`get`, or `request(name, { into: 'memory' })`) rather than written to
// received_NAME: the like-for-like of a DHT get, for programs that want the bytes, not a file.
import { createHash, type Hash } from 'node:crypto';
import type { FileWriter } from './transfers.ts';

export class MemoryWriter implements FileWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly hash: Hash = createHash('sha256');
  private digest: Buffer | undefined;

  /** `kept` receives the bytes once they are whole and match the announced digest. */
  constructor(private readonly kept: (bytes: Buffer) => void) {}

  async write(chunk: Uint8Array): Promise<void> {
    // The transport may reuse its buffers: each chunk is copied.
    this.chunks.push(Buffer.from(chunk));
    this.hash.update(chunk);
  }

  sha256(): Buffer {
    this.digest ??= this.hash.digest();
    return this.digest;
  }

  async commit(expectedSha256?: Uint8Array): Promise<void> {
    const actual = this.sha256();
    if (expectedSha256 !== undefined && !actual.equals(expectedSha256))
      throw new Error(
        `the file's sha256 is ${actual.toString('hex')}, not the announced ${Buffer.from(expectedSha256).toString('hex')}: it was not kept`,
      );
    // A buffer of its own, not a slice of Node's shared pool: posted to another thread it is transferred, where a pool
    // slice is cloned with its whole 8 KiB pool (the pool cannot be transferred).
    let total = 0;
    for (const chunk of this.chunks) total += chunk.length;
    const bytes = Buffer.allocUnsafeSlow(total);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.kept(bytes);
    this.chunks.length = 0;
  }

  async abort(): Promise<void> {
    this.chunks.length = 0;
  }
}
