// Received files written over the same names again and again reuse their inodes. On this machine's ext4 (no journal,
// auto_da_alloc) a new temporary file renamed over an older copy pays twice on the writing thread: its create scans
// past every inode freed in the last 30 s (the older copies the renames free), and the rename over an existing file
// forces the new one's delayed blocks to be allocated and written back at once (bench/README.md "Twentieth round").
// Instead the copy being replaced is kept (a hard link, made before the rename) as a spare, and a later write into the
// directory writes its bytes into a spare in place and renames it: no inode allocated or freed, no delayed blocks.
// Files of new names (no copy replaced) take spares created ahead, through the thread pool, when the pool runs low:
// the create's cost is then off the writing thread's event loop.
// A replaced copy that anything has read since it was written (its access time is later than its last write) is not
// kept: a reader may still hold it open (a viewer, a program serving it), and writing into it would change the bytes
// under it, where a rename over leaves them as they were. Where the file system does not keep access times (noatime),
// no replaced copy is kept at all.
import { randomBytes } from 'node:crypto';
import {
  type BigIntStats,
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  unlinkSync,
} from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Spares a directory keeps at most (each a former copy, so at most this many times SPARE_MAX_BYTES of disk). */
export const SPARES_MAX = 16;
/** A replaced copy larger than this is not kept (a large received file's disk is given back at once). */
export const SPARE_MAX_BYTES = 1024 * 1024;
/** Below this many spares, more are created ahead (up to SPARES_AHEAD), off the thread. */
const SPARES_LOW = 4;
const SPARES_AHEAD = 8;

/** The spares of one directory, for one writer (a peer's received files); removed by close(). */
export class SpareFiles {
  readonly dir: string;
  private readonly spares: string[] = [];
  private readonly prefix: string;
  private next = 0;
  private closed = false;
  /** What a file this process creates is (its permissions, its owner): a copy the user changed is not reused. */
  private readonly mode = 0o666 & ~process.umask();
  private readonly uid = process.getuid?.();
  /** Spares being created ahead, if any (close waits for it). */
  private creating: Promise<void> | undefined;
  /** Whether reads of this directory's files are seen in their access times (found at the first keep). */
  private readsSeen: boolean | undefined;

  /**
   * `ahead: false`: no spares created ahead (only copies replaced are kept). `owner`: the writer's name among those
   * sharing the directory (a peer's id); spares an earlier writer of that name left (killed before its close) are
   * removed now.
   */
  constructor(
    dir: string,
    private readonly ahead = true,
    owner?: string,
  ) {
    this.dir = resolve(dir);
    const mine = `.spare.${owner === undefined ? '' : `${owner}.`}`;
    this.prefix = `${mine}${randomBytes(6).toString('hex')}.`;
    if (owner === undefined) return;
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {} // no directory yet
    for (const name of names) if (name.startsWith(mine) && name.endsWith('.tmp')) removeIfPresent(join(this.dir, name));
  }

  get size(): number {
    return this.spares.length;
  }

  /**
   * A spare opened for writing, its bytes to be overwritten from the start (then truncated to the new length), or
   * undefined. Only a spare no other name links to is taken: a hard link the user made to a received copy keeps that
   * copy's bytes, and of two writers that kept the same copy (peers sharing the directory) at most one writes into it
   * (the other, finding it linked twice, lets it go). Nor one whose
   * permissions or owner are not a new file's (the user changed them): the new file would get them.
   */
  take(): { fd: number; path: string } | undefined {
    if (this.spares.length <= SPARES_LOW) this.createAhead();
    for (let path = this.spares.shift(); path !== undefined; path = this.spares.shift()) {
      let fd: number;
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW);
      } catch {
        removeIfPresent(path); // removed from under us, or made unwritable
        continue;
      }
      const stat = fstatSync(fd, { bigint: true });
      if (stat.nlink === 1n && this.likeNew(stat) && unread(stat)) return { fd, path };
      closeSync(fd);
      removeIfPresent(path);
    }
    return undefined;
  }

  /**
   * Keeps the file at `finalPath` (in this directory), about to be replaced by a rename, under a spare name; returns
   * that name, to `adopt` once the rename is done (or to `drop` if it failed). Undefined when there is none, the pool
   * is full or closed, or the file is large.
   */
  keep(finalPath: string): string | undefined {
    if (this.closed || this.spares.length >= SPARES_MAX) return undefined;
    this.readsSeen ??= accessTimesKept(this.dir);
    if (!this.readsSeen) return undefined;
    const path = join(this.dir, `${this.prefix}${(this.next++).toString(16)}.tmp`);
    try {
      linkSync(finalPath, path);
    } catch {
      return undefined; // none yet (or a name we cannot link): replaced the ordinary way
    }
    // A symbolic link under the final name is linked itself (link does not follow it): not a file to write into.
    const stat = lstatSync(path, { bigint: true });
    if (stat.size <= SPARE_MAX_BYTES && stat.nlink === 2n && this.likeNew(stat) && unread(stat)) return path;
    removeIfPresent(path);
    return undefined;
  }

  private likeNew(stat: BigIntStats): boolean {
    return (
      stat.isFile() &&
      Number(stat.mode & 0o7777n) === this.mode &&
      (this.uid === undefined || Number(stat.uid) === this.uid)
    );
  }

  adopt(path: string): void {
    if (this.closed) removeIfPresent(path);
    else this.spares.push(path);
  }

  /** A spare taken or kept that is not used after all: removed. */
  drop(path: string): void {
    removeIfPresent(path);
  }

  /** Empty spares created through the thread pool, one after another, until there are SPARES_AHEAD or it fails. */
  private createAhead(): void {
    if (!this.ahead || this.closed || this.creating !== undefined) return;
    this.creating = (async () => {
      try {
        while (!this.closed && this.spares.length < SPARES_AHEAD) {
          const path = join(this.dir, `${this.prefix}${(this.next++).toString(16)}.tmp`);
          await (await open(path, 'wx')).close();
          if (this.closed) await unlink(path);
          else this.spares.push(path);
        }
      } catch {
        // No directory yet (the first write makes it), or the disk refuses: files are created as they are written.
      } finally {
        this.creating = undefined;
      }
    })();
  }

  /** Resolves once the spares being created ahead, if any, are there. */
  async created(): Promise<void> {
    await this.creating;
  }

  /** Removes every spare, once any being created ahead is there; later keeps keep nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.creating;
    for (const path of this.spares.splice(0)) removeIfPresent(path);
  }
}

/** Not read since it was last written: a read sets the access time past the write's (relatime, strictatime). */
function unread(stat: BigIntStats): boolean {
  return stat.atimeNs <= stat.mtimeNs;
}

/**
 * Whether the file system holding `dir` records reads in access times: not on a noatime mount, nor where the mounts
 * cannot be read (not Linux): then no replaced copy is kept, as one read and held open could not be told apart.
 */
export function accessTimesKept(dir: string, mountinfo = '/proc/self/mountinfo'): boolean {
  let real: string;
  let mounts: string;
  try {
    real = realpathSync(dir);
    mounts = readFileSync(mountinfo, 'utf8');
  } catch {
    return false;
  }
  // Each line: id parent major:minor root mount-point options ...; the mount whose point is the longest prefix wins.
  let best: { point: string; options: string } | undefined;
  for (const line of mounts.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 6) continue;
    const point = fields[4]!.replace(/\\([0-7]{3})/g, (_, octal: string) =>
      String.fromCharCode(Number.parseInt(octal, 8)),
    );
    const inside = point === '/' || real === point || real.startsWith(`${point}/`);
    if (inside && (best === undefined || point.length >= best.point.length)) best = { point, options: fields[5]! };
  }
  return best !== undefined && !best.options.split(',').includes('noatime');
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
