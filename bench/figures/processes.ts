// Figure: the same ring as one Node process per peer (`ringdht init`, as the original ran one Python process a peer):
// time until every peer has ping answers from both successors, and memory (RSS) per process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { successorsInRing } from '../../src/core/ring.ts';
import type { Context, Figure, Mode } from '../lib/figure.ts';
import { distinctIds } from '../lib/rings.ts';

const BIN = fileURLToPath(new URL('../../bin/ringdht.mjs', import.meta.url));
const SIZES: Record<Mode, number[]> = { quick: [7], full: [7, 32] };
const PING_INTERVAL_S = 1;
const WAIT_MS = 120_000;
const MB = 1e6;

/** VmRSS of a process (Linux), in bytes. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
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
    const rss = await Promise.all(children.map((c) => rssOf(c.pid!)));
    const perPeerMb = rss.reduce((a, b) => a + b, 0) / n / MB;
    const one = (what: string, label: string, value: number, unit: string) =>
      ctx.record({
        figure: 'processes',
        name: `processes.${what}.N${n}`,
        label: `${label}, N=${n}`,
        n: 1,
        p50: value,
        p95: null,
        p99: null,
        mean: value,
        unit,
      });
    one('time', 'first spawn until every peer has ping answers from both successors', seconds, 's');
    one('rss', 'RSS per peer (one Node process each)', perPeerMb, 'MB');
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
      "Each peer is `node bin/ringdht.mjs init ID S1 S2 1 --json` started at once, as a user would (the CLI runs the sources through tsx, which compiles them in every process). RSS is each process's VmRSS once all are ready, summed and divided by N; compare with the startup figure's one-process rings.",
    );
  },
};
