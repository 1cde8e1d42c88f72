// Files created ahead of need, off the writing thread: a received file is written into one and renamed into place, so
// its create is not on the peer's event loop. On this machine's ext4 (no journal) a create scans past every inode freed
// in the last 30 s (the older copies the renames free): 290-400 µs a file under the throughput figure's load
// (bench/README.md "Nineteenth round (branch lat30)", "Twentieth round (branch recv31)"). The spares are empty files no
// one else has had a name for, so writing into one is the temporary file of an atomic write, created earlier. (Former
// received copies are never reused: a reader may hold one open, and nothing tells reliably whether one does.)
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Below this many spares, more are created ahead (up to SPARES_AHEAD), one after another through the thread pool. */
const SPARES_LOW = 4;
const SPARES_AHEAD = 8;

/** A peer's name among the writers sharing a received directory. */
export const spareOwner = (peer: number) => `peer${peer}`;

/** The name every spare of `owner` (a peer's id) starts with, in any directory. */
const ownerPrefix = (owner: string | undefined) => `.spare.${owner === undefined ? '' : `${owner}.`}`;

/**
 * Removes the spares of `owner` from `dir`: those a killed writer left (its thread ended with no close). Called when
 * the owner starts again, and by whoever killed it.
 */
export function removeSpares(dir: string, owner: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {} // no directory yet
  const mine = ownerPrefix(owner);
  for (const name of names) if (name.startsWith(mine) && name.endsWith('.tmp')) removeIfPresent(join(dir, name));
}

/** The spares of one directory, for one writer (a peer's received files); removed by close(). */
export class SpareFiles {
  readonly dir: string;
  private readonly spares: string[] = [];
  private readonly prefix: string;
  private next = 0;
  private closed = false;
  /** Spares being created ahead, if any (close waits for it). */
  private creating: Promise<void> | undefined;

  /**
   * `owner`: the writer's name among those sharing the directory (a peer's id); spares an earlier writer of that name
   * left (killed before its close) are removed now.
   */
  constructor(dir: string, owner?: string) {
    this.dir = resolve(dir);
    this.prefix = `${ownerPrefix(owner)}${randomBytes(6).toString('hex')}.`;
    if (owner !== undefined) removeSpares(this.dir, owner);
  }

  get size(): number {
    return this.spares.length;
  }

  /** An empty spare opened for writing, or undefined (none left: more are being created). */
  take(): { fd: number; path: string } | undefined {
    if (this.spares.length <= SPARES_LOW) this.createAhead();
    for (let path = this.spares.shift(); path !== undefined; path = this.spares.shift()) {
      let fd: number;
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW);
      } catch {
        removeIfPresent(path); // removed from under us
        continue;
      }
      // Still the empty file it was made as (nothing linked to it or wrote into it meanwhile).
      const stat = fstatSync(fd);
      if (stat.isFile() && stat.nlink === 1 && stat.size === 0) return { fd, path };
      closeSync(fd);
      removeIfPresent(path);
    }
    return undefined;
  }

  /** Empty spares created through the thread pool, one after another, until there are SPARES_AHEAD or it fails. */
  private createAhead(): void {
    if (this.closed || this.creating !== undefined) return;
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

  /** Removes every spare, once any being created ahead is there. */
  async close(): Promise<void> {
    this.closed = true;
    await this.creating;
    for (const path of this.spares.splice(0)) removeIfPresent(path);
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
