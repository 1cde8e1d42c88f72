// What an actor reports to the main thread: the lines it prints, commands completing, its end.
import type { OpResult } from '../core/io.ts';
import type { PeerLine } from '../core/lines.ts';
import type { PeerId } from '../core/ring.ts';

/** `t` is wall-clock milliseconds (performance.timeOrigin + performance.now()). */
export type ActorEvent =
  | { kind: 'line'; peer: PeerId; t: number; line: PeerLine }
  /** `bytes`: a get's file (a request into memory that succeeded). */
  | { kind: 'done'; peer: PeerId; t: number; op: number; command: string; result: OpResult; bytes?: Uint8Array }
  | { kind: 'closed'; peer: PeerId; t: number }
  /** The actor threw (or its thread died): it is gone as abruptly as a killed peer, and said why. */
  | { kind: 'crashed'; peer: PeerId; t: number; error: string };
