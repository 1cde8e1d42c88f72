// Whole small files read in synchronous calls: for a file of at most 64 KiB, a thread-pool round trip per step
// (open, read, close) costs several times the read itself.
import { closeSync, openSync, readSync } from 'node:fs';

/** Reads up to `maxBytes + 1` bytes of `path` (so a file longer than expected shows as longer), from its start. */
export function readSmallFileSync(path: string, maxBytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(maxBytes + 1);
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
