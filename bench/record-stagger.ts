// `node --import tsx bench/record-stagger.ts [--rounds N] [--dir DIR]`: what a durable record costs when another one, in
// another log on the same disk, was issued just before it: at the same moment (the two share the disk's flush), or
// LEAD ms before (it waits for the other's flush, then its own). A store's two records that it waits for (W = 2: the
// responsible peer's own and one replica's) are issued 0-0.4 ms apart, by where each peer's thread is. Both are
// O_DSYNC writes into preallocated, zero-filled files through the thread pool, as src/store/copy-log.ts's; the leads
// take turns, round by round. Not a figure: the numbers behind bench/README.md's twenty-sixth round (branch store31).
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogFile, FILE_BYTES, RECORD_BYTES, recordBench } from './lib/record-files.ts';
import { summarise } from './lib/stats.ts';

const { rounds: ROUNDS, dir, record } = recordBench('record-stagger');
const LEADS_MS = [0, 0.1, 0.2, 0.4];
const { O_RDWR, O_DSYNC } = constants;

const paths = [join(dir, 'first.log'), join(dir, 'second.log')];
for (const path of paths) createLogFile(path);
const [first, second] = await Promise.all(paths.map((path) => open(path, O_RDWR | O_DSYNC)));

/** The lead is kept on this thread (a timer cannot wait 0.1 ms). */
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

const latency = new Map(LEADS_MS.map((lead) => [lead, [] as number[]]));
const alone: number[] = [];
let at = 0;
const nextAt = () => {
  at = (at + RECORD_BYTES) % (FILE_BYTES - RECORD_BYTES);
  return at;
};
for (let round = 0; round < ROUNDS; round++) {
  for (const lead of LEADS_MS) {
    const position = nextAt();
    const before = first!.write(record, 0, record.length, position);
    if (lead > 0) spin(lead);
    const started = performance.now();
    await second!.write(record, 0, record.length, position);
    latency.get(lead)!.push(performance.now() - started);
    await before;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const started = performance.now();
  await second!.write(record, 0, record.length, nextAt());
  alone.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 2));
}
await Promise.all([first!.close(), second!.close()]);

const show = (label: string, ms: number[]) => {
  const s = summarise(ms);
  console.log(`${label.padEnd(34)} p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)}`);
};
console.log(`${ROUNDS} rounds, records of ${RECORD_BYTES} B; the second record's time from its own write's start:`);
show('alone', alone);
for (const [lead, ms] of latency) show(`the other issued ${lead} ms before`, ms);
