// The machine's timers of one thread on one Node timer (a get sets and clears its op's and its lookup's hop timer at
// its origin, a hop timer at each peer that forwards it; a store more). Each had a setTimeout of its own, and since
// their durations are fractions (`at - now`), each made Node a timer list of its own too (a list, a priority-queue
// entry and a libuv call, undone by its clearTimeout). Here a set is a push on a heap and a clear a mark; the Node timer
// is set again only when a new deadline comes before the one it waits for (bench/README.md, eighteenth round).

import { performance } from 'node:perf_hooks';
import type { Clock } from '../runtime/ports.ts';

interface Entry {
  at: number;
  /** Ties fire in the order they were set, as Node's timers of one deadline do. */
  seq: number;
  /** Called with `name`: one function serves all of a caller's timers (the runtime's), not a closure per timer. */
  fire: ((name: unknown) => void) | undefined;
  name: unknown;
}

export type QueuedTimer = Entry;

/** Node's timers fire by whole milliseconds: one may come up to 1 ms before a deadline on the fractional clock. */
const EARLY_MS = 1;

export class TimerQueue {
  private heap: Entry[] = [];
  private seq = 0;
  /** Entries set and neither fired nor cleared. */
  private live = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The deadline the Node timer was set for (Infinity: none set). */
  private armedAt = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  /** Calls `fire(name)` at `at` (on a later turn, also when `at` has passed). */
  set<T>(at: number, fire: (name: T) => void, name: T): QueuedTimer;
  set(at: number, fire: () => void): QueuedTimer;
  set(at: number, fire: (name: unknown) => void, name?: unknown): QueuedTimer {
    const entry: Entry = { at, seq: this.seq++, fire, name };
    this.push(entry);
    this.live++;
    if (at < this.armedAt) this.arm(at);
    else if (this.live === 1) this.timer?.ref();
    return entry;
  }

  /** `entry` will not fire (nothing happens if it fired already). */
  clear(entry: QueuedTimer): void {
    if (entry.fire === undefined) return;
    entry.fire = undefined;
    entry.name = undefined;
    this.live--;
    if (this.live === 0) this.timer?.unref(); // a thread is not kept by timers nobody waits for
    // Cleared entries stay until their deadline; most are (a hop's timer is cleared by its acknowledgement): dropped
    // in one pass once they are most of the heap.
    if (this.heap.length > 64 && this.live < this.heap.length / 4) this.compact();
  }

  /** Timers waiting to fire. */
  get size(): number {
    return this.live;
  }

  /** Whether the Node timer keeps the thread's event loop open (only while a timer waits). */
  get holdsLoop(): boolean {
    return this.timer?.hasRef() === true;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(this.run, Math.max(0, at - this.now()));
    if (this.live === 0) this.timer.unref();
  }

  private readonly run = (): void => {
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    const due = this.now() + EARLY_MS;
    try {
      for (let top = this.heap[0]; top !== undefined && (top.fire === undefined || top.at <= due); top = this.heap[0]) {
        this.pop();
        const fire = top.fire;
        if (fire === undefined) continue;
        top.fire = undefined;
        const name = top.name;
        top.name = undefined;
        this.live--;
        fire(name);
      }
    } finally {
      // Also when a timer's callback threw (it escapes to the thread, as a setTimeout's would): the rest still fire.
      while (this.heap.length > 0 && this.heap[0]!.fire === undefined) this.pop();
      const next = this.heap[0];
      if (next !== undefined && next.at < this.armedAt) this.arm(next.at);
    }
  };

  private compact(): void {
    const kept = this.heap.filter((e) => e.fire !== undefined);
    this.heap = [];
    for (const e of kept) this.push(e);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

const wallClock = () => performance.timeOrigin + performance.now();

/** A clock port whose timers are one TimerQueue over `now`, on one Node timer. */
export function queueClock(now: () => number): Clock {
  const timers = new TimerQueue(now);
  return {
    now,
    setTimer: (at, fire, name) => timers.set(at, fire, name),
    clearTimer: (handle) => timers.clear(handle as QueuedTimer),
  };
}

/** Wall-clock time and the timers of this thread's peers (the runtime's, and their inline files' answers). */
export const threadClock: Clock = queueClock(wallClock);
