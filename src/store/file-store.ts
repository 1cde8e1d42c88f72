// The files a peer holds under its data directory: data in files/<name>, metadata (size, sha256, version) in
// meta/<name>.json, both written atomically. A store's copy waits in pending/ (same layout) until the store is
// acknowledged; one that arrived whole waits in pending/copies.log instead (src/store/copy-log.ts). Such a copy's
// commit writes files/<name> alone: its metadata stays in the log's records until a checkpoint of the held index
// (index.json, one file, rewritten off the stores' path) holds it. At open, per name, the newest version that meta/
// or index.json records wins, and the log's records after them are replayed. A record never goes back to an older
// version. The responsible peer's own copy (marked `own` in its record) is committed once its files/ entry is written:
// its store is acknowledged while its commit's record is flushed and its entry renamed in (the name's lock held until
// then, so a read here waits for it): a crash that loses the record finds the copy committed if the rename reached the
// disk, else pending and own, for the machine to commit as it starts; a rename that fails leaves the copy lost here
// (replicas repair it) and its records in the log (a restart writes it). identity.json says whose directory this is.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readFile, rename, statfs } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareVersions, describeVersion, isVersion, OLDEST, type Version } from '../core/version.ts';
import {
  AtomicFileWriter,
  ChecksumMismatchError,
  makeDirectory,
  type SealedFile,
  sealSmallFile,
  sealWholeFile,
  unlinkIfPresent,
} from './atomic-file.ts';
import { CopyLog, type LogRecord } from './copy-log.ts';
import { DirectorySyncs } from './group-sync.ts';
import { OpenedFile, type ReadableFile } from './opened-file.ts';
import { sha256Of } from './sha256.ts';
import { readSmallFileSync } from './small-file.ts';

/** A replay's errors that say the way into files/ is blocked for good (a directory or a file in it), not for now. */
const IN_THE_WAY = new Set(['EISDIR', 'ENOTDIR', 'ENOTEMPTY', 'EEXIST']);
/** The scrub reads a held copy in pieces of this size: one thread-pool round trip each. */
const SCRUB_CHUNK_BYTES = 1024 * 1024;
/** A held copy of at most this size is checked whole, in synchronous calls (as one that travels inline is read). */
const SCRUB_WHOLE_MAX_BYTES = 64 * 1024;

export interface StoredFile {
  name: string;
  sizeBytes: number;
  /** Hex. */
  sha256: string;
  version: Version;
  /**
   * A pending copy this peer keeps as its store's responsible peer: its commit's record is flushed after the store is
   * acknowledged, so a restart that finds it still pending reports it so (DiskPort.listPending), and the machine
   * commits it as it starts (Replicator.commitOwnPending).
   */
  own?: true;
}

/** A copy older than (or the same version as) what the store already has: not kept. */
export class SupersededError extends Error {
  readonly code = 'SUPERSEDED';
  constructor(
    readonly fileName: string,
    readonly held: Version,
  ) {
    super(`File ${fileName} already has a newer version here (${describeVersion(held)})`);
    this.name = 'SupersededError';
  }
}

/** Whose directory this is: the ring it belongs to and the peer it holds files for. */
export interface DataIdentity {
  ringId: string;
  peerId: number;
}

/** The data directory belongs to another ring or another peer. */
export class ForeignDataError extends Error {
  readonly code = 'FOREIGN_DATA';
  constructor(message: string) {
    super(message);
    this.name = 'ForeignDataError';
  }
}

/** A fresh ring id: 16 random bytes, hex. */
export function newRingId(): string {
  return randomBytes(16).toString('hex');
}

/** Where a stored file's bytes go while it arrives; commit() makes it part of the store. */
export interface StoreWriter {
  write(chunk: Uint8Array): Promise<void>;
  commit(expectedSha256?: Uint8Array): Promise<void>;
  abort(): Promise<void>;
  readonly bytesWritten: number;
  /** The sha256 of everything written (after the last write). */
  sha256(): Buffer;
}

export class InvalidFileNameError extends Error {
  readonly code = 'INVALID_FILE_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFileNameError';
  }
}

/** Names come from the network, so only plain file names of at most this many UTF-8 bytes (NAME_MAX) are stored. */
export const MAX_FILE_NAME_BYTES = 255;
/** Metadata is a few hundred bytes; anything much larger is not ours. */
const MAX_META_BYTES = 4096;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/**
 * Past this many bytes of records, copies go to pending/'s files and the live ones in the log are moved there, so that
 * it starts again from its beginning: the log, and the copies it keeps in memory, stay within this.
 */
export const COPY_LOG_MAX_BYTES = 8 * 1024 * 1024;
/** Room a copy needs beyond its bytes: its metadata and directory entries. */
const ROOM_MARGIN_BYTES = 64 * 1024;
/** How long, and with how much to spare, the disk's free space is taken as known without asking it again. */
const ROOM_KNOWN_MS = 1000;
const ROOM_HEADROOM_BYTES = 256 * 1024 * 1024;
/**
 * Commits accumulate in the log (their metadata is there) until it holds this many bytes; then, once no copy in it is
 * pending, the held index is checkpointed (index.json) and the log starts again. Below the log's preallocated size, so
 * that its writes never grow the file.
 */
export const CHECKPOINT_AFTER_BYTES = 512 * 1024;
/** A directory's handle stays open this long after its last fsync (DirectorySyncs). */
const DIRECTORY_KEPT_OPEN_MS = 1000;
/**
 * Commits through the log renamed into files/ are flushed together (their data, and files/ once): at most this many
 * wait, for at most this long. Each waiting one keeps its file descriptor open (the flush needs it).
 */
const UNFLUSHED_MAX_FILES = 32;
const UNFLUSHED_MAX_MS = 200;
/** The checkpointed held index, in the data directory: `{ files: StoredFile[] }`. */
export const INDEX_FILE = 'index.json';

/** Why `name` cannot be stored, or undefined when it can. */
export function storeNameProblem(name: string): string | undefined {
  // The name as shown in a problem, made only for one (every copy a replica keeps checks its name on its way).
  const shown = () => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
  if (name.length === 0) return 'a file name cannot be empty';
  if (name === '.' || name === '..') return `file name ${shown()} is not a plain file name`;
  if (/[/\\]/.test(name)) return `file name ${shown()} contains a path separator ('/' or '\\')`;
  if (/\p{Cc}/u.test(name)) return `file name ${shown()} contains a control character`;
  if (/\p{Cs}/u.test(name)) return `file name ${shown()} is not valid Unicode (a lone surrogate)`;
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_FILE_NAME_BYTES)
    return `file name ${shown()} is ${bytes} bytes long, over the ${MAX_FILE_NAME_BYTES}-byte limit`;
  return undefined;
}

function checkName(name: string): void {
  const problem = storeNameProblem(name);
  if (problem !== undefined) throw new InvalidFileNameError(problem);
}

function checkedName(name: string): string {
  checkName(name);
  return name;
}

/** `<name>.json`, or `<sha256 of name>.json` when that would be longer than a file name may be. */
function metaFileName(name: string): string {
  const plain = `${name}.json`;
  return Buffer.byteLength(plain) <= MAX_FILE_NAME_BYTES
    ? plain
    : `${createHash('sha256').update(name).digest('hex')}.json`;
}

/** A copy as readOrOpen gives it: its bytes read whole, or a handle to read them from. */
export type ReadCopy = { file: StoredFile; data: Buffer } | { file: StoredFile; handle: ReadableFile };

/** A pair of directories, files/ and meta/, and what they hold. */
interface Shelf {
  readonly filesDir: string;
  readonly metaDir: string;
  readonly index: Map<string, StoredFile>;
}

function shelfIn(dir: string): Shelf {
  return { filesDir: join(dir, 'files'), metaDir: join(dir, 'meta'), index: new Map() };
}

export class FileStore {
  /** Files whose metadata was sound but whose data was missing or of the wrong size when the store opened: dropped. */
  readonly damaged: string[] = [];
  /** Per name, the tail of a chain: installs, removals and verifications of one name never interleave. */
  private readonly locks = new Map<string, Promise<void>>();
  /** What the peer serves. */
  private readonly held: Shelf;
  /** Copies of stores not acknowledged yet: never served, promoted once the store is, dropped if it fails. */
  private readonly pending: Shelf;
  private identityNow: DataIdentity | undefined;
  /** Directory fsyncs, grouped: files installed together are made durable by one fsync of each directory. */
  readonly directorySyncs: DirectorySyncs;
  /** Bench-only: told each step of a write or a promotion as it ends (src/actor/trace.ts). */
  onStep: ((step: string, name: string) => void) | undefined;
  /** Where stores' whole pending copies are appended, once the first came (opened then, kept open until close). */
  private log: CopyLog | undefined;
  private logOpening: Promise<CopyLog | undefined> | undefined;
  /** The log failed, or the store closed: copies go to pending/'s files. */
  private logRefused = false;
  /** The bytes of each pending copy that lives in the log (its record in the pending index). */
  private readonly logged = new Map<string, Buffer>();
  /** Copies being appended to the log now: it is not started again under them. */
  private appending = 0;
  /**
   * This peer's own copies committed and not yet in files/ (promoteOwn, under their names' locks): their held entries.
   * A read is served from their bytes in the log (`logged`, kept until the rename) rather than waiting for the entry's
   * write and rename.
   */
  private readonly placing = new Map<string, StoredFile>();
  /** Commits' flushes under way or waiting (unflushed), and promotions whose rename may be (close and idle wait). */
  private readonly flushing = new Set<Promise<void>>();
  /**
   * Commits through the log renamed into files/ whose data's flush and files/' fsync wait to be done together
   * (flushLater): the log keeps their records meanwhile, so a crash writes them into place again from it.
   */
  private unflushed: { file: SealedFile; done: (error?: Error) => void }[] = [];
  private unflushedTimer: NodeJS.Timeout | undefined;
  /**
   * Copies committed through the log whose record, files/ entry or directory is not yet flushed (an own copy's record
   * may still be on its way: promoteLogged): the log keeps them.
   */
  private committing = 0;
  /**
   * Names a commit's record was appended for in the log's generation, and in the one before it until the reset's mark
   * is written: a replay at open would write their copies back, so a removal of one is recorded before anything is
   * deleted, and refused once the log has failed (review27c: it was not recorded, and a restart brought the file back).
   */
  private committedInLog = new Set<string>();
  private committedBefore = new Set<string>();
  /** At open: own copies renamed into files/ whose commit's record a crash lost (findRenamedIn), by name. */
  private readonly renamedIn = new Map<string, Version>();
  /** Pending copies being moved out of the log into pending/'s files (moveToFiles), once it outgrew its bound. */
  private compacting: Promise<void> | undefined;
  /** Commits through the log so far, and how many of them the last durable checkpoint (index.json) covers. */
  private commits = 0;
  private checkpointed = 0;
  /** The checkpoint being written, whether another is wanted after it, and whether index.json exists. */
  private checkpointing: Promise<void> | undefined;
  private checkpointAgain = false;
  private hasCheckpoint = false;
  /** A held file was removed since the last checkpoint: index.json may still list it. */
  private removedSinceCheckpoint = false;
  /** The disk's free space when last asked (less what copies took since), and when (roomFor). */
  private room: { bytes: number; at: number } | undefined;
  /** Checkpoints written (for tests). */
  readonly checkpointCounts = { written: 0 };

  /** Records appended to the copy log since it was opened, and the writes that carried them (for tests). */
  get logCounts(): { records: number; writes: number } {
    return { records: this.log?.counts.records ?? 0, writes: this.log?.counts.writes ?? 0 };
  }

  private constructor(
    readonly dir: string,
    syncOne: ((dir: string) => Promise<void>) | undefined,
    /** COPY_LOG_MAX_BYTES, or a test's smaller bound. */
    private readonly copyLogMaxBytes: number,
    /** CHECKPOINT_AFTER_BYTES, or a test's smaller bound. */
    private readonly checkpointAfterBytes: number,
    private readonly unflushedMax: { files: number; ms: number },
  ) {
    this.directorySyncs =
      syncOne === undefined ? new DirectorySyncs(undefined, DIRECTORY_KEPT_OPEN_MS) : new DirectorySyncs(syncOne);
    this.held = shelfIn(dir);
    this.pending = shelfIn(join(dir, 'pending'));
  }

  /**
   * mkdir -p; deletes leftover temporary files; indexes every file with valid metadata whose data file has the recorded
   * size. `syncDirectory`: how one directory is fsynced (a test's stand-in for the disk).
   */
  static async open(
    dir: string,
    options: {
      syncDirectory?: (dir: string) => Promise<void>;
      copyLogMaxBytes?: number;
      checkpointAfterBytes?: number;
      /** UNFLUSHED_MAX_FILES and UNFLUSHED_MAX_MS, or a test's bounds. */
      unflushedMax?: { files: number; ms: number };
    } = {},
  ): Promise<FileStore> {
    const store = new FileStore(
      resolve(dir),
      options.syncDirectory,
      options.copyLogMaxBytes ?? COPY_LOG_MAX_BYTES,
      options.checkpointAfterBytes ?? CHECKPOINT_AFTER_BYTES,
      options.unflushedMax ?? { files: UNFLUSHED_MAX_FILES, ms: UNFLUSHED_MAX_MS },
    );
    for (const shelf of [store.held, store.pending]) {
      await makeDirectory(shelf.filesDir);
      await makeDirectory(shelf.metaDir);
    }
    const records = await CopyLog.read(store.logPath);
    await store.findRenamedIn(records);
    for (const shelf of [store.held, store.pending]) await store.load(shelf);
    // A pending copy no newer than the held one will never be promoted; it is also what a crash leaves behind when a
    // promotion's rename reached the held directory but the pending directory's removal of it did not reach the disk.
    // One whose bytes are not its digest's was torn by a crash before its flush (putWhole flushes pending copies after
    // their renames); it was never acknowledged, so it goes.
    for (const [name, file] of store.pending.index) {
      const held = store.held.index.get(name);
      if (
        (held !== undefined && compareVersions(file.version, held.version) <= 0) ||
        (await sha256OfFile(join(store.pending.filesDir, name))) !== file.sha256
      )
        await store.unshelve(store.pending, name);
    }
    await store.openLog(records);
    // A file the log's replay wrote back into place was not lost, nor one whose own copy is pending (a checkpoint listed
    // it held while its commit's record was on its way, and power was lost): committed at start (commitOwnPending).
    const restored = store.damaged.filter(
      (name) => !store.held.index.has(name) && store.pending.index.get(name)?.own !== true,
    );
    store.damaged.splice(0, store.damaged.length, ...restored);
    store.identityNow = await store.readIdentity();
    return store;
  }

  /**
   * Reads the copy log and writes the copies it still holds into place, durably (a committed one into files/ and meta/,
   * a pending one into pending/'s files; not one dropped by a later record, nor one older than what the store has),
   * before it starts again: a crash at any point replays it again.
   */
  private async openLog(records: LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    type Copy = { copy: Extract<LogRecord, { kind: 'copy' }>; committed: boolean };
    // Per name, its copies and whether each was committed (a discard drops one, committed or not: a commit that could
    // not be carried out, or a file removed since, is taken back so). A newer pending copy does not hide an older
    // committed one: its metadata may be nowhere else.
    const copies = new Map<string, Copy[]>();
    for (const record of records) {
      const name = record.kind === 'copy' ? record.meta.name : record.name;
      const known = copies.get(name) ?? [];
      copies.set(name, known);
      const version = record.kind === 'copy' ? record.meta.version : record.version;
      const same = known.findIndex((c) => compareVersions(c.copy.meta.version, version) === 0);
      if (record.kind === 'copy') {
        if (same < 0) known.push({ copy: record, committed: false });
      } else if (record.kind === 'remove') {
        // Removed at that version: no copy logged so far at or below it is held any more (an older commit included).
        copies.set(
          name,
          known.filter((c) => compareVersions(c.copy.meta.version, version) > 0),
        );
      } else if (same >= 0) {
        if (record.kind === 'commit') known[same]!.committed = true;
        else known.splice(same, 1);
      }
    }
    let installed = false;
    for (const known of copies.values()) {
      const newest = (list: Copy[]) =>
        list.reduce<Copy | undefined>(
          (a, c) => (a === undefined || compareVersions(c.copy.meta.version, a.copy.meta.version) > 0 ? c : a),
          undefined,
        );
      const valid = known.filter(
        ({ copy }) => storeNameProblem(copy.meta.name) === undefined && isVersion(copy.meta.version),
      );
      const committed = newest(valid.filter((c) => c.committed));
      const pending = newest(valid);
      const renamed = pending === undefined ? undefined : this.renamedIn.get(pending.copy.meta.name);
      // An older committed copy is not written over files/' newer own copy (renamed in: it is kept below).
      const under =
        committed !== undefined && renamed !== undefined && compareVersions(renamed, committed.copy.meta.version) > 0;
      if (committed !== undefined && !under && (await this.replayOrLose(committed.copy))) installed = true;
      if (pending === undefined || pending.committed) continue;
      const { meta } = pending.copy;
      // This peer's own copy was committed when it was renamed into files/ (findRenamedIn), or when a checkpoint lists
      // it held (written while its commit's record was still on its way, its data's flush too): kept committed, written
      // again from the log's bytes unless files/ holds them. An entry torn by a power loss (another size) was found
      // damaged as the store loaded, so the copy is not listed held: it comes back pending and own (committed at start).
      const held = this.held.index.get(meta.name)?.version;
      if (
        (renamed !== undefined && compareVersions(renamed, meta.version) === 0) ||
        (meta.own === true && held !== undefined && compareVersions(held, meta.version) === 0)
      ) {
        if (await this.replayOrLose(pending.copy)) installed = true;
        continue;
      }
      try {
        await this.putWhole(meta.name, pending.copy.data, {
          version: meta.version,
          pending: true,
          own: meta.own === true,
          expectedSha256: Buffer.from(meta.sha256, 'hex'),
        });
      } catch (error) {
        if (!(error instanceof SupersededError)) throw error;
      }
    }
    // The files written back are durable, and so is their metadata (in index.json): the log starts again (opened when
    // the next copy comes).
    if (installed) {
      await this.directorySyncs.sync(this.held.filesDir);
      await this.writeCheckpoint();
    }
    const { log } = await CopyLog.open(this.logPath);
    // close() waits for the mark; one that failed leaves the log as it was, replayed again at the next open.
    void log.reset();
    await log.close();
  }

  /**
   * This peer's own copies (StoredFile.own) whose rename into files/ reached the disk before their commit's record did:
   * the newest copy of its name in the log, own, neither committed nor discarded, and files/ holds its bytes. A rename
   * comes only with a commit, so each was committed (and may have been acknowledged): load() does not take files/'
   * entry for an older held copy's (torn, or removed as data without metadata), and openLog() keeps it committed.
   */
  private async findRenamedIn(records: LogRecord[]): Promise<void> {
    const newest = new Map<string, { meta: Extract<LogRecord, { kind: 'copy' }>['meta']; settled: boolean }>();
    for (const record of records) {
      if (record.kind === 'copy') {
        const known = newest.get(record.meta.name);
        if (known === undefined || compareVersions(record.meta.version, known.meta.version) > 0)
          newest.set(record.meta.name, { meta: record.meta, settled: false });
      } else {
        const known = newest.get(record.name);
        if (known !== undefined && compareVersions(known.meta.version, record.version) === 0) known.settled = true;
      }
    }
    for (const [name, { meta, settled }] of newest) {
      if (settled || meta.own !== true || storeNameProblem(name) !== undefined || !isVersion(meta.version)) continue;
      if ((await sha256OfFile(join(this.held.filesDir, name)).catch(() => '')) === meta.sha256)
        this.renamedIn.set(name, meta.version);
    }
  }

  /** replayCommitted, but a copy that cannot be written into place is lost here (reported damaged), not the store. */
  private async replayOrLose(copy: Extract<LogRecord, { kind: 'copy' }>): Promise<boolean> {
    const before = this.held.index.get(copy.meta.name);
    try {
      return await this.replayCommitted(copy);
    } catch (error) {
      // Only a way into files/ that stays blocked loses the copy; a transient error (EIO, EMFILE, ENOSPC) fails the
      // open as before, the log keeping the copy for the next; nor is a copy already in place (indexed) dropped.
      const { name } = copy.meta;
      if (!IN_THE_WAY.has((error as NodeJS.ErrnoException).code ?? '') || this.held.index.get(name) !== before)
        throw error;
      // Not the older copy either (meta/ and index.json may list it): dropped, and the checkpoint below says so.
      this.held.index.delete(name);
      await unlinkIfPresent(join(this.held.metaDir, metaFileName(name))).catch(() => {});
      if (!this.damaged.includes(name)) this.damaged.push(name);
      return true;
    }
  }

  /**
   * A committed copy is the file: files/ may not show it yet, or show it torn (its flush came after the commit's
   * record), so it is written there again (flushed) unless the held copy is newer or these very bytes. Says whether it
   * was.
   */
  private async replayCommitted({ meta, data }: Extract<LogRecord, { kind: 'copy' }>): Promise<boolean> {
    const { name } = meta;
    const held = this.held.index.get(name);
    if (held !== undefined && compareVersions(held.version, meta.version) > 0) return false;
    const path = join(this.held.filesDir, name);
    if (
      held !== undefined &&
      compareVersions(held.version, meta.version) === 0 &&
      (await sha256OfFile(path).catch(() => '')) === meta.sha256
    )
      return false;
    if (sha256Of(data).toString('hex') !== meta.sha256 || data.length !== meta.sizeBytes) return false;
    const sealed = await sealWholeFile(path, data, 'before');
    await sealed.publish({ syncDirectory: false });
    const file: StoredFile = { name, sizeBytes: meta.sizeBytes, sha256: meta.sha256, version: meta.version };
    this.held.index.set(name, file);
    // A pending copy no newer than the held one will never be promoted.
    const pending = this.pending.index.get(name);
    if (pending !== undefined && compareVersions(pending.version, meta.version) <= 0)
      await this.unshelve(this.pending, name);
    return true;
  }

  private get logPath(): string {
    return join(this.dir, 'pending', 'copies.log');
  }

  /** The copy log, opened (created, preallocated) on first use; undefined once refused. */
  private copyLog(): Promise<CopyLog | undefined> {
    if (this.log !== undefined || this.logRefused) return Promise.resolve(this.log);
    this.logOpening ??= CopyLog.open(this.logPath).then(
      ({ log }) => {
        if (this.logRefused) return log.close().then(() => undefined);
        this.log = log;
        return log;
      },
      () => {
        this.logRefused = true;
        return undefined;
      },
    );
    return this.logOpening;
  }

  /**
   * Closes the copy log once what was appended is written. Commits' flushes are waited for and the held index is
   * checkpointed, so a store closed with no copy pending leaves its log empty (started again): only pending copies are
   * written into place when it opens.
   */
  async close(): Promise<void> {
    // What is under way ends first (a promotion whose store was acknowledged writes its commit's record), then nothing
    // more is logged.
    while (this.locks.size > 0) await Promise.all(this.locks.values());
    this.logRefused = true;
    this.flushUnflushed();
    await Promise.all(this.flushing);
    await this.checkpointing;
    // Not written (a failing disk): the log keeps the commits, and open() replays them.
    if (this.committing === 0 && (this.commits !== this.checkpointed || this.removedSinceCheckpoint))
      await this.writeCheckpoint().catch(() => {});
    await this.directorySyncs.close();
    const log = this.log;
    this.log = undefined;
    if (log === undefined) return;
    await log.whenIdle();
    if (this.logged.size === 0 && this.committing === 0 && this.commits === this.checkpointed && log.bytesUsed > 0)
      void log.reset(); // close() waits for its mark (failed: the next open replays the settled records again)
    await log.close();
  }

  /** Resolves once the flushes, the checkpoint and the log's compaction under way now (and any they start) have ended. */
  async idle(): Promise<void> {
    while (this.flushing.size > 0 || this.checkpointing !== undefined || this.compacting !== undefined) {
      this.flushUnflushed();
      await Promise.all([...this.flushing, this.checkpointing, this.compacting]);
    }
  }

  /**
   * Writes index.json (the held index, atomically: flushed, renamed, its directory flushed): then the log's commits so
   * far are no longer needed. Off the stores' path.
   */
  private async writeCheckpoint(): Promise<void> {
    const covers = this.commits;
    this.removedSinceCheckpoint = false;
    const files = [...this.held.index.values()];
    try {
      const writer = await AtomicFileWriter.open(join(this.dir, INDEX_FILE), { parentExists: true });
      await writer.write(Buffer.from(JSON.stringify({ files })));
      await writer.seal();
      await writer.publish({ syncDirectory: false });
      await this.directorySyncs.sync(this.dir);
    } catch (error) {
      this.removedSinceCheckpoint = true;
      throw error;
    }
    this.hasCheckpoint = true;
    this.checkpointCounts.written++;
    this.checkpointed = Math.max(this.checkpointed, covers);
  }

  /** Starts a checkpoint, or asks for another after the one being written; then sees whether the log may start again. */
  private checkpoint(): void {
    if (this.checkpointing !== undefined) {
      this.checkpointAgain = true;
      return;
    }
    const run = async () => {
      do {
        this.checkpointAgain = false;
        await this.writeCheckpoint();
      } while (this.checkpointAgain);
    };
    this.checkpointing = run().then(
      () => {
        this.checkpointing = undefined;
        this.logSettled();
      },
      // Not written: the log keeps every commit; the next commit or removal asks again.
      () => {
        this.checkpointing = undefined;
      },
    );
  }

  private get index(): Map<string, StoredFile> {
    return this.held.index;
  }

  private get filesDir(): string {
    return this.held.filesDir;
  }

  private get metaDir(): string {
    return this.held.metaDir;
  }

  // --- whose directory this is -----------------------------------------------------------------

  /** What identity.json says (undefined for a directory that never had one: new, or from before identities). */
  get identity(): DataIdentity | undefined {
    return this.identityNow === undefined ? undefined : { ...this.identityNow };
  }

  /**
   * Claims the directory for `who`: a new one (or one with no identity and no files) is written; one of the same
   * ring and peer is fine; one of another ring or peer is refused with ForeignDataError unless `adopt` (then its
   * files are kept, with their versions, and the identity rewritten). A `ringId` of undefined takes the directory's.
   */
  async claim(who: { ringId: string | undefined; peerId: number }, adopt = false): Promise<DataIdentity> {
    const recorded = this.identityNow;
    const ringId = who.ringId ?? recorded?.ringId ?? newRingId();
    const wanted: DataIdentity = { ringId, peerId: who.peerId };
    // A directory holding nothing (a peer that never stored, or whose join failed) has nothing to protect.
    const empty = this.held.index.size === 0 && this.pending.index.size === 0;
    if (recorded !== undefined && (recorded.ringId !== ringId || recorded.peerId !== who.peerId) && !adopt && !empty) {
      const whose =
        recorded.peerId !== who.peerId
          ? `Peer ${recorded.peerId}'s`
          : `another ring's (ring ${recorded.ringId.slice(0, 8)})`;
      throw new ForeignDataError(
        `${this.dir} holds ${whose} files, not Peer ${who.peerId}'s of ring ${ringId.slice(0, 8)}: use another data directory, or --adopt-data to take its files in (newer copies in the ring win)`,
      );
    }
    if (recorded?.ringId !== wanted.ringId || recorded.peerId !== wanted.peerId) await this.writeIdentity(wanted);
    this.identityNow = wanted;
    return { ...wanted };
  }

  private get identityPath(): string {
    return join(this.dir, 'identity.json');
  }

  private async readIdentity(): Promise<DataIdentity | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.identityPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = JSON.parse(raw) as Partial<DataIdentity>;
    if (
      typeof parsed.ringId !== 'string' ||
      !/^[0-9a-f]{1,64}$/.test(parsed.ringId) ||
      !Number.isSafeInteger(parsed.peerId)
    ) {
      throw new ForeignDataError(`${this.identityPath} is not a ringdht identity file: use another data directory`);
    }
    return { ringId: parsed.ringId, peerId: parsed.peerId! };
  }

  private async writeIdentity(identity: DataIdentity): Promise<void> {
    const writer = await AtomicFileWriter.open(this.identityPath);
    await writer.write(Buffer.from(`${JSON.stringify(identity)}\n`));
    await writer.commit();
  }

  names(): string[] {
    return [...this.index.keys()].sort();
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  get(name: string): StoredFile | undefined {
    const file = this.index.get(name);
    return file === undefined ? undefined : { ...file };
  }

  /** The data file's path. Throws InvalidFileNameError for a name that is not a plain file name. */
  pathOf(name: string): string {
    checkName(name);
    return join(this.filesDir, name);
  }

  /** The copy of `name` waiting for its store to be acknowledged, if any. */
  getPending(name: string): StoredFile | undefined {
    const file = this.pending.index.get(name);
    return file === undefined ? undefined : { ...file };
  }

  /** Names with a pending copy. */
  pendingNames(): string[] {
    return [...this.pending.index.keys()].sort();
  }

  /**
   * A writer whose commit() also writes the metadata atomically and adds the file to the index, replacing an older
   * version. A copy that is not newer than the one held is not kept: commit() throws SupersededError (the same
   * version again is not an error: it is already here). `pending`: the copy waits in pending/ until `promote`.
   * Without a version, the copy is newer than whatever is held (a file of the user's, or a test's).
   */
  async writer(
    name: string,
    /** `own`: a pending copy kept as its store's responsible peer (StoredFile.own). */
    options: { version?: Version; pending?: boolean; own?: boolean } = {},
  ): Promise<StoreWriter> {
    const shelf = options.pending === true ? this.pending : this.held;
    const data = await AtomicFileWriter.open(join(shelf.filesDir, checkedName(name)), { parentExists: true });
    return {
      write: (chunk) => data.write(chunk),
      get bytesWritten() {
        return data.bytesWritten;
      },
      abort: () => data.abort(),
      sha256: () => data.sha256(),
      commit: async (expectedSha256) => {
        // The metadata is written beside the data and both are fsynced at once, then renamed, then both
        // directories fsynced at once: two waits on the disk instead of four.
        let meta: AtomicFileWriter | undefined;
        let file: StoredFile;
        try {
          await data.drained();
          this.onStep?.('write.drained', name);
          const version = options.version ?? { ...OLDEST, stamp: (this.held.index.get(name)?.version.stamp ?? 0) + 1 };
          file = {
            name,
            sizeBytes: data.bytesWritten,
            sha256: data.sha256().toString('hex'),
            version,
            ...(shelf === this.pending && options.own === true ? { own: true as const } : {}),
          };
          const metaWriter = (meta = await AtomicFileWriter.open(join(shelf.metaDir, metaFileName(name)), {
            parentExists: true,
          }));
          // The digest is checked before the copy already stored is touched: a bad transfer keeps the old copy.
          await Promise.all([
            data.seal(expectedSha256),
            metaWriter.write(Buffer.from(JSON.stringify(file))).then(() => metaWriter.seal()),
          ]);
          this.onStep?.('write.sealed', name);
        } catch (error) {
          await Promise.all([data.abort(), meta?.abort()]);
          throw error;
        }
        await this.keep(shelf, file, data, meta!);
      },
    };
  }

  /**
   * Keeps a whole file held in memory (one that arrived inline), as `writer`, a write and its commit would: the same
   * files, checks and order in fewer thread-pool round trips, since both files' contents are known at once (data and
   * metadata opened, written and flushed side by side). Every round trip waits its turn on libuv's threads, which all
   * the peers of a process share (bench/README.md "Where one store's time goes"). `aborted`: checked before the copy
   * is put in place (the peer is closing).
   */
  async putWhole(
    name: string,
    bytes: Uint8Array,
    options: {
      version?: Version;
      pending?: boolean;
      /** A store's pending copy: appended to the copy log (one write, shared) when it can be. */
      logged?: boolean;
      /** A pending copy kept as its store's responsible peer: StoredFile.own. */
      own?: boolean;
      expectedSha256?: Uint8Array;
      /** These bytes' sha256, computed by the caller from them (not computed again here). */
      sha256?: Buffer;
      aborted?: () => boolean;
    } = {},
  ): Promise<StoredFile> {
    const shelf = options.pending === true ? this.pending : this.held;
    const sha256 = options.sha256 ?? sha256Of(bytes);
    // The digest is checked before anything is written: a bad transfer keeps the old copy.
    if (options.expectedSha256 !== undefined && !sha256.equals(options.expectedSha256))
      throw new ChecksumMismatchError(Buffer.from(options.expectedSha256).toString('hex'), sha256.toString('hex'));
    const version = options.version ?? { ...OLDEST, stamp: (this.held.index.get(name)?.version.stamp ?? 0) + 1 };
    const own = shelf === this.pending && options.own === true;
    const file: StoredFile = {
      name,
      sizeBytes: bytes.length,
      sha256: sha256.toString('hex'),
      version,
      ...(own ? { own: true as const } : {}),
    };
    checkName(name);
    if (options.logged === true && shelf === this.pending && !this.logRefused) {
      const logged = await this.appendCopy(file, bytes, options.aborted);
      if (logged !== undefined) return logged;
    }
    // A pending copy is flushed after its renames, alongside its directories' fsyncs: one wait on the disk in series, not
    // two. A crash in between may leave it torn, which open() finds (it checks pending copies' digests); a held copy
    // replaces the one served, so it is flushed first.
    const flush = shelf === this.pending ? 'after' : 'before';
    const sealed = await Promise.allSettled([
      sealWholeFile(join(shelf.filesDir, checkedName(name)), bytes, flush),
      sealWholeFile(join(shelf.metaDir, metaFileName(name)), Buffer.from(JSON.stringify(file)), flush),
    ]);
    const [data, meta] = sealed.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    const failed = sealed.find((s) => s.status === 'rejected');
    if (failed !== undefined || options.aborted?.() === true) {
      await Promise.all([data?.abort(), meta?.abort()]);
      throw failed?.reason ?? new Error('the peer is shutting down');
    }
    this.onStep?.('write.sealed', name);
    await this.keep(shelf, file, data!, meta!);
    return { ...file };
  }

  /**
   * Appends a pending copy to the log, under the name's lock, unless what the store has is as new: the copy is durable
   * once its record is. Nothing else is written meanwhile: no files/ entry shares the disk's moment with the record
   * (nor with the other copies' records, which the store waits for too); a commit writes it (promoteLogged). Undefined
   * when the log cannot take it (full, or failed): then it goes to pending/'s files.
   */
  private appendCopy(
    file: StoredFile,
    bytes: Uint8Array,
    aborted: (() => boolean) | undefined,
  ): Promise<StoredFile | undefined> {
    const { name } = file;
    return this.exclusive(name, async () => {
      const superseded = this.supersededBy(this.pending, file);
      if (superseded !== undefined) {
        if (compareVersions(file.version, superseded) < 0) throw new SupersededError(name, superseded);
        return { ...file };
      }
      // The log open already (as a rule) is taken in this turn: no microtask's wait on the replica's way.
      const log = this.log ?? (await this.copyLog());
      if (log === undefined || log.bytesUsed > this.copyLogMaxBytes) return undefined;
      if (aborted?.() === true) throw new Error('the peer is shutting down');
      const data = Buffer.from(bytes); // its own copy: the arriving frame's buffer is not kept alive by it
      this.appending++;
      this.onStep?.('write.append', name);
      // The disk's free space is asked alongside: a full disk refuses the copy here, as it refuses one written as files.
      const [appended, room] = await Promise.allSettled([
        log.append({ kind: 'copy', meta: file, data }),
        this.roomFor(data.length),
      ]);
      this.appending--;
      if (appended.status === 'rejected') {
        // Not kept, and the log is not trusted again: this copy and the next go to pending/'s files.
        this.logRefused = true;
        if (this.log === log) this.log = undefined;
        void log.close();
        return undefined;
      }
      if (room.status === 'rejected') {
        await log.append({ kind: 'discard', name, version: file.version }).catch(() => {});
        this.logSettled();
        throw room.reason;
      }
      // An older pending copy in pending/'s files is replaced (one in the log: a replay keeps the newest).
      if (this.pending.index.has(name) && !this.logged.has(name)) await this.unshelve(this.pending, name);
      this.pending.index.set(name, file);
      this.logged.set(name, data);
      this.onStep?.('write.synced', name);
      this.logSettled();
      return { ...file };
    });
  }

  /**
   * The log starts again from its beginning once no copy in it is pending (each was promoted into files/, durably, or
   * dropped) and a checkpoint holds its commits, which is written once the log passes CHECKPOINT_AFTER_BYTES. Past
   * COPY_LOG_MAX_BYTES, the pending ones are moved into pending/'s files first.
   */
  private logSettled(): void {
    const log = this.log;
    if (log === undefined || this.appending > 0 || this.committing > 0 || log.busy) return;
    if (this.logged.size === 0) {
      if (this.commits === this.checkpointed) {
        if (log.bytesUsed > 0) this.resetLog(log);
      } else if (log.bytesUsed > this.checkpointAfterBytes) this.checkpoint();
    } else if (log.bytesUsed > this.copyLogMaxBytes && this.compacting === undefined) {
      this.compacting = Promise.allSettled([...this.logged.keys()].map((name) => this.moveToFiles(name))).then(() => {
        this.compacting = undefined;
        this.logSettled();
      });
    }
  }

  /** The log starts again; the names committed in the older generation are forgotten once its mark is written. */
  private resetLog(log: CopyLog): void {
    const marked = log.reset();
    const before = new Set([...this.committedBefore, ...this.committedInLog]);
    this.committedBefore = before;
    this.committedInLog = new Set();
    // Only once the mark is written: a mark whose write failed leaves the older generation what a replay reads.
    marked.then(
      () => {
        if (this.committedBefore === before) this.committedBefore = new Set();
      },
      () => {},
    );
  }

  /** Moves a pending copy from the log into pending/'s files (durably): the log no longer needs its record. */
  private moveToFiles(name: string): Promise<void> {
    return this.exclusive(name, async () => {
      const bytes = this.logged.get(name);
      const file = this.pending.index.get(name);
      if (bytes === undefined || file === undefined) return;
      const sealed = await this.sealBoth(this.pending, file, bytes, 'after');
      await this.install(this.pending, file, sealed.data, sealed.meta);
      this.logged.delete(name);
    });
  }

  /**
   * A held copy's data written to a temporary file beside its name, unflushed: the log keeps the copy until it is
   * flushed after its rename, with others (flushLater).
   */
  private sealData(file: StoredFile, bytes: Uint8Array): Promise<SealedFile> {
    return sealSmallFile(join(this.held.filesDir, file.name), bytes);
  }

  /**
   * Resolves once `file` (renamed into files/) is flushed and files/ is, which happens together for the commits
   * waiting: once UNFLUSHED_MAX_FILES wait, UNFLUSHED_MAX_MS after the first, once the log passes
   * CHECKPOINT_AFTER_BYTES, or when idle() or close() is called. Each such flush is a journal commit that a copy's
   * record written at the same moment waits behind; one per commit, two or three per store, were on the disk while the
   * next store's records were written.
   */
  private flushLater(file: SealedFile): Promise<void> {
    const flushed = new Promise<void>((resolve, reject) =>
      this.unflushed.push({ file, done: (error) => (error === undefined ? resolve() : reject(error)) }),
    );
    if (
      this.unflushed.length >= this.unflushedMax.files ||
      (this.log !== undefined && this.log.bytesUsed > this.checkpointAfterBytes)
    )
      this.flushUnflushed();
    else if (this.unflushedTimer === undefined) {
      this.unflushedTimer = setTimeout(() => this.flushUnflushed(), this.unflushedMax.ms);
      this.unflushedTimer.unref(); // a process that ends without close(): the log writes them again when it opens
    }
    return flushed;
  }

  /** Flushes the commits waiting (flushLater): each file's data, and files/ once for all of them. */
  private flushUnflushed(): void {
    clearTimeout(this.unflushedTimer);
    this.unflushedTimer = undefined;
    if (this.unflushed.length === 0) return;
    const batch = this.unflushed;
    this.unflushed = [];
    const directory = this.directorySyncs.sync(this.held.filesDir);
    for (const { file, done } of batch)
      Promise.all([file.flushed?.(), directory]).then(
        () => done(),
        (error: Error) => done(error),
      );
  }

  /** Data and metadata written to temporary files beside their final names, side by side. */
  private async sealBoth(
    shelf: Shelf,
    file: StoredFile,
    bytes: Uint8Array,
    flush: 'before' | 'after',
  ): Promise<{ data: SealedFile; meta: SealedFile }> {
    const sealed = await Promise.allSettled([
      sealWholeFile(join(shelf.filesDir, file.name), bytes, flush),
      sealWholeFile(join(shelf.metaDir, metaFileName(file.name)), Buffer.from(JSON.stringify(file)), flush),
    ]);
    const [data, meta] = sealed.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    const failed = sealed.find((s) => s.status === 'rejected');
    if (failed !== undefined) {
      await Promise.all([data?.abort(), meta?.abort()]);
      throw failed.reason;
    }
    return { data: data!, meta: meta! };
  }

  /** Puts a sealed copy in place under the name's lock, unless what the store has is as new. */
  private keep(shelf: Shelf, file: StoredFile, data: SealedFile, meta: SealedFile): Promise<void> {
    const { name } = file;
    return this.exclusive(name, async () => {
      const superseded = this.supersededBy(shelf, file);
      if (superseded !== undefined) {
        await Promise.all([data.abort(), meta.abort()]);
        // The same version again is already here: nothing to do. An older one is refused.
        if (compareVersions(file.version, superseded) < 0) throw new SupersededError(name, superseded);
        return;
      }
      await this.install(shelf, file, data, meta);
      // A pending copy no newer than what is now held will never be promoted.
      const pending = this.pending.index.get(name);
      if (shelf === this.held && pending !== undefined && compareVersions(pending.version, file.version) <= 0)
        await this.unshelve(this.pending, name);
    });
  }

  /** Re-reads the data and compares size and digest with the metadata. False for a file not held. */
  async verify(name: string): Promise<boolean> {
    checkName(name);
    return this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file === undefined) return false;
      try {
        const found = await digestOf(this.pathOf(name));
        return found.sizeBytes === file.sizeBytes && found.sha256 === file.sha256;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
  }

  /**
   * The scrub's check of the held copy recorded at `sha256`: its bytes read through and compared with the record (size
   * and digest). `replaced`: the copy held now is another one. The file is opened under the name's lock, so never mixed
   * with a newer copy; a large one is read after it, so sends of the name do not wait for the read.
   */
  async scrub(name: string, sha256: string): Promise<'whole' | 'replaced' | 'missing' | 'damaged'> {
    checkName(name);
    const opened = await this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file === undefined) return 'missing' as const;
      if (file.sha256 !== sha256) return 'replaced' as const;
      const path = this.pathOf(name);
      try {
        // A small copy is read whole in synchronous calls (a thread-pool round trip per step costs more than the read).
        if (file.sizeBytes <= SCRUB_WHOLE_MAX_BYTES) {
          const data = readSmallFileSync(path, file.sizeBytes);
          const whole = data.length === file.sizeBytes && sha256Of(data).toString('hex') === sha256;
          return whole ? ('whole' as const) : ('damaged' as const);
        }
        return { file: { ...file }, handle: OpenedFile.open(path) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing' as const;
        throw error;
      }
    });
    if (typeof opened === 'string') return opened;
    const { file, handle } = opened;
    try {
      // One buffer, no larger than the file and a byte (to see one that grew), reused for every piece: most copies are
      // small, and a check is made every round.
      const buffer = Buffer.allocUnsafe(Math.min(file.sizeBytes + 1, SCRUB_CHUNK_BYTES));
      const hash = createHash('sha256');
      let sizeBytes = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, sizeBytes);
        if (bytesRead === 0) break;
        sizeBytes += bytesRead;
        if (sizeBytes > file.sizeBytes) return 'damaged';
        hash.update(buffer.subarray(0, bytesRead));
      }
      return sizeBytes === file.sizeBytes && hash.digest('hex') === file.sha256 ? 'whole' : 'damaged';
    } finally {
      await handle.close().catch(() => {});
    }
  }

  /**
   * A copy of at most `maxBytes` read whole (one in the log, which arrived whole, from memory, whatever its size); a
   * larger one as an open handle on its data, which keeps reading these bytes even if a newer copy replaces them
   * meanwhile (the caller closes it). Under the name's lock, so never mixed with a newer copy. Undefined for a file not
   * held. The bytes are as found on disk: check them against the sha256.
   */
  async readOrOpen(name: string, maxBytes: number, pending?: Version): Promise<ReadCopy | undefined> {
    checkName(name);
    return this.placedCopy(name, pending) ?? this.exclusive(name, async () => this.readCopy(name, maxBytes, pending));
  }

  /**
   * readOrOpen done now, in this call, when nothing holds the name's lock: the lock's step would run next with nothing
   * between, so this is the same read (a get's read then takes no promise turns on a thread that slept: bench/README.md,
   * get33). `'locked'` when something holds it: use readOrOpen. Throws as the read does (ENOENT for a copy gone).
   */
  readOrOpenNow(name: string, maxBytes: number, pending?: Version): ReadCopy | undefined | 'locked' {
    // A name the store holds was checked as it came in: only one it does not hold is checked here (readCopy), to throw
    // as readOrOpen does (the check's three regular expressions cost ~13 µs on a thread that slept).
    const placed = this.placedCopy(name, pending);
    if (placed !== undefined) return placed;
    return this.locks.has(name) ? 'locked' : this.readCopy(name, maxBytes, pending);
  }

  /** This peer's own copy being put in place (promoteOwn) is the held one: its bytes, with no wait for the lock. */
  private placedCopy(name: string, pending: Version | undefined): ReadCopy | undefined {
    const placing = pending === undefined ? this.placing.get(name) : undefined;
    const bytes = placing === undefined ? undefined : this.logged.get(name);
    if (placing !== undefined && bytes !== undefined && this.held.index.get(name) === placing)
      return { file: { ...placing }, data: bytes };
    return undefined;
  }

  /** readOrOpen's step, under the name's lock (or with nothing holding it: readOrOpenNow). */
  private readCopy(name: string, maxBytes: number, pending: Version | undefined): ReadCopy | undefined {
    const { shelf, file } = this.copyOf(name, pending);
    if (file === undefined) {
      checkName(name);
      return undefined;
    }
    const logged = shelf === this.pending ? this.logged.get(name) : undefined;
    if (logged !== undefined) return { file: { ...file }, data: logged };
    // join's normalising, for a plain name (it was checked as it came) under a normalised directory: the same path.
    const path = shelf.filesDir + sep + name;
    if (file.sizeBytes <= maxBytes) return { file: { ...file }, data: readSmallFileSync(path, file.sizeBytes) };
    return { file: { ...file }, handle: OpenedFile.open(path) };
  }

  /** The held copy of `name`, or (with a version) its pending copy if it is that version. */
  private copyOf(name: string, pending?: Version): { shelf: Shelf; file: StoredFile | undefined } {
    if (pending === undefined) return { shelf: this.held, file: this.held.index.get(name) };
    const file = this.pending.index.get(name);
    return {
      shelf: this.pending,
      file: file !== undefined && compareVersions(file.version, pending) === 0 ? file : undefined,
    };
  }

  /**
   * Deletes the file only if it is still the copy with this sha256, and this version when one is given (a newer one may
   * have replaced it, even with the same bytes); says whether it did.
   */
  async removeIf(name: string, sha256: string, version?: Version): Promise<boolean> {
    checkName(name);
    return this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file?.sha256 !== sha256) return false;
      if (version !== undefined && compareVersions(file.version, version) !== 0) return false;
      await this.removeHeld(file);
      return true;
    });
  }

  /** Forgets the file and deletes it; a name not held is fine. */
  async remove(name: string): Promise<void> {
    checkName(name);
    await this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file !== undefined) await this.removeHeld(file);
      else {
        await unlinkIfPresent(join(this.metaDir, metaFileName(name)));
        await unlinkIfPresent(this.pathOf(name));
      }
    });
  }

  /**
   * Forgets a held file and deletes it (under its name's lock). A commit of it in the log is taken back first (a
   * durable `remove` record: a replay would write it again), refused while the log cannot record it (unless the copy
   * is damaged or missing), and index.json, which may list it, is checkpointed again (off the path).
   */
  private async removeHeld(file: StoredFile): Promise<void> {
    const { name } = file;
    // Every copy of the name the log holds at or below it goes too: a replay must not bring back an older commit. When
    // the log holds one of its commits, that is written first (durably; a crash after it finds files/ still holding the
    // copy, which stays held), and a log that failed refuses the removal, as a disk that refuses the unlink does.
    const record = { kind: 'remove', name, version: file.version } as const;
    if (this.committedInLog.has(name) || this.committedBefore.has(name)) {
      try {
        if (this.log === undefined) throw new Error('the copy log refused writes');
        await this.log.append(record);
        // Recorded: a replay no longer writes it back (a commit of it after this adds it again).
        this.committedInLog.delete(name);
        this.committedBefore.delete(name);
      } catch (error) {
        // Unrecorded, a replay writes the log's copy back. Refused only when files/ holds the copy whole: a damaged or
        // missing one (the scrub's removal, a send that found it missing) is removed all the same, so that its loss is
        // heard and repaired, and a replay of the log's checked copy is a repair too (review28c).
        if ((await sha256OfFile(this.pathOf(name)).catch(() => '')) === file.sha256)
          throw new Error(`${(error as Error).message}: the removal of ${name} cannot be recorded`);
      }
    } else await this.log?.append(record).catch(() => {});
    // Metadata first: a crash in between leaves data without metadata, which open() drops. Forgotten only once both
    // are gone: a disk that refuses (read-only) keeps the copy listed, as it keeps the copy, and the caller's drop
    // fails (and is asked again later), not a later removeIf finding nothing to remove while the file stays.
    await unlinkIfPresent(join(this.metaDir, metaFileName(name)));
    await unlinkIfPresent(this.pathOf(name));
    this.index.delete(name);
    if (this.hasCheckpoint) {
      this.removedSinceCheckpoint = true;
      this.checkpoint();
    }
  }

  /**
   * Puts sealed data and its sealed metadata in place. The old metadata goes first, so a crash never
   * pairs it with new data; a crash between the two renames leaves one without the other, which
   * open() drops (and reports as damaged, so a replica brings it back).
   */
  /** The version that keeps `file` out of `shelf`: the held one when not older, or (pending) a newer pending one. */
  private supersededBy(shelf: Shelf, file: StoredFile): Version | undefined {
    const held = this.held.index.get(file.name)?.version;
    if (held !== undefined && compareVersions(file.version, held) <= 0) return held;
    const pending = shelf === this.pending ? this.pending.index.get(file.name)?.version : undefined;
    if (pending !== undefined && compareVersions(file.version, pending) <= 0) return pending;
    return undefined;
  }

  /**
   * Makes the pending copy of `name` at `version` the one held (its store was acknowledged). False when there is no
   * such pending copy; a held copy already as new stays (and the pending one goes).
   */
  async promote(name: string, version: Version): Promise<boolean> {
    checkName(name);
    // This peer's own copy in the log is promoted once its commit is decided, its rename still under way under the
    // name's lock (promoteLogged): the promotion answers at the decision.
    let decided!: (did: boolean) => void;
    const decision = new Promise<boolean>((resolve) => {
      decided = resolve;
    });
    const promoted = this.exclusive(name, async () => {
      const pending = this.pending.index.get(name);
      if (pending === undefined || compareVersions(pending.version, version) !== 0) return false;
      const held = this.held.index.get(name);
      if (held !== undefined && compareVersions(held.version, version) >= 0) {
        await this.unshelve(this.pending, name);
        return compareVersions(held.version, version) === 0;
      }
      const logged = this.logged.get(name);
      if (logged !== undefined && this.log !== undefined) return this.promoteLogged(pending, logged, this.log, decided);
      if (logged !== undefined) {
        // The log is gone (closing, or failed): written into files/ and meta/ as a held copy is (flushed, renamed,
        // directories flushed).
        const sealed = await this.sealBoth(this.held, pending, logged, 'before');
        await this.install(this.held, heldCopy(pending), sealed.data, sealed.meta);
        this.onStep?.('promote.renamed', name);
        this.pending.index.delete(name);
        this.logged.delete(name);
        return true;
      }
      // As install: the old metadata first, then the data, then the new metadata, then the directories.
      const replacing = this.held.index.delete(name);
      this.pending.index.delete(name);
      const heldMeta = join(this.held.metaDir, metaFileName(name));
      if (replacing && (await unlinkIfPresent(heldMeta))) await this.directorySyncs.sync(this.held.metaDir);
      await rename(join(this.pending.filesDir, name), join(this.held.filesDir, name));
      await rename(join(this.pending.metaDir, metaFileName(name)), heldMeta);
      this.onStep?.('promote.renamed', name);
      // The held directories are flushed, so the promotion is durable. The pending ones are not waited for: a crash
      // that loses the removal from there leaves a pending copy as old as the held one, which open() drops.
      await Promise.all([this.held.filesDir, this.held.metaDir].map((d) => this.directorySyncs.sync(d)));
      this.held.index.set(name, heldCopy(pending));
      return true;
    });
    // Its rename may still be under way once it answers: idle() waits for it as for the flushes after it.
    const renaming = promoted.then(
      () => {},
      () => {},
    );
    this.flushing.add(renaming);
    void renaming.then(() => this.flushing.delete(renaming));
    return Promise.race([promoted, decision]);
  }

  /**
   * Promotes a copy in the log (under its name's lock): its files/ entry is written (unflushed), its commit's record
   * makes the promotion durable, then a rename puts it in place. Their flushes follow off the store's path, with other
   * commits' (flushLater), and the log keeps the copy until they are done (a crash before then writes it into place
   * again from the log).
   *
   * This peer's own copy (the store's responsible peer: `own`) is committed at once: the held index lists it and
   * `decided` answers the promotion (the store is acknowledged); its commit's record is issued on the next turn, and
   * its files/ entry written and renamed in and the record flushed after: nothing of it shared the disk's moment with
   * the store's records. The name's lock is held until the rename is done, so nothing here finds the older copy in
   * files/ meanwhile; a read is served from the copy's bytes (`placing`). The commit stands whatever follows: a crash before the record is on the
   * disk finds the copy pending, marked own, in the log (committed as the peer starts: open() keeps it committed when
   * its bytes are files/' entry already, else reports it pending and own, for Replicator.commitOwnPending); an entry
   * that cannot be written or renamed in leaves the copy lost here (neither held nor pending: a read or the scrub finds it missing, the machine hears
   * `fileLost`, and the replicas serve and repair it); once the loss is recorded (recordLoss) the log may start again,
   * and until then a restart writes the copy into place from the log. An acknowledged store survives either way, since
   * its copy's own record was durable before it counted for W, and so did its replicas'.
   */
  private async promoteLogged(
    file: StoredFile,
    bytes: Buffer,
    log: CopyLog,
    decided: (did: boolean) => void,
  ): Promise<boolean> {
    const { name, version } = file;
    this.committing++;
    if (file.own === true) return this.promoteOwn(file, bytes, log, decided);
    let data: SealedFile;
    try {
      // When it cannot be written, nothing is committed, and the copy stays pending.
      data = await this.sealData(file, bytes);
    } catch (error) {
      this.committing--;
      throw error;
    }
    this.onStep?.('write.sealed', name);
    // Another peer's copy: renamed in only once its commit is durable (a replica that restarts keeps what it served).
    try {
      this.committedInLog.add(name);
      await log.append({ kind: 'commit', name, version });
    } catch (error) {
      await data.abort();
      this.committing--;
      throw error;
    }
    try {
      await data.publish({ syncDirectory: false });
    } catch (error) {
      await data.abort();
      // The commit's record is taken back (durably) before the store hears that its commit failed: the copy is dropped,
      // as the failed store's copies are.
      await log.append({ kind: 'discard', name, version }).catch(() => {});
      this.pending.index.delete(name);
      this.logged.delete(name);
      this.committing--;
      throw error;
    }
    this.onStep?.('promote.renamed', name);
    this.held.index.set(name, heldCopy(file));
    this.commits++;
    this.pending.index.delete(name);
    this.logged.delete(name);
    this.afterCommit(name, Promise.resolve(), data);
    return true;
  }

  /** promoteLogged for this peer's own copy: decided first, then written and renamed in. */
  private async promoteOwn(
    file: StoredFile,
    bytes: Buffer,
    log: CopyLog,
    decided: (did: boolean) => void,
  ): Promise<boolean> {
    const { name, version } = file;
    // Decided: its metadata is the log's records until a checkpoint holds it (meta/ may still hold an older version's:
    // the newer wins when the store opens). No checkpoint is written while `committing` counts it, and the log does not
    // start again meanwhile; the name's lock is held until the copy is in place.
    const held = heldCopy(file);
    this.held.index.set(name, held);
    this.placing.set(name, held);
    this.commits++;
    this.pending.index.delete(name);
    this.onStep?.('promote.decided', name);
    decided(true);
    // Its commit's record and its entry, written in synchronous calls (sealData), come on the next turn, so that the
    // store's answer (Stored, in the promotion's continuations) leaves first: the record's encoding was ~70 µs of a
    // thread that slept, before the answer (bench/README.md, store27). No disk state is new: the record was never on
    // the disk at the answer (it was written at the end of the turn at the soonest); a crash before it is there finds
    // the copy pending and own, which the machine commits as it starts.
    // (A promotion that starts while the store closes appends at once: close() holds the log until it is written.)
    if (!this.logRefused) await new Promise(setImmediate);
    this.committedInLog.add(name);
    const recorded = log.append({ kind: 'commit', name, version });
    recorded.catch(() => {}); // awaited once the copy is in place
    this.onStep?.('promote.recorded', name);
    let data: SealedFile | undefined;
    try {
      data = await this.sealData(file, bytes);
      this.onStep?.('write.sealed', name);
      await data.publish({ syncDirectory: false });
    } catch {
      await data?.abort();
      // Acknowledged already: the commit stands, and the copy is lost here (a replica brings it back).
      this.placing.delete(name);
      this.held.index.delete(name);
      this.logged.delete(name);
      this.onStep?.('promote.lost', name);
      // Once recorded, the log may start again; if not (a disk that refuses), it keeps the commit until a restart.
      await recorded
        .then(() => this.recordLoss(name, version, log))
        .then(
          () => {
            this.committing--;
            this.logSettled();
          },
          () => {},
        );
      return true;
    }
    this.onStep?.('promote.renamed', name);
    this.placing.delete(name);
    this.logged.delete(name);
    this.afterCommit(name, recorded, data);
    return true;
  }

  /**
   * This peer's own copy, committed and then lost here (its files/ entry could not be written or renamed in): the
   * older copy goes for good first (its metadata and data, flushed: no restart serves it), then a `remove` record at
   * the commit's version says that no copy at or below it is held here, so the log may start again without a replay
   * writing the commit back. Rejects if the disk refuses: then the log keeps the commit and never starts again until a
   * restart, which writes the copy from it.
   */
  private async recordLoss(name: string, version: Version, log: CopyLog): Promise<void> {
    await unlinkIfPresent(join(this.held.metaDir, metaFileName(name)));
    await removeIfNotDirectory(join(this.held.filesDir, name));
    await Promise.all([this.held.metaDir, this.held.filesDir].map((d) => this.directorySyncs.sync(d)));
    await log.append({ kind: 'remove', name, version });
    // index.json may list the older copy (its files are gone: a restart before the next checkpoint finds it missing).
    if (this.hasCheckpoint) {
      this.removedSinceCheckpoint = true;
      this.checkpoint();
    }
  }

  /**
   * A commit's record, data and files/ made durable, off the store's path (flushLater); then the log no longer needs
   * the copy. Not flushed, or its record not written: the log keeps every record (it never starts again), so a restart
   * writes the copy again (an own copy whose commit record is missing comes back pending and own: committed at start).
   */
  private afterCommit(name: string, recorded: Promise<void>, data: SealedFile): void {
    const flushing = Promise.all([recorded, this.flushLater(data)]).then(
      () => {
        this.onStep?.('promote.durable', name);
        this.committing--;
        this.logSettled();
      },
      () => {},
    );
    this.flushing.add(flushing);
    void flushing.then(() => this.flushing.delete(flushing));
  }

  /**
   * Rejects (ENOSPC) unless the disk has room for a copy of `bytes` and its metadata. The disk is asked (a thread-pool
   * round trip) unless it was asked within the last ROOM_KNOWN_MS and had ROOM_HEADROOM_BYTES to spare beyond what was
   * taken since: a disk near full is asked every time.
   */
  private async roomFor(bytes: number): Promise<void> {
    const known = this.room;
    const now = performance.now();
    if (known !== undefined && now - known.at < ROOM_KNOWN_MS && known.bytes - bytes >= ROOM_HEADROOM_BYTES) {
      known.bytes -= bytes;
      return;
    }
    const { bavail, bsize } = await statfs(this.dir);
    const available = bavail * bsize;
    if (available < bytes + ROOM_MARGIN_BYTES)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    this.room = { bytes: available - bytes, at: now };
  }

  /** Drops the pending copy of `name` if it is still `version` (its store failed or lost a race); says whether it did. */
  async discard(name: string, version: Version): Promise<boolean> {
    checkName(name);
    return this.exclusive(name, async () => {
      const pending = this.pending.index.get(name);
      if (pending === undefined || compareVersions(pending.version, version) !== 0) return false;
      await this.unshelve(this.pending, name, true);
      return true;
    });
  }

  /**
   * Forgets a copy and deletes it. `failed`: a pending copy whose store failed (discard). This peer's own such copy is
   * committed as it starts again should a crash find it pending (StoredFile.own), so its discard is durable before it
   * resolves (a discard record in the log, which may still hold its copy record even once its bytes moved to files; its
   * metadata's removal flushed), and one that cannot be made so rejects. Otherwise a copy left by a crash is one a newer
   * held copy supersedes, which open() drops.
   */
  private async unshelve(shelf: Shelf, name: string, failed = false): Promise<void> {
    const file = shelf.index.get(name);
    const own = failed && shelf === this.pending && file?.own === true;
    // The log was refused (its file may still hold this copy's record, replayed at open): the discard cannot be recorded.
    if (own && this.logRefused)
      throw new Error(`the copy log refused writes: the discard of ${name} cannot be recorded`);
    const record = file === undefined ? undefined : ({ kind: 'discard', name, version: file.version } as const);
    if (shelf === this.pending && record !== undefined && this.logged.has(name)) {
      this.logged.delete(name);
      shelf.index.delete(name);
      try {
        await this.log?.append(record);
      } catch (error) {
        if (own) throw error;
      } finally {
        this.logSettled();
      }
      return;
    }
    shelf.index.delete(name);
    // Metadata first: a crash in between leaves data without metadata, which open() drops.
    await unlinkIfPresent(join(shelf.metaDir, metaFileName(name)));
    if (own) {
      await this.directorySyncs.sync(shelf.metaDir);
      if (record !== undefined) await this.log?.append(record);
    }
    await unlinkIfPresent(join(shelf.filesDir, name));
  }

  private async install(shelf: Shelf, file: StoredFile, data: SealedFile, meta: SealedFile): Promise<void> {
    const { name } = file;
    // The index is what the shelf holds (open() made it so): no old metadata to remove for a name it lacks, and no
    // round trip to find that out.
    const replacing = shelf.index.delete(name);
    try {
      if (shelf === this.pending) {
        // open() checks pending copies against their digests: whatever mix of old and new a crash leaves here is found
        // and dropped, so the renames need no order (and the old metadata no removal first).
        await Promise.all([data.publish({ syncDirectory: false }), meta.publish({ syncDirectory: false })]);
      } else {
        if (replacing && (await unlinkIfPresent(meta.finalPath))) await this.directorySyncs.sync(shelf.metaDir);
        await data.publish({ syncDirectory: false });
        await meta.publish({ syncDirectory: false });
      }
      this.onStep?.('write.renamed', name);
      await Promise.all([
        data.flushed?.(),
        meta.flushed?.(),
        this.directorySyncs.sync(shelf.filesDir),
        this.directorySyncs.sync(shelf.metaDir),
      ]);
      this.onStep?.('write.synced', name);
    } catch (error) {
      await Promise.all([data.abort(), meta.abort()]);
      await unlinkIfPresent(meta.finalPath).catch(() => {});
      await unlinkIfPresent(join(shelf.filesDir, name)).catch(() => {});
      throw error;
    }
    shelf.index.set(name, file);
  }

  private async load(shelf: Shelf): Promise<void> {
    // Per name, the newest version recorded: by meta/'s files and (held files) by the checkpoint.
    const found = new Map<string, { file: StoredFile; entry?: string }>();
    for (const entry of await readdir(shelf.metaDir)) {
      const file = entry.endsWith('.json') ? await this.readMeta(shelf, entry) : undefined;
      if (file !== undefined) found.set(file.name, { file, entry });
      else await removeIfNotDirectory(join(shelf.metaDir, entry));
    }
    if (shelf === this.held) {
      for (const file of await this.readCheckpoint()) {
        const known = found.get(file.name);
        if (known !== undefined && compareVersions(file.version, known.file.version) <= 0) continue;
        // meta/'s file is an older version's (a copy committed through the log replaced it): it goes.
        if (known?.entry !== undefined) await unlinkIfPresent(join(shelf.metaDir, known.entry));
        found.set(file.name, { file });
      }
    }
    for (const { file, entry } of found.values()) {
      const renamed = shelf === this.held ? this.renamedIn.get(file.name) : undefined;
      if (renamed !== undefined && compareVersions(file.version, renamed) < 0) continue; // files/ holds a newer copy
      const data = await lstatIfPresent(join(shelf.filesDir, file.name));
      if (data?.isFile() === true && data.size === file.sizeBytes)
        shelf.index.set(file.name, shelf === this.held ? heldCopy(file) : file);
      else {
        if (shelf === this.held) this.damaged.push(file.name);
        if (entry !== undefined) await unlinkIfPresent(join(shelf.metaDir, entry));
      }
    }
    // Whatever is not indexed now is a leftover temporary file, or data whose metadata never made it (or was bad).
    for (const entry of await readdir(shelf.filesDir)) {
      if (!shelf.index.has(entry) && !(shelf === this.held && this.renamedIn.has(entry)))
        await removeIfNotDirectory(join(shelf.filesDir, entry));
    }
  }

  /**
   * The file a metadata file describes, when it is well formed (whether its data is there is checked by `load`).
   * Metadata from before versions gives the oldest version: any copy in the ring wins over it.
   */
  private async readMeta(shelf: Shelf, entry: string): Promise<StoredFile | undefined> {
    const path = join(shelf.metaDir, entry);
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_META_BYTES) return undefined;
    let meta: unknown;
    try {
      meta = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return undefined;
    }
    const file = storedFileOf(meta);
    return file !== undefined && metaFileName(file.name) === entry ? file : undefined;
  }

  /**
   * The held files index.json lists (none when there is none; its leftover temporary files go). One that is not ours
   * is refused with a message: the files it alone describes would otherwise be dropped.
   */
  private async readCheckpoint(): Promise<StoredFile[]> {
    for (const entry of await readdir(this.dir))
      if (/^index\.json\.[0-9a-f]{16}\.tmp$/.test(entry)) await unlinkIfPresent(join(this.dir, entry));
    const path = join(this.dir, INDEX_FILE);
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let files: unknown;
    try {
      files = (JSON.parse(raw) as { files?: unknown }).files;
    } catch {
      files = undefined;
    }
    if (!Array.isArray(files))
      throw new ForeignDataError(
        `${path} is not a ringdht index: move it out of the data directory (the files only it lists are then dropped here, and replicas bring them back)`,
      );
    this.hasCheckpoint = true;
    return files.map(storedFileOf).filter((file) => file !== undefined);
  }

  private exclusive<T>(name: string, step: () => Promise<T>): Promise<T> {
    const result = (this.locks.get(name) ?? Promise.resolve()).then(step);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.locks.set(name, tail);
    void tail.then(() => {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    });
    return result;
  }
}

/** A file's metadata as stored (meta/NAME.json, an entry of index.json), when well formed. */
function storedFileOf(meta: unknown): StoredFile | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const { name, sizeBytes, sha256, version = OLDEST, own } = meta as Partial<StoredFile>;
  if (typeof name !== 'string' || storeNameProblem(name) !== undefined) return undefined;
  if (
    !Number.isSafeInteger(sizeBytes) ||
    sizeBytes! < 0 ||
    typeof sha256 !== 'string' ||
    !SHA256_HEX.test(sha256) ||
    !isVersion(version)
  )
    return undefined;
  return {
    name,
    sizeBytes: sizeBytes!,
    sha256,
    version: { stamp: version.stamp, origin: version.origin, op: version.op },
    ...(own === true ? { own } : {}),
  };
}

/** A copy as the held shelf keeps it: `own` is a pending copy's mark only. */
function heldCopy(file: StoredFile): StoredFile {
  if (file.own !== true) return file;
  const { own: _own, ...held } = file;
  return held;
}

/** The sha256 (hex) and size of a file's bytes, read through. */
async function digestOf(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** The sha256 (hex) of a file's bytes. */
async function sha256OfFile(path: string): Promise<string> {
  return (await digestOf(path)).sha256;
}

async function lstatIfPresent(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function removeIfNotDirectory(path: string): Promise<void> {
  const info = await lstatIfPresent(path);
  if (info !== undefined && !info.isDirectory()) await unlinkIfPresent(path);
}
