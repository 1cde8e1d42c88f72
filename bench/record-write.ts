// `node --import tsx bench/record-write.ts [--rounds N] [--dir DIR]`: what one durable record append costs on this disk,
// written each way a copy log could write it: O_DSYNC into a file whose blocks were written (zeros) ahead, as
// src/store/copy-log.ts's segments are; O_DSYNC into a sparse file (its blocks allocated by the write); O_DSYNC past
// the end (the file grows); a plain write then fdatasync. Each alone, and three at once into three files (a store's
// three records: the responsible peer's and two replicas'), through the thread pool as the log issues them.
// Not a figure: the numbers behind bench/README.md's twentieth round (branch log31).
import { closeSync, constants, fdatasyncSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogFile, FILE_BYTES, RECORD_BYTES, recordBench } from './lib/record-files.ts';
import { summarise } from './lib/stats.ts';

const { rounds: ROUNDS, dir, record } = recordBench('record-write');
const { O_RDWR, O_DSYNC } = constants;

/** `flush`: an fdatasync with nothing written (what the disk's cache flush alone costs); `plain`: a write, no sync. */
type Way = 'zeros' | 'sparse' | 'growing' | 'fdatasync' | 'flush' | 'plain';
const WAYS: Way[] = ['zeros', 'sparse', 'growing', 'fdatasync', 'flush', 'plain'];
/** Ways whose file is opened without O_DSYNC. */
const UNSYNCED = new Set<Way>(['fdatasync', 'flush', 'plain']);

/** A file ready for `way`: written with zeros and flushed, extended sparse, or empty. */
function prepare(path: string, way: Way): number {
  createLogFile(path, way !== 'sparse' && way !== 'growing');
  if (way === 'sparse') {
    const t = openSync(path, O_RDWR);
    // ftruncate: the size is set, no block allocated.
    ftruncateSync(t, FILE_BYTES);
    fdatasyncSync(t);
    closeSync(t);
  }
  return openSync(path, UNSYNCED.has(way) ? O_RDWR : O_RDWR | O_DSYNC);
}

async function handleFor(path: string, way: Way): Promise<FileHandle> {
  closeSync(prepare(path, way));
  return open(path, UNSYNCED.has(way) ? O_RDWR : O_RDWR | O_DSYNC);
}

/** One round of `files` records written at once (each to its own file), through the thread pool. */
async function together(handles: FileHandle[], way: Way, at: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    handles.map(async (h) => {
      if (way !== 'flush') await h.write(record, 0, RECORD_BYTES, at);
      if (way === 'fdatasync' || way === 'flush') await h.datasync();
    }),
  );
  return performance.now() - t0;
}

// Every way takes its turn in each round (in a rotating order), so a load that drifts meets them alike.
const rows: string[] = [];
for (const files of [1, 3]) {
  const handles = new Map<Way, FileHandle[]>();
  for (const way of WAYS)
    handles.set(
      way,
      await Promise.all(Array.from({ length: files }, (_, i) => handleFor(join(dir, `${way}-${files}-${i}.log`), way))),
    );
  const ms = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
  for (let i = 0; i < ROUNDS; i++)
    for (let k = 0; k < WAYS.length; k++) {
      const way = WAYS[(i + k) % WAYS.length]!;
      ms.get(way)!.push(await together(handles.get(way)!, way, i * RECORD_BYTES));
    }
  for (const way of WAYS) {
    await Promise.all(handles.get(way)!.map((h) => h.close()));
    const s = summarise(ms.get(way)!);
    rows.push(
      `${String(files).padStart(2)} at once  ${way.padEnd(10)} p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)}`,
    );
  }
}
// The synchronous call alone (no pool round trip): what the write itself waits for.
const fds = new Map<Way, number>(WAYS.map((w) => [w, prepare(join(dir, `${w}-sync.log`), w)]));
const syncMs = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
for (let i = 0; i < ROUNDS; i++)
  for (let k = 0; k < WAYS.length; k++) {
    const way = WAYS[(i + k) % WAYS.length]!;
    const fd = fds.get(way)!;
    const t0 = performance.now();
    if (way !== 'flush') writeSync(fd, record, 0, RECORD_BYTES, i * RECORD_BYTES);
    if (way === 'fdatasync' || way === 'flush') fdatasyncSync(fd);
    syncMs.get(way)!.push(performance.now() - t0);
  }
for (const way of WAYS) {
  closeSync(fds.get(way)!);
  const s = summarise(syncMs.get(way)!);
  rows.push(` 1 sync     ${way.padEnd(10)} p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)}`);
}
rmSync(dir, { recursive: true, force: true });
console.log(rows.join('\n'));
