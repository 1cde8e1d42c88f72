// What the worker threads allocate, garbage included: V8's sampling heap profiler in every worker, driven from the main
// thread's inspector (`NodeWorker`), since a worker's own options drop `--import` and `--heap-prof` keeps only the
// objects still live at its end (an operation's garbage is the question). For bench/profile.ts --heap-sample.
import { Session } from 'node:inspector';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface SampleNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SampleNode[];
}

/** Starts sampling in every worker thread now running; `stop` returns each one's profile's root. */
export async function startHeapSampling(intervalBytes = 2048): Promise<{ stop(): Promise<SampleNode[]> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const workers: string[] = [];
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  session.on('NodeWorker.attachedToWorker', (m) => workers.push((m.params as { sessionId: string }).sessionId));
  session.on('NodeWorker.receivedMessageFromWorker', (m) => {
    const reply = JSON.parse((m.params as { message: string }).message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result);
  });
  const ask = (sessionId: string, method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  // The attach events of the threads already running arrive with enable's answer or just after it.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const w of workers) {
    await ask(w, 'HeapProfiler.enable');
    await ask(w, 'HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return {
    async stop() {
      const roots: SampleNode[] = [];
      for (const w of workers) {
        const r = (await ask(w, 'HeapProfiler.stopSampling')) as { profile: { head: SampleNode } };
        roots.push(r.profile.head);
      }
      session.disconnect();
      return roots;
    },
  };
}

/** How many functions each list names: RINGDHT_HEAP_TOP, 40 by default (more to see the small allocators too). */
const TOP = Number(process.env.RINGDHT_HEAP_TOP ?? 40);

/** Lines: bytes allocated per operation by each thread, then by allocating function (self) and by JS frame chains. */
export function formatHeapSamples(roots: SampleNode[], ops: number): string[] {
  const out: string[] = [];
  const self = new Map<string, number>();
  const withCaller = new Map<string, number>();
  const name = (f: CallFrame) =>
    `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${(f as { columnNumber?: number }).columnNumber ?? 0}`;
  const walk = (n: SampleNode, parents: CallFrame[]): number => {
    let total = n.selfSize;
    if (n.selfSize > 0) {
      const k = name(n.callFrame);
      self.set(k, (self.get(k) ?? 0) + n.selfSize);
      const chain = [n.callFrame, ...parents.slice(-3).reverse()].map(name).join(' < ');
      withCaller.set(chain, (withCaller.get(chain) ?? 0) + n.selfSize);
    }
    for (const c of n.children) total += walk(c, [...parents, n.callFrame]);
    return total;
  };
  const totals = roots.map((r) => walk(r, []));
  out.push(
    `heap samples: ${roots.length} worker threads, bytes allocated per op: ${totals.map((t) => (t / ops).toFixed(0)).join(', ')} (all ${(totals.reduce((a, b) => a + b, 0) / ops).toFixed(0)})`,
  );
  out.push('  by allocating function (bytes per op):');
  for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    out.push(`    ${(b / ops).toFixed(0).padStart(7)}  ${k}`);
  out.push('  by allocating function and its 3 callers:');
  for (const [k, b] of [...withCaller].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    out.push(`    ${(b / ops).toFixed(0).padStart(7)}  ${k}`);
  return out;
}
