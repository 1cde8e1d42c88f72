// The clock every thread of a ring process stamps its events with, so the main thread prints them in causal order.
//
// Why a shared counter and not a hybrid logical clock in the envelopes: a process prints only its own peers' lines,
// and within a process one counter in shared memory, incremented atomically where a line happens, is an exact total
// order that agrees with causality (a line is stamped before the message it announces is sent, and its receipt is
// stamped after that message was read), with no change to the wire. Lines of different processes go to different
// terminals; the order of writes across processes is the records' own HLC (src/core/version.ts).

/** A stamp: `seq` counts every event of the process from 0 with no gap; `t` is wall-clock ms on a clock all threads share. */
export interface Stamp {
  seq: number;
  t: number;
}

/**
 * One per ring, in a SharedArrayBuffer handed to every thread hosting its actors. `t` is process.hrtime (one
 * monotonic clock for every thread: performance.now() counts from each thread's own start) plus the offset to the
 * wall clock, measured once when the clock is made.
 */
export class CausalClock {
  private readonly counter: BigInt64Array;
  private readonly offsetMs: Float64Array;
  /** How many things the main thread waits for now that need every event stamped before them (see `mainWaits`). */
  private readonly waits: Int32Array;
  /** Whether anything on the main thread listens to lines (1) or not (0: threads keep them to themselves). */
  private readonly listening: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = CausalClock.newBuffer()) {
    this.counter = new BigInt64Array(buffer, 0, 1);
    this.offsetMs = new Float64Array(buffer, 8, 1);
    this.waits = new Int32Array(buffer, 16, 1);
    this.listening = new Int32Array(buffer, 20, 1);
  }

  private static newBuffer(): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(24);
    new Float64Array(buffer, 8, 1)[0] = Date.now() - hrMs();
    return buffer;
  }

  /** How many stamps were taken so far, in every thread: events `seq` below this happened before now. */
  taken(): number {
    return Number(Atomics.load(this.counter, 0));
  }

  stamp(): Stamp {
    return this.stampOnto({});
  }

  /** Stamps `target` itself (no copy: spreading a report into a new event cost a few µs a line). */
  stampOnto<T extends object>(target: T): T & Stamp {
    const stamped = target as T & Stamp;
    stamped.seq = Number(Atomics.add(this.counter, 0, 1n));
    stamped.t = hrMs() + this.offsetMs[0]!;
    return stamped;
  }

  /**
   * The main thread waits for something that comes after every event stamped before it (a comlink call's answer, a
   * command's completion): threads then post their lines at the end of each turn, not later (src/actor/outbox.ts).
   * Those holding lines are woken to post them now. Call the returned function when the wait is over.
   */
  mainWaits(): () => void {
    Atomics.add(this.waits, 0, 1);
    Atomics.notify(this.waits, 0);
    let over = false;
    return () => {
      if (over) return;
      over = true;
      Atomics.sub(this.waits, 0, 1);
    };
  }

  /**
   * Whether lines are wanted: something on the main thread listens to the ring's events (a terminal, the view, a
   * program's `ring.on`). When nothing does, threads neither stamp nor post their lines nor commands' 'done' events (a
   * postMessage each turn, and the main thread's relay, for nobody: a command's caller has its answer); answers and the
   * other events still go.
   */
  get linesWanted(): boolean {
    return Atomics.load(this.listening, 0) === 1;
  }

  set linesWanted(wanted: boolean) {
    Atomics.store(this.listening, 0, wanted ? 1 : 0);
  }

  get mainWaiting(): boolean {
    return Atomics.load(this.waits, 0) > 0;
  }

  /** Resolves once the main thread waits (at once if it does now). A pending wait does not keep a thread alive. */
  whenMainWaits(): Promise<void> {
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    const result = waitAsync(this.waits, 0, 0);
    return result.async ? result.value.then(() => {}) : Promise.resolve();
  }
}

/** Atomics.waitAsync (ES2024, in Node since 16), which this project's ES2022 types do not declare. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

function hrMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
