// Group commit for directory fsyncs: entries renamed into one directory at about the same time are made durable by one
// fsync of it, as a database's log commits the transactions that arrive together with one flush.
import { syncDirectory } from './atomic-file.ts';

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

  constructor(private readonly syncOne: (dir: string) => Promise<void> = syncDirectory) {}

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
      this.syncOne(dir).then(
        () => this.ended(dir, state, () => waiting.resolve()),
        (error: Error) => this.ended(dir, state, () => waiting.reject(error)),
      );
    });
  }

  private ended(dir: string, state: DirectoryState, answer: () => void): void {
    state.running = false;
    answer();
    if (state.next !== undefined) this.schedule(dir, state);
    else this.dirs.delete(dir);
  }
}
