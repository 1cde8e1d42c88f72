// Whole small files read in synchronous calls: for a file of at most 64 KiB, a thread-pool round trip per step
// (open, read, close) costs several times the read itself.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads up to `maxBytes + 1` bytes of `path` (so a file longer than expected shows as longer), from its start. A read
 * that returns fewer bytes than asked and brings the total to `maxBytes` is taken as the file's end: a regular file
 * reads short only at its end, and the read that would confirm it (0 bytes) was a syscall on every get's path
 * (~7 µs on a thread that slept: bench/README.md, get33). A shorter file is read on until a read returns nothing.
 */
export function readSmallFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readUpToSync(fd, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** readSmallFileSync's read, of a descriptor open for reading. */
export function readUpToSync(fd: number, maxBytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(maxBytes + 1);
  let length = 0;
  while (length < buffer.length) {
    const asked = buffer.length - length;
    const read = readSync(fd, buffer, length, asked, length);
    if (read === 0) break;
    length += read;
    if (read < asked && length === maxBytes) break;
  }
  return buffer.subarray(0, length);
}
