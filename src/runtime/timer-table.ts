// The runtime's timers by name, told apart as timerKey tells them (the kind, then the op, the ack, or the origin and the
// op), without building the key: a schedule and a cancel each made one, ~5 of each per operation of the throughput
// figure's mix (bench/README.md, twenty-fifth round).
import type { TimerKind, TimerName } from '../core/io.ts';
import type { PeerId } from '../core/ring.ts';

type ByOrigin<V> = Map<PeerId, Map<number, V>>;

export class TimerTable<V> {
  /** The kinds with one timer at a time (ping, sync, ...): their kind is their key. */
  private readonly single = new Map<TimerKind, V>();
  private readonly op = new Map<number, V>();
  private readonly lost = new Map<number, V>();
  private readonly hop = new Map<number, V>();
  private readonly expect: ByOrigin<V> = new Map();
  private readonly copies: ByOrigin<V> = new Map();

  get(timer: TimerName): V | undefined {
    switch (timer.kind) {
      case 'op':
        return this.op.get(timer.op);
      case 'lost':
        return this.lost.get(timer.op);
      case 'hop':
        return this.hop.get(timer.ack);
      case 'expect':
        return this.expect.get(timer.origin)?.get(timer.op);
      case 'copies':
        return this.copies.get(timer.origin)?.get(timer.op);
      default:
        return this.single.get(timer.kind);
    }
  }

  set(timer: TimerName, value: V): void {
    switch (timer.kind) {
      case 'op':
        this.op.set(timer.op, value);
        return;
      case 'lost':
        this.lost.set(timer.op, value);
        return;
      case 'hop':
        this.hop.set(timer.ack, value);
        return;
      case 'expect':
        return setIn(this.expect, timer.origin, timer.op, value);
      case 'copies':
        return setIn(this.copies, timer.origin, timer.op, value);
      default:
        this.single.set(timer.kind, value);
    }
  }

  /** Takes `timer` out; returns what it was filed with, if anything. */
  delete(timer: TimerName): V | undefined {
    switch (timer.kind) {
      case 'op':
        return take(this.op, timer.op);
      case 'lost':
        return take(this.lost, timer.op);
      case 'hop':
        return take(this.hop, timer.ack);
      case 'expect':
        return takeIn(this.expect, timer.origin, timer.op);
      case 'copies':
        return takeIn(this.copies, timer.origin, timer.op);
      default:
        return take(this.single, timer.kind);
    }
  }

  /** Every value filed, then none. */
  clear(each: (value: V) => void): void {
    for (const map of [this.single, this.op, this.lost, this.hop]) {
      for (const value of map.values()) each(value);
      map.clear();
    }
    for (const byOrigin of [this.expect, this.copies]) {
      for (const map of byOrigin.values()) for (const value of map.values()) each(value);
      byOrigin.clear();
    }
  }
}

function take<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) map.delete(key);
  return value;
}

function setIn<V>(byOrigin: ByOrigin<V>, origin: PeerId, op: number, value: V): void {
  let map = byOrigin.get(origin);
  if (map === undefined) byOrigin.set(origin, (map = new Map()));
  map.set(op, value);
}

/** An origin's map goes once its last timer does: origins come and go with the ring. */
function takeIn<V>(byOrigin: ByOrigin<V>, origin: PeerId, op: number): V | undefined {
  const map = byOrigin.get(origin);
  if (map === undefined) return undefined;
  const value = take(map, op);
  if (map.size === 0) byOrigin.delete(origin);
  return value;
}
