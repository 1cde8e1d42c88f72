// Finds the bytes `store NAME [PATH]` sends (SPEC.md section 3): PATH, else NAME.pdf or NAME in the files directory;
// none of them is a failure that says where it looked, and an empty record is stored only when asked for (`--empty`).
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Source {
  /** null: an empty record, stored on purpose. */
  path: string | null;
  sizeBytes: number;
}

/** Why a store has no bytes to send, as a code beside the sentence. */
export class SourceError extends Error {
  constructor(
    readonly code: 'NO_FILE' | 'BAD_SOURCE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Synchronous: a stat is a few microseconds, where fs/promises' went through libuv's thread pool, which every peer of
 * the process shares with its fsyncs; queued behind the copies of the store before, it was 0.5-0.8 ms of a store's p50
 * at N=7 (bench/README.md sixteenth round). The file's bytes are read synchronously too (src/actor/disk.ts).
 */
function regularFile(path: string): number | 'missing' | 'not a file' {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) return 'missing';
    return info.isFile() ? info.size : 'not a file';
  } catch {
    return 'missing';
  }
}

export function resolveSource(
  name: string,
  path: string | undefined,
  limits: { filesDir: string; maxFileBytes: number },
  empty = false,
): Source {
  if (empty) {
    if (path !== undefined)
      throw new SourceError('BAD_SOURCE', `cannot store ${name}: an empty record takes no file, but ${path} was given`);
    return { path: null, sizeBytes: 0 };
  }
  let found: { path: string; sizeBytes: number } | undefined;
  if (path !== undefined) {
    // A path the user gave: relative to the working directory, as in a shell (NAME.pdf and NAME are looked for in
    // the files directory).
    const full = resolve(path);
    const size = regularFile(full);
    if (size === 'missing') throw new SourceError('NO_FILE', `cannot store ${name}: no file at ${full}`);
    if (size === 'not a file') throw new SourceError('BAD_SOURCE', `cannot store ${name}: ${full} is not a file`);
    found = { path: full, sizeBytes: size };
  } else {
    for (const candidate of [`${name}.pdf`, name]) {
      const full = join(limits.filesDir, candidate);
      const size = regularFile(full);
      if (typeof size === 'number') {
        found = { path: full, sizeBytes: size };
        break;
      }
    }
  }
  if (found === undefined) {
    throw new SourceError(
      'NO_FILE',
      `cannot store ${name}: no file ${name}.pdf or ${name} in ${limits.filesDir} (give a PATH, or store ${name} --empty for an empty record)`,
    );
  }
  if (found.sizeBytes > limits.maxFileBytes) {
    throw new SourceError(
      'BAD_SOURCE',
      `cannot store ${name}: ${found.path} is ${found.sizeBytes} bytes, over the limit of ${limits.maxFileBytes} bytes (--max-file-size)`,
    );
  }
  return found;
}
