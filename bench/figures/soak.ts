// Figure soak: memory under sustained load. A 7-peer ring (a thread per peer) under 32 commands in flight (20 % stores)
// for 5 minutes (--full; quick mode runs a short rehearsal under other row names): the process's RSS over time, and each
// peer worker's heap after a full GC before and after.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import { type Context, type Figure, type Mode, valueRow } from '../lib/figure.ts';
import { fmt } from '../lib/format.ts';
import { rssAfterGc } from '../lib/memory.ts';
import { taskPool } from '../lib/pool.ts';
import { distinctIds, startAndWait, withRing } from '../lib/rings.ts';
import type { LoadOutcome, LoadTask } from '../tasks/load.ts';

const PEERS = 7;
const IN_FLIGHT = 32;
const GENERATORS = 2;
const STORE_SHARE = 0.2;
const FILE_BYTES = 1024;
const FILES = 64;
/** Stores cycle through this many names per generator, so the data held stays the same size: growth is a leak. */
const STORE_NAMES_PER_GENERATOR = 200;
const DURATION_MS: Record<Mode, number> = { quick: 20_000, full: 300_000 };
/** RSS is compared from here on (the first minute fills caches, pools and connections). */
const BASELINE_MS: Record<Mode, number> = { quick: 5_000, full: 60_000 };
const SAMPLE_EVERY_MS: Record<Mode, number> = { quick: 1_000, full: 5_000 };

/** This thread's heap in use after a full GC (the bench runs with --expose-gc), in bytes. */
function mainHeapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export const soak: Figure = {
  name: 'soak',
  title: `memory under load: ${PEERS} peers, ${IN_FLIGHT} commands in flight (${100 * STORE_SHARE} % stores) for 5 minutes (--full; quick mode: a 20 s rehearsal)`,
  seconds: (mode) => DURATION_MS[mode] / 1000 + 15,
  async run(ctx: Context) {
    const prefix = ctx.mode === 'full' ? 'soak' : 'soak.quick';
    const pool = await taskPool<LoadTask, LoadOutcome>('load', { threads: GENERATORS });
    try {
      const ids = distinctIds(PEERS, ctx.random);
      await withRing(ids, { pingIntervalMs: 5_000 }, async (ring) => {
        await startAndWait(ring);
        await mkdir(ring.filesDir, { recursive: true });
        const names = Array.from({ length: FILES }, (_, i) => String(5000 + i).padStart(4, '0'));
        await Promise.all(names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(FILE_BYTES))));
        for (const [k, name] of names.entries()) await ring.peer(ids[k % ids.length]!).store(name);
        const storePath = join(ring.filesDir, 'store-source.bin');
        await writeFile(storePath, randomBytes(FILE_BYTES));
        const rss: { atMs: number; mb: number }[] = [];
        const t0 = performance.now();
        // Each worker's heap is taken at the baseline too (under load): by then its code is compiled and its pools full.
        // So is the RSS, after a GC as at the end: a sample between GCs against a GC'd end read 10 % apart on its own.
        let heapStart: number[] = [];
        let mainStart = 0;
        let rssStart: number | undefined;
        const heapBaseline = setTimeout(() => {
          mainStart = mainHeapAfterGc();
          void rssAfterGc()
            .then((bytes) => {
              rssStart = bytes / 1e6;
              return Promise.all(ids.map((id) => ring.heapAfterGc(id)));
            })
            .then((heaps) => (heapStart = heaps))
            .catch(() => {}); // reported below: the baseline could not be taken
        }, BASELINE_MS[ctx.mode]);
        const sampler = setInterval(() => {
          const atMs = performance.now() - t0;
          rss.push({ atMs, mb: process.memoryUsage().rss / 1e6 });
          ctx.progress(Math.min(1, atMs / DURATION_MS[ctx.mode]), `${(atMs / 1000).toFixed(0)} s`);
        }, SAMPLE_EVERY_MS[ctx.mode]);
        let outcomes: LoadOutcome[];
        try {
          outcomes = await Promise.all(
            Array.from({ length: GENERATORS }, async (_, g) => {
              const ports: MessagePort[] = await Promise.all(
                ids.slice(g * 3, g * 3 + 3).map((id) => ring.peer(id).clientPort()),
              );
              // Each generator cycles through names of its own: never two stores of one name at once.
              const own = Array.from({ length: STORE_NAMES_PER_GENERATOR }, (_, k) =>
                String(g * STORE_NAMES_PER_GENERATOR + k).padStart(4, '0'),
              );
              const task: LoadTask = {
                ports,
                concurrency: IN_FLIGHT / GENERATORS,
                warmupMs: 0,
                durationMs: DURATION_MS[ctx.mode],
                drainMs: 5_000,
                storeShare: STORE_SHARE,
                requestNames: names,
                storeNames: Array.from({ length: 100_000 }, (_, k) => own[k % own.length]!),
                storePath,
                seed: Math.floor(ctx.random() * 2 ** 31),
                // Not each command's latency (unused here): kept, they grew the heaps ~23 bytes a command (a number
                // each, in the load's threads and then the main thread's), the figure's own data, not the ring's.
                keepLatencies: false,
              };
              return pool.run(task, ports);
            }),
          );
        } finally {
          clearInterval(sampler);
          clearTimeout(heapBaseline);
        }
        if (heapStart.length !== ids.length) throw new Error("the workers' heaps could not be taken at the baseline");
        const rssEnd = (await rssAfterGc()) / 1e6;
        const heapEnd = await Promise.all(ids.map((id) => ring.heapAfterGc(id)));
        const mainEnd = mainHeapAfterGc();
        if (rssStart === undefined) throw new Error('the RSS could not be taken at the baseline');
        const baseline = rssStart;
        const drift = (100 * (rssEnd - baseline)) / baseline;
        const heapDrift = heapStart.map((h, i) => (100 * (heapEnd[i]! - h)) / h);
        const maxHeapDrift = Math.max(...heapDrift.map(Math.abs));
        const ops = outcomes.reduce((a, o) => a + o.ok, 0);
        const failed = outcomes.reduce((a, o) => a + o.failed + o.unfinished, 0);
        const one = (name: string, label: string, value: number, unit: string) =>
          ctx.record(valueRow({ figure: 'soak', name, label, value, unit }));
        one(
          `${prefix}.rss.drift`,
          `RSS growth from ${BASELINE_MS[ctx.mode] / 1000} s to the end (each after a GC of the main thread)`,
          drift,
          '%',
        );
        one(`${prefix}.rss.end`, 'RSS at the end, after a GC (the whole process: ring, load generators)', rssEnd, 'MB');
        one(
          `${prefix}.heap.drift.max`,
          "largest change of a peer worker's heap after a full GC, end against start",
          maxHeapDrift,
          '%',
        );
        one(
          `${prefix}.ops`,
          'commands completed per second over the run',
          ops / (DURATION_MS[ctx.mode] / 1000),
          'ops/s',
        );
        ctx.table({
          title: 'RSS over the run (MB, the whole process)',
          header: ['s', 'RSS MB'],
          rows: rss
            .filter((_, i) => i % Math.max(1, Math.floor(rss.length / 20)) === 0)
            .map((s) => [fmt(s.atMs / 1000), fmt(s.mb)]),
        });
        one(
          `${prefix}.mainheap.drift`,
          "change of the main thread's heap after a full GC (the host: the ring's handles, the load generators' pool), end against start",
          (100 * (mainEnd - mainStart)) / mainStart,
          '%',
        );
        ctx.table({
          title: "Each peer worker's heap after a full GC (MB), and the main thread's",
          header: ['thread', `at ${BASELINE_MS[ctx.mode] / 1000} s`, 'end', 'change %'],
          rows: [
            ...ids.map((id, i) => [`peer ${id}`, fmt(heapStart[i]! / 1e6), fmt(heapEnd[i]! / 1e6), fmt(heapDrift[i]!)]),
            ['main', fmt(mainStart / 1e6), fmt(mainEnd / 1e6), fmt((100 * (mainEnd - mainStart)) / mainStart)],
          ],
        });
        ctx.note(
          `${ops} commands ok, ${failed} failed or unfinished. Stores cycle through ${STORE_NAMES_PER_GENERATOR} names per load generator, so the data the ring holds stays the same size: memory that grows is a leak, not data.`,
        );
        const errors = new Map<string, number>();
        for (const o of outcomes)
          for (const [why, count] of Object.entries(o.errors)) errors.set(why, (errors.get(why) ?? 0) + count);
        if (errors.size > 0)
          ctx.note(`Failed, by reason: ${[...errors].map(([why, count]) => `${count}× ${why}`).join('; ')}`);
      });
    } finally {
      await pool.close();
    }
  },
};
