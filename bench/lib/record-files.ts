// What bench/record-write.ts and bench/record-share.ts share: their arguments, a scratch directory started afresh, and
// the record they write (the size of a 1 KiB store's copy-log record) into files of FILE_BYTES.
import { closeSync, constants, fdatasyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const RECORD_BYTES = 1200;
export const FILE_BYTES = 4 * 1024 * 1024;

/** `--rounds N` (default 300) and `--dir DIR` (default bench/.work/NAME), the directory emptied and made. */
export function recordBench(name: string): { rounds: number; dir: string; record: Buffer } {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '300' }, dir: { type: 'string', default: `bench/.work/${name}` } },
  });
  const dir = values.dir!;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { rounds: Number(values.rounds), dir, record: Buffer.alloc(RECORD_BYTES, 7) };
}

/** Makes `path` a file of FILE_BYTES whose blocks are written (zeros) and flushed, as a copy log's are; `zeros: false`, empty. */
export function createLogFile(path: string, zeros = true): void {
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC, 0o644);
  if (zeros) {
    const block = Buffer.alloc(1024 * 1024);
    for (let at = 0; at < FILE_BYTES; at += block.length) writeSync(fd, block, 0, block.length, at);
  }
  fdatasyncSync(fd);
  closeSync(fd);
}
