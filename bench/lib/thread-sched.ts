// Each thread of this process, from /proc: CPU time and time spent runnable but waiting for a core (schedstat), so a
// bench can say which threads were busy over a window and how long they queued for the 2 cores. Threads are not
// named by Node (every comm is "node"): the main thread is the one whose id is the pid; the rest are told apart by
// how busy they were (the peer threads lead, then V8's platform threads and libuv's pool).
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadSample {
  tid: number;
  /** ns on a core. */
  runNs: number;
  /** ns runnable and waiting for a core. */
  waitNs: number;
  /** times it was scheduled onto a core. */
  slices: number;
  /** voluntary context switches (it went to sleep: epoll, futex, a syscall that blocks). */
  voluntary: number;
}

export function sampleThreads(pid = process.pid): Map<number, ThreadSample> {
  const out = new Map<number, ThreadSample>();
  for (const name of readdirSync(`/proc/${pid}/task`)) {
    const tid = Number(name);
    try {
      const [run, wait, slices] = readFileSync(`/proc/${pid}/task/${name}/schedstat`, 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number);
      const status = readFileSync(`/proc/${pid}/task/${name}/status`, 'utf8');
      const voluntary = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
      out.set(tid, { tid, runNs: run!, waitNs: wait!, slices: slices!, voluntary });
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return out;
}

/** Lines per thread over the window between two samples, busiest first: % of the window on a core, % waiting for one. */
export function formatThreads(
  before: Map<number, ThreadSample>,
  after: Map<number, ThreadSample>,
  ms: number,
  ops: number,
  pid = process.pid,
): string[] {
  const rows = [...after.values()]
    .map((a) => {
      const b = before.get(a.tid) ?? { runNs: 0, waitNs: 0, slices: 0, voluntary: 0 };
      return {
        tid: a.tid,
        run: a.runNs - b.runNs,
        wait: a.waitNs - b.waitNs,
        slices: a.slices - b.slices,
        vol: a.voluntary - b.voluntary,
      };
    })
    .filter((r) => r.run > ms * 1e6 * 0.005)
    .sort((x, y) => y.run - x.run);
  const pct = (ns: number) => `${((ns / (ms * 1e6)) * 100).toFixed(1).padStart(5)} %`;
  const lines = ['thread      on a core   waiting for one   wait per slice   sleeps per op'];
  for (const r of rows)
    lines.push(
      `${(r.tid === pid ? 'main' : String(r.tid)).padEnd(10)} ${pct(r.run)}     ${pct(r.wait)}         ${(r.wait / Math.max(r.slices, 1) / 1000).toFixed(0).padStart(5)} µs       ${(r.vol / Math.max(ops, 1)).toFixed(2)}`,
    );
  const total = rows.reduce((s, r) => s + r.run, 0);
  lines.push(`all listed: ${(total / (ms * 1e6)).toFixed(2)} cores`);
  return lines;
}
