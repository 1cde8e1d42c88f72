// The real peer's disk port: its FileStore (held copies), the user's files a store sends, and received files
// (received_NNNN.pdf, received_NAME: src/actor/received-name.ts).
import { join } from 'node:path';
import { INLINE_MAX_BYTES, type FileEntry } from '../core/messages.ts';
import type { Checked } from '../core/scrub.ts';
import type { Version } from '../core/version.ts';
import type { DiskPort, FileSink, FileSource, Keep, ReadFailure } from '../runtime/ports.ts';
import { AtomicFileWriter, writeSmallFileSync } from '../store/atomic-file.ts';
import type { FileStore, ReadCopy, StoredFile } from '../store/file-store.ts';
import { OpenedFile, type ReadableFile } from '../store/opened-file.ts';
import { sha256Of } from '../store/sha256.ts';
import { readSmallFileSync } from '../store/small-file.ts';
import { keepIfUnchangedSync } from '../store/unchanged-file.ts';
import { copyInto, CorruptFileError, type FileWriter, withoutPaths } from './transfers.ts';
import { HELD_MAX_BYTES, HeldBudget, HeldFileWriter } from './held-writer.ts';
import { checkAnnounced, MemoryWriter, ownCopy } from './memory-writer.ts';
import { receivedFileName } from './received-name.ts';

/**
 * Bytes to send: read whole (`data`, a file that goes inline), an open handle to stream from, or the path of the
 * user's file for a store (opened when it is sent).
 */
export class RealSource implements FileSource {
  private constructor(
    readonly sizeBytes: number,
    readonly sha256: string | undefined,
    private readonly data: Uint8Array | undefined,
    private readonly handle: ReadableFile | undefined,
    private readonly path: string | undefined,
    readonly version?: Version,
    /** `data`'s sha256, computed from these very bytes in this thread (not read from a record): not computed again. */
    readonly hashed?: Buffer,
  ) {}

  /** `hashed`: the bytes' sha256 when the caller computed it from them (a store's arrived copy), not a record's. */
  static whole(data: Uint8Array, file: StoredFile, hashed?: Buffer): RealSource {
    return new RealSource(file.sizeBytes, file.sha256, data, undefined, undefined, file.version, hashed);
  }

  static opened(handle: ReadableFile, file: StoredFile): RealSource {
    return new RealSource(file.sizeBytes, file.sha256, undefined, handle, undefined, file.version);
  }

  /** The user's file for a store (an empty record when `path` is null). */
  static userFile(path: string | null, sizeBytes: number): RealSource {
    return path === null
      ? new RealSource(0, undefined, new Uint8Array(0), undefined, undefined)
      : new RealSource(sizeBytes, undefined, undefined, undefined, path);
  }

  /** The bytes, when they are in memory already (a file that arrived or was read whole). */
  get inMemory(): Uint8Array | undefined {
    return this.data;
  }

  /** The bytes whole (`whole`: the user's file is read at once; a held copy was opened one way or the other), or a handle to stream them from. */
  async bytes(whole: boolean): Promise<{ data: Uint8Array } | { handle: ReadableFile }> {
    if (this.data !== undefined) return { data: this.data };
    if (this.handle !== undefined) return { handle: this.handle };
    const path = this.path!;
    if (!whole) return { handle: OpenedFile.open(path) };
    const data = readSmallFileSync(path, this.sizeBytes);
    if (data.length !== this.sizeBytes)
      throw new Error(`${path} changed since the store began (it is no longer ${this.sizeBytes} bytes)`);
    return { data };
  }

  /** A handle opened for the user's file is closed with the transfer that opened it (see `release`). */
  release(bytes: { data: Uint8Array } | { handle: ReadableFile }): void {
    if ('handle' in bytes && bytes.handle !== this.handle) void bytes.handle.close().catch(() => {});
  }

  close(): void {
    void this.handle?.close().catch(() => {});
  }
}

/** A file copied on one peer is read and written in chunks of this size at least: fewer thread-pool round trips. */
const LOCAL_COPY_CHUNK_BYTES = 1024 * 1024;

/**
 * A received file larger than this is hashed by a worker thread (src/store/hash-worker.ts), not the receiving one: at
 * 64 MiB that was faster at the same CPU; at 1-32 MiB it cost more CPU for no clear gain (bench/README.md "Seventh round").
 */
const HASH_OFF_THREAD_ABOVE_BYTES = 32 * 1024 * 1024;

/** A file copied on one peer is read whole up to the protocol's inline limit (as it would travel inline). */
const WHOLE_MAX_BYTES = INLINE_MAX_BYTES;

/** Where arriving bytes go: a store writer (held copies), or an atomic received_NAME.pdf (a delivery), opened lazily. */
export class RealSink implements FileSink {
  private writer: Promise<FileWriter> | undefined;
  private aborted = false;
  /** The sha256 (hex) of what was committed, once it was. */
  committedSha256: string | undefined;
  /** A whole file's bytes once they came and matched their digest (inline), and who waits for them. */
  private whole: RealSource | undefined;
  private readonly wholeWaiting: ((source: RealSource) => void)[] = [];

  constructor(
    readonly name: string,
    /** `sizeBytes`: the file's announced size, where it is known (a streamed transfer). */
    private readonly openWriter: (sizeBytes?: number) => Promise<FileWriter>,
    /** A delivery: the requester's received file (whole or absent, but not fsynced: the DHT's own copies are). */
    readonly receivedPath: string | undefined,
    /** The version the store keeps it at (a store's copy: what its copies to replicas carry). */
    private readonly version?: Version,
    /** Keeps a whole file in the store in fewer thread-pool round trips (FileStore.putWhole); undefined for a delivery. */
    private readonly putWhole?: (
      data: Uint8Array,
      sha256: Uint8Array | undefined,
      aborted: () => boolean,
      /** The bytes' sha256, when this sink computed it already (not computed again). */
      actual: Buffer | undefined,
    ) => Promise<StoredFile>,
    /**
     * A delivery into memory (a get): a whole file is checked, copied once and handed here at once, with no writer
     * (MemoryWriter, for a streamed one, is opened through `openWriter`): its async factory, wrapper and awaited write
     * and commit were 50-80 µs of a cold get (bench/README.md, get26).
     */
    private readonly intoMemory?: (bytes: Buffer) => void,
  ) {}

  /**
   * Calls `then` with the file's bytes as a source once it arrived whole and matching its digest (an inline file), or
   * never (a streamed one, or one that failed).
   */
  whenWhole(then: (source: RealSource) => void): void {
    if (this.whole !== undefined) then(this.whole);
    else this.wholeWaiting.push(then);
  }

  /** The writer, opened on first use (`sizeBytes`: the file's size, if known); its commit records the sha256 kept. */
  get(sizeBytes?: number): Promise<FileWriter> {
    this.writer ??= this.openWriter(sizeBytes).then((writer) => ({
      write: (chunk) => writer.write(chunk),
      abort: () => writer.abort(),
      sha256: () => writer.sha256(),
      ...(writer.drained === undefined ? {} : { drained: () => writer.drained!() }),
      commit: async (expected) => {
        await writer.commit(expected);
        this.committedSha256 = writer.sha256().toString('hex');
      },
    }));
    return this.writer;
  }

  /**
   * A delivery (a get's bytes kept in memory, a requester's received file) keeps a whole file in one call, with no
   * writer: keepWholeNow.
   */
  get keepsAtOnce(): boolean {
    return this.receivedPath !== undefined || (this.intoMemory !== undefined && this.writer === undefined);
  }

  /** keepWhole for a sink that keepsAtOnce: done (or thrown) in this call, so its outcome is told with no promise. */
  keepWholeNow(data: Uint8Array, sha256?: Uint8Array): void {
    const actual = sha256Of(data);
    checkAnnounced(actual, sha256);
    if (this.aborted) throw new Error('the peer is shutting down');
    if (this.receivedPath !== undefined) {
      // The same bytes asked for again: the copy there is kept (its times set), not created anew.
      if (!keepIfUnchangedSync(this.receivedPath, data)) writeSmallFileSync(this.receivedPath, data);
    } else this.intoMemory!(ownCopy(data));
    this.committedSha256 = actual.toString('hex');
  }

  /** Writes a whole file (inline, or copied on this peer), checking its digest if one came. */
  async keepWhole(data: Uint8Array, sha256?: Uint8Array): Promise<void> {
    if (this.keepsAtOnce) return this.keepWholeNow(data, sha256);
    let actual: Buffer | undefined;
    if (this.version !== undefined && this.wholeWaiting.length > 0) {
      // Copies to replicas wait for these bytes: they leave now, alongside this peer's own write, once checked.
      actual = sha256Of(data);
      if (sha256 === undefined || actual.equals(sha256)) {
        const file = { name: this.name, sizeBytes: data.length, sha256: actual.toString('hex'), version: this.version };
        this.whole = RealSource.whole(data, file, actual);
        for (const then of this.wholeWaiting.splice(0)) then(this.whole);
      }
    }
    if (this.putWhole !== undefined && this.writer === undefined) {
      this.committedSha256 = (await this.putWhole(data, sha256, () => this.aborted, actual)).sha256;
      return;
    }
    const writer = await this.get();
    try {
      await writer.write(data);
      await writer.commit(sha256);
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  abort(): void {
    this.aborted = true;
    void this.writer?.then(
      (w) => w.abort(),
      () => {},
    );
  }
}

/** Received files' paths kept by RealDisk.receivedPath (cleared when full: a request's names repeat, or not at all). */
const RECEIVED_PATHS_KEPT = 256;

export class RealDisk implements DiskPort<RealSource, RealSink> {
  private readonly receivedPaths = new Map<string, string>();
  constructor(
    readonly store: FileStore,
    /** Where `request NAME` saves received_NAME.pdf. */
    private readonly receiveDir: string,
    private readonly chunkBytes: number,
  ) {}

  list(): FileEntry[] {
    return this.store.names().map((name) => entryOf(this.store.get(name)!));
  }

  /** `own`: a copy this peer keeps as its store's responsible peer (the machine commits it as it starts). */
  listPending(): (FileEntry & { own?: boolean })[] {
    return this.store.pendingNames().map((name) => {
      const file = this.store.getPending(name)!;
      return { ...entryOf(file), ...(file.own === true ? { own: true } : {}) };
    });
  }

  open(name: string, wholeUpTo: number, done: (result: RealSource | ReadFailure) => void, pending?: Version): void {
    // At once when nothing holds the name's lock (a get's read, as a rule): on a thread that slept, each promise turn
    // of the way through the lock ran cold code (bench/README.md, get33). A read that fails goes the way that reports
    // it (openCopy, which reads again under the lock).
    let copy: ReturnType<FileStore['readOrOpenNow']>;
    try {
      copy = this.store.readOrOpenNow(name, wholeUpTo, pending);
    } catch {
      copy = 'locked';
    }
    if (copy === 'locked') void this.openCopy(name, wholeUpTo, pending).then(done);
    else if (copy === undefined) done({ kind: 'missing', message: goneMessage(name, pending) });
    else done(sourceOf(copy));
  }

  private async openCopy(
    name: string,
    wholeUpTo: number,
    pending: Version | undefined,
  ): Promise<RealSource | ReadFailure> {
    const known = pending === undefined ? this.store.get(name) : this.store.getPending(name);
    if (known === undefined) return { kind: 'missing', message: goneMessage(name, pending) };
    try {
      const copy = await this.store.readOrOpen(name, wholeUpTo, pending);
      return copy === undefined ? { kind: 'missing', message: goneMessage(name, pending) } : sourceOf(copy);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return { kind: 'io', message: `File ${name} could not be read: ${withoutPaths(error)}` };
      // Deleted from under the store while the peer runs: it is lost here (replicas bring it back).
      if (pending === undefined) await this.store.removeIf(name, known.sha256).catch(() => false);
      return { kind: 'missing', message: `File ${name} is missing from this peer's data directory` };
    }
  }

  settle(
    name: string,
    version: Version,
    outcome: 'commit' | 'discard',
    done: (error: string | undefined) => void,
  ): void {
    const settling = outcome === 'commit' ? this.store.promote(name, version) : this.store.discard(name, version);
    void settling.then(
      (did) => done(did || outcome === 'discard' ? undefined : `no pending copy of File ${name} at that version`),
      (error: Error) => done(withoutPaths(error)),
    );
  }

  /** Requests whose file is kept in memory (a get): op -> the bytes, once they came. */
  private readonly intoMemory = new Map<number, Buffer | undefined>();
  /** What this peer's held deliveries hold at once (held-writer.ts). */
  readonly heldBudget = new HeldBudget();

  /** The file `op` requests is kept in memory, not written to received_NAME. */
  keepInMemory(op: number): void {
    this.intoMemory.set(op, undefined);
  }

  /** The bytes a get received (undefined if none came), forgotten here. */
  takeFromMemory(op: number): Buffer | undefined {
    const bytes = this.intoMemory.get(op);
    this.intoMemory.delete(op);
    return bytes;
  }

  /**
   * A store's file that arrives whole (inline, up to 64 KiB): its copies to the replicas are sent from its bytes in
   * memory, alongside this peer's own write. A streamed one's copies are read from disk once it is written.
   */
  openArriving(sink: RealSink, _wholeUpTo: number, done: (result: RealSource) => void): void {
    sink.whenWhole(done);
  }

  create(purpose: 'store' | 'deliver' | 'replica', name: string, op: number | undefined, keep: Keep): RealSink {
    if (purpose !== 'deliver')
      return new RealSink(
        name,
        // The responsible peer's own copy is marked so (StoredFile.own), whether it arrives whole or streamed.
        () => this.store.writer(name, { ...keep, own: purpose === 'store' }),
        undefined,
        keep.version,
        (data, sha256, aborted, actual) =>
          this.store.putWhole(name, data, {
            ...(actual === undefined ? {} : { sha256: actual }),
            ...keep,
            // A store's copy (this peer's own, or a replica's) goes to the copy log: one shared write makes it durable,
            // and another its commit. Only one that would travel inline: the log's copies are read whole.
            logged: keep.pending === true && data.length <= Math.min(INLINE_MAX_BYTES, this.chunkBytes),
            own: purpose === 'store',
            ...(sha256 === undefined ? {} : { expectedSha256: sha256 }),
            aborted,
          }),
      );
    if (op !== undefined && this.intoMemory.has(op)) {
      const keep = (bytes: Buffer) => this.intoMemory.set(op, bytes);
      return new RealSink(name, async () => new MemoryWriter(keep), undefined, undefined, undefined, keep);
    }
    const path = this.receivedPath(name);
    // A small one is held and written whole at its end (held-writer.ts), while the peer holds at most HELD_BUDGET_BYTES
    // so; past it, and for a large one, the file is written as it arrives. A large one's sha256 is computed by a worker
    // thread, beside the receiving one: a 64 MiB request's receiving thread spent ~40 % of its time hashing.
    return new RealSink(
      name,
      async (sizeBytes) =>
        sizeBytes !== undefined && sizeBytes <= HELD_MAX_BYTES && this.heldBudget.take(sizeBytes)
          ? new HeldFileWriter(path, () => this.heldBudget.give(sizeBytes))
          : AtomicFileWriter.open(path, {
              durable: false,
              hashOffThread: sizeBytes !== undefined && sizeBytes > HASH_OFF_THREAD_ABOVE_BYTES,
            }),
      path,
    );
  }

  receivedPath(name: string): string {
    // Kept per name (path.join's normalising made strings per request received; alloc29's round), a bounded few.
    let path = this.receivedPaths.get(name);
    if (path !== undefined) return path;
    if (this.receivedPaths.size >= RECEIVED_PATHS_KEPT) this.receivedPaths.clear();
    path = join(this.receiveDir, receivedFileName(name));
    this.receivedPaths.set(name, path);
    return path;
  }

  copy(
    source: RealSource,
    sink: RealSink,
    done: (error: string | undefined, sha256?: string, damaged?: boolean) => void,
  ): void {
    void (async () => {
      const bytes = await source.bytes(source.sizeBytes <= WHOLE_MAX_BYTES);
      try {
        if ('data' in bytes) {
          // A held copy read whole but not the bytes the store recorded is damaged: not copied (a send would say so too).
          if (source.sha256 !== undefined && sha256Of(bytes.data).toString('hex') !== source.sha256)
            throw new CorruptFileError(sink.name);
          await sink.keepWhole(bytes.data);
        } else
          await copyInto(
            bytes.handle,
            await sink.get(),
            Math.max(this.chunkBytes, LOCAL_COPY_CHUNK_BYTES),
            source.sha256 === undefined ? undefined : { name: sink.name, sha256: source.sha256 },
          );
      } finally {
        source.release(bytes);
      }
    })().then(
      () => done(undefined, sink.committedSha256),
      (error: Error) => done(withoutPaths(error), undefined, error instanceof CorruptFileError),
    );
  }

  verify(
    name: string,
    sha256: string,
    done: (failure: ReadFailure | undefined, checked?: Checked) => void,
    maxBytes?: number,
  ): void {
    // The size as recorded: a copy larger than the round has left is not read (the scrub's bound on bytes a round).
    const recorded = this.store.get(name);
    const sizeBytes = recorded?.sha256 === sha256 ? recorded.sizeBytes : undefined;
    if (sizeBytes !== undefined && maxBytes !== undefined && sizeBytes > maxBytes)
      return done(undefined, { sizeBytes, skipped: true });
    const checked = sizeBytes === undefined ? undefined : { sizeBytes };
    void this.store.scrub(name, sha256).then(
      async (found) => {
        if (found === 'damaged') return done({ kind: 'damaged', message: `File ${name} is damaged on disk` }, checked);
        if (found !== 'missing') return done(undefined, checked);
        // Deleted from under the store while the peer runs: forgotten here too, as a send that finds it gone does.
        await this.store.removeIf(name, sha256).catch(() => false);
        done({ kind: 'missing', message: `File ${name} is missing from this peer's data directory` });
      },
      (error: Error) => done({ kind: 'io', message: `File ${name} could not be read: ${withoutPaths(error)}` }),
    );
  }

  remove(
    name: string,
    sha256: string | undefined,
    done: (removed: boolean, error?: string) => void,
    version?: Version,
  ): void {
    const removal =
      sha256 === undefined ? this.store.remove(name).then(() => true) : this.store.removeIf(name, sha256, version);
    void removal.then(
      (removed) => done(removed),
      // Said in a peer's line (Could not delete File N: ...): the data directory's paths stay out of it.
      (error: Error) => done(false, withoutPaths(error)),
    );
  }
}

function sourceOf(copy: ReadCopy): RealSource {
  return 'data' in copy ? RealSource.whole(copy.data, copy.file) : RealSource.opened(copy.handle, copy.file);
}

function goneMessage(name: string, pending: Version | undefined): string {
  return `File ${name} is no longer stored here${pending === undefined ? '' : ' (pending)'}`;
}

function entryOf(file: StoredFile): FileEntry {
  return { name: file.name, sha256: file.sha256, version: file.version };
}
