// Figure 4, start-up and memory: time until every peer has heard from both successors, RSS and threads per peer.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Context, type Figure, type Mode, valueRow } from '../lib/figure.ts';
import { rssAfterGc } from '../lib/memory.ts';
import { builtRingdht, bundledRingdht, sourceRingdht, type Ringdht } from '../lib/ringdht.ts';
import { distinctIds, openRing, startAndWait } from '../lib/rings.ts';

const VARIANTS: { key: string; label: string; load: () => Promise<Ringdht>; sizes: Record<Mode, number[]> }[] = [
  {
    key: 'bundle',
    label: 'esbuild bundle of src/ (plain JS workers)',
    load: bundledRingdht,
    sizes: { quick: [7, 32, 64], full: [7, 32, 64, 128, 256] },
  },
  // The package as users run it (`npx ringdht`, `import 'ringdht'`): dist/ from `npm run build`.
  {
    key: 'dist',
    label: 'the built package, dist/ (createRing as a user runs it)',
    load: builtRingdht,
    sizes: { quick: [7, 32], full: [7, 32, 64] },
  },
  // The library run from its TypeScript sources (as the tests do): the host bundles the worker code with esbuild once, at start.
  {
    key: 'tsx',
    label: 'src/ from the sources through tsx (as the tests run it)',
    load: sourceRingdht,
    sizes: { quick: [7, 32], full: [7, 32, 64] },
  },
];
/** Long enough that the first round decides; short enough that a lost first ping is retried. */
const PING_INTERVAL_MS = 1_000;
const MB = 1e6;

/** Threads in this process (Linux), to show what one peer costs besides its worker: null elsewhere. */
function threads(): number | null {
  try {
    return Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  } catch {
    return null;
  }
}

async function measure(ctx: Context, lib: Ringdht, key: string, n: number): Promise<void> {
  const ids = distinctIds(n, ctx.random);
  const before = await rssAfterGc();
  const threadsBefore = threads();
  const t0 = performance.now();
  // Not started by createRing, so the listener is in place before the first answer can arrive.
  const ring = await openRing(ids, { pingIntervalMs: PING_INTERVAL_MS }, lib);
  try {
    const listening = (performance.now() - t0) / 1000;
    await startAndWait(ring);
    const seconds = (performance.now() - t0) / 1000;
    const perPeerMb = ((await rssAfterGc()) - before) / n / MB;
    const threadsAfter = threads();
    const one = (what: string, label: string, value: number, unit: string, plot?: string) =>
      ctx.record(
        valueRow({
          figure: 'startup',
          name: `startup.${key}.${what}.N${n}`,
          label: `${label} [${key}], N=${n}`,
          value,
          unit,
          ...(plot ? { params: { N: n, plot, series: `ringdht (${key})` } } : {}),
        }),
      );
    one('listening', 'createRing until every peer listens', listening, 's');
    one('time', 'createRing until every peer has ping answers from both successors', seconds, 's', 'startup');
    one('rss', 'RSS per peer (process RSS delta / N)', perPeerMb, 'MB', 'memory');
    if (threadsBefore !== null && threadsAfter !== null)
      one('threads', 'OS threads per peer (thread count delta / N)', (threadsAfter - threadsBefore) / n, 'threads');
  } finally {
    await ring.close();
  }
}

export const startup: Figure = {
  name: 'startup',
  title: 'start-up and memory of a ring in one process, one worker thread per peer',
  seconds: (mode) => (mode === 'quick' ? 25 : 80),
  async run(ctx: Context) {
    const runs = VARIANTS.flatMap((v) => v.sizes[ctx.mode].map((n) => ({ v, n })));
    for (const [i, { v, n }] of runs.entries()) {
      ctx.progress(i / runs.length, `${v.key} N=${n}`);
      try {
        await measure(ctx, await v.load(), v.key, n);
      } catch (error) {
        // A ring that cannot start is a result of this figure, not the end of the run.
        ctx.problem(`${v.key}, N=${n}: ${(error as Error).message}`);
      }
    }
    for (const v of VARIANTS) ctx.note(`[${v.key}] = ${v.label}.`);
    ctx.note(
      "Rings over 32 peers start as several createRing calls of 32 on one base port (bench/lib/rings.ts), one after another; from 96 running peers on, each next call first waits (at most 30 s) for the process's CPU use to settle, since the workers keep it busy for seconds after they answer. Those waits are part of the N=128 and N=256 times.",
    );
    ctx.note(
      'One sample per N (a ring start-up is the unit); the main process is the baseline, measured after a GC just before. RSS is the whole process (main thread and every worker), after a GC of the main thread only.',
    );
    ctx.note(
      '[tsx]: the main thread runs the sources through tsx; the host bundles the actor code with esbuild once (about 40 ms) and every worker runs that plain JS, so the peers themselves cost the same as with the bundle. The esbuild service process is outside this RSS.',
    );
    ctx.note(
      "[dist]: `npm run build` at the start of the run; the host is tsc's ESM output, one module per source file, and every worker runs dist/actor/bootstrap.cjs, the bundle the build makes as the bench makes its own.",
    );
  },
};
