// The runtime's timers by name, told apart as timerKey tells them, mostly without building the key: a schedule and a
// cancel each made one, ~5 of each per operation of the throughput figure's mix (bench/README.md, twenty-fifth round).
import { type TimerKind, type TimerName, timerKey } from '../core/io.ts';

/** A kind's index in a timer's number (its low 4 bits). */
const KIND_INDEX: Record<TimerKind, number> = {
  op: 0,
  lost: 1,
  hop: 2,
  ping: 3,
  pingTimeout: 4,
  quit: 5,
  behind: 6,
  fingers: 7,
  sync: 8,
  handoff: 9,
  scrub: 10,
  expect: 11,
  copies: 12,
};
const KINDS = 16;
/** An op or ack from 0 to this (2^48) makes a number of its own with any kind: 2^52 stays exact. */
const MAX_NUMBERED = 2 ** 48;

/**
 * One number per timer where its key is one number: a kind alone, or an op's and a hop's with their op or ack. A store's
 * `expect` and `copies` timers (an origin and an op) are filed by their timerKey: fewer than one schedule in eight.
 * One map for all: V8 reallocates a Map's table as it empties and refills, which small maps, one per kind, did per op.
 */
function numberOf(timer: TimerName): number | undefined {
  switch (timer.kind) {
    case 'op':
    case 'lost':
      return numberWith(timer.op, KIND_INDEX[timer.kind]);
    case 'hop':
      return numberWith(timer.ack, KIND_INDEX.hop);
    case 'expect':
    case 'copies':
      return undefined;
    default:
      return KIND_INDEX[timer.kind];
  }
}

function numberWith(n: number, kind: number): number | undefined {
  return Number.isInteger(n) && n >= 0 && n < MAX_NUMBERED ? n * KINDS + kind : undefined;
}

export class TimerTable<V> {
  private readonly numbered = new Map<number, V>();
  private readonly named = new Map<string, V>();

  get(timer: TimerName): V | undefined {
    const n = numberOf(timer);
    return n === undefined ? this.named.get(timerKey(timer)) : this.numbered.get(n);
  }

  set(timer: TimerName, value: V): void {
    const n = numberOf(timer);
    if (n === undefined) this.named.set(timerKey(timer), value);
    else this.numbered.set(n, value);
  }

  /** Takes `timer` out; returns what it was filed with, if anything. */
  delete(timer: TimerName): V | undefined {
    const n = numberOf(timer);
    return n === undefined ? take(this.named, timerKey(timer)) : take(this.numbered, n);
  }

  /** Calls `each` with every value filed, then files none. */
  clear(each: (value: V) => void): void {
    for (const value of this.numbered.values()) each(value);
    for (const value of this.named.values()) each(value);
    this.numbered.clear();
    this.named.clear();
  }
}

function take<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) map.delete(key);
  return value;
}
