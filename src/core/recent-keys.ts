// A bounded memory of keys seen lately, each until it expires (the lookups a peer passed on: router.ts).
//
// Kept in two typed arrays of fingerprints and expiry times rather than a Map of strings: a busy peer's Map filled to
// its cap over minutes (about 640 KB of keys, numbers and table each), which the soak saw as workers' heaps growing
// 2-11 % after its first minute (bench/README.md, fourteenth round); here a table holds at most its maxSlots slots of
// 16 bytes (the router's: 8,192, 128 KB). It starts small (a quiet peer, or one of 10^4 simulated peers, stays small)
// and doubles only as more keys are remembered at once.
//
// Open addressing: a key lives within MAX_PROBES slots of its fingerprint's place, and an expired key's slot is reused
// in place; the table is rebuilt without its expired keys once three quarters of its slots were filled. Two keys are
// taken for one only if their 52-bit fingerprints are equal: odds of about the keys held over 2^52 per key.

const MAX_PROBES = 64;
const FIRST_SLOTS = 64;

/**
 * A 52-bit fingerprint (never 0) of a key's parts, fed one by one: two 32-bit multiplicative lanes, each mixed at the
 * end. An object with methods, not a closure and an array of mixed parts per key (a lookup's key is made at every peer
 * it passes, and a peer thread runs it cold: bench/README.md, twentieth round).
 */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x9e3779b9;

  number(part: number): this {
    this.mix(part >>> 0);
    this.mix((part / 0x1_0000_0000) >>> 0); // ids and op numbers may pass 2^32
    return this;
  }

  string(part: string): this {
    this.mix(part.length | 0x4000_0000); // a string's length first: "ab","c" is not "a","bc"
    for (let i = 0; i < part.length; i++) this.mix(part.charCodeAt(i));
    return this;
  }

  /** The fingerprint of the parts so far (more may be fed after). */
  value(): number {
    const print = (finish(this.a) >>> 0) * 0x10_0000 + (finish(this.b) >>> 12);
    return print === 0 ? 1 : print;
  }

  private mix(n: number): void {
    this.a = Math.imul(this.a ^ n, 0x01000193);
    this.b = Math.imul(this.b ^ n, 0x85ebca6b) ^ (this.b >>> 15);
  }
}

/** Murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class RecentKeys {
  private prints = new Float64Array(FIRST_SLOTS); // 0: an empty slot
  private until = new Float64Array(FIRST_SLOTS);
  /** Slots filled since the table was last rebuilt (expired keys included: their slots are reused in place). */
  private used = 0;
  private rebuildAt = (FIRST_SLOTS * 3) / 4;

  /** `maxSlots`: a power of two, at least 64; the most keys remembered at once. */
  constructor(private readonly maxSlots: number) {
    if (!(maxSlots >= FIRST_SLOTS && (maxSlots & (maxSlots - 1)) === 0))
      throw new Error(`RecentKeys: ${maxSlots} slots is not a power of two of at least ${FIRST_SLOTS}`);
  }

  /** Slots allocated now (for tests and memory accounting). */
  get slots(): number {
    return this.prints.length;
  }

  /** Whether `print` is remembered and not expired at `now` (nothing is remembered). */
  has(print: number, now: number): boolean {
    const mask = this.prints.length - 1;
    for (let probe = 0, i = (print >>> 0) & mask; probe < MAX_PROBES; probe++, i = (i + 1) & mask) {
      const p = this.prints[i]!;
      if (p === print) return this.until[i]! > now;
      if (p === 0) return false;
    }
    return false;
  }

  /** Whether `print` is remembered and not expired at `now`; if not, it is remembered from now until `expires`. */
  seenBefore(print: number, now: number, expires: number): boolean {
    for (;;) {
      const mask = this.prints.length - 1;
      let free = -1; // its own expired slot, else the first expired one on its path, else the empty one ending it
      let oldest = -1;
      for (let probe = 0, i = (print >>> 0) & mask; probe < MAX_PROBES; probe++, i = (i + 1) & mask) {
        const p = this.prints[i]!;
        if (p === print) {
          if (this.until[i]! > now) return true;
          free = i;
          break;
        }
        if (p === 0) {
          if (free < 0) free = i;
          break;
        }
        if (this.until[i]! <= now) {
          if (free < 0) free = i;
        } else if (oldest < 0 || this.until[i]! < this.until[oldest]!) oldest = i;
      }
      // Every slot within reach holds a key still remembered: a larger table, else the oldest of them is forgotten.
      if (free < 0 && this.prints.length < this.maxSlots) {
        this.rebuild(now, this.prints.length * 2);
        continue;
      }
      const slot = free >= 0 ? free : oldest;
      const filled = this.prints[slot] === 0;
      this.prints[slot] = print;
      this.until[slot] = expires;
      if (filled && ++this.used >= this.rebuildAt) this.rebuild(now, this.prints.length);
      return false;
    }
  }

  /** The keys not yet expired, in a table of at least `least` slots and twice as many as they are (up to the most). */
  private rebuild(now: number, least: number): void {
    const { prints, until } = this;
    let live = 0;
    for (let i = 0; i < prints.length; i++) if (prints[i] !== 0 && until[i]! > now) live++;
    let size = Math.min(least, this.maxSlots);
    while (size < this.maxSlots && live * 2 > size) size *= 2;
    this.prints = new Float64Array(size);
    this.until = new Float64Array(size);
    this.used = 0;
    const mask = size - 1;
    for (let k = 0; k < prints.length; k++) {
      if (prints[k] === 0 || until[k]! <= now) continue;
      for (let probe = 0, i = (prints[k]! >>> 0) & mask; probe < MAX_PROBES; probe++, i = (i + 1) & mask) {
        if (this.prints[i] !== 0) continue;
        this.prints[i] = prints[k]!;
        this.until[i] = until[k]!;
        this.used++;
        break;
      }
    }
    // A full table (more keys remembered than it holds) is rebuilt again only after an eighth of it has been filled.
    this.rebuildAt = Math.min(size, Math.max((size * 3) / 4, this.used + size / 8));
  }
}
