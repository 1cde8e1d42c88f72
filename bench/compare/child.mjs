// Shared by the compare children: arguments in, one JSON line out, memory after GC, bounded loops.
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { violations } from './guard.mjs';

export const args = JSON.parse(process.argv[2] ?? '{}');

export async function rssAfterGc() {
  if (globalThis.gc) {
    globalThis.gc();
    await delay(50);
    globalThis.gc();
  }
  return process.memoryUsage().rss;
}

/** mulberry32, seeded by the parent so node choices repeat. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` back to back for `ms`, not measured: the code measured next is optimised as in a node that has run a while. */
export async function warmLoop(ms, fn) {
  const until = performance.now() + ms;
  for (let i = 0; performance.now() < until; i++) await fn(i);
}

/** Times `fn` up to `count` times or until `deadline` (performance.now() ms); returns ms per call. */
export async function timedLoop(count, deadline, fn) {
  const out = [];
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function report(result) {
  process.stdout.write(`${JSON.stringify({ ...result, violations })}\n`);
  if (violations.length > 0) process.exitCode = 3;
}
