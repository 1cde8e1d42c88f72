// Figure: lookups along successors against finger tables, in one process (N = 8..256 on 2 worker threads) and in the simulator (up to 100,000 peers).
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { idealFingers } from '../../src/core/fingers.ts';
import { receivedFileName } from '../../src/actor/received-name.ts';
import { successorsInRing } from '../../src/core/ring.ts';
import type { Routing } from '../../src/core/routing.ts';
import type { Ring, RingEvent } from '../../src/index.ts';
import { randomBasePort } from '../../src/host/testing.ts';
import { runScenario } from '../../src/sim/scenario.ts';
import { type Context, type Figure, valueRow } from '../lib/figure.ts';
import { bundledRingdht } from '../lib/ringdht.ts';
import { RAM_DISK } from '../lib/rings.ts';
import { pick } from '../lib/stats.ts';
import { latencyRow } from './floor.ts';

const ID_BITS = 32;
const THREADS = 2;
// Quick: one ring size (the lookup figure has both routings at every size, one worker per peer).
// 8 and 64: issue 20's get rows (the whole ring on 2 threads) against hyperdht's get at N=8 and N=64.
const SIZES = { quick: [8, 64], full: [8, 32, 64, 128, 256] };
const SIM_SIZES = { quick: [8, 64, 512], full: [8, 64, 512, 4_096, 32_768, 100_000] };
/** Successor routing walks half the ring per lookup: the simulator stops it here. */
const SIM_SUCCESSOR_MAX = 4_096;
const FILES = 20;
const FILE_BYTES = 1024;
const REQUESTS = { quick: 200, full: 500 };
/** Fast enough that fix-fingers (one finger per interval) settles in seconds; every lookup also waits for this. */
const PING_INTERVAL_MS = 500;
const FINGERS_WAIT_MS = 60_000;
const BUDGET_MS = { quick: 10_000, full: 30_000 };
const PORT_ATTEMPTS = 4;

/** Random distinct 32-bit ids, sorted. */
function ids32(n: number, random: () => number): number[] {
  const ids = new Set<number>();
  while (ids.size < n) ids.add(Math.floor(random() * 2 ** ID_BITS));
  return [...ids].sort((a, b) => a - b);
}

/** Resolves once every peer heard a ping response from each successor: the ring is ready. */
function pingsAnswered(ring: Ring, ids: number[]): Promise<void> {
  const missing = new Set<string>();
  for (const [id, successors] of successorsInRing(ids, 2)) for (const s of successors) missing.add(`${id}<-${s}`);
  return new Promise((resolve) => {
    const off = ring.on((e) => {
      if (e.kind === 'line' && e.line.event === 'ping.response') missing.delete(`${e.peer}<-${String(e.line.from)}`);
      if (missing.size === 0) {
        off();
        resolve();
      }
    });
  });
}

/** Waits, one ping round at a time, until every peer's table is the ideal one; false if it did not within the bound. */
async function fingersSettled(ring: Ring, ids: number[]): Promise<boolean> {
  const until = performance.now() + FINGERS_WAIT_MS;
  while (performance.now() < until) {
    let ideal = true;
    for (const id of ids) {
      // A thread hosting 128 peers can be busy for a while: a slow answer is a round not yet settled, not a failure.
      const status = await ring
        .peer(id)
        .status()
        .catch(() => undefined);
      if (JSON.stringify(status?.fingers) !== JSON.stringify(idealFingers(id, ids, ID_BITS))) {
        ideal = false;
        break;
      }
    }
    if (ideal) return true;
    await ring.waitFor((e) => e.kind === 'line' && e.line.event === 'ping.sent', 10_000);
  }
  return false;
}

async function measureRing(ctx: Context, n: number, routing: Routing): Promise<void> {
  const { createRing } = await bundledRingdht();
  const ids = ids32(n, ctx.random);
  const root = await mkdtemp(join(existsSync(RAM_DISK) ? RAM_DISK : tmpdir(), 'ringdht-bench-'));
  const filesDir = join(root, 'files');
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const open = (attempt: number): ReturnType<typeof createRing> =>
    createRing({
      peers: ids,
      idBits: ID_BITS,
      routing,
      threads: THREADS,
      // Within RINGDHT_TEST_PORTS when set (as every other figure's rings), else below the ephemeral range.
      basePort: randomBasePort(),
      pingIntervalMs: PING_INTERVAL_MS,
      dataDir: join(root, 'data'),
      filesDir,
      start: false,
    }).catch((error: { code?: string }) => {
      // Another program may hold a port of the random range: another range then.
      if (error.code !== 'PORT_IN_USE' || attempt >= PORT_ATTEMPTS) throw error;
      return open(attempt + 1);
    });
  const ring = await open(1);
  try {
    const ready = pingsAnswered(ring, ids);
    await ring.startAll();
    await ready;
    const readyMs = performance.now() - t0;
    const tag = `${routing}.N${n}`;
    ctx.record(
      valueRow({
        figure: 'routing',
        name: `routing.ready.${tag}`,
        label: `${routing}: ${n} peers on ${THREADS} threads ready (created, every peer answered by its successors)`,
        value: readyMs,
        unit: 'ms',
      }),
    );
    const rssPerPeer = (process.memoryUsage().rss - rssBefore) / n / 2 ** 20;
    ctx.record(
      valueRow({
        figure: 'routing',
        name: `routing.rss.${tag}`,
        label: `${routing}: RSS added per peer (${n} peers, ${THREADS} threads)`,
        value: rssPerPeer,
        unit: 'MB',
      }),
    );
    if (routing === 'finger' && !(await fingersSettled(ring, ids)))
      ctx.problem(`N=${n}: finger tables not ideal within ${FINGERS_WAIT_MS / 1000} s`);
    await mkdir(filesDir, { recursive: true });
    const names = Array.from({ length: FILES }, (_, i) => `file-${i}.bin`);
    for (const name of names) {
      await writeFile(join(filesDir, name), Buffer.alloc(FILE_BYTES, 7));
      const stored = await ring.peer(pick(ids, ctx.random)).store(name);
      if (!stored.ok) throw new Error(`store ${name}: ${stored.error}`);
    }
    // Lookup time: from the origin's first hop (its "sent" line) to the holder's "stored here" line, both on this process's clock.
    const sentAt = new Map<string, number>();
    const lookupMs: number[] = [];
    const off = ring.on((e: RingEvent) => {
      if (e.kind !== 'line') return;
      if (e.line.event === 'request.sent') sentAt.set(String(e.line.name), e.t);
      if (e.line.event === 'request.found' && sentAt.has(String(e.line.name)))
        lookupMs.push(e.t - sentAt.get(String(e.line.name))!);
    });
    const requestMs: number[] = [];
    const hops: number[] = [];
    const deadline = performance.now() + BUDGET_MS[ctx.mode];
    for (let k = 0; k < REQUESTS[ctx.mode] && performance.now() < deadline; k++) {
      const name = pick(names, ctx.random);
      sentAt.delete(name);
      const id = pick(ids, ctx.random);
      // A copy already there with the same bytes would be kept, not written: this row times the write.
      await rm(join(filesDir, `peer-${id}`, receivedFileName(name)), { force: true });
      const result = await ring.peer(id).request(name);
      if (!result.ok) throw new Error(`request ${name}: ${result.error}`);
      requestMs.push(result.ms);
      hops.push(result.hops);
    }
    off();
    // Gets (the file kept in memory, no file written): the like-for-like comparison with a DHT's get.
    const getMs: number[] = [];
    for (let k = 0; k < REQUESTS[ctx.mode] && performance.now() < deadline + BUDGET_MS[ctx.mode] / 2; k++) {
      const name = pick(names, ctx.random);
      const result = await ring.peer(pick(ids, ctx.random)).get(name);
      if (!result.ok) throw new Error(`get ${name}: ${result.error}`);
      getMs.push(result.ms);
    }
    const params = { N: n, routing };
    if (getMs.length > 0)
      ctx.record(
        latencyRow(
          'routing',
          `routing.get.${tag}`,
          `${routing}: get of ${FILE_BYTES} B (CommandResult.ms: lookup, transfer, kept in memory), N=${n}`,
          getMs,
          { params },
        ),
      );
    ctx.record(
      latencyRow('routing', `routing.hops.${tag}`, `${routing}: hops per request, N=${n}`, hops, {
        unit: 'hops',
        params,
      }),
    );
    ctx.record(
      latencyRow(
        'routing',
        `routing.lookup.${tag}`,
        `${routing}: lookup (first hop sent to the holder's "stored here"), N=${n}`,
        lookupMs,
        { params },
      ),
    );
    ctx.record(
      latencyRow(
        'routing',
        `routing.request.${tag}`,
        `${routing}: request of ${FILE_BYTES} B (CommandResult.ms: lookup, transfer, atomic write), N=${n}`,
        requestMs,
        { params },
      ),
    );
  } finally {
    await ring.close();
    await rm(root, { recursive: true, force: true });
  }
}

function simulate(ctx: Context, n: number, routing: Routing): void {
  const summary = runScenario({
    seed: 1,
    peers: n,
    idBits: ID_BITS,
    routing,
    durationMs: 10_000,
    ops: 1_000,
    storeShare: 1,
  });
  if (summary.violations.length > 0)
    ctx.problem(`sim N=${n} ${routing}: ${summary.violations[0]!.invariant}: ${summary.violations[0]!.message}`);
  const half = 0.5 * Math.log2(n);
  ctx.record({
    figure: 'routing',
    name: `routing.sim.hops.${routing}.N${n}`,
    label: `simulator, ${routing}: hops per lookup, N=${n} (0.5 log2 N = ${half.toFixed(1)})`,
    n: summary.lookups.ok + summary.lookups.failed,
    p50: summary.hops.p50,
    p95: null,
    p99: summary.hops.p99,
    mean: summary.hops.p50,
    unit: 'hops',
    params: { N: n, routing, halfLog2N: half },
  });
}

export const routing: Figure = {
  name: 'routing',
  title: `lookups along successors and on finger tables: ${ID_BITS}-bit ids, ${THREADS} worker threads for the whole ring, and the simulator up to 100,000 peers`,
  seconds: (mode) => (mode === 'quick' ? 20 : 400),
  async run(ctx: Context) {
    const rings = SIZES[ctx.mode].flatMap((n) => (['finger', 'successor'] as const).map((r) => ({ n, r })));
    const sims = SIM_SIZES[ctx.mode].flatMap((n) =>
      (['finger', 'successor'] as const).filter((r) => r === 'finger' || n <= SIM_SUCCESSOR_MAX).map((r) => ({ n, r })),
    );
    const steps = rings.length + sims.length;
    for (const [i, { n, r }] of rings.entries()) {
      ctx.progress(i / steps, `N=${n} ${r}`);
      try {
        await measureRing(ctx, n, r);
      } catch (error) {
        ctx.problem(`N=${n} ${r}: ${(error as Error).message}`);
      }
    }
    for (const [i, { n, r }] of sims.entries()) {
      ctx.progress((rings.length + i) / steps, `sim N=${n} ${r}`);
      simulate(ctx, n, r);
    }
    ctx.note(
      `In one process: ${ID_BITS}-bit ids drawn at random (seeded), successors derived, all peers hosted by ${THREADS} worker threads (\`--threads ${THREADS}\`), each peer with its own UDP and TCP sockets; data and received files on ${RAM_DISK} when it exists. Finger rows are measured once every finger table is the ideal one (fix-fingers, one finger per ${PING_INTERVAL_MS} ms interval).`,
    );
    ctx.note(
      "Ready: from createRing to the moment every peer has had a ping response from both its successors. RSS: the process's resident memory added per peer at that moment.",
    );
    ctx.note(
      `Hops count every peer-to-peer hop of the lookup, the last one (from the key's predecessor to the responsible peer) included: Chord's 0.5 log2 N counts the hops to the predecessor, so expect about one more. A request's time also covers the file's transfer on a connection of its own and its atomic write (temporary file, fsync, rename); the lookup row is the routing alone.`,
    );
    ctx.note(
      `Simulator: the same core on a virtual clock (LAN latency), peers built with their ideal finger tables (as with their successor lists), ${1_000} stores from random peers (stores only: a request for an absent name also asks the replicas, which adds hops that are not routing). Successor routing is simulated up to ${SIM_SUCCESSOR_MAX} peers (it takes N/2 hops).`,
    );
  },
};
