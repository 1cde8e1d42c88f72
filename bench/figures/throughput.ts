// Figure throughput: concurrent clients storing and requesting against a 7- and a 64-peer ring, the load from piscina tasks.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { type Context, type Figure, type Mode, valueRow } from '../lib/figure.ts';
import { fmt } from '../lib/format.ts';
import { taskPool } from '../lib/pool.ts';
import { distinctIds, startAndWait, withRing } from '../lib/rings.ts';
import { summarise } from '../lib/stats.ts';
import type { LoadOutcome, LoadTask } from '../tasks/load.ts';
import { latencyRow } from './floor.ts';

/** Rings measured: N peers, each on a thread of its own, or the whole ring on `threads` worker threads. */
const RINGS: { n: number; threads?: number }[] = [{ n: 7 }, { n: 64 }, { n: 7, threads: 2 }];
/** Commands in flight, over all generators. */
const CONCURRENCY: Record<Mode, number[]> = { quick: [1, 16, 64], full: [1, 4, 16, 64] };
const WARMUP_MS: Record<Mode, number> = { quick: 300, full: 1_000 };
/**
 * Each ring first serves this long at RING_WARMUP_IN_FLIGHT, not counted: a ring serves for as long as it runs, so the
 * figure is its steady state, once V8 has optimised the hot paths in every peer's thread (cpu18, bench/README.md twelfth
 * round: CPU per op 0.64-0.73x after 40 s of load against 4 s).
 */
const RING_WARMUP_MS: Record<Mode, number> = { quick: 10_000, full: 30_000 };
const RING_WARMUP_IN_FLIGHT = 16;
const DURATION_MS: Record<Mode, number> = { quick: 2_000, full: 8_000 };
/** Load generator threads (piscina tasks running at once), each with client ports to this many origin peers. */
const GENERATORS = 2;
const ORIGINS_PER_GENERATOR = 4;
const FILES = 64;
/** Each generator's stores take fresh names from a range of its own, so no two stores of one name ever race. */
const STORE_NAMES_PER_GENERATOR = 4_500;
const DRAIN_MS = 3_000;
const FILE_BYTES = 1024;
const STORE_SHARE = 0.2;
const PING_INTERVAL_MS = 30_000;

function fileNames(n: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < n) names.add(String(Math.floor(random() * 10_000)).padStart(4, '0'));
  return [...names];
}

export const throughput: Figure = {
  name: 'throughput',
  title: `throughput under load: concurrent clients (piscina tasks with client ports) storing and requesting ${FILE_BYTES} B files, ${100 * STORE_SHARE} % stores`,
  seconds: (mode) =>
    RINGS.length *
    ((RING_WARMUP_MS[mode] + CONCURRENCY[mode].length * (WARMUP_MS[mode] + DURATION_MS[mode])) / 1000 + 8),
  async run(ctx: Context) {
    const pool = await taskPool<LoadTask, LoadOutcome>('load', { threads: GENERATORS });
    const table: string[][] = [];
    try {
      for (const [i, { n, threads }] of RINGS.entries()) {
        const ids = distinctIds(n, ctx.random);
        const on = threads === undefined ? '' : ` on ${threads} threads`;
        await withRing(ids, { pingIntervalMs: PING_INTERVAL_MS, threads }, async (ring) => {
          ctx.progress(i / RINGS.length, `N=${n}${on}: starting`);
          await startAndWait(ring);
          await mkdir(ring.filesDir, { recursive: true });
          const names = fileNames(FILES, ctx.random);
          await Promise.all(
            names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(FILE_BYTES))),
          );
          const storePath = join(ring.filesDir, 'store-source.bin');
          await writeFile(storePath, randomBytes(FILE_BYTES));
          const taken = new Set(names);
          const storeNames = Array.from({ length: GENERATORS }, (_, g) =>
            Array.from({ length: STORE_NAMES_PER_GENERATOR }, (_, k) =>
              String(g * STORE_NAMES_PER_GENERATOR + k).padStart(4, '0'),
            ).filter((name) => !taken.has(name)),
          );
          const used = storeNames.map(() => 0); // each generator's names already taken, by earlier runs too
          // Stored in advance, so requests find them; this also opens the peers' kept-open connections.
          for (const [k, name] of names.entries()) await ring.peer(ids[k % ids.length]!).store(name);
          /** Runs `concurrency` commands in flight for warmupMs (not counted) then durationMs; each generator's results. */
          const load = async (concurrency: number, warmupMs: number, durationMs: number) => {
            const generators = Math.min(GENERATORS, concurrency);
            const tasks = await Promise.all(
              Array.from({ length: generators }, async (_, g) => {
                const origins = Array.from(
                  { length: Math.min(ORIGINS_PER_GENERATOR, n) },
                  (_, k) => ids[(g * ORIGINS_PER_GENERATOR + k * 3) % n]!,
                );
                const ports: MessagePort[] = await Promise.all(origins.map((id) => ring.peer(id).clientPort()));
                const task: LoadTask = {
                  ports,
                  concurrency: Math.ceil(concurrency / generators),
                  warmupMs,
                  durationMs,
                  drainMs: DRAIN_MS,
                  storeShare: STORE_SHARE,
                  requestNames: names,
                  storeNames: storeNames[g]!.slice(used[g]),
                  storePath,
                  seed: Math.floor(ctx.random() * 2 ** 31),
                };
                return pool.run(task, ports);
              }),
            );
            for (const [g, t] of tasks.entries()) used[g]! += t.storesIssued;
            return tasks;
          };
          ctx.progress((i + 0.05) / RINGS.length, `N=${n}${on}: warming up`);
          await load(RING_WARMUP_IN_FLIGHT, RING_WARMUP_MS[ctx.mode], 0);
          for (const [j, concurrency] of CONCURRENCY[ctx.mode].entries()) {
            ctx.progress(
              (i + (j + 0.5) / CONCURRENCY[ctx.mode].length) / RINGS.length,
              `N=${n}${on}: ${concurrency} in flight`,
            );
            const tasks = await load(concurrency, WARMUP_MS[ctx.mode], DURATION_MS[ctx.mode]);
            const ok = tasks.reduce((a, t) => a + t.ok, 0);
            const failed = tasks.reduce((a, t) => a + t.failed + t.unfinished, 0);
            const opsPerS = ok / (DURATION_MS[ctx.mode] / 1000);
            const requests = tasks.flatMap((t) => t.requestMs);
            const stores = tasks.flatMap((t) => t.storeMs);
            const tag = `throughput.N${n}${threads === undefined ? '' : `.T${threads}`}.C${concurrency}`;
            ctx.record(
              valueRow({
                figure: 'throughput',
                name: `${tag}.ops`,
                label: `ops/s, N=${n}${on}, ${concurrency} in flight`,
                n: ok,
                value: opsPerS,
                unit: 'ops/s',
                params: { plot: 'throughput', series: `N = ${n}${on}`, concurrency },
              }),
            );
            if (requests.length > 0)
              ctx.record(
                latencyRow(
                  'throughput',
                  `${tag}.request`,
                  `request latency under load, N=${n}${on}, ${concurrency} in flight`,
                  requests,
                ),
              );
            if (stores.length > 0)
              ctx.record(
                latencyRow(
                  'throughput',
                  `${tag}.store`,
                  `store latency under load, N=${n}${on}, ${concurrency} in flight`,
                  stores,
                ),
              );
            const errors = new Map<string, number>();
            for (const t of tasks)
              for (const [why, count] of Object.entries(t.errors)) errors.set(why, (errors.get(why) ?? 0) + count);
            const unfinished = tasks.reduce((a, t) => a + t.unfinished, 0);
            if (failed > 0)
              ctx.note(
                `N=${n}${on}, ${concurrency} in flight: ${failed} commands failed${unfinished ? ` (${unfinished} still unanswered ${DRAIN_MS / 1000} s after the end)` : ''}: ${[...errors].map(([why, c]) => `${c}× ${why}`).join('; ')}`,
              );
            const r = summarise(requests);
            const s = summarise(stores);
            table.push([
              String(n),
              threads === undefined ? 'one per peer' : String(threads),
              String(concurrency),
              fmt(opsPerS),
              fmt(r.p50),
              fmt(r.p99),
              fmt(s.p50),
              fmt(s.p99),
              `${failed}/${ok + failed}`,
            ]);
            ctx.progress(
              (i + (j + 1) / CONCURRENCY[ctx.mode].length) / RINGS.length,
              `N=${n}${on}: ${concurrency} in flight done`,
            );
          }
        });
      }
    } finally {
      await pool.close();
    }
    ctx.table({
      title: `Throughput and latency under load (${100 * STORE_SHARE} % stores, ${FILES} files of ${FILE_BYTES} B, replicas as the ring's default)`,
      header: [
        'N',
        'threads',
        'in flight',
        'ops/s',
        'request p50 ms',
        'request p99 ms',
        'store p50 ms',
        'store p99 ms',
        'failed',
      ],
      rows: table,
    });
    ctx.note(
      `Load: ${GENERATORS} piscina tasks (threads), each with client ports (PeerHandle.clientPort()) to ${ORIGINS_PER_GENERATOR} origin peers, keeping its share of the commands in flight in a closed loop (each answer starts the next command). Commands go from the task's thread straight to the origin actor's worker over a MessagePort: the main thread, which hosts the ring, is not on their way.`,
    );
    ctx.note(
      `Latency is the task's wall clock from sending the command to its answer. Each ring first serves ${RING_WARMUP_IN_FLIGHT} commands in flight for ${RING_WARMUP_MS[ctx.mode] / 1000} s, not counted (its steady state: V8 has optimised every thread's hot paths by then); the first ${WARMUP_MS[ctx.mode]} ms of each run are not counted either; then ${DURATION_MS[ctx.mode] / 1000} s. Every peer is one worker thread (the last ring: the whole ring on ${RINGS.at(-1)?.threads} threads), and the generators share the same cores: at N=64 the peers' threads are most of the load, so ops/s says what this machine sustains, not what the protocol could on one core per peer.`,
    );
    ctx.note(
      'A store ends when the write quorum of copies is durable (temporary file, fsync, rename, at each replica); a request ends when the requester has the file whole as received_NAME.pdf (temporary file, rename, no fsync: a received copy), or has found the copy already there holding the same bytes (kept, its time set). The requested names are stored once before the load and never again, so after the first request of a name at an origin, every later one there ends so. Routing is along successors, so lookups cost ~N/2 hops.',
    );
  },
};
