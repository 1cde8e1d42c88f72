// Figure: the same ring as one Node process per peer (`ringdht init`, as the original ran one Python process a peer):
// time until every peer has ping answers from both successors, and memory (RSS) per process, beside an idle `node`'s.
// The peers run the built package (dist/, as `npx ringdht` does), built at the start of the figure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { successorsInRing } from '../../src/core/ring.ts';
import { type Context, type Figure, type Mode, valueRow } from '../lib/figure.ts';
import { distinctIds } from '../lib/rings.ts';

const BIN = fileURLToPath(new URL('../../bin/ringdht.mjs', import.meta.url));
const BUILD = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
const SIZES: Record<Mode, number[]> = { quick: [7], full: [7, 32] };
const PING_INTERVAL_S = 1;
const WAIT_MS = 120_000;
const MB = 1e6;

/**
 * A process's memory (Linux), in bytes: VmRSS, and RssAnon, its private part (heaps, stacks). The rest of VmRSS is
 * RssFile, mostly the node binary's pages, which every node process counts and all of them share.
 */
async function memoryOf(pid: number): Promise<{ rss: number; anon: number; pss: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (text: string, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb(status, 'VmRSS'), anon: kb(status, 'RssAnon'), pss: kb(rollup, 'Pss') };
}

/** The floor: an idle `node` process (a timer and nothing else), measured in the same run. */
async function idleNode(): Promise<{ rss: number; anon: number; pss: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`idle node exited with ${code}`)));
    });
    return await memoryOf(child.pid!);
  } finally {
    await endAll([child]);
  }
}

/** Ends the processes this figure started, by their pids, and waits for each. */
async function endAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

async function measure(ctx: Context, n: number): Promise<void> {
  const ids = distinctIds(n, ctx.random);
  const successors = successorsInRing(ids, 2);
  const root = await mkdtemp(join(tmpdir(), 'ringdht-processes-'));
  const basePort = 10_000 + Math.floor(ctx.random() * (32_768 - 256 - 10_000));
  const missing = new Set<string>();
  for (const [id, list] of successors) for (const s of list) if (s !== id) missing.add(`${id}<-${s}`);
  const children: ChildProcess[] = [];
  const t0 = performance.now();
  try {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${missing.size} successors had not answered within ${WAIT_MS / 1000} s`)),
        WAIT_MS,
      );
      for (const [id, [s1, s2]] of successors) {
        const child = spawn(
          process.execPath,
          [
            BIN,
            'init',
            String(id),
            String(s1),
            String(s2),
            String(PING_INTERVAL_S),
            '--json',
            '--base-port',
            String(basePort),
          ],
          {
            cwd: root,
            stdio: ['pipe', 'pipe', 'ignore'],
          },
        );
        children.push(child);
        child.on('exit', (code) => code !== 0 && code !== null && reject(new Error(`peer ${id} exited with ${code}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (!line.includes('"ping.response"')) return;
          const event = JSON.parse(line) as { from?: number };
          missing.delete(`${id}<-${event.from}`);
          if (missing.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    await ready;
    const seconds = (performance.now() - t0) / 1000;
    const memory = await Promise.all(children.map((c) => memoryOf(c.pid!)));
    const perPeerMb = memory.reduce((a, b) => a + b.rss, 0) / n / MB;
    const perPeerAnonMb = memory.reduce((a, b) => a + b.anon, 0) / n / MB;
    const perPeerPssMb = memory.reduce((a, b) => a + b.pss, 0) / n / MB;
    const one = (what: string, label: string, value: number, unit: string) =>
      ctx.record(
        valueRow({ figure: 'processes', name: `processes.${what}.N${n}`, label: `${label}, N=${n}`, value, unit }),
      );
    one('time', 'first spawn until every peer has ping answers from both successors', seconds, 's');
    one('rss', 'RSS per peer (one Node process each)', perPeerMb, 'MB');
    one('anon', 'private RSS (RssAnon) per peer (one Node process each)', perPeerAnonMb, 'MB');
    one('pss', 'proportional RSS (Pss: shared pages divided among their processes) per peer', perPeerPssMb, 'MB');
  } finally {
    await endAll(children);
    await rm(root, { recursive: true, force: true });
  }
}

export const processes: Figure = {
  name: 'processes',
  title: 'the same ring as one Node process per peer (`ringdht init`, as the original ran)',
  seconds: (mode) => (mode === 'quick' ? 10 : 40),
  async run(ctx: Context) {
    const built = spawnSync(process.execPath, [BUILD], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('npm run build failed');
    const idle = await idleNode();
    for (const [what, label, value] of [
      ['rss', 'RSS of an idle node process', idle.rss],
      ['anon', 'private RSS (RssAnon) of an idle node process', idle.anon],
      ['pss', 'proportional RSS (Pss) of an idle node process, alone', idle.pss],
    ] as const)
      ctx.record(
        valueRow({ figure: 'processes', name: `processes.idle.${what}`, label, value: value / MB, unit: 'MB' }),
      );
    const sizes = SIZES[ctx.mode];
    for (const [i, n] of sizes.entries()) {
      ctx.progress(i / sizes.length, `N=${n}`);
      try {
        await measure(ctx, n);
      } catch (error) {
        ctx.problem(`N=${n}: ${(error as Error).message}`);
      }
    }
    ctx.note(
      "Each peer is `node bin/ringdht.mjs init ID S1 S2 1 --json` started at once, as a user would: the built package (dist/, built at the start of the figure), plain node, the peer's actor in a worker thread of its own (the default). RSS is each process's VmRSS once all are ready, summed and divided by N; private RSS is its RssAnon (VmRSS less the file pages, mostly node's own binary, which every node process counts and all share); Pss counts each shared page once, divided among the processes that map it (what N processes side by side really cost the machine, per process). An idle `node` process is measured in the same run as the floor; compare with the startup figure's one-process rings.",
    );
  },
};
