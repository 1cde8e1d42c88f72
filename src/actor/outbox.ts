// What an actor thread posts to the main thread: its events, stamped as they happen and sent a turn's worth at a time.
import type { CausalClock } from './causal-clock.ts';
import type { ActorEvent, ActorReport } from './events.ts';

/** The ping lines' timer: set and clear (a test's are fired by hand). */
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
 * Ping lines come from every peer every round. They are posted together, at most this late, rather than at the end of
 * their turn: a message wakes the main thread, which then competes for a core with the peers in the middle of their
 * round trip (about 50 µs of a ping's p50 on 2 cores). Any other event or message posted on the port (a comlink
 * answer) takes those held back with it, so every event still arrives in order.
 */
export const PING_LINES_DELAY_MS = 10;

/**
 * Stamps each report on the ring's causal clock as it happens, and posts the events of one turn in one message at the
 * end of it (setImmediate: after every socket read of this poll phase). One postMessage per line was 18 % of a
 * request's CPU in the peers' threads (bench/README.md "Where the time goes"). Since the stamps are taken as the events
 * happen, the main thread's reorder (src/host/reorder.ts) puts them in causal order however late they arrive.
 */
export class EventOutbox {
  private readonly held: ActorEvent[] = [];
  private pingTimer: unknown;
  private turn: NodeJS.Immediate | undefined;

  /** `pingTimers`: the ping lines' delay (a test fires it by hand). */
  constructor(
    private readonly port: { postMessage(message: EventMessage): void },
    private readonly clock: CausalClock,
    private readonly pingTimers: OutboxTimers = unrefTimers,
  ) {}

  /**
   * Stamps `report` now (before any message it announces leaves: the runtime emits lines first) and holds it. The
   * report becomes the event: its sender keeps no reference to it.
   */
  add(report: ActorReport): void {
    const event: ActorEvent = this.clock.stampOnto(report);
    this.held.push(event);
    if (event.kind === 'line' && event.line.event.startsWith('ping.'))
      this.pingTimer ??= this.pingTimers.set(() => this.flush(), PING_LINES_DELAY_MS);
    else this.turn ??= setImmediate(() => this.flush());
  }

  /** Posts every event held, at once: before anything else this thread posts that must come after them. */
  flush(): void {
    if (this.pingTimer !== undefined) this.pingTimers.clear(this.pingTimer);
    if (this.turn !== undefined) clearImmediate(this.turn);
    this.pingTimer = undefined;
    this.turn = undefined;
    if (this.held.length === 0) return;
    this.port.postMessage({ ringdhtEvents: this.held.splice(0) });
  }
}
