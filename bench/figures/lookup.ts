// Figure 3, lookup: store and request latency with hops at growing ring sizes, along successors and on finger tables,
// and the cost per hop against the TCP floor.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { receivedFileName } from '../../src/actor/received-name.ts';
import { idealFingers } from '../../src/core/fingers.ts';
import { keyOf, responsibleFor } from '../../src/core/ring.ts';
import type { Routing } from '../../src/core/routing.ts';
import { DEFAULTS, type CommandResult } from '../../src/index.ts';
import type { Context, Figure, Row } from '../lib/figure.ts';
import { distinctIds, onRamDisk, RAM_DISK, startAndWait, withRing } from '../lib/rings.ts';
import { linearFit, pick } from '../lib/stats.ts';
import { latencyRow } from './floor.ts';

const SIZES = { quick: [7, 64], full: [7, 32, 64, 128, 256] };
/** The same ring again with its files on a RAM disk, to separate the disk's share of the fixed cost. */
const RAM_DISK_SIZES = [7];
const FILE_BYTES = 1024;
const STORES = { quick: 40, full: 100 };
const WARMUP_STORES = 4;
/**
 * Then stores from random peers, not measured either: each peer's store path has run (compiled) and the connections a
 * store uses between its origin and its responsible peer (both ways) are open, as in a ring that has been storing for
 * a while. Without them the first 40 stores of a fresh 7-peer ring took 2-3.5x the p50 of later ones (bench/README.md
 * "Where one store's time goes"), and the store rows measured mostly that.
 */
const WARMUP_RANDOM_STORES = 16;
const WARMUP_REQUESTS = 20;
/**
 * Then gets back to back from random peers for this long, not measured: a ring serves for as long as it runs, so the
 * rows are its steady state, once V8 has optimised the lookup path in every peer's thread (bench/README.md twelfth
 * round). The DHTs compared with get as long before theirs are measured (compare.ts).
 */
export const STEADY_WARMUP_MS = { quick: 5_000, full: 15_000 };
const REQUESTS = { quick: 200, full: 1_000 };
/** Gets back to back from one peer of names its successor holds, on fingers: threads that stay awake (see the note). */
const AWAKE_GETS = { quick: 400, full: 2_000 };
/** Per ring size for the warm-up (cold hops at N=256 cost tens of ms each), then for the measured stores and requests. */
const WARMUP_BUDGET_MS = { quick: 15_000, full: 120_000 };
const BUDGET_MS = { quick: 12_000, full: 90_000 };
/** Cold lookups round a 256-peer ring (every worker's first request) have taken over 30 s here. */
const OP_TIMEOUT_MS = 120_000;
/** Pings only every hour: one round at start, then none (nor anti-entropy, nor fix-fingers) to disturb the lookups. */
const PING_INTERVAL_MS = 3_600_000;
const ROUTINGS: Routing[] = ['successor', 'finger'];
/** Row names: successor routing keeps the figure's first names (lookup.request.actor.N7). */
const prefix = (routing: Routing) => (routing === 'successor' ? 'lookup' : 'lookup.finger');

interface Sample {
  actorMs: number;
  wallMs: number;
  hops: number;
}

/** Distinct four-digit names (the original's file names), so every store puts a new file. */
function fileNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(String(Math.floor(random() * 10_000)).padStart(4, '0'));
  return [...names];
}

async function timed(run: () => Promise<CommandResult>): Promise<Sample> {
  const t0 = performance.now();
  const result = await run();
  const wallMs = performance.now() - t0;
  if (!result.ok) throw new Error(`${result.command} at Peer ${result.peer} failed: ${result.error}`);
  return { actorMs: result.ms, wallMs, hops: result.hops };
}

function rowsFor(op: 'store' | 'request' | 'get', n: number, routing: Routing, samples: Sample[], ram: boolean): Row[] {
  const p = prefix(routing);
  if (ram) {
    // Only the headline rows: what the same ring costs without the disk.
    return [
      latencyRow(
        'lookup',
        `${p}.${op}.actor.ramdisk.N${n}`,
        `${routing}: ${op} (CommandResult.ms), ring's files on ${RAM_DISK}, N=${n}`,
        samples.map((s) => s.actorMs),
        { references: [`${p}.${op}.actor.N${n}`] },
      ),
    ];
  }
  const params = { N: n, plot: 'latency' };
  const tag = `${op}.N${n}`;
  const fit = linearFit(
    samples.map((s) => s.hops),
    samples.map((s) => s.actorMs),
  );
  return [
    latencyRow(
      'lookup',
      `${p}.${op}.actor.N${n}`,
      `${routing}: ${op} (CommandResult.ms, in the origin actor), N=${n}`,
      samples.map((s) => s.actorMs),
      { params: { ...params, series: `ringdht ${op}, ${routing} (actor)` } },
    ),
    latencyRow(
      'lookup',
      `${p}.${op}.wall.N${n}`,
      `${routing}: ${op} (wall clock around peer.${op}(), main thread), N=${n}`,
      samples.map((s) => s.wallMs),
      { params: { N: n } },
    ),
    latencyRow(
      'lookup',
      `${p}.${op}.hops.N${n}`,
      `${routing}: ${op} hops, N=${n}`,
      samples.map((s) => s.hops),
      { unit: 'hops' },
    ),
    {
      figure: 'lookup',
      name: `${p}.${tag}.perhop`,
      label: `${routing}: ${op}: ms per hop (least-squares slope of actor ms on hops), N=${n}`,
      n: samples.length,
      p50: fit.slope,
      p95: null,
      p99: null,
      mean: fit.slope,
      unit: 'ms/hop',
      references: ['floor.tcp', 'floor.tcp.paced'],
    },
    {
      figure: 'lookup',
      name: `${p}.${tag}.fixed`,
      label: `${routing}: ${op}: fixed cost (intercept at 0 hops: transfer of ${FILE_BYTES} B${op === 'get' ? ', kept in memory' : ' + atomic write'}), N=${n}`,
      n: samples.length,
      p50: fit.intercept,
      p95: null,
      p99: null,
      mean: fit.intercept,
      unit: 'ms',
    },
  ];
}

/** One ring of `n` peers: warm-up, then stores, then requests, one at a time. */
async function measureRing(
  ctx: Context,
  n: number,
  routing: Routing,
  part: (f: number, what: string) => void,
): Promise<{ stores: Sample[]; requests: Sample[]; gets: Sample[]; awake: Sample[] }> {
  part(0, 'starting ring');
  const ids = distinctIds(n, ctx.random);
  return withRing(ids, { pingIntervalMs: PING_INTERVAL_MS, opTimeoutMs: OP_TIMEOUT_MS, routing }, async (ring) => {
    await startAndWait(ring);
    await mkdir(ring.filesDir, { recursive: true });
    const names = fileNames(WARMUP_STORES + WARMUP_RANDOM_STORES + STORES[ctx.mode], ctx.random);
    await Promise.all(names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(FILE_BYTES))));
    const holder = (name: string) => responsibleFor(keyOf(name, DEFAULTS.idBits), ids);
    // Warm-up: a store and a request issued at the key's own holder travel the whole ring (the origin does not
    // know it holds the key), which opens every kept-open connection and runs every worker's code once.
    const warm = names.slice(0, WARMUP_STORES);
    const warmUntil = performance.now() + WARMUP_BUDGET_MS[ctx.mode];
    for (const name of warm) await timed(() => ring.peer(holder(name)).store(name));
    for (let k = 0; k < WARMUP_REQUESTS && performance.now() < warmUntil; k++) {
      const name = pick(warm, ctx.random);
      await timed(() => ring.peer(k % 4 === 0 ? holder(name) : pick(ids, ctx.random)).request(name));
    }
    // On fingers, every peer also asks each of its fingers for the name whose key is that finger's id (stored or not:
    // only the route matters), so its connection to every finger, and theirs back for the hop acknowledgements, is
    // open: connections open on first use, and a cold one costs about a millisecond.
    if (routing === 'finger') {
      for (const id of ids) {
        for (const finger of new Set(idealFingers(id, ids, DEFAULTS.idBits))) {
          if (finger !== id && performance.now() < warmUntil)
            await ring.peer(id).request(String(finger).padStart(4, '0'));
        }
      }
    }
    const stored = [...warm];
    for (const name of names.slice(WARMUP_STORES, WARMUP_STORES + WARMUP_RANDOM_STORES)) {
      if (performance.now() > warmUntil) break;
      await timed(() => ring.peer(pick(ids, ctx.random)).store(name));
      stored.push(name);
    }
    const steadyUntil = performance.now() + STEADY_WARMUP_MS[ctx.mode];
    while (performance.now() < steadyUntil) await ring.peer(pick(ids, ctx.random)).get(pick(stored, ctx.random));
    part(0.1, 'store');
    const deadline = performance.now() + BUDGET_MS[ctx.mode];
    const stores: Sample[] = [];
    for (const name of names.slice(WARMUP_STORES + WARMUP_RANDOM_STORES)) {
      if (performance.now() > deadline) break;
      stores.push(await timed(() => ring.peer(pick(ids, ctx.random)).store(name)));
      stored.push(name);
      part(0.1 + 0.2 * (stores.length / STORES[ctx.mode]), 'store');
    }
    const requests: Sample[] = [];
    const total = REQUESTS[ctx.mode];
    for (let k = 0; k < total && performance.now() < deadline; k++) {
      const [id, name] = [pick(ids, ctx.random), pick(stored, ctx.random)];
      // Not timed: a copy already there with the same bytes is kept, not written; this row times the write.
      await rm(join(ring.filesDir, `peer-${id}`, receivedFileName(name)), { force: true });
      requests.push(await timed(() => ring.peer(id).request(name)));
      if (k % 20 === 0) part(0.3 + 0.7 * (k / total), 'request');
    }
    // Gets: the same requests with the file kept in memory (no file written), the like-for-like comparison with a DHT's get.
    const gets: Sample[] = [];
    for (let k = 0; k < total && performance.now() < deadline + BUDGET_MS[ctx.mode] / 2; k++)
      gets.push(await timed(() => ring.peer(pick(ids, ctx.random)).get(pick(stored, ctx.random))));
    // The same gets with the same two threads every time: one hop, from a peer to its successor and back.
    const awake: Sample[] = [];
    const held = (id: number) => stored.filter((name) => holder(name) === id);
    const most = ids.reduce((a, b) => (held(b).length > held(a).length ? b : a));
    const origin = ids[(ids.indexOf(most) + ids.length - 1) % ids.length]!; // its predecessor (ids are sorted)
    const near = held(most);
    for (let k = 0; routing === 'finger' && near.length > 0 && k < AWAKE_GETS[ctx.mode]; k++)
      awake.push(await timed(() => ring.peer(origin).get(near[k % near.length]!)));
    return { stores, requests, gets, awake };
  });
}

export const lookup: Figure = {
  name: 'lookup',
  title: `store and request of ${FILE_BYTES} B files, along successors and on finger tables, one worker per peer, all in one process`,
  needs: ['floor'],
  seconds: (mode) => (mode === 'quick' ? 40 : 700),
  async run(ctx: Context) {
    const runs = [
      ...SIZES[ctx.mode].flatMap((n) => ROUTINGS.map((routing) => ({ n, routing, ram: false }))),
      ...(existsSync(RAM_DISK) ? RAM_DISK_SIZES.map((n) => ({ n, routing: 'successor' as Routing, ram: true })) : []),
    ];
    for (const [i, { n, routing, ram }] of runs.entries()) {
      const part = (f: number, what: string) =>
        ctx.progress((i + f) / runs.length, `${routing} N=${n}${ram ? ' ram disk' : ''} ${what}`);
      const measure = () => measureRing(ctx, n, routing, part);
      try {
        const { stores, requests, gets, awake } = ram ? await onRamDisk(measure) : await measure();
        for (const row of [
          ...rowsFor('store', n, routing, stores, ram),
          ...rowsFor('request', n, routing, requests, ram),
          ...(ram || gets.length === 0 ? [] : rowsFor('get', n, routing, gets, ram)),
        ])
          ctx.record(row);
        if (!ram && awake.length > 0)
          ctx.record(
            latencyRow(
              'lookup',
              `${prefix(routing)}.get.awake.N${n}`,
              `${routing}: get (CommandResult.ms), back to back from one peer of names its successor holds (1 hop, both threads awake), N=${n}`,
              awake.map((s) => s.actorMs),
            ),
          );
      } catch (error) {
        // One ring size that cannot start or finish (this 2-core machine is shared) should not cost the others.
        ctx.problem(`${routing} N=${n}${ram ? ' (RAM disk)' : ''}: ${(error as Error).message}`);
      }
    }
    ctx.note(
      `Ids drawn at random (seeded) from 0..255, successors derived; files of ${FILE_BYTES} B with random four-digit names, stored from random peers, then requested by random peers, one operation at a time. Before them, ${WARMUP_STORES + WARMUP_RANDOM_STORES} stores and ${WARMUP_REQUESTS} requests are not measured; ${WARMUP_STORES} of those stores and some of the requests are issued at the key's own holder, so they go round the whole ring and open every connection (on fingers, every peer also sends a request through each of its fingers), and ${WARMUP_RANDOM_STORES} stores come from random peers, so each peer's store path has run and the connections between origins and responsible peers are open. Then gets from random peers for ${STEADY_WARMUP_MS[ctx.mode] / 1000} s, not measured either: the rows are the ring's steady state (the DHTs compared with get as long before theirs are timed).`,
    );
    ctx.note(
      "A request ends when the requester has the whole file written atomically (temporary file, rename; no fsync for the user's copy) under the test ring's temporary directory (a copy it received before is removed first, untimed: one with the same bytes would be kept, not written); a file of one chunk comes inline on the holder's kept-open connection to the requester. A store ends when the responsible peer has W = 2 durable copies (its own and its first successor's, each fsynced) and said so.",
    );
    ctx.note(
      'Finger rows: the same 8-bit ids with `--routing finger`, each peer built with its ideal finger table as it is built with its successor list (`PeerSpec.fingers`), so no fix-fingers traffic runs during the measurement.',
    );
    ctx.note(
      `The ${RAM_DISK} rows run the same measurement with the ring's data and received files on a RAM disk (TMPDIR), so the difference to the rows above is what the disk (fsync) costs.`,
    );
    ctx.note(
      'Hops reach N (not N-1) when the origin itself holds the key: routing does not use the predecessor a peer learns from pings, so a peer forwards its own keys all the way round the ring.',
    );
    ctx.note(
      "Per hop: the slope of actor ms against hops over all samples at that N; compare it with one TCP round trip of the floor (a hop is a one-way TCP message plus the actor's decode/route/encode).",
    );
    ctx.note(
      `Back to back: ${AWAKE_GETS[ctx.mode]} gets in a row, on fingers, from one peer of names its successor holds (the peer that holds the most). Each get wakes the same two threads, which have not slept since the last: set against the random gets above (a random origin, so threads that mostly slept since their last use), it shows what waking threads and their cold caches cost, not the protocol's work.`,
    );
    ctx.note(
      'At N=7 hops only span 0-7, so the few-ms noise of the fixed cost (transfer, fsync) swamps a slope of a tenth of a ms: read the per-hop rows at N >= 32.',
    );
  },
};
