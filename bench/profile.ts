// `node --expose-gc --import tsx bench/profile.ts request|store|throughput|transfer|ping [--seconds S] [--out DIR] [--kib K] [--ram] [--threads T] [--lines] [--sealed] [--warmup S] [--perf]`: runs one load on a
// 7-peer ring (a thread per peer, or the whole ring on T threads) under V8's CPU profiler in every thread, then prints where the CPU time went per
// operation (bench/lib/cpuprofile.ts), and the disk's own cost of one fsync'd atomic write of 1 KiB on the same disk.
// Not a figure: the numbers behind bench/README.md's "where the time goes".
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PeerClient } from '../src/host/client.ts';
import { type ProfileSummary, summariseDir } from './lib/cpuprofile.ts';
import { formatPerf, recordPerf, removePerfMap, summarisePerf } from './lib/perf.ts';
import { distinctIds, RAM_DISK, startAndWait, withRing } from './lib/rings.ts';
import { seededRandom, summarise } from './lib/stats.ts';
import { formatHeapSamples, startHeapSampling } from './lib/heap-sample.ts';
import { formatThreads, sampleThreads } from './lib/thread-sched.ts';

const SCENARIOS = ['request', 'store', 'throughput', 'transfer', 'ping'] as const;
type Scenario = (typeof SCENARIOS)[number];
const FILE_BYTES = 1024;
const FILES = 16;
const IN_FLIGHT = 16;
/** The ping scenario's interval: the ping figure's (bench/figures/ping.ts), the paced floor's gap. */
const PING_INTERVAL_MS = 4;
const WORK = fileURLToPath(new URL('./.work/', import.meta.url));
/** --perf: V8's log of code events, which its map of JIT code for perf implies (removed after the run). */
const V8_LOG = join(WORK, 'perf-v8.log');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '6' },
    out: { type: 'string' },
    child: { type: 'boolean' },
    /** Only the latencies and the lines' timeline, without the profiler (for A/B runs). */
    'no-prof': { type: 'boolean' },
    /** The transfer scenario's file size in KiB (1024 by default). */
    kib: { type: 'string', default: '1024' },
    /** The ring's files on the RAM disk (/dev/shm), as the transfer figure's target row. */
    ram: { type: 'boolean' },
    /** The whole ring on this many worker threads (default: a thread per peer). */
    threads: { type: 'string' },
    /** Throughput: listen to the ring's lines, as a ring process printing them does (the figure does not listen). */
    lines: { type: 'boolean' },
    /** Every message sealed with a ring secret (--secret-file). */
    sealed: { type: 'boolean' },
    /** Seconds of the same load before the measured seconds, not counted (V8 compiles the hot code meanwhile). */
    warmup: { type: 'string', default: '0' },
    /**
     * With --no-prof: `perf record` of this process over the measured seconds (Linux perf, as root or with
     * perf_event_paranoid ≤ 1), summarised per thread and kind of work in CPU time (bench/lib/perf.ts).
     */
    perf: { type: 'boolean' },
    /** With --perf: also write `perf script`'s text (every sample's stack) to this file, for callers and inclusive sums. */
    'perf-script': { type: 'string' },
    /** Throughput: the share of operations that are stores (0.2 by default, the figure's); 0 or 1 to cost one kind. */
    stores: { type: 'string' },
    /** `finger`: the ring routes on finger tables (ideal ones, as the lookup figure's); successors by default at 8 bits. */
    routing: { type: 'string' },
    /** Throughput: the non-store commands are requests (a get, then the copy written to received_NAME.pdf), as the figure's. */
    requests: { type: 'boolean' },
    /** Throughput: commands in flight (16 by default, the figure's middle row; the figure reports 1, 16 and 64 too). */
    'in-flight': { type: 'string' },
    /** With --no-prof: V8's sampling heap profile of every worker over the measured seconds, garbage included. */
    'heap-sample': { type: 'boolean' },
  },
});
const scenario = positionals[0] as Scenario;
const STORE_SHARE = values.stores === undefined ? 0.2 : Number(values.stores);
if (!SCENARIOS.includes(scenario)) {
  console.error(`usage: bench/profile.ts ${SCENARIOS.join('|')} [--seconds S] [--out DIR]`);
  process.exit(2);
}

if (values.perf && !process.execArgv.includes('--perf-basic-prof')) withPerfMap();
else if (values.child || values['no-prof']) await load(scenario, Number(values.seconds) * 1000);
else parent();

/** This script again with V8 writing its map of JIT code (perf names JS functions with it), as a --no-prof run. */
function withPerfMap(): void {
  mkdirSync(WORK, { recursive: true });
  const run = spawnSync(
    process.execPath,
    [
      '--perf-basic-prof',
      // The map implies V8's log of code events, one file per isolate in the working directory unless told otherwise.
      '--no-logfile-per-isolate',
      `--logfile=${V8_LOG}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
      '--no-prof',
    ],
    { stdio: 'inherit' },
  );
  rmSync(V8_LOG, { force: true });
  process.exit(run.status ?? 1);
}

/** This script again as a child under --cpu-prof (every thread writes a profile into `dir`), loaded for `seconds`. */
function profiled(dir: string, seconds: string) {
  return spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      '--cpu-prof-interval=200',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      scenario,
      '--child',
      '--seconds',
      seconds,
      '--kib',
      values.kib!,
      ...(values.threads === undefined ? [] : ['--threads', values.threads]),
      ...(values.lines ? ['--lines'] : []),
      ...(values.sealed ? ['--sealed'] : []),
      // The idle baseline has no load at all, warm-up included (a profile then includes the warm-up).
      ...(seconds === '0' ? [] : ['--warmup', values.warmup!]),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: values.ram ? RAM_DISK : WORK },
    },
  );
}

/** Runs this script again under --cpu-prof (every thread writes a profile), then summarises the profiles. */
function parent(): void {
  const out = values.out ?? `/tmp/perf-prof-${scenario}`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const run = profiled(out, values.seconds!);
  if (run.status !== 0) process.exit(run.status ?? 1);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ops: number; seconds: number; disk: string };
  // The same run with no load: its profiles (start-up, the files stored in advance, teardown) are taken off.
  const base = `${out}-baseline`;
  rmSync(base, { recursive: true, force: true });
  const idle = profiled(base, '0');
  if (idle.status !== 0) process.exit(idle.status ?? 1);
  const profiles = [...summariseDir(out), ...summariseDir(base).map((p) => negate(p))];
  // The busiest profile that is not a peer's is the main thread; peers' threads are those that ran the actor bundle.
  const isPeer = (p: (typeof profiles)[number]) => p.functions.some(([f]) => /bootstrap\.cjs/.test(f));
  const peers = profiles.filter(isPeer);
  const others = profiles.filter((p) => !isPeer(p));
  const perOp = (ms: number) => ((ms / result.ops) * 1000).toFixed(0);
  console.log(`${scenario}: ${result.ops} ops in ${result.seconds.toFixed(1)} s; ${result.disk}`);
  const report = (title: string, group: typeof profiles) => {
    const kinds = new Map<string, number>();
    const functions = new Map<string, number>();
    let busy = 0;
    for (const p of group) {
      busy += p.busyMs;
      for (const [k, ms] of p.kinds) kinds.set(k, (kinds.get(k) ?? 0) + ms);
      for (const [f, ms] of p.functions) functions.set(f, (functions.get(f) ?? 0) + ms);
    }
    console.log(`\n${title}: ${group.length / 2} threads, busy ${busy.toFixed(0)} ms = ${perOp(busy)} µs CPU per op`);
    for (const [k, ms] of [...kinds].sort((a, b) => b[1] - a[1]))
      console.log(
        `  ${k.padEnd(40)} ${perOp(ms).padStart(6)} µs/op  ${((100 * ms) / (busy || 1)).toFixed(1)} % of busy`,
      );
    console.log('  top functions (self):');
    for (const [f, ms] of [...functions]
      .filter(([f]) => f !== '(idle) (:0)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25))
      console.log(`    ${perOp(ms).padStart(6)} µs/op  ${f}`);
  };
  report('peer threads', peers);
  report('other threads (main, load)', others);
}

function negate(p: ProfileSummary): ProfileSummary {
  return {
    ...p,
    busyMs: -p.busyMs,
    functions: p.functions.map(([f, ms]) => [f, -ms]),
    kinds: p.kinds.map(([k, ms]) => [k, -ms]),
  };
}

/** The child: a ring, the load for `ms`, then one line of JSON on stdout. */
async function load(which: Scenario, ms: number): Promise<void> {
  if (which === 'ping') return pings(ms);
  const warmupMs = Number(values.warmup) * 1000;
  mkdirSync(WORK, { recursive: true });
  if (values.ram) process.env.TMPDIR = RAM_DISK;
  const random = seededRandom(1);
  const ids = distinctIds(which === 'transfer' ? 2 : 7, random);
  const fileBytes = which === 'transfer' ? Number(values.kib) * 1024 : FILE_BYTES;
  let ops = 0;
  let cpuPerOp = 0;
  let systemPerOp = 0;
  const latencies: number[] = [];
  // Throughput: each kind's latencies apart (a get's wait behind stores shows as the mix's gets against gets alone).
  const getLatencies: number[] = [];
  const storeLatencies: number[] = [];
  let threadLines: string[] = [];
  const timeline = new Map<string, number[]>();
  // One copy for the transfer: with more, both of its 2 peers keep the file and a request is a copy from its own disk.
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  const settings = {
    pingIntervalMs: 3_600_000,
    threads,
    ...(which === 'transfer' ? { replicas: 1 } : {}),
    ...(values.sealed ? { secret: randomBytes(32) } : {}),
    // The 8-bit ring routes along successors by default (the original's routes); --routing finger as the lookup figure.
    ...(values.routing === 'finger' ? { routing: 'finger' as const } : {}),
  };
  await withRing(ids, settings, async (ring) => {
    await startAndWait(ring);
    await mkdir(ring.filesDir, { recursive: true });
    const names = Array.from({ length: FILES }, (_, i) => String(1000 + i * 37).padStart(4, '0'));
    for (const name of names) await writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(fileBytes));
    // Who holds each name: the transfer scenario requests it from the other peer (a request to the holder itself would
    // be a copy on one disk, not a transfer), as the transfer figure does.
    const holders = new Map<string, number>();
    for (const [k, name] of names.entries()) {
      const stored = await ring.peer(ids[k % ids.length]!).store(name);
      if (stored.ok) holders.set(name, stored.holder);
    }
    const clients = await Promise.all(ids.map(async (id) => new PeerClient(await ring.peer(id).clientPort())));
    let storeSeq = 0;
    // One command at a time: each one's lines, as offsets (ms, the causal clock's t) from its first line. A command's
    // lines are those stamped after the previous answer and before its own (a client's answer says its `seq`); they
    // may reach this thread after the answer (threads post lines in batches), so they are sorted out at the end.
    const lines: { event: string; t: number; seq: number }[] = [];
    const answers: { seq: number; ms: number }[] = [];
    // Throughput takes no timeline: it listens only when told (--lines), since a listener makes every thread stamp and
    // post its lines (a program that only sends commands, as the throughput figure, has none).
    const off =
      which !== 'throughput' || values.lines
        ? ring.on((e) => {
            if (e.kind === 'line' && which !== 'throughput') lines.push({ event: e.line.event, t: e.t, seq: e.seq });
          })
        : () => {};
    let warming = warmupMs > 0;
    const one = async () => {
      const name = names[Math.floor(random() * FILES)]!;
      const client =
        which === 'transfer'
          ? clients[ids[0] === holders.get(name) ? 1 : 0]!
          : clients[Math.floor(random() * clients.length)]!;
      const store = which === 'store' || (which === 'throughput' && random() < STORE_SHARE);
      const t0 = performance.now();
      const result = store
        ? which === 'throughput'
          ? // Fresh names: two stores of one name at once race, and one of them fails by design. Names are four digits
            // (5000-9999, then again: 5,000 stores apart, never in flight together).
            await client.store(String(5000 + (storeSeq++ % 5000)), join(ring.filesDir, `${names[0]}.pdf`))
          : await client.store(names[storeSeq++ % FILES]!)
        : which === 'transfer' || values.requests
          ? await client.request(name)
          : await client.get(name);
      if (!result.ok) throw new Error(`${store ? 'store' : 'get'}: ${result.error}`);
      if (warming) return;
      const ms = performance.now() - t0;
      latencies.push(ms);
      (store ? storeLatencies : getLatencies).push(ms);
      answers.push({ seq: result.seq, ms });
      ops++;
    };
    // (For a profiler attached from outside, such as `perf record -p`, to take the load and not the set-up.)
    process.stderr.write(`${which}: load starts (pid ${process.pid})\n`);
    const inFlight = which === 'throughput' ? Number(values['in-flight'] ?? IN_FLIGHT) : 1;
    const run = (stopAt: number) =>
      Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (performance.now() < stopAt) await one();
        }),
      );
    // The first seconds of load are also V8 compiling the hot code (on its own threads: a fifth of the process's CPU in
    // a 5 s run at one thread, a tenth of it 12 s later); --warmup leaves them out of what is counted.
    await run(performance.now() + warmupMs);
    warming = false;
    const perfFile = join(WORK, `perf-${process.pid}.data`);
    const perf = values.perf ? recordPerf(process.pid, ms / 1000, perfFile) : undefined;
    const heap = values['heap-sample'] ? await startHeapSampling() : undefined;
    const cpuBefore = process.cpuUsage();
    const threadsBefore = sampleThreads();
    await run(performance.now() + ms);
    threadLines = formatThreads(threadsBefore, sampleThreads(), ms, ops);
    // The whole process (every peer's thread, the main thread and the load): less sensitive to a busy machine than
    // latency, so A/B runs compare by it when the machine is shared.
    const cpu = process.cpuUsage(cpuBefore);
    cpuPerOp = (cpu.user + cpu.system) / Math.max(ops, 1);
    systemPerOp = cpu.system / Math.max(ops, 1);
    if (heap !== undefined) {
      const roots = await heap.stop();
      // RINGDHT_HEAP_SAMPLE_OUT: the profiles themselves too, for reading by caller.
      const file = process.env.RINGDHT_HEAP_SAMPLE_OUT;
      if (file !== undefined) writeFileSync(file, JSON.stringify({ ops, roots }));
      for (const line of formatHeapSamples(roots, ops)) process.stderr.write(`${line}\n`);
    }
    // A call on the ring's thread: its answer comes after every line stamped so far.
    await ring.peer(ids[0]!).status();
    off();
    for (const c of clients) c.close();
    if (perf !== undefined) {
      await perf.done;
      for (const line of formatPerf(summarisePerf(perfFile, values['perf-script']), ops))
        process.stderr.write(`${line}\n`);
      rmSync(perfFile, { force: true });
      removePerfMap(process.pid);
    }
    if (which !== 'throughput') timelineOf(lines, answers, timeline);
  });
  const steps = [...timeline]
    .filter(([, v]) => v.length >= ops / 2)
    .map(([k, v]) => [k, summarise(v).p50] as const)
    .sort((a, b) => a[1] - b[1]);
  process.stderr.write(`${which}: lines after its first line (p50 ms, on the causal clock):\n`);
  for (const [k, ms] of steps) process.stderr.write(`  ${ms.toFixed(2).padStart(7)}  ${k}\n`);
  const s = summarise(latencies);
  if (which === 'throughput') {
    for (const [kind, v] of [
      ['get', getLatencies],
      ['store', storeLatencies],
    ] as const)
      if (v.length > 0) {
        const k = summarise(v);
        process.stderr.write(
          `${kind}: ${v.length} p50 ${k.p50.toFixed(2)} ms mean ${k.mean.toFixed(2)} p95 ${k.p95.toFixed(2)} p99 ${k.p99.toFixed(2)}\n`,
        );
      }
    for (const line of threadLines) process.stderr.write(`${line}\n`);
  }
  const disk = await diskCost();
  console.log(
    JSON.stringify({
      ops,
      seconds: ms / 1000,
      disk: `latency p50 ${s.p50.toFixed(2)} ms p99 ${s.p99.toFixed(2)}; CPU ${cpuPerOp.toFixed(0)} µs per op (all threads; system ${systemPerOp.toFixed(0)}); ${disk}`,
    }),
  );
}

/**
 * The ping figure's ring (bench/figures/ping.ts): 2 peers pinging each other every PING_INTERVAL_MS, their lines
 * listened to. An op is one ping answered: its latency the pinger's rttMs, its CPU the whole process's over `ms`.
 */
async function pings(ms: number): Promise<void> {
  const warmupMs = Number(values.warmup) * 1000;
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  const rtts: number[] = [];
  let counting = false;
  let cpu = { user: 0, system: 0 };
  await withRing(
    distinctIds(2, seededRandom(1)),
    { pingIntervalMs: PING_INTERVAL_MS, syncIntervalMs: 3_600_000, threads },
    async (ring) => {
      const off = ring.on((e) => {
        if (counting && e.kind === 'line' && e.line.event === 'ping.response' && typeof e.line.rttMs === 'number')
          rtts.push(e.line.rttMs);
      });
      await startAndWait(ring);
      await new Promise((resolve) => setTimeout(resolve, warmupMs));
      process.stderr.write(`ping: load starts (pid ${process.pid})\n`);
      const perfFile = join(WORK, `perf-${process.pid}.data`);
      const perf = values.perf ? recordPerf(process.pid, ms / 1000, perfFile) : undefined;
      const before = process.cpuUsage();
      counting = true;
      await new Promise((resolve) => setTimeout(resolve, ms));
      cpu = process.cpuUsage(before);
      // A call on a peer's thread: its answer comes after every line stamped so far.
      await ring.peer(ring.ids[0]!).status();
      counting = false;
      off();
      if (perf !== undefined) {
        await perf.done;
        for (const line of formatPerf(summarisePerf(perfFile), rtts.length)) process.stderr.write(`${line}\n`);
        rmSync(perfFile, { force: true });
        removePerfMap(process.pid);
      }
    },
  );
  const ops = rtts.length;
  const s = summarise(rtts);
  console.log(
    JSON.stringify({
      ops,
      seconds: ms / 1000,
      disk: `latency p50 ${s.p50.toFixed(3)} ms p99 ${s.p99.toFixed(2)}; CPU ${((cpu.user + cpu.system) / Math.max(ops, 1)).toFixed(0)} µs per op (all threads; system ${(cpu.system / Math.max(ops, 1)).toFixed(0)}); p95 ${s.p95.toFixed(3)} ms`,
    }),
  );
}

/** Each command's lines (those stamped before its answer and after the previous one), as offsets from its first. */
function timelineOf(
  lines: { event: string; t: number; seq: number }[],
  answers: { seq: number; ms: number }[],
  timeline: Map<string, number[]>,
): void {
  const add = (k: string, ms: number) => (timeline.get(k) ?? timeline.set(k, []).get(k)!).push(ms);
  lines.sort((a, b) => a.seq - b.seq);
  let next = 0;
  for (const answer of answers) {
    const mine: typeof lines = [];
    while (next < lines.length && lines[next]!.seq < answer.seq) mine.push(lines[next++]!);
    const seen = new Map<string, number>();
    for (const l of mine) {
      seen.set(l.event, (seen.get(l.event) ?? 0) + 1);
      add(`${l.event}#${seen.get(l.event)}`, l.t - mine[0]!.t);
    }
    add('(answer)', answer.ms);
  }
}

/** One fsync'd atomic write of 1 KiB, step by step, on the disk the rings use (p50 of 50). */
async function diskCost(): Promise<string> {
  const dir = join(WORK, 'disk-cost');
  await mkdir(dir, { recursive: true });
  const steps = {
    'open+write': [] as number[],
    fsync: [] as number[],
    rename: [] as number[],
    'dir fsync': [] as number[],
  };
  for (let i = 0; i < 50; i++) {
    const tmp = join(dir, `f${i}.tmp`);
    let t = performance.now();
    const h = await open(tmp, 'wx');
    await h.write(randomBytes(FILE_BYTES));
    steps['open+write'].push(performance.now() - t);
    t = performance.now();
    await h.sync();
    await h.close();
    steps.fsync.push(performance.now() - t);
    t = performance.now();
    await rename(tmp, join(dir, `f${i}`));
    steps.rename.push(performance.now() - t);
    t = performance.now();
    const d = await open(dir, 'r');
    await d.sync();
    await d.close();
    steps['dir fsync'].push(performance.now() - t);
  }
  rmSync(dir, { recursive: true, force: true });
  return `disk (1 KiB atomic write, p50): ${Object.entries(steps)
    .map(([k, v]) => `${k} ${summarise(v).p50.toFixed(3)} ms`)
    .join(', ')}`;
}
