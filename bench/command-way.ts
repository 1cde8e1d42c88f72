// `node --import tsx bench/command-way.ts [--n 7] [--ops get,request,store] [--count 200] [--warmup S] [--listen]
// [--threads T] [--client]`: a command's way between the main thread and its peer (bench/README.md sixteenth round).
// A ring of N peers on finger tables (ideal fingers, pings once an hour), 16 files stored, gets for --warmup seconds
// (not measured), then --count of each op from random peers one at a time: p50 of the wall clock around peer.op() on
// the main thread, of CommandResult.ms (inside the origin actor) and of their difference; the process's CPU per op and
// the main thread's busy time per op (its event loop's active time). `--listen`: a listener on the ring's events, as a
// terminal or the view has (lines are then posted). `--client`: through a PeerClient port instead of the PeerHandle.
// Not a figure: one JSON line per op on stdout.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { keyOf, responsibleFor } from '../src/core/ring.ts';
import { DEFAULTS } from '../src/index.ts';
import { PeerClient } from '../src/host/client.ts';
import { distinctIds, startAndWait, withRing } from './lib/rings.ts';
import { median, pick, seededRandom } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '7' },
    ops: { type: 'string', default: 'get,request,store' },
    count: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '5' },
    seed: { type: 'string', default: '7' },
    threads: { type: 'string' },
    listen: { type: 'boolean' },
    client: { type: 'boolean' },
  },
});

const n = Number(values.n);
const random = seededRandom(Number(values.seed) + n);
const ids = distinctIds(n, random);
const threads = values.threads === undefined ? undefined : Number(values.threads);
await withRing(ids, { pingIntervalMs: 3_600_000, opTimeoutMs: 60_000, routing: 'finger', threads }, async (ring) => {
  await startAndWait(ring);
  if (values.listen) ring.on(() => {});
  await mkdir(ring.filesDir, { recursive: true });
  const names = Array.from({ length: 16 }, (_, k) => String(1000 + k * 37));
  await Promise.all(names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(1024))));
  const holder = (name: string) => responsibleFor(keyOf(name, DEFAULTS.idBits), ids);
  for (const name of names) await ring.peer(holder(name)).store(name);
  const clients = new Map<number, PeerClient>();
  if (values.client) for (const id of ids) clients.set(id, new PeerClient(await ring.peer(id).clientPort()));
  const run = (op: string, id: number, name: string) => {
    const client = clients.get(id);
    if (client !== undefined)
      return op === 'store' ? client.store(name) : op === 'get' ? client.get(name) : client.request(name);
    const peer = ring.peer(id);
    return op === 'store' ? peer.store(name) : op === 'get' ? peer.get(name) : peer.request(name);
  };
  const warmUntil = performance.now() + Number(values.warmup) * 1000;
  while (performance.now() < warmUntil) {
    for (const op of values.ops.split(',')) await run(op, pick(ids, random), pick(names, random));
  }
  for (const op of values.ops.split(',')) {
    const wall: number[] = [];
    const actor: number[] = [];
    const between: number[] = [];
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    for (let k = 0; k < Number(values.count); k++) {
      const t0 = performance.now();
      const result = await run(op, pick(ids, random), pick(names, random));
      const ms = performance.now() - t0;
      if (!result.ok) throw new Error(`${op} failed: ${result.error}`);
      wall.push(ms);
      actor.push(result.ms);
      between.push(ms - result.ms);
    }
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    console.log(
      JSON.stringify({
        op,
        n,
        listen: values.listen === true,
        client: values.client === true,
        wallP50: +median(wall).toFixed(3),
        actorP50: +median(actor).toFixed(3),
        betweenP50: +median(between).toFixed(3),
        cpuUsPerOp: Math.round((cpu.user + cpu.system) / wall.length),
        mainActiveUsPerOp: Math.round((elu.active * 1000) / wall.length),
      }),
    );
  }
  for (const client of clients.values()) client.close();
});
