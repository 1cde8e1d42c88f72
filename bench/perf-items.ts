// `node --import tsx bench/perf-items.ts SCRIPT OPS [SCRIPT OPS ...]`: reads `perf script` text kept by `bench/profile.ts
// --perf --perf-script SCRIPT` and prints µs of CPU per operation by thread and, on the peer threads, by item, as the
// seventeenth round's table (bench/README.md, cpu24): each peer-thread sample goes to the first item that one of its
// frames matches, read from the leaf up. Several runs print side by side (one column each). Not a figure.
import { readFileSync } from 'node:fs';
import { PERF_HZ, perfSamples } from './lib/perf.ts';

const THREADS: [string, RegExp][] = [
  ['peer threads', /node::worker::Worker::Run/],
  ["libuv's pool (file calls)", /uv__queue_work|^worker$/m],
  ["V8's platform threads (JIT, GC)", /PlatformWorkerThread|DefaultJobWorker/],
  ['main thread (the load)', /node::Start|NodeMainInstance/],
];

/** A JS frame's function name (perf's map: `JS:*name file:line:col`), or the native symbol. */
function nameOf(frame: string): string {
  const js = /^JS:[*^~]?(\S*)/.exec(frame);
  return js === null ? frame : js[1]!;
}

const STORE_JS =
  /^(putWhole|appendCopy|promote|promoteLogged|promoteOwn|sealWholeFile|sealData|sealBoth|afterCommit|flushLater|flushUnflushed|keep|install|exclusive|logSettled|roomFor|copyLog|recordLoss|unshelve|discard|keepWhole|fsCall|publish|sync|flushed|append|writeFrame|CopyLog.*|FileStore.*|DirectorySyncs.*)$/;

/** Items of a peer thread's work; a frame's test gets the frame line and its function's name. */
const ITEMS: [string, (frame: string, name: string) => boolean][] = [
  ['GC, JIT on the thread', (f) => /Scavenge|MarkCompact|Heap::|compiler::|Compiler::|maglev::|CompileLazy/.test(f)],
  ['sha256', (f, n) => /sha256|SHA256|EVP_Digest/.test(f) || /^(hash|Hash|digest|sha256Of|digestOf)$/.test(n)],
  [
    'store and file calls (this thread)',
    (f, n) =>
      STORE_JS.test(n) ||
      /node:(internal\/)?fs/.test(f) ||
      /__x64_sys_(openat|pwrite64|write|rename|fdatasync|fsync|close|statfs|unlink|newfstatat|fstat)\b|ext4_/.test(f),
  ],
  [
    'codec (encode, decode, framing)',
    (f, n) => /^(encode|decode|encodeEnvelope|decodeEnvelope|ldelim|fork)$/.test(n) || /protobuf/.test(f),
  ],
  ['socket writes', (f, n) => /^(sendTcp|_write|Socket\._write|writeGeneric|writev)$/.test(n) || /tcp_sendmsg/.test(f)],
  ['socket reads', (f, n) => /tcp_recvmsg|onStreamRead/.test(f) || /^(Readable\.push|readableAddChunk.*)$/.test(n)],
  [
    'between threads (MessagePort, mesh)',
    (f, n) => /MessagePort|messageport|postMessage/.test(f) || /^(post|flush|onLocal|deliver|sendLocal)$/.test(n),
  ],
  ['wake-ups, epoll, futex', (f) => /__x64_sys_futex|__x64_sys_epoll|eventfd|__schedule|uv__io_poll/.test(f)],
  ['core (`PeerMachine.handle`)', (_f, n) => n === 'handle'],
  ['runtime (feed, effects, timers)', (_f, n) => /^(feed|run|handleNow|processTimers|listOnTimeout)$/.test(n)],
];

/** Taken first, by any frame: a request's received copy (written, or kept unchanged), and small files read whole. */
const WHOLE: [string, RegExp][] = [
  ["a request's received file written or kept", /^(writeSmallFileSync|renameSync|keepIfUnchangedSync)$/],
  ['small files read whole (a copy served, the file to store)', /^readSmallFileSync$/],
];

interface Counts {
  samples: number;
  threads: Map<string, number>;
  items: Map<string, number>;
}

function count(file: string): Counts {
  const text = readFileSync(file, 'utf8');
  const threads = new Map<string, number>();
  const items = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const samples = perfSamples(text, THREADS);
  for (const { thread, frames } of samples) {
    add(threads, thread);
    if (thread !== 'peer threads') continue;
    let item = 'other (malloc mostly)';
    // Small files written or read whole in synchronous calls are told apart by their caller anywhere in the stack (the
    // kernel's frames nearer the leaf would count them as the store's file calls).
    const names = frames.map(nameOf);
    const whole = WHOLE.find(([, re]) => names.some((n) => re.test(n)));
    if (whole !== undefined) item = whole[0];
    else
      found: for (const frame of frames) {
        const name = nameOf(frame);
        for (const [label, test] of ITEMS)
          if (test(frame, name)) {
            item = label;
            break found;
          }
      }
    add(items, item);
  }
  return { samples: samples.length, threads, items };
}

const args = process.argv.slice(2);
const runs: { label: string; counts: Counts; ops: number }[] = [];
for (let i = 0; i + 1 < args.length; i += 2)
  runs.push({ label: args[i]!.replace(/^.*\//, ''), counts: count(args[i]!), ops: Number(args[i + 1]) });
const perOp = (n: number | undefined, ops: number) => Math.round(((n ?? 0) * 1e6) / PERF_HZ / ops);
const rows: [string, (c: Counts) => number | undefined][] = [
  ['all threads (perf)', (c) => c.samples],
  ...THREADS.slice(0, 1).map(([t]) => [t, (c: Counts) => c.threads.get(t)] as [string, (c: Counts) => number]),
  ...[...WHOLE.map(([l]) => l), ...ITEMS.map(([l]) => l), 'other (malloc mostly)'].map(
    (l) => [`— ${l}`, (c: Counts) => c.items.get(l)] as [string, (c: Counts) => number | undefined],
  ),
  ...THREADS.slice(1).map(([t]) => [t, (c: Counts) => c.threads.get(t)] as [string, (c: Counts) => number]),
];
console.log(`| µs of CPU per op | ${runs.map((r) => r.label).join(' | ')} |`);
console.log(`| --- | ${runs.map(() => '---:').join(' | ')} |`);
for (const [label, get] of rows)
  console.log(`| ${label} | ${runs.map((r) => perOp(get(r.counts), r.ops)).join(' | ')} |`);
