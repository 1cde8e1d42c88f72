// Puts a ring's events back into causal order on the main thread. Each thread posts its own events in order, but
// messages from different threads reach the main thread in any order; their stamps (src/actor/causal-clock.ts) count
// every event of the ring with no gap, so an event is passed on once every event stamped before it has been.

import type { Stamp } from '../actor/causal-clock.ts';

/**
 * How long a gap in the stamps may hold the events after it before the threads are asked whether its event can still
 * come (`settle`). A stamp is lost only with its thread (ended by `kill` or a crash with ping lines still held back),
 * and the ring gives those up as the thread ends (abandon). A live thread may post very late: ping lines are held 10 ms
 * by a timer (src/actor/outbox.ts) that a thread starting or hosting many peers on a loaded machine ran more than 2 s
 * late (causal-order test at load 24: two ping lines given up, then printed out of order).
 */
export const REORDER_WINDOW_MS = 2_000;

/**
 * Resolves once every live thread has posted every event it stamped before the call (a thread's answer goes after the
 * events it holds, on the same port), with how many stamps were taken before it: a stamp below that still missing then
 * never comes. Without one (a test's reorder), the window gives a gap up by itself.
 */
export type Settle = () => Promise<number>;

export interface ReorderTimers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ReorderTimers = {
  // The timer fires in the timers phase, before the poll phase reads the other threads' messages: after a long busy
  // spell the missing event may already be waiting there, so the gap is given one more turn (setImmediate) first.
  set: (fire, ms) => setTimeout(() => setImmediate(fire), ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class Reorder<E extends Stamp> {
  private next = 0;
  private readonly waiting = new Map<number, E>();
  private timer: unknown;
  /** Events that came after their gap was given up (they are passed on at once, out of order). */
  late = 0;
  /** Stamps given up on: their events never came within the window, and (with settle) not once every thread answered. */
  skipped = 0;
  /** Callers waiting for the events stamped before a point to be passed on. */
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  /** The last `t` passed on: each event's is raised above it, so `t` increases in the order events are passed on. */
  private lastT = Number.NEGATIVE_INFINITY;

  /** How many times the threads were asked to settle a gap (the window passed with it open). */
  settles = 0;
  /** A settle under way: the window's timer waits for it rather than give anything up. */
  private settling = false;

  constructor(
    private readonly deliver: (event: E) => void,
    private readonly windowMs = REORDER_WINDOW_MS,
    private readonly timers: ReorderTimers = realTimers,
    private readonly settle?: Settle,
  ) {}

  push(event: E): void {
    if (event.seq < this.next) {
      this.late++;
      this.pass(event);
      return;
    }
    this.waiting.set(event.seq, event);
    this.drain();
  }

  /** Whether every event stamped so far and arrived has been passed on. */
  get idle(): boolean {
    return this.waiting.size === 0;
  }

  /**
   * Resolves once every event stamped below `seq` has been passed on (or given up): an answer read after the stamps
   * counted `seq` is then shown after everything that happened before it. Undefined when they all have been already.
   */
  passed(seq: number): Promise<void> | undefined {
    if (this.next >= seq) return undefined; // already: the caller goes on in this turn
    return new Promise((resolve) => {
      this.waiters.push({ seq, resolve });
      this.timer ??= this.timers.set(() => this.windowPassed(), this.windowMs);
    });
  }

  private drain(): void {
    const from = this.next;
    for (let event = this.waiting.get(this.next); event !== undefined; event = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next++;
      this.pass(event);
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.seq > this.next) continue;
      this.waiters[i]!.resolve();
      this.waiters.splice(i, 1);
    }
    // The window counts from the last progress: a gap that just opened gets all of it.
    if (this.timer !== undefined && (this.next !== from || (this.waiting.size === 0 && this.waiters.length === 0))) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    if (this.waiting.size > 0 || this.waiters.length > 0)
      this.timer ??= this.timers.set(() => this.windowPassed(), this.windowMs);
  }

  /** Passes on every event still waiting, in order, whatever gaps remain (the ring is closing). */
  flush(): void {
    while (this.waiting.size > 0) this.giveUp();
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /**
   * Stamps below `seq` whose events have not come are given up (a thread ended: what it had not posted never comes);
   * the events that did come are passed on in order.
   */
  abandon(seq: number): void {
    while (this.next < seq) {
      const event = this.waiting.get(this.next);
      if (event === undefined) this.skipped++;
      else {
        this.waiting.delete(this.next);
        this.pass(event);
      }
      this.next++;
    }
    this.drain();
  }

  /**
   * The window passed with a gap still open. With `settle`, the threads are asked first: what a live thread stamped
   * comes, however late, and only stamps still missing once they all answered are given up. Without, the events after
   * the gap go on without the missing ones.
   */
  private windowPassed(): void {
    this.timer = undefined;
    if (this.settle === undefined) return this.giveUp();
    if (this.settling) return;
    this.settling = true;
    this.settles++;
    // A settle that throws rather than rejects is given up on too: settling never stays set.
    let settled: Promise<number>;
    try {
      settled = this.settle();
    } catch (error) {
      settled = Promise.reject(error);
    }
    void settled.then(
      (taken) => {
        this.settling = false;
        this.abandon(taken);
      },
      () => {
        this.settling = false;
        this.giveUp();
      },
    );
  }

  /** The events after the first gap go on without the missing ones. */
  private giveUp(): void {
    this.timer = undefined;
    const first =
      this.waiting.size > 0 ? Math.min(...this.waiting.keys()) : Math.min(...this.waiters.map((waiter) => waiter.seq));
    if (first === Number.POSITIVE_INFINITY) return;
    this.skipped += first - this.next;
    this.next = first;
    this.drain();
  }

  private pass(event: E): void {
    // Stamps are taken a moment before their time is read: a thread paused in between could read a later time than
    // the next stamp's. Microseconds, each above the last, so JSON's t (rounded to µs) sorts as printed.
    const us = Math.max(Math.round(event.t * 1000), Math.round(this.lastT * 1000) + 1);
    this.lastT = us / 1000;
    this.deliver(us / 1000 === event.t ? event : { ...event, t: us / 1000 });
  }
}
