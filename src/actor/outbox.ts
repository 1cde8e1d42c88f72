// What an actor thread posts to the main thread: its events, stamped as they happen and sent a turn's worth at a time.
import type { CausalClock } from './causal-clock.ts';
import type { ActorEvent, ActorReport } from './events.ts';

/** The lines' timer: set and clear (a test's are fired by hand). */
export interface OutboxTimers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers that do not keep the thread alive. */
const unrefTimers: OutboxTimers = {
  set: (fire, ms) => setTimeout(fire, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The events of one turn of the thread's event loop, in the order they happened. They share the port comlink answers
 * on, so a command's lines always arrive before its answer. No `id` field: comlink ignores them.
 */
export type EventMessage = { ringdhtEvents: ActorEvent[] };

/**
 * Lines wait at most this long to be posted, while the main thread waits for nothing (below), rather than at the end of
 * their turn: a message wakes the main thread, which then competes for a core with the peers in the middle of their
 * round trips (about 50 µs of a ping's p50 on 2 cores), and one message per turn was still one per line or two when
 * commands came one at a time through client ports. Ping lines wait so always.
 */
export const LINES_DELAY_MS = 10;

/**
 * Stamps each report on the ring's causal clock as it happens, and posts them in few messages: the events of one turn
 * of the event loop in one message at its end (setImmediate: after every socket read of this poll phase) while the
 * main thread waits for something that must come after them (a comlink call's answer, a command's completion:
 * CausalClock.mainWaits); otherwise lines wait up to LINES_DELAY_MS, and are posted as soon as the main thread starts
 * waiting. One postMessage per line was 18 % of a request's CPU in the peers' threads (bench/README.md "Where the time
 * goes"). Since the stamps are taken as the events happen, the main thread's reorder (src/host/reorder.ts) puts them in
 * causal order however late they arrive.
 */
export class EventOutbox {
  private readonly held: ActorEvent[] = [];
  private linesTimer: unknown;
  private turn: NodeJS.Immediate | undefined;
  private watching = false;

  /**
   * `holdLines`: lines may wait while the main thread waits for nothing (a worker thread's: posting wakes the main
   * thread). Actors run in the main thread itself (a one-peer process) post a turn's events at its end, always, so
   * their lines reach the terminal as soon as before. `linesTimers`: the lines' delay (a test fires it by hand).
   */
  constructor(
    private readonly port: { postMessage(message: EventMessage): void },
    private readonly clock: CausalClock,
    private readonly holdLines = true,
    private readonly linesTimers: OutboxTimers = unrefTimers,
  ) {}

  /**
   * Stamps `report` now (before any message it announces leaves: the runtime emits lines first) and holds it. The
   * report becomes the event: its sender keeps no reference to it.
   */
  add(report: ActorReport): void {
    if (report.kind === 'line' && !this.clock.linesWanted) return; // nobody listens: not even stamped
    const event: ActorEvent = this.clock.stampOnto(report);
    this.held.push(event);
    if (
      event.kind === 'line' &&
      (event.line.event.startsWith('ping.') || (this.holdLines && !this.clock.mainWaiting))
    ) {
      this.linesTimer ??= this.linesTimers.set(() => this.flush(), LINES_DELAY_MS);
      this.watchMain();
    } else this.turn ??= setImmediate(() => this.flush());
  }

  /** Posts every event held, at once: before anything else this thread posts that must come after them. */
  flush(): void {
    if (this.linesTimer !== undefined) this.linesTimers.clear(this.linesTimer);
    if (this.turn !== undefined) clearImmediate(this.turn);
    this.linesTimer = undefined;
    this.turn = undefined;
    if (this.held.length === 0) return;
    this.port.postMessage({ ringdhtEvents: this.held.splice(0) });
  }

  /** Lines held for later are posted as soon as the main thread waits (it may be waiting for them). */
  private watchMain(): void {
    if (this.watching) return;
    this.watching = true;
    void this.clock.whenMainWaits().then(() => {
      this.watching = false;
      if (this.linesTimer !== undefined) this.flush();
    });
  }
}
