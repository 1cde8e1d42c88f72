// `node --import tsx bench/hop.ts [--sizes 8,16,32,64] [--warmup S] [--gets G] [--threads T] [--trace]`: what one hop
// of a get costs on finger tables, by ring size and warm-up (bench/README.md fifteenth round). Each ring: 8-bit ids,
// ideal fingers, every finger's connection opened, 16 files stored, then gets from random peers for --warmup seconds
// (not measured), then --gets gets: p50 by hop count, the least-squares ms per hop (the lookup figure's row), the
// process's CPU per get. --trace: RINGDHT_TRACE steps of the measured gets, a hop decomposed (sent → handed to the
// machine at the next peer → its next send). Not a figure.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { idealFingers } from '../src/core/fingers.ts';
import { keyOf, responsibleFor } from '../src/core/ring.ts';
import { DEFAULTS } from '../src/index.ts';
import { formatPerf, recordPerf, removePerfMap, summarisePerf } from './lib/perf.ts';
import { distinctIds, startAndWait, withRing } from './lib/rings.ts';
import { linearFit, median, pick, seededRandom } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '8,16,32,64' },
    warmup: { type: 'string', default: '5' },
    gets: { type: 'string', default: '400' },
    threads: { type: 'string' },
    trace: { type: 'boolean' },
    seed: { type: 'string', default: '7' },
    /** Seconds of gets under `perf record` after the measured gets (run node with --perf-basic-prof for JS names). */
    perf: { type: 'string' },
  },
});
const traceDir = values.trace ? mkdtempSync(join(tmpdir(), 'hop-trace-')) : undefined;
if (traceDir !== undefined) process.env.RINGDHT_TRACE = traceDir;
const { takeTraceSteps } = await import('./lib/trace-steps.ts');

/** When the measured gets began, on the trace's clock: --trace decomposes only their steps. */
let measuredFrom = 0;

for (const n of values.sizes.split(',').map(Number)) {
  if (traceDir !== undefined) mkdirSync(traceDir, { recursive: true }); // takeTraceSteps removed the last size's
  const random = seededRandom(Number(values.seed) + n);
  const ids = distinctIds(n, random);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  const result = await withRing(
    ids,
    { pingIntervalMs: 3_600_000, opTimeoutMs: 60_000, routing: 'finger', threads },
    async (ring) => {
      await startAndWait(ring);
      await mkdir(ring.filesDir, { recursive: true });
      const names = Array.from({ length: 16 }, (_, k) => String(1000 + k * 37));
      await Promise.all(names.map((name) => writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(1024))));
      const holder = (name: string) => responsibleFor(keyOf(name, DEFAULTS.idBits), ids);
      for (const name of names) await ring.peer(holder(name)).store(name);
      for (const id of ids)
        for (const finger of new Set(idealFingers(id, ids, DEFAULTS.idBits)))
          if (finger !== id) await ring.peer(id).request(String(finger).padStart(4, '0'));
      const warmUntil = performance.now() + Number(values.warmup) * 1000;
      let warmGets = 0;
      while (performance.now() < warmUntil) {
        await ring.peer(pick(ids, random)).get(pick(names, random));
        warmGets++;
      }
      const idle0 = process.cpuUsage();
      const idleTasks0 = taskTicks();
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the ring idle: what its threads cost doing nothing
      const idleUsPerS = ((u) => (u.user + u.system) / 2)(process.cpuUsage(idle0));
      const idleTasks = diffTicks(idleTasks0, taskTicks());
      const tasks0 = taskTicks();
      measuredFrom = Number(process.hrtime.bigint()) / 1e6; // the trace's clock (src/actor/trace.ts)
      const cpu0 = process.cpuUsage();
      const faults0 = process.resourceUsage().minorPageFault;
      const t0 = performance.now();
      const samples: { ms: number; hops: number; name: string; origin: number }[] = [];
      for (let k = 0; k < Number(values.gets); k++) {
        const name = pick(names, random);
        const origin = pick(ids, random);
        const r = await ring.peer(origin).get(name);
        if (!r.ok) throw new Error(`get ${name} failed: ${r.error}`);
        samples.push({ ms: r.ms, hops: r.hops, name, origin });
      }
      const cpu = process.cpuUsage(cpu0);
      const faultsPerGet = (process.resourceUsage().minorPageFault - faults0) / Number(values.gets);
      const wall = performance.now() - t0;
      const tasks = diffTicks(tasks0, taskTicks());
      if (values.perf !== undefined) {
        const file = join(tmpdir(), `hop-perf-${process.pid}.data`);
        const perf = recordPerf(process.pid, Number(values.perf), file);
        let stop = false;
        let ops = 0;
        void perf.done.finally(() => {
          stop = true;
        });
        while (!stop) {
          await ring.peer(pick(ids, random)).get(pick(names, random));
          ops++;
        }
        for (const line of formatPerf(summarisePerf(file), ops)) console.log(`  ${line}`);
        removePerfMap(process.pid);
      }
      return {
        samples,
        faultsPerGet,
        cpuUsPerGet: (cpu.user + cpu.system) / samples.length,
        wall,
        warmGets,
        idleUsPerS,
        idleTasks,
        tasks,
      };
    },
  );
  const { samples } = result;
  const fit = linearFit(
    samples.map((s) => s.hops),
    samples.map((s) => s.ms),
  );
  const byHops = new Map<number, number[]>();
  for (const s of samples) byHops.set(s.hops, [...(byHops.get(s.hops) ?? []), s.ms]);
  const perHops = [...byHops.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([h, xs]) => `${h}:${median(xs).toFixed(3)}(${xs.length})`)
    .join(' ');
  console.log(
    `N=${n} warmup=${values.warmup}s (${result.warmGets} gets) gets=${samples.length} p50=${median(samples.map((s) => s.ms)).toFixed(3)} ms/hop=${fit.slope.toFixed(3)} fixed=${fit.intercept.toFixed(3)} cpu/get=${result.cpuUsPerGet.toFixed(0)}us faults/get=${result.faultsPerGet.toFixed(0)} getsPerS=${((samples.length / result.wall) * 1000).toFixed(0)} byHops ${perHops}`,
  );
  const fmt = (t: Map<string, number>, per: number) =>
    [...t.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${((v * 10_000) / per).toFixed(0)}`)
      .join(' ');
  console.log(`  idle: ${result.idleUsPerS.toFixed(0)} us/s (threads, us/s: ${fmt(result.idleTasks, 2)})`);
  console.log(`  CPU per get by thread name (us): ${fmt(result.tasks, samples.length)}`);
  if (traceDir !== undefined)
    decompose(
      takeTraceSteps(traceDir).filter((s) => s.t >= measuredFrom),
      samples.length,
      // The host gives each new actor the least loaded thread: peers in id order take the threads by turns.
      threads === undefined ? undefined : (peer) => ids.indexOf(peer) % threads,
    );
}

/** Each measured get's steps: the gaps between a send and the next peer's input, and between an input and its send. */
function decompose(
  steps: { t: number; peer: number; step: string; name: string }[],
  last: number,
  threadOf?: (peer: number) => number,
): void {
  const gaps = new Map<string, number[]>();
  const add = (k: string, v: number) => gaps.set(k, [...(gaps.get(k) ?? []), v]);
  // Steps of one name interleave across gets; take them in time order and pair each out:X with the next in:X.
  const byName = new Map<string, typeof steps>();
  for (const s of steps) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  for (const list of byName.values()) {
    const tail = list.slice(-last * 20);
    for (let i = 1; i < tail.length; i++) {
      const a = tail[i - 1]!;
      const b = tail[i]!;
      const d = b.t - a.t;
      if (d > 50) continue;
      const where =
        a.peer === b.peer
          ? 'same'
          : threadOf === undefined || threadOf(a.peer) === threadOf(b.peer)
            ? 'other'
            : 'thread';
      add(`${a.step}@${where} -> ${b.step}`, d);
    }
  }
  for (const [k, v] of [...gaps.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 30))
    console.log(`  ${k.padEnd(60)} n=${String(v.length).padStart(5)} p50=${median(v).toFixed(3)} ms`);
}

/** CPU ticks (1/100 s) of this process's threads, summed by thread name (/proc/self/task). */
function taskTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const name = stat
        .slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
        .replace(/[0-9]+$/, '#')
        .replace(/ /g, '_');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(name, (ticks.get(name) ?? 0) + Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}

function diffTicks(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of b) d.set(k, v - (a.get(k) ?? 0));
  return d;
}
