// What an actor reports to the main thread: the lines it prints, commands completing, its end.
import type { OpResult } from '../core/io.ts';
import type { PeerLine } from '../core/lines.ts';
import type { PeerId } from '../core/ring.ts';
import type { Stamp } from './causal-clock.ts';

/** What the actor says; its thread stamps it on the process's causal clock as it happens (ActorEvent). */
export type ActorReport =
  | { kind: 'line'; peer: PeerId; line: PeerLine }
  /**
   * `bytes`: a get's file (a request into memory that succeeded), in the actor's thread only: they go back in the
   * command's answer (src/actor/worker.ts), and the event posted for the ring's listeners carries none.
   */
  | { kind: 'done'; peer: PeerId; op: number; command: string; result: OpResult; bytes?: Uint8Array }
  | { kind: 'closed'; peer: PeerId }
  /** The actor threw (or its thread died): it is gone as abruptly as a killed peer, and said why. */
  | { kind: 'crashed'; peer: PeerId; error: string };

/**
 * A report with its stamp: `t` is wall-clock milliseconds on the causal clock (src/actor/causal-clock.ts), `seq` its
 * place in the process's causal order. Events of a ring reach its listeners in `seq` order, so `t` increases too.
 */
export type ActorEvent = ActorReport & Stamp;
