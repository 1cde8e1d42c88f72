// Linux `perf record` of a running process, summarised per thread and per kind of work: CPU time as the kernel counts
// it, the kernel's own work (socket, file system, futex) included. V8's --cpu-prof samples a thread by wall clock, so a
// thread that waits for a core inside a call (a socket write that wakes another thread, a postMessage) charges the wait
// to that call: on a loaded 2-core machine that made writeBuffer and postMessage look like the largest costs.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

/** Samples per second and thread (a prime, so sampling does not beat with timers). */
export const PERF_HZ = 997;

/** Starts `perf record` of `pid` for `seconds`; resolves when perf has written `file`, or with its error. */
export function recordPerf(pid: number, seconds: number, file: string): { done: Promise<void>; child: ChildProcess } {
  const child = spawn(
    'perf',
    ['record', '-F', String(PERF_HZ), '-g', '-p', String(pid), '-o', file, '--', 'sleep', String(seconds)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) =>
      reject(new Error(`perf record could not start (${error.message}): --perf needs Linux perf (linux-tools)`)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`perf record exited ${code}: ${err}`))));
  });
  return { done, child };
}

/** Which thread a sample's stack ran on, by its outermost frames. */
const THREADS: [string, RegExp][] = [
  ['peer threads (workers)', /node::worker::Worker::Run/],
  ['libuv pool (file calls)', /uv__queue_work|^worker$/m],
  ['V8 platform (JIT, GC helpers)', /PlatformWorkerThread|DefaultJobWorker/],
  ['main thread (load, relay)', /node::Start|NodeMainInstance/],
];

/** What a sample was doing, by any frame of its stack: the first match wins. */
const KINDS: [string, RegExp][] = [
  ['fs: create (openat O_CREAT)', /\bext4_create\b/],
  ['fs: open', /__x64_sys_openat/],
  ['fs: write, fsync', /ext4_buffered_write_iter|ext4_sync_file|__x64_sys_fsync|__x64_sys_fdatasync/],
  ['fs: unlink, rename', /__x64_sys_unlink|__x64_sys_rename/],
  ['fs: other', /\bext4_|__x64_sys_close\b|__x64_sys_(new)?fstat|__x64_sys_statx|__x64_sys_getdents/],
  ['TCP send (kernel, loopback delivery included)', /\btcp_sendmsg\b/],
  ['TCP receive (kernel)', /\btcp_recvmsg\b/],
  ['UDP (kernel)', /\budp_sendmsg\b|\budp_recvmsg\b/],
  ['futex, epoll, eventfd (wake-ups)', /__x64_sys_futex|__x64_sys_epoll|eventfd|__schedule/],
  ['other system calls', /do_syscall_64/],
  ['GC', /Scavenge|MarkCompact|ConcurrentMarking|Sweeper|Heap::CollectGarbage|MinorMarkCompact/],
  ['JIT compile', /compiler::|Compiler::|BaselineCompiler|maglev::|CompileLazy|Parser::/],
  ['kernel, other (interrupts)', /^\S*(irq|_interrupt)/m],
];

export interface PerfSummary {
  samples: number;
  /** CPU ms per sample. */
  msPerSample: number;
  threads: [string, number][];
  kinds: [string, number][];
  /** Peer threads: samples by the JS function nearest the leaf (its tier: * optimised, ^ baseline, ~ interpreted). */
  peerFunctions: [string, number][];
  /** Peer threads: samples whose leaf is optimised code, baseline or interpreter code, or IC and call stubs. */
  peerTiers: [string, number][];
}

/**
 * `perf script`'s samples (its `tid` then one frame per line, leaf first), each with its thread's kind (`threads`: the
 * first whose pattern matches a sample's outermost frames; 'other threads' for none). A thread's kind is read off its
 * samples whose stacks reach its start (libc frames without frame pointers cut many short), then given to all of them.
 */
export function perfSamples(text: string, threads: [string, RegExp][]): { thread: string; frames: string[] }[] {
  const parsed: { tid: string; frames: string[] }[] = [];
  const votes = new Map<string, Map<string, number>>();
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length < 2) continue;
    const tid = lines[0]!.trim();
    // Each frame line: address, then the symbol.
    const frames = lines.slice(1).map((l) => l.trim().replace(/^\S+\s+/, ''));
    parsed.push({ tid, frames });
    const kind = threads.find(([, re]) => re.test(frames.slice(-8).join('\n')))?.[0];
    if (kind === undefined) continue;
    const v = votes.get(tid) ?? votes.set(tid, new Map()).get(tid)!;
    v.set(kind, (v.get(kind) ?? 0) + 1);
  }
  const threadOf = new Map([...votes].map(([tid, v]) => [tid, [...v].sort((a, b) => b[1] - a[1])[0]![0]]));
  return parsed.map(({ tid, frames }) => ({ thread: threadOf.get(tid) ?? 'other threads', frames }));
}

/** Reads `file` (perf script) into per-thread, per-kind and per-function sample counts. */
export function summarisePerf(file: string, scriptOut?: string): PerfSummary {
  const script = spawnSync('perf', ['script', '-i', file, '-F', 'tid,ip,sym'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (script.status !== 0) throw new Error(`perf script failed: ${script.stderr}`);
  if (scriptOut !== undefined) writeFileSync(scriptOut, script.stdout);
  const threads = new Map<string, number>();
  const kinds = new Map<string, number>();
  const functions = new Map<string, number>();
  const tiers = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const parsed = perfSamples(script.stdout, THREADS);
  for (const { thread, frames } of parsed) {
    add(threads, thread);
    add(kinds, KINDS.find(([, re]) => re.test(frames.join('\n')))?.[0] ?? 'JS and native code');
    if (!thread.startsWith('peer')) continue;
    const js = frames.find((f) => f.startsWith('JS:'));
    add(functions, js === undefined ? `(no JS) ${frames[0]}` : shortName(js));
    const leaf = frames[0]!;
    add(
      tiers,
      leaf.startsWith('JS:*')
        ? 'optimised JS (TurboFan)'
        : leaf.startsWith('JS:^') || leaf.startsWith('JS:~') || /Baseline|Interpreter/.test(leaf)
          ? 'baseline or interpreted JS'
          : /^Builtins_.*(IC|Call)/.test(leaf)
            ? 'inline caches and call stubs (mostly from unoptimised code)'
            : 'other (builtins, C++, kernel)',
    );
  }
  const samples = parsed.length;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    samples,
    msPerSample: 1000 / PERF_HZ,
    threads: sorted(threads),
    kinds: sorted(kinds),
    peerFunctions: sorted(functions),
    peerTiers: sorted(tiers),
  };
}

function shortName(frame: string): string {
  return frame
    .replace(/ \(\/tmp\/perf-\d+\.map\)$/, '')
    .replace(/\S*\/bench\/\.build\/actor\//, '')
    .slice(0, 100);
}

/** The summary as lines, in µs of CPU per operation. */
export function formatPerf(summary: PerfSummary, ops: number): string[] {
  const perOp = (n: number) => ((n * summary.msPerSample * 1000) / ops).toFixed(0).padStart(6);
  const share = (n: number) => `${((100 * n) / summary.samples).toFixed(1).padStart(5)} %`;
  const out = [`perf: ${summary.samples} samples = ${perOp(summary.samples).trim()} µs CPU per op`];
  const table = (title: string, rows: [string, number][], limit = 20) => {
    out.push(title);
    for (const [k, n] of rows.slice(0, limit)) out.push(`  ${perOp(n)} µs/op ${share(n)}  ${k}`);
  };
  table('by thread:', summary.threads);
  table('by kind of work (every thread):', summary.kinds);
  table('peer threads, by the code running:', summary.peerTiers);
  table('peer threads, by the JS function nearest the leaf:', summary.peerFunctions, 25);
  return out;
}

/** V8's map of JIT code to names for `pid`, written under --perf-basic-prof. */
export function removePerfMap(pid: number): void {
  rmSync(`/tmp/perf-${pid}.map`, { force: true });
}
