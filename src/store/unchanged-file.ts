// A received copy asked for again: when the file already there holds exactly its bytes, it is not written again. A
// write here creates a file and frees the replaced one's inode, the costliest step of a small request on ext4 (bench/
// README.md, nineteenth round); reading 1 KiB back and comparing is a fraction of it. A reader of the file sees the
// same bytes either way, so only its inode's identity differs; its mtime is set as a write would have set it.
import { closeSync, fstatSync, futimesSync, openSync } from 'node:fs';
import { OPEN_IN_PLACE } from './atomic-file.ts';
import { readUpToSync } from './small-file.ts';

/**
 * True when `path` is a regular file of one link holding exactly `data`: its times are then set to now and it is
 * left as it is. False (nothing changed) when it is missing, of another size or content, not a regular file (a
 * symbolic link is not followed, a named pipe not waited on), linked under another name too, or anything fails: the caller writes it whole.
 */
export function keepIfUnchangedSync(path: string, data: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(path, OPEN_IN_PLACE);
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.nlink !== 1 || stat.size !== data.length) return false;
    // Up to one byte more than expected, so that a file grown since the stat does not compare equal.
    if (!readUpToSync(fd, data.length).equals(data)) return false;
    const now = new Date();
    futimesSync(fd, now, now);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}
