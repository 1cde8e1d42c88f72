// Figure 1, the floor: what a round trip costs between two worker threads on 127.0.0.1 before any DHT code runs.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Figure, Context, Row } from '../lib/figure.ts';
import { summarise } from '../lib/stats.ts';
import { startWorker, workerPair } from '../lib/workers.ts';

const WARMUP = 300;
/** Each kind is measured in this many interleaved rounds, each with fresh workers. */
const ROUNDS = 3;
const SAMPLES = { quick: 6_000, full: 24_000 };
const BUDGET_MS = { quick: 6_000, full: 30_000 };
/** About the size of a ringdht ping or lookup envelope. */
const PAYLOAD_BYTES = 64;
/** The paced rows sleep this long between rounds, as the ping figure's peers do between ping rounds. */
export const PACED_GAP_MS = 4;
const PACED_SAMPLES = { quick: 900, full: 3_000 };

export function latencyRow(
  figure: string,
  name: string,
  label: string,
  samplesMs: readonly number[],
  extra: Partial<Row> = {},
): Row {
  const s = summarise(samplesMs);
  return { figure, name, label, n: s.n, p50: s.p50, p95: s.p95, p99: s.p99, mean: s.mean, unit: 'ms', ...extra };
}

async function comlinkRoundTrips(samples: number, budgetMs: number): Promise<number[]> {
  const worker = startWorker('comlink-echo.mjs', null);
  const api = Comlink.wrap<{ echo(x: number): number }>(nodeEndpoint(worker));
  const out: number[] = [];
  const deadline = performance.now() + budgetMs;
  try {
    for (let i = 0; i < WARMUP + samples && performance.now() < deadline; i++) {
      const t0 = performance.now();
      await api.echo(i);
      if (i >= WARMUP) out.push(performance.now() - t0);
    }
  } finally {
    api[Comlink.releaseProxy]();
    await worker.terminate();
  }
  return out;
}

/** One fsync'd atomic write of `bytes` in `dir`, as a store's copy is written: temporary file, fsync, rename, directory fsync. */
async function atomicWrites(dir: string, bytes: number, samples: number, budgetMs: number): Promise<number[]> {
  const work = await mkdtemp(join(dir, 'floor-atomic-'));
  const data = randomBytes(bytes);
  const out: number[] = [];
  const deadline = performance.now() + budgetMs;
  try {
    for (let i = 0; i < 10 + samples && performance.now() < deadline; i++) {
      const t0 = performance.now();
      const tmp = join(work, `f${i}.tmp`);
      const file = await open(tmp, 'wx');
      await file.write(data);
      await file.sync();
      await file.close();
      await rename(tmp, join(work, `f${i}`));
      const d = await open(work, 'r');
      await d.sync();
      await d.close();
      if (i >= 10) out.push(performance.now() - t0);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return out;
}

export const ATOMIC_WRITE_BYTES = 1024;

export const floor: Figure = {
  name: 'floor',
  title: 'round trips between two worker threads on 127.0.0.1 (no DHT code)',
  seconds: (mode) => (mode === 'quick' ? 12 : 40),
  async run(ctx: Context) {
    const budgetMs = BUDGET_MS[ctx.mode] / ROUNDS;
    const back = { warmup: WARMUP, samples: SAMPLES[ctx.mode] / ROUNDS, budgetMs, payloadBytes: PAYLOAD_BYTES };
    const paced = {
      warmup: 50,
      samples: PACED_SAMPLES[ctx.mode] / ROUNDS,
      budgetMs,
      payloadBytes: PAYLOAD_BYTES,
      gapMs: PACED_GAP_MS,
    };
    const kinds = {
      udp: () => workerPair({ mode: 'udp', ...back }),
      tcp: () => workerPair({ mode: 'tcp', ...back }),
      'udp.paced': () => workerPair({ mode: 'udp', ...paced }),
      'tcp.paced': () => workerPair({ mode: 'tcp', ...paced }),
      comlink: () => comlinkRoundTrips(back.samples, budgetMs),
    };
    const pooled = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    // Interleaved rounds with fresh workers each time: this VM's floor drifts between runs (TCP p50 from 25 to 70 µs),
    // so every kind is sampled at several moments and the samples pooled.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, [kind, measure]] of Object.entries(kinds).entries()) {
        ctx.progress((round * 5 + k) / (ROUNDS * 5), `${kind} (round ${round + 1}/${ROUNDS})`);
        pooled.get(kind)!.push(...(await measure()));
      }
    }
    const get = (kind: string) => pooled.get(kind)!;
    ctx.progress(0.99, 'atomic write');
    ctx.record(
      latencyRow(
        'floor',
        'floor.atomicwrite',
        `one fsync'd atomic write of ${ATOMIC_WRITE_BYTES} B (temporary file, fsync, rename, directory fsync) where rings keep their files`,
        await atomicWrites(tmpdir(), ATOMIC_WRITE_BYTES, 200, 5_000),
      ),
    );
    ctx.record(latencyRow('floor', 'floor.udp', `UDP echo, ${PAYLOAD_BYTES} B, worker ↔ worker`, get('udp')));
    ctx.record(
      latencyRow(
        'floor',
        'floor.tcp',
        `TCP request/response, ${PAYLOAD_BYTES} B, kept-open, noDelay, worker ↔ worker`,
        get('tcp'),
      ),
    );
    ctx.record(
      latencyRow(
        'floor',
        'floor.udp.paced',
        `UDP echo, ${PAYLOAD_BYTES} B, one every ${PACED_GAP_MS} ms, worker ↔ worker`,
        get('udp.paced'),
      ),
    );
    ctx.record(
      latencyRow(
        'floor',
        'floor.tcp.paced',
        `TCP request/response, ${PAYLOAD_BYTES} B, one every ${PACED_GAP_MS} ms, worker ↔ worker`,
        get('tcp.paced'),
      ),
    );
    ctx.record(
      latencyRow('floor', 'floor.comlink', 'comlink call, main thread → worker → main thread', get('comlink')),
    );
    ctx.note(
      `Sequential round trips, ${ROUNDS} interleaved rounds of fresh worker pairs, each after ${WARMUP} (paced: 50) warm-up rounds; the client is a worker thread timing with performance.now(). UDP datagrams that get no answer within 200 ms are dropped from the samples.`,
    );
    ctx.note(
      `Back-to-back rounds keep both threads hot; the paced rows idle ${PACED_GAP_MS} ms between rounds, so each round wakes sleeping threads, as a ringdht ping round or a lookup hop does.`,
    );
  },
};
