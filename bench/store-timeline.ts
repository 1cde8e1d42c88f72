// `node --import tsx bench/store-timeline.ts [--stores N] [--ram] [--gap MS] [--steps 'ROLE STEP,...']`: where one store's time goes. A 7-peer ring (a thread
// per peer, along successors, files of 1 KiB, as the lookup figure's N=7 row) with every peer tracing its steps on the
// wall clock (src/actor/trace.ts), N stores of fresh names one at a time from random peers; then each step's p50 offset
// from the store's command at its origin, by the role of the peer that took it (origin, hop, responsible, replica).
// Not a figure: the numbers behind bench/README.md's "Where one store's time goes".
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TraceStep } from '../src/actor/trace.ts';
import { distinctIds, onRamDisk, startAndWait, withRing } from './lib/rings.ts';
import { takeTraceSteps } from './lib/trace-steps.ts';
import { seededRandom, summarise } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: '100' },
    /** Stores not measured first: they open the kept-open connections between the peers they involve. */
    warmup: { type: 'string', default: '10' },
    ram: { type: 'boolean' },
    routing: { type: 'string' },
    /** ms to wait after each store before the next (its trailing work, the commits at the replicas, done first). */
    gap: { type: 'string', default: '0' },
    steps: { type: 'string' },
  },
});
const STORES = Number(values.stores);
const WARMUP = Number(values.warmup);
const GAP = Number(values.gap);
const traceDir = `/tmp/ringdht-store-trace-${process.pid}`;
rmSync(traceDir, { recursive: true, force: true });
mkdirSync(traceDir, { recursive: true });
// Read by each actor thread as its module loads: set before the ring's workers start.
process.env.RINGDHT_TRACE = traceDir;

const random = seededRandom(7);
const ids = distinctIds(7, random);
const names: string[] = [];
const actorMs: number[] = [];
const measure = () =>
  withRing(
    ids,
    { pingIntervalMs: 30_000, ...(values.routing === 'finger' ? { routing: 'finger' as const } : {}) },
    async (ring) => {
      await startAndWait(ring);
      await mkdir(ring.filesDir, { recursive: true });
      for (let i = 0; i < WARMUP + STORES; i++) {
        const name = String(1000 + i).padStart(4, '0');
        await writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(1024));
        const result = await ring.peer(ids[Math.floor(random() * ids.length)]!).store(name);
        if (!result.ok) throw new Error(`store ${name}: ${result.error}`);
        if (GAP > 0) await new Promise((resolve) => setTimeout(resolve, GAP));
        if (i >= WARMUP) {
          names.push(name);
          actorMs.push(result.ms);
        }
      }
    },
  );
await (values.ram === true ? onRamDisk(measure) : measure());

const steps = takeTraceSteps(traceDir);

const byName = new Map<string, TraceStep[]>();
for (const s of steps) (byName.get(s.name) ?? byName.set(s.name, []).get(s.name)!).push(s);
const offsets = new Map<string, number[]>();
for (const name of names) {
  const mine = (byName.get(name) ?? []).sort((a, b) => a.t - b.t);
  const start = mine.find((s) => s.step === 'in:command.store');
  if (start === undefined) continue;
  const origin = start.peer;
  const responsible = mine.find((s) => s.step === 'out:storeReady')?.peer;
  const replicas = new Set(mine.filter((s) => s.step === 'in:transferStarted.replica.pending').map((s) => s.peer));
  const seen = new Map<string, number>();
  for (const s of mine) {
    // A peer may be origin and responsible at once (it stores its own key): the responsible role wins there.
    const role =
      s.peer === responsible ? 'responsible' : replicas.has(s.peer) ? 'replica' : s.peer === origin ? 'origin' : 'hop';
    const key = `${role} ${s.step}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const label = `${key}#${n}`;
    (offsets.get(label) ?? offsets.set(label, []).get(label)!).push(s.t - start.t);
  }
}
// The critical path, stage by stage: each interval's p50 over the stores that have every stage (the replica is the one
// whose acknowledgement came first: with W = 2 the store waits for it alone). Stages marked optional are steps of a
// replica's copy kept as files (a copy appended to the copy log has neither): an interval ends at the next stage seen.
const OPTIONAL = new Set([
  "replica's data and metadata written (and flushed, before the pending copies' late flush)",
  'renamed into pending/',
]);
const STAGES: [string, (s: StoreSteps) => number | undefined][] = [
  ['command at the origin', (s) => s.at('origin', 'in:command.store')],
  ['lookup at the responsible peer (hops)', (s) => s.at('responsible', 'in:lookup')],
  ['StoreReady sent', (s) => s.at('responsible', 'out:storeReady')],
  ['StoreReady at the origin', (s) => s.at('origin', 'in:storeReady')],
  ['file at the responsible peer (inline)', (s) => s.at('responsible', 'in:transferStarted.store')],
  ['copy sent to the replica', (s) => s.at('responsible', 'sendFile.replica.start')],
  ['copy at the replica', (s) => s.at('replica', 'in:transferStarted.replica.pending')],
  [
    "replica's data and metadata written (and flushed, before the pending copies' late flush)",
    (s) => s.at('replica', 'write.sealed'),
  ],
  ['renamed into pending/', (s) => s.at('replica', 'write.renamed')],
  [
    "pending/'s directories (and now the copy's files) flushed, or the copy log's record",
    (s) => s.at('replica', 'write.synced'),
  ],
  ["replica's acknowledgement at the responsible peer", (s) => s.at('responsible', 'in:transferSent.replica.pending')],
  ['commit started (own copy durable too)', (s) => s.at('responsible', 'settle.commit.start')],
  // The responsible peer's own copy answers once its commit is decided, its rename after (store26); else at the rename.
  [
    'promoted: decided (own copy), or renamed into files/',
    (s) => s.at('responsible', 'promote.decided') ?? s.at('responsible', 'promote.renamed'),
  ],
  ['promoted: directories flushed', (s) => s.at('responsible', 'settle.commit.done')],
  ['Stored sent', (s) => s.at('responsible', 'out:stored')],
  ['Stored at the origin: the command completes', (s) => s.at('origin', 'in:stored')],
];
const intervals = STAGES.map(() => [] as number[]);
let complete = 0;
for (const name of names) {
  const s = storeSteps(byName.get(name) ?? []);
  const synced = s?.at('replica', 'write.synced');
  // A replica's optional steps count only before its copy is durable (a promotion later writes files too).
  const times = STAGES.map(([label, at]) => {
    const t = s === undefined ? undefined : at(s);
    return OPTIONAL.has(label) && t !== undefined && synced !== undefined && t > synced ? undefined : t;
  });
  if (times.some((t, i) => t === undefined && !OPTIONAL.has(STAGES[i]![0]))) continue;
  complete++;
  let last = times[0]!;
  for (let i = 1; i < times.length; i++) {
    const t = times[i];
    if (t === undefined) continue;
    intervals[i]!.push(t - last);
    last = t;
  }
}
console.log(
  `\nThe critical path, stage by stage (p50 of each interval, ms; ${complete} stores where the origin is neither the responsible peer nor a replica):`,
);
let sum = 0;
for (let i = 1; i < STAGES.length; i++) {
  if (intervals[i]!.length === 0) continue;
  const p50 = summarise(intervals[i]!).p50;
  sum += p50;
  console.log(`  ${p50.toFixed(3).padStart(8)}  ${STAGES[i]![0]}`);
}
console.log(`  ${sum.toFixed(3).padStart(8)}  sum of the p50s\n`);

interface StoreSteps {
  at(role: 'origin' | 'responsible' | 'replica', step: string): number | undefined;
}

/** One store's steps by role; undefined when the origin also holds a copy (its steps then mix two roles). */
function storeSteps(mine: TraceStep[]): StoreSteps | undefined {
  const origin = mine.find((s) => s.step === 'in:command.store')?.peer;
  const responsible = mine.find((s) => s.step === 'out:storeReady')?.peer;
  const firstAck = mine
    .filter((s) => s.peer === responsible && s.step === 'in:transferSent.replica.pending')
    .sort((a, b) => a.t - b.t)[0];
  // Which replica acknowledged first: the one whose pending copy was synced last before that acknowledgement.
  const synced = mine
    .filter((s) => s.step === 'write.synced' && s.peer !== responsible && firstAck !== undefined && s.t <= firstAck.t)
    .sort((a, b) => b.t - a.t)[0];
  if (origin === undefined || responsible === undefined || synced === undefined || origin === responsible)
    return undefined;
  const replica = synced.peer;
  if (origin === replica) return undefined;
  const peerOf = { origin, responsible, replica };
  return {
    at: (role, step) => mine.find((s) => s.peer === peerOf[role] && s.step === step)?.t,
  };
}

// --steps 'ROLE STEP,ROLE STEP,...': the p50 of each interval between consecutive steps, per store (finer than the
// stages above: a step traced by a scratch change, say), over the stores that have them all.
if (values.steps !== undefined) {
  const want = values.steps.split(',');
  const diffs = want.map(() => [] as number[]);
  for (const name of names) {
    const s = storeSteps(byName.get(name) ?? []);
    if (s === undefined) continue;
    const ts = want.map((w) => {
      const [role, step] = w.split(' ');
      return s.at(role as 'origin' | 'responsible' | 'replica', step!);
    });
    if (ts.some((t) => t === undefined)) continue;
    for (let i = 1; i < ts.length; i++) diffs[i]!.push(ts[i]! - ts[i - 1]!);
  }
  console.log('Between steps (p50 of each interval, ms, per store):');
  for (let i = 1; i < want.length; i++)
    console.log(
      `  ${summarise(diffs[i]!).p50.toFixed(3).padStart(8)}  ${want[i - 1]} -> ${want[i]}  (${diffs[i]!.length})`,
    );
}
const rows = [...offsets]
  .filter(([, v]) => v.length >= names.length / 2)
  .map(([k, v]) => [k, summarise(v).p50, v.length] as const)
  .sort((a, b) => a[1] - b[1]);
const p50Of = (ms: number[]) => summarise(ms).p50.toFixed(2);
console.log(
  `CommandResult.ms p50 of the first 40 stores measured ${p50Of(actorMs.slice(0, 40))} ms, of the last 40 ${p50Of(actorMs.slice(-40))} ms`,
);
console.log(
  `${names.length} stores of 1 KiB, N=7 (${values.ram === true ? 'RAM disk' : 'disk'}): CommandResult.ms p50 ${summarise(actorMs).p50.toFixed(2)} ms; each step's p50 offset from the command at its origin (ms), in how many stores:`,
);
for (const [k, ms, n] of rows) console.log(`  ${ms.toFixed(3).padStart(8)}  ${k}  (${n})`);
