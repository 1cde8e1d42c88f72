// A held copy opened for streaming in one synchronous call, then read at offsets on the thread pool (one of at most 4
// chunks: in synchronous calls, readSync, from the page cache as a rule; bench/README.md, fourteenth round). Opening an
// existing file for reading is a path lookup (microseconds, as readSmallFileSync's open), while `fs.promises.open` is a
// thread-pool round trip: two wake-ups of threads, on the path of every streamed request before its first byte.
import { close as closeCallback, openSync, read as readCallback, readSync, readv as readvCallback } from 'node:fs';

/** What a transfer reads a file through (a FileHandle is one too). */
export interface ReadableFile {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** Reads into `buffers` one after the other, from `position`, in one call (it may read less than they hold). */
  readv(buffers: Uint8Array[], position: number): Promise<{ bytesRead: number }>;
  /** Where there is one: a read in a synchronous call (for a file small enough that a thread-pool round trip costs more). */
  readSync?(buffer: Uint8Array, position: number): number;
  close(): Promise<void>;
}

export class OpenedFile implements ReadableFile {
  /** Reads on the thread pool now: the descriptor is closed only after them (its number is reused at once). */
  private reading = 0;
  private closing: (() => void) | undefined;
  private closed: Promise<void> | undefined;

  private constructor(private readonly fd: number) {}

  /** Opens an existing file for reading (throws as openSync does: ENOENT for a missing one). */
  static open(path: string): OpenedFile {
    return new OpenedFile(openSync(path, 'r'));
  }

  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    return this.reads((done) => readCallback(this.fd, buffer, offset, length, position, done));
  }

  readv(buffers: Uint8Array[], position: number): Promise<{ bytesRead: number }> {
    return this.reads((done) => readvCallback(this.fd, buffers, position, done));
  }

  readSync(buffer: Uint8Array, position: number): number {
    if (this.closed !== undefined) throw new Error('read from a closed file');
    return readSync(this.fd, buffer, 0, buffer.length, position);
  }

  /** One read on the thread pool, counted until it is done. */
  private reads(
    start: (done: (error: NodeJS.ErrnoException | null, bytesRead: number) => void) => void,
  ): Promise<{ bytesRead: number }> {
    if (this.closed !== undefined) return Promise.reject(new Error('read from a closed file'));
    this.reading++;
    return new Promise((resolve, reject) =>
      start((error, bytesRead) => {
        if (--this.reading === 0) this.closing?.();
        if (error) reject(error);
        else resolve({ bytesRead });
      }),
    );
  }

  /** Closes the descriptor once the reads in flight are done; safe to call twice. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.reading === 0) resolve();
      else this.closing = resolve;
    }).then(
      () =>
        new Promise<void>((resolve, reject) => closeCallback(this.fd, (error) => (error ? reject(error) : resolve()))),
    );
    return this.closed;
  }
}

/** Reads `file` from its start to its end in pieces of `chunkBytes` (each a fresh buffer the caller may keep). */
export async function* piecesOf(file: ReadableFile, chunkBytes: number): AsyncGenerator<Buffer> {
  for (let position = 0; ; ) {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const { bytesRead } = await file.read(buffer, 0, chunkBytes, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}
