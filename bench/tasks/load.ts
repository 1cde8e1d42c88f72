// A piscina task: a load generator with client ports to some peers, keeping `concurrency` stores and requests in flight.
import { performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { OpResult } from '../../src/core/io.ts';
import { PeerClient } from '../../src/host/client.ts';
import { Random } from '../../src/sim/random.ts';

export interface LoadTask {
  /** Client ports (PeerHandle.clientPort()), one per origin peer; commands go to them in turn. */
  ports: MessagePort[];
  /** Commands in flight at any time (closed loop: each one's end starts the next). */
  concurrency: number;
  /** Commands that start within the warm-up are not counted; none starts after warm-up + duration. */
  warmupMs: number;
  durationMs: number;
  /** Commands still running this long after the end are given up (counted as unfinished). */
  drainMs: number;
  /** Share of commands that are stores; the rest are requests. */
  storeShare: number;
  /** Names stored in advance: requests ask for them. */
  requestNames: string[];
  /** Stores take fresh names from these, in turn (never two stores of one name at once), with the bytes of `storePath`. */
  storeNames: string[];
  storePath: string;
  seed: number;
  /** Each counted command's latency in the outcome (storeMs, requestMs); false: counts only (the soak's memory). */
  keepLatencies?: boolean;
}

export interface LoadOutcome {
  /** Counted commands (started after the warm-up) that ended ok within the measured window, and those that failed. */
  ok: number;
  failed: number;
  unfinished: number;
  /** How many of `storeNames` it used (from the start), counted or not. */
  storesIssued: number;
  errors: Record<string, number>;
  /** Latencies (ms, this thread's clock from send to answer) of counted commands that ended ok. */
  storeMs: number[];
  requestMs: number[];
  /** The measured window: from the end of the warm-up until no new command starts. */
  windowMs: number;
}

export default async function loadTask(task: LoadTask): Promise<LoadOutcome> {
  const random = new Random(task.seed);
  const clients = task.ports.map((port) => new PeerClient(port));
  const out: LoadOutcome = {
    ok: 0,
    failed: 0,
    unfinished: 0,
    storesIssued: 0,
    errors: {},
    storeMs: [],
    requestMs: [],
    windowMs: task.durationMs,
  };
  const countFrom = performance.now() + task.warmupMs;
  const stopAt = countFrom + task.durationMs;
  let turn = 0;
  let stores = 0;
  let drained = false;
  async function loop(): Promise<void> {
    while (performance.now() < stopAt) {
      const client = clients[turn++ % clients.length]!;
      const store = random.chance(task.storeShare) && stores < task.storeNames.length;
      const t0 = performance.now();
      let result: OpResult | { ok: false; error: string; ms: number };
      try {
        result = await (store
          ? client.store(task.storeNames[stores++]!, task.storePath)
          : client.request(random.pick(task.requestNames)));
      } catch (error) {
        result = { ok: false as const, error: (error as Error).message, ms: 0 };
      }
      const t1 = performance.now();
      if (t0 < countFrom) continue;
      if (drained) out.unfinished++;
      else if (result.ok) {
        if (t1 <= stopAt) out.ok++; // after the window, its latency counts; the window's ops/s does not
        if (task.keepLatencies !== false) (store ? out.storeMs : out.requestMs).push(t1 - t0);
      } else {
        out.failed++;
        const reason = result.error.replace(/\d+(\.\d+)?/g, 'N'); // group by kind of error, not by file or peer
        out.errors[reason] = (out.errors[reason] ?? 0) + 1;
      }
    }
  }
  let drainTimer: NodeJS.Timeout | undefined;
  const drain = new Promise<void>((resolve) => {
    drainTimer = setTimeout(
      () => {
        drained = true;
        for (const client of clients) client.close(); // whatever is still pending fails now
        resolve();
      },
      task.warmupMs + task.durationMs + task.drainMs,
    );
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: task.concurrency }, loop)), drain]);
  } finally {
    clearTimeout(drainTimer);
    for (const client of clients) client.close();
  }
  out.storesIssued = stores;
  return out;
}
