// The simulator's one source of randomness: a seeded generator, so a whole run is replayed from its seed.

/** splitmix32: spreads a 32-bit seed over the generator's state, so seeds 1, 2, 3... give unrelated streams. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The largest seed: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

/** sfc32, Chris Doty-Humphrey's "small fast counting" generator from PractRand: 128 bits of state, passes PractRand and BigCrush. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const state = { s: seed >>> 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    for (let i = 0; i < 12; i++) this.u32(); // the usual warm-up
  }

  /** An unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4_294_967_296;
  }

  /** An integer in [0, n), n at most 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  /** True with probability p. Draws nothing when p is 0, so a fault that is off leaves the stream alone. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  /** An exponentially distributed value of the given mean. */
  exponential(mean: number): number {
    return mean > 0 ? -mean * Math.log(1 - this.float()) : 0;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }
}

/** A 32-bit hash of three integers, for values that must not consume the stream (a link's base latency). */
export function mix32(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  h = step(h, a);
  h = step(h, b);
  return step(h, c) >>> 0;
}

function step(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
