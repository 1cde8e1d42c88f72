// `node --import tsx bench/transfer-timeline.ts [--kib K] [--requests N] [--ram]`: where one file request's time goes.
// The transfer figure's ring (2 peers, one copy, the file held by b and requested by a, one hop), every peer tracing
// its steps on the wall clock (src/actor/trace.ts); then each step's p50 offset from the request's command at the
// origin, by peer (origin, holder), and the p50 of each interval along the path. Not a figure: the numbers behind
// bench/README.md's "Sixth round".
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { traceClock } from '../src/actor/trace.ts';
import { distinctIds, onRamDisk, startAndWait, withRing } from './lib/rings.ts';
import { takeTraceSteps } from './lib/trace-steps.ts';
import { seededRandom, summarise } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    kib: { type: 'string', default: '1024' },
    requests: { type: 'string', default: '100' },
    /** Requests not measured first (the transfer connection is opened and kept by the first). */
    warmup: { type: 'string', default: '5' },
    ram: { type: 'boolean' },
  },
});
const BYTES = Number(values.kib) * 1024;
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const traceDir = `/tmp/ringdht-transfer-trace-${process.pid}`;
rmSync(traceDir, { recursive: true, force: true });
mkdirSync(traceDir, { recursive: true });
// Read by each actor thread as its module loads: set before the ring's workers start.
process.env.RINGDHT_TRACE = traceDir;

const [a, b] = distinctIds(2, seededRandom(3)) as [number, number];
const name = String(b).padStart(4, '0');
const actorMs: number[] = [];
/** When each measured request was sent (ms since the epoch), to tell its steps from the next one's. */
const sentAt: number[] = [];
const measure = () =>
  withRing([a, b], { pingIntervalMs: 3_600_000, replicas: 1 }, async (ring) => {
    await startAndWait(ring);
    await mkdir(ring.filesDir, { recursive: true });
    await writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(BYTES));
    const stored = await ring.peer(a).store(name);
    if (!stored.ok || stored.holder !== b) throw new Error(`store ${name}: not held by ${b}`);
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const t = traceClock();
      const result = await ring.peer(a).request(name);
      if (!result.ok) throw new Error(`request ${name}: ${result.error}`);
      if (i >= WARMUP) {
        sentAt.push(t);
        actorMs.push(result.ms);
      }
    }
  });
await (values.ram === true ? onRamDisk(measure) : measure());

const steps = takeTraceSteps(traceDir);

// Each request's steps: from its command at the origin to the next request's send.
const offsets = new Map<string, number[]>();
const order = new Map<string, number>();
for (const [i, from] of sentAt.entries()) {
  const to = sentAt[i + 1] ?? Number.POSITIVE_INFINITY;
  const mine = steps.filter((s) => s.t >= from && s.t < to && s.name === name);
  const start = mine.find((s) => s.step === 'in:command.request' && s.peer === a);
  if (start === undefined) continue;
  const seen = new Map<string, number>();
  for (const s of mine) {
    const key = `${s.peer === a ? 'origin' : 'holder'} ${s.step}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const label = n === 1 ? key : `${key}#${n}`;
    (offsets.get(label) ?? offsets.set(label, []).get(label)!).push(s.t - start.t);
    if (!order.has(label)) order.set(label, order.size);
  }
}
const rows = [...offsets]
  .filter(([, v]) => v.length >= REQUESTS / 2)
  .map(([k, v]) => [k, summarise(v).p50, v.length] as const)
  .sort((x, y) => x[1] - y[1] || order.get(x[0])! - order.get(y[0])!);
console.log(
  `${actorMs.length} requests of ${values.kib} KiB, 2 peers (${values.ram === true ? 'RAM disk' : 'disk'}): CommandResult.ms p50 ${summarise(actorMs).p50.toFixed(3)} ms (${((BYTES / 1e6 / summarise(actorMs).p50) * 1000).toFixed(1)} MB/s); each step's p50 offset from the command at the origin (ms), interval from the row above, in how many requests:`,
);
let last = 0;
for (const [k, ms, n] of rows) {
  console.log(`  ${ms.toFixed(3).padStart(9)}  +${(ms - last).toFixed(3).padStart(8)}  ${k}  (${n})`);
  last = ms;
}
