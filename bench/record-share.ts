// `node --import tsx bench/record-share.ts [--rounds N] [--dir DIR]`: what the two records a store waits for (W = 2: the
// responsible peer's own and its first replica's) cost when the third (the second replica's, which the store does not
// wait for) is written at the same moment, against when it is written once they are done. Three files, each as a copy
// log (O_DSYNC into blocks written ahead with zeros), records of 1,200 B, through the thread pool as the log issues
// them; the two ways take turns in every round. Not a figure: the numbers behind bench/README.md's twenty-second round
// (branch store27).
import { constants, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogFile, FILE_BYTES, RECORD_BYTES, recordBench } from './lib/record-files.ts';
import { summarise } from './lib/stats.ts';

const { rounds: ROUNDS, dir, record } = recordBench('record-share');

/** A log file whose blocks are written (zeros) and flushed ahead, opened O_DSYNC as copy-log.ts opens its log. */
async function logFile(path: string): Promise<FileHandle> {
  createLogFile(path);
  return open(path, constants.O_RDWR | constants.O_DSYNC);
}

type Way = 'third with them' | 'third after them' | 'two alone';
const WAYS: Way[] = ['third with them', 'third after them', 'two alone'];
const files = await Promise.all([0, 1, 2].map((i) => logFile(join(dir, `log-${i}`))));
const ms = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
let at = 0;
for (let i = 0; i < ROUNDS; i++)
  for (let k = 0; k < WAYS.length; k++) {
    const way = WAYS[(i + k) % WAYS.length]!;
    const [a, b, c] = files as [FileHandle, FileHandle, FileHandle];
    const t0 = performance.now();
    const third = way === 'third with them' ? c.write(record, 0, RECORD_BYTES, at) : undefined;
    await Promise.all([a.write(record, 0, RECORD_BYTES, at), b.write(record, 0, RECORD_BYTES, at)]);
    ms.get(way)!.push(performance.now() - t0);
    if (third !== undefined) await third;
    else if (way === 'third after them') await c.write(record, 0, RECORD_BYTES, at);
    at = (at + RECORD_BYTES) % (FILE_BYTES - RECORD_BYTES);
  }
await Promise.all(files.map((f) => f.close()));
rmSync(dir, { recursive: true, force: true });
for (const way of WAYS) {
  const s = summarise(ms.get(way)!);
  console.log(`the two records, ${way.padEnd(17)} p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)}`);
}
