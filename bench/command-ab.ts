// `node --import tsx bench/command-ab.ts OLD_CHECKOUT [--n 7] [--ops get,request,store] [--count 300] [--warmup S]
// [--listen] [--threads T]`: a command's wall clock on the main thread (around peer.op()) and inside its origin actor
// (CommandResult.ms), this checkout's code against another's, in one process: a ring of each (N peers, finger tables,
// pings once an hour, 16 files), commands taking turns between the two rings one by one (the order swapped every
// pair), so both see the same load from whatever else runs on this shared machine. Each checkout's library is its own
// bundle (bench/lib/ringdht.ts). `--listen`: a listener on each ring's events (a terminal's, the view's). Not a figure:
// the A/B behind bench/README.md's sixteenth round.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { keyOf, responsibleFor } from '../src/core/ring.ts';
import { DEFAULTS } from '../src/index.ts';
import { bundledRingdht, type Ringdht } from './lib/ringdht.ts';
import { type BenchRing, distinctIds, openRing, startAndWait } from './lib/rings.ts';
import { median, pick, seededRandom } from './lib/stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    n: { type: 'string', default: '7' },
    ops: { type: 'string', default: 'get,request,store' },
    count: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '5' },
    seed: { type: 'string', default: '7' },
    listen: { type: 'boolean' },
    /** The whole ring on this many worker threads (default: a thread per peer). */
    threads: { type: 'string' },
  },
});
const [oldCheckout] = positionals;
if (oldCheckout === undefined || !existsSync(resolve(oldCheckout, 'bench/lib/ringdht.ts'))) {
  console.error(
    'usage: bench/command-ab.ts OLD_CHECKOUT [--n 7] [--ops get,request,store] [--count 300] [--listen] [--threads T]',
  );
  process.exit(2);
}

const n = Number(values.n);
const random = seededRandom(Number(values.seed) + n);
const ids = distinctIds(n, random);
const names = Array.from({ length: 16 }, (_, k) => String(1000 + k * 37));
const oldLib = (await (
  (await import(resolve(oldCheckout, 'bench/lib/ringdht.ts'))) as { bundledRingdht: () => Promise<Ringdht> }
).bundledRingdht()) as Ringdht;
const newLib = await bundledRingdht();

async function ready(lib: Ringdht): Promise<BenchRing> {
  const threads = values.threads === undefined ? {} : { threads: Number(values.threads) };
  const ring = await openRing(
    ids,
    { pingIntervalMs: 3_600_000, opTimeoutMs: 60_000, routing: 'finger', ...threads },
    lib,
  );
  await startAndWait(ring);
  if (values.listen) ring.on(() => {});
  await mkdir(ring.filesDir, { recursive: true });
  await Promise.all(names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(1024))));
  const holder = (name: string) => responsibleFor(keyOf(name, DEFAULTS.idBits), ids);
  for (const name of names) await ring.peer(holder(name)).store(name);
  return ring;
}

const rings = { old: await ready(oldLib), new: await ready(newLib) };
try {
  const run = (ring: BenchRing, op: string, id: number, name: string) => {
    const peer = ring.peer(id);
    return op === 'store' ? peer.store(name) : op === 'get' ? peer.get(name) : peer.request(name);
  };
  const ops = values.ops.split(',');
  const warmUntil = performance.now() + Number(values.warmup) * 1000;
  while (performance.now() < warmUntil)
    for (const op of ops)
      for (const ring of [rings.old, rings.new]) await run(ring, op, pick(ids, random), pick(names, random));
  for (const op of ops) {
    const samples = { old: { wall: [] as number[], actor: [] as number[] }, new: { wall: [], actor: [] } } as Record<
      'old' | 'new',
      { wall: number[]; actor: number[] }
    >;
    for (let k = 0; k < Number(values.count); k++) {
      const id = pick(ids, random);
      const name = pick(names, random);
      for (const which of k % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
        const t0 = performance.now();
        const result = await run(rings[which], op, id, name);
        const wall = performance.now() - t0;
        if (!result.ok) throw new Error(`${op} failed (${which}): ${result.error}`);
        samples[which].wall.push(wall);
        samples[which].actor.push(result.ms);
      }
    }
    for (const which of ['old', 'new'] as const) {
      const { wall, actor } = samples[which];
      console.log(
        JSON.stringify({
          which,
          op,
          n,
          listen: values.listen === true,
          wallP50: +median(wall).toFixed(3),
          actorP50: +median(actor).toFixed(3),
          betweenP50: +median(wall.map((w, i) => w - actor[i]!)).toFixed(3),
        }),
      );
    }
  }
} finally {
  await Promise.all([rings.old.close(), rings.new.close()]);
}
