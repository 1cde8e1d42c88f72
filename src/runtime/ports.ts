// The ports a PeerRuntime works through. They are what differs between a real peer (sockets, FileStore, setTimeout)
// and a simulated one (the world's network, an in-memory disk, virtual time), and they decide nothing.
import type { FileEntry, Message, TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Checked } from '../core/scrub.ts';
import type { Version } from '../core/version.ts';

/** Bytes a peer sends: a held copy opened by the disk port, or the user's file for a store (opened by the driver). */
export interface FileSource {
  readonly sizeBytes: number;
  /** Hex: what the store recorded for a held copy; bytes read that differ make the copy damaged. */
  readonly sha256?: string;
  /** A held (or pending) copy's version. */
  readonly version?: Version;
  /** Releases what the source holds open (a file handle); called once, when the runtime is done with it. */
  close(): void;
}

/** Where arriving bytes go; the network port writes and commits them, then tells the runtime (Admission.finished). */
export interface FileSink {
  /** Throws the bytes away (a transfer that failed after admission, or a peer closing). */
  abort(): void;
}

/** Why a held copy could not be read: `missing` (gone from disk), `damaged` (not the recorded bytes), `io` (else). */
export type ReadFailure = { kind: 'missing' | 'damaged' | 'io'; message: string };

/** How a file sent to a peer ended: undefined when the receiver kept it. */
export type SendFailure = {
  message: string;
  /** The bytes read were not the recorded ones: the held copy is damaged. */
  damaged?: boolean;
  /** No connection to the receiver was made (refused, unreachable): none of the bytes can have landed there. */
  unsent?: boolean;
};

/** How an arriving file is kept: at `version`, and `pending` until its store is settled (a delivery: neither). */
export interface Keep {
  version?: Version;
  pending?: boolean;
}

export interface DiskPort<S extends FileSource, K extends FileSink> {
  /** What the peer holds now (name, sha256, version), for its machine at start-up. */
  list(): FileEntry[];
  /**
   * Stores' copies waiting to be settled, as `list` gives the held ones; `own`: a copy this peer keeps as its store's
   * responsible peer, whose commit's record a crash may have lost after the store was acknowledged (the machine
   * commits it as it starts: Replicator.commitOwnPending).
   */
  listPending(): (FileEntry & { own?: boolean })[];
  /**
   * Opens a held copy for sending (or, with `pending`, the pending copy of that version), under the store's lock: a
   * copy replaced meanwhile is not mixed in. `wholeUpTo`: a file of at most this many bytes may be read whole at once
   * (it will go inline).
   */
  open(name: string, wholeUpTo: number, done: (result: S | ReadFailure) => void, pending?: Version): void;
  /**
   * The bytes of a store's file still arriving into `sink`, as a source, once they are in memory (before they are
   * durable): a store's copies to its replicas go out alongside the peer's own write. Calls `done` then, or never (a
   * file streamed to disk, or one that failed): the runtime opens the written copy, or fails the copy, when the file has
   * finished arriving. Without it, the copies are read from disk once the file is written there.
   */
  openArriving?(sink: K, wholeUpTo: number, done: (result: S) => void): void;
  /**
   * Where a file arriving for `purpose` goes: the peer's store, or (a delivery) the requester's received file. The
   * store keeps it only if it is newer than what it has (else the commit fails as superseded).
   */
  create(purpose: 'store' | 'deliver' | 'replica', name: string, op: number | undefined, keep: Keep): K;
  /**
   * Makes the pending copy of `version` the held one (commit), or drops it (discard); `done` with why not. A commit of
   * this peer's own copy may be answered before the copy is in place on disk: reads of the name wait for it, and a
   * rename that fails then leaves the copy lost here (a read or the scrub finds it missing), not the commit undone.
   */
  settle(
    name: string,
    version: Version,
    outcome: 'commit' | 'discard',
    done: (error: string | undefined) => void,
  ): void;
  /**
   * Copies a source into a sink on the same peer (a peer storing its own key, or requesting a file it holds). A held
   * copy (one with a sha256) whose bytes are not the recorded ones is not kept: `damaged`, as a send of it would say.
   */
  copy(source: S, sink: K, done: (error: string | undefined, sha256?: string, damaged?: boolean) => void): void;
  /**
   * The scrub: reads the held copy of `name` through and checks it against `sha256` (what the store recorded for it).
   * `done` with undefined when it is whole, or no longer that copy (replaced by a newer one); with `missing` or
   * `damaged` when it is not; and with the copy's recorded size. A copy larger than `maxBytes` (when given) is not
   * read: `done(undefined, { sizeBytes, skipped: true })`. Reads one file; the runtime asks for one at a time.
   */
  verify(
    name: string,
    sha256: string,
    done: (failure: ReadFailure | undefined, checked?: Checked) => void,
    maxBytes?: number,
  ): void;
  /**
   * Deletes a held copy; with `sha256` (and `version`), only if it is still that copy (a newer one, even of the same
   * bytes, is left alone). Says whether it removed one.
   */
  remove(
    name: string,
    sha256: string | undefined,
    done: (removed: boolean, error?: string) => void,
    version?: Version,
  ): void;
}

export interface NetworkPort<S extends FileSource> {
  /** A datagram (pings). Lost silently, as UDP is. */
  datagram(to: PeerId, message: Message): void;
  /** A message on the kept-open connection to `to`; one never read comes back through PeerRuntime.undeliverable. */
  send(to: PeerId, message: Message): void;
  /**
   * Sends a file: `inline` whole on the kept-open connection (one frame, no connection of its own), else streamed on a
   * connection of its own. `done` once the receiver kept it (undefined) or with why not.
   */
  sendFile(
    to: PeerId,
    header: TransferHeader,
    source: S,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void;
}

/** Time as the peer sees it: wall-clock milliseconds for a real peer, virtual ones in the simulator. */
export interface Clock {
  now(): number;
  /**
   * Calls `fire(name)` at `at` (or at once if that has passed); the handle cancels it. `name` says which timer it is
   * (the runtime's: the machine's TimerName), so that one `fire` serves all of a caller's timers: a closure per timer
   * was garbage of every schedule (bench/README.md, twenty-fifth round).
   */
  setTimer<T>(at: number, fire: (name: T) => void, name: T): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
export type TimerHandle = unknown;

/** A file arriving: taken in (write it to `sink`, then call `finished`), or refused with the reason to send back. */
export type Admission<K extends FileSink> =
  | { ok: true; sink: K; finished(error: string | undefined, sha256?: string): void }
  | { ok: false; reason: string };
