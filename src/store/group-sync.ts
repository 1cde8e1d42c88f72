// Group commit for directory fsyncs: entries renamed into one directory at about the same time are made durable by one
// fsync of it, as a database's log commits the transactions that arrive together with one flush.
import { open, type FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { UNSUPPORTED_DIR_SYNC } from './atomic-file.ts';

/**
 * How directories are flushed. `release`: no fsync of `dir` is waiting any more, so what `sync` kept for it may go.
 * A test's stand-in is a function (`sync` alone).
 */
export interface DirectoryDisk {
  sync(dir: string): Promise<void>;
  release?(dir: string): unknown;
}

/**
 * The real disk. A directory's handle stays open while its fsyncs follow one another (DirectorySyncs releases it once
 * none waits): under load an fsync then costs one thread-pool round trip, not three (open, fsync, close), and those
 * round trips were most of the file-system time in the actor threads (bench/README.md "Where the time goes"). A handle
 * kept open also sees every writeback error since its last fsync, as one opened afresh may not.
 */
export class OpenDirectories implements DirectoryDisk {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  async sync(dir: string): Promise<void> {
    let opened = this.handles.get(dir);
    if (opened === undefined) {
      opened = open(dir, 'r');
      this.handles.set(dir, opened);
      opened.catch(() => this.handles.get(dir) === opened && this.handles.delete(dir));
    }
    const handle = await opened;
    try {
      await handle.sync();
    } catch (error) {
      if (!UNSUPPORTED_DIR_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) {
        void this.release(dir); // a handle that failed is not trusted again
        throw error;
      }
    }
  }

  /** Closes `dir`'s handle (resolves once it is closed; nobody need wait). */
  release(dir: string): Promise<void> {
    const opened = this.handles.get(dir);
    this.handles.delete(dir);
    return (opened ?? Promise.resolve(undefined)).then(
      (handle) => handle?.close().catch(() => {}),
      () => {},
    );
  }

  /** Directories with a handle open now (for tests). */
  get open(): number {
    return this.handles.size;
  }
}

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

interface DirectoryState {
  /** Callers waiting for the next fsync: it starts once the one running (if any) ends. */
  next: Batch | undefined;
  running: boolean;
  scheduled: boolean;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // each caller gets the rejection through `promise`; none is left unhandled here
  return { promise, resolve, reject };
}

export class DirectorySyncs {
  private readonly dirs = new Map<string, DirectoryState>();
  /** fsyncs issued, and callers they served (for tests and the bench). */
  readonly counts = { syncs: 0, callers: 0 };

  private readonly disk: DirectoryDisk;
  /** Directories whose handles are kept after their last fsync, and since when (released by a timer, or `close`). */
  private readonly kept = new Map<string, { last: number; timer: NodeJS.Timeout | undefined }>();
  /** fsyncs under way, and those waiting for them (their next). */
  private readonly running = new Set<Promise<void>>();

  constructor(
    disk: DirectoryDisk | ((dir: string) => Promise<void>) = new OpenDirectories(),
    /**
     * Keep each directory's handle open this long after its last fsync, not only while its fsyncs follow one another:
     * for a few directories flushed over and over (a FileStore's), two thread-pool round trips (open, close) fewer per
     * fsync under load. Released by a timer (unref'd) once unused that long, or by `close`.
     */
    private readonly keepOpenMs: number | undefined = undefined,
  ) {
    this.disk = typeof disk === 'function' ? { sync: disk } : disk;
  }

  /** Closed: an fsync asked for later (a promotion that outlived its store's close) releases its handle at once. */
  private closed = false;

  /** Releases the handles kept open (with `keepOpenMs`), once the fsyncs under way have ended. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.dirs.size > 0) {
      const waits = [...this.running, ...[...this.dirs.values()].flatMap((state) => state.next?.promise ?? [])];
      await Promise.all(waits.map((p) => p.catch(() => {})));
    }
    const kept = [...this.kept];
    this.kept.clear();
    await Promise.all(
      kept.map(([dir, { timer }]) => {
        clearTimeout(timer);
        return this.disk.release?.(dir);
      }),
    );
  }

  /** Keeps `dir`'s handle for keepOpenMs from now: one timer per directory, pushed back while fsyncs come. */
  private keep(dir: string, keepOpenMs: number): void {
    const known = this.kept.get(dir);
    if (known !== undefined) {
      known.last = performance.now();
      return;
    }
    const entry = { last: performance.now(), timer: undefined as NodeJS.Timeout | undefined };
    const arm = (ms: number) => {
      entry.timer = setTimeout(() => {
        const left = entry.last + keepOpenMs - performance.now();
        if (this.dirs.has(dir) || left > 0) arm(Math.max(left, 1));
        else {
          this.kept.delete(dir);
          void this.disk.release?.(dir);
        }
      }, ms);
      entry.timer.unref();
    };
    arm(keepOpenMs);
    this.kept.set(dir, entry);
  }

  /**
   * Resolves once an fsync of `dir` that began after this call has completed (rejects if it failed): whatever was
   * renamed into `dir` before the call is then durable. Calls made while an fsync of `dir` runs share the next one;
   * calls made within one turn of the event loop share one.
   */
  sync(dir: string): Promise<void> {
    let state = this.dirs.get(dir);
    if (state === undefined) {
      state = { next: undefined, running: false, scheduled: false };
      this.dirs.set(dir, state);
    }
    state.next ??= batch();
    this.counts.callers++;
    this.schedule(dir, state);
    return state.next.promise;
  }

  private schedule(dir: string, state: DirectoryState): void {
    if (state.running || state.scheduled) return;
    state.scheduled = true;
    // The end of this turn: renames completing in the same turn join this fsync.
    setImmediate(() => {
      state.scheduled = false;
      const waiting = state.next!;
      state.next = undefined;
      state.running = true;
      this.counts.syncs++;
      this.running.add(waiting.promise);
      void waiting.promise.catch(() => {}).then(() => this.running.delete(waiting.promise));
      this.disk.sync(dir).then(
        () => this.ended(dir, state, () => waiting.resolve()),
        (error: Error) => this.ended(dir, state, () => waiting.reject(error)),
      );
    });
  }

  private ended(dir: string, state: DirectoryState, answer: () => void): void {
    state.running = false;
    answer();
    if (state.next !== undefined) this.schedule(dir, state);
    else {
      this.dirs.delete(dir);
      if (this.keepOpenMs !== undefined && !this.closed) this.keep(dir, this.keepOpenMs);
      else void this.disk.release?.(dir);
    }
  }
}
