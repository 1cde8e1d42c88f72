// Figure (issue 19): stores along successors while peers are killed; a hop to a dead peer goes another way at the hop
// timeout, and a store's copies and its answer are bounded by the hop timeout plus the time its bytes may take, so no
// store waits out its deadline: each (acknowledged or failed) should take at most twice the hop timeout plus its transfer.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Context, type Figure, valueRow } from '../lib/figure.ts';
import { distinctIds, startAndWait, withRing } from '../lib/rings.ts';
import { latencyRow } from './floor.ts';
import { resolveConfig } from '../../src/config.ts';
import { transferAllowanceMs } from '../../src/core/replication.ts';

const PEERS = 12;
const STORES = { quick: 200, full: 200 };
/** Peers killed while the stores run, spread over them (never an origin with a store in flight). */
const KILLS = { quick: 2, full: 4 };
/** Stores in flight at once, so a kill finds some of them on their way. */
const IN_FLIGHT = 4;
const FILE_BYTES = 16 * 1024;
const PING_INTERVAL_MS = 200;
/** The peers' hop timeout at this interval (the ping timeout, at least 0.5 s). */
const HOP_TIMEOUT_MS = resolveConfig({ pingIntervalMs: PING_INTERVAL_MS }).hopTimeoutMs;
/** Issue 19's bound on a store while peers are killed: twice the hop timeout plus the time the peers allow its bytes. */
const BOUND_MS = 2 * HOP_TIMEOUT_MS + transferAllowanceMs(FILE_BYTES);

export const kills: Figure = {
  name: 'kills',
  title: `stores along successors while peers are killed (${PEERS} peers, ping every ${PING_INTERVAL_MS / 1000} s, hop timeout ${HOP_TIMEOUT_MS / 1000} s)`,
  seconds: (mode) => 10 + STORES[mode] * 0.05,
  async run(ctx: Context) {
    const stores = STORES[ctx.mode];
    const killCount = KILLS[ctx.mode];
    const ids = distinctIds(PEERS, ctx.random);
    const { times, failed, all, killed } = await withRing(ids, { pingIntervalMs: PING_INTERVAL_MS }, async (ring) => {
      await startAndWait(ring);
      await mkdir(ring.filesDir, { recursive: true });
      const names = Array.from({ length: stores }, (_, i) => String((i * 37) % 10_000).padStart(4, '0'));
      for (const name of names) await writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(FILE_BYTES));
      const live = [...ids];
      const busy = new Map<number, number>(); // origin -> stores in flight there
      const killAt = new Set(
        Array.from({ length: killCount }, (_, k) => Math.floor(((k + 1) * stores) / (killCount + 1))),
      );
      const out: number[] = [];
      const errors: string[] = [];
      /** Every store's time, failed ones included, with what it was. */
      const every: { ms: number; what: string }[] = [];
      const victimsKilled: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < names.length) {
          const i = next++;
          if (killAt.has(i)) {
            // A peer no store starts from now is killed while the others' stores are on their way.
            const victims = live.filter((id) => (busy.get(id) ?? 0) === 0);
            const victim = victims[Math.floor(ctx.random() * victims.length)];
            if (victim !== undefined) {
              live.splice(live.indexOf(victim), 1);
              victimsKilled.push(victim);
              void ring.kill(victim);
            }
          }
          const origin = live[Math.floor(ctx.random() * live.length)]!;
          busy.set(origin, (busy.get(origin) ?? 0) + 1);
          const started = performance.now();
          const result = await ring.peer(origin).store(names[i]!);
          const ms = performance.now() - started;
          busy.set(origin, busy.get(origin)! - 1);
          if (result.ok) out.push(ms);
          else errors.push(`${names[i]} from ${origin} (${result.code}, ${ms.toFixed(0)} ms): ${result.error}`);
          every.push({ ms, what: `${names[i]} from ${origin}, ${result.ok ? 'ok' : result.code}` });
          ctx.progress(out.length / names.length, `${out.length}/${names.length} stores`);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return { times: out, failed: errors, all: every, killed: victimsKilled };
    });
    ctx.record(
      latencyRow(
        'kills',
        'kills.store',
        `store of ${FILE_BYTES / 1024} KiB while ${killCount} of ${PEERS} peers are killed`,
        times,
      ),
    );
    const slowest = all.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, what: 'none' });
    ctx.record(
      valueRow({
        figure: 'kills',
        name: 'kills.store.max',
        label: `slowest store, acknowledged or failed, while peers are killed (issue 19: at most 2 × the hop timeout plus its transfer, ${BOUND_MS} ms)`,
        n: all.length,
        value: slowest.ms,
        unit: 'ms',
      }),
    );
    ctx.note(
      `slowest store: ${slowest.ms.toFixed(1)} ms (${slowest.what}) against the bound ${BOUND_MS} ms (2 × the hop timeout ${HOP_TIMEOUT_MS} ms + ${transferAllowanceMs(FILE_BYTES)} ms for ${FILE_BYTES / 1024} KiB at the slowest rate the peers allow): ${slowest.ms <= BOUND_MS ? 'met' : 'NOT met'}`,
    );
    for (const error of failed.slice(0, 3)) ctx.note(`store failed: ${error}`);
    ctx.note(
      `${stores} stores, ${IN_FLIGHT} in flight at a time from random live peers, routed along successors (8-bit ids); ${killCount} peers killed at even points among them (never one with a store of its own in flight): ${killed.join(', ')}. ${times.length} stores ok, ${failed.length} failed. A hop to a killed peer is not acknowledged within the hop timeout and goes to the next successor; a copy to one counts as failed at the hop timeout plus its transfer; an origin whose holder was killed after taking its file fails the store (TIMEOUT) about as soon.`,
    );
  },
};
