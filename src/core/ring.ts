// Ring arithmetic on the identifier space [0, 2^bits), with wrap-around, and key placement.

export type PeerId = number;

export const DEFAULT_ID_BITS = 8;

/** 2^bits for every width an id may have: `2 ** bits` with a variable exponent is a runtime call in V8 (Node 20), and
 * the core asks on every message it routes (12 % of a holder's handling of a lookup, cpu29). */
const SIZES: readonly number[] = Array.from({ length: 54 }, (_, bits) => 2 ** bits);

/** How many identifiers a space of `bits` bits holds. */
export function spaceSize(bits: number): number {
  return SIZES[bits] ?? 2 ** bits;
}

/** Whether `x` is an identifier of the space: an integer in [0, 2^bits). */
export function isId(x: number, bits: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < spaceSize(bits);
}

/**
 * Whether `x` lies in the half-open arc (a, b] going clockwise from a.
 * When a === b the arc is the whole ring (a ring of one peer holds every key).
 */
export function between(a: number, x: number, b: number): boolean {
  if (a === b) return true;
  if (a < b) return a < x && x <= b;
  return x > a || x <= b;
}

/** Clockwise distance from a to b on a ring of `size` identifiers. */
export function distance(a: number, b: number, size: number): number {
  return (((b - a) % size) + size) % size;
}

/** distance() for ids already in [0, size): one subtraction and a wrap, not two remainders (fmod on 32-bit rings). */
export function idDistance(a: number, b: number, size: number): number {
  const d = b - a;
  return d < 0 ? d + size : d;
}

/** The original's file names: exactly four digits, 0000 to 9999, placed at the number mod 2^bits. */
const FOUR_DIGITS = /^[0-9]{4}$/;
/** The longest name, in UTF-8 bytes (a file name's NAME_MAX). */
export const MAX_NAME_BYTES = 255;

/**
 * The ring position of any other name: the first 32 bits of its SHA-1 as an unsigned integer. The core
 * is pure (no node:crypto), so the adapters hand it in (src/wire/name-hash.ts); a machine without one
 * places four-digit names only.
 */
export type NameHash = (name: string) => number;

export function isFourDigits(name: string): boolean {
  return FOUR_DIGITS.test(name);
}

const utf8 = new TextEncoder();

/**
 * Why a file name cannot be used, or undefined when it can: a plain file name of 1 to 255 UTF-8 bytes,
 * no path separator, no control character, not "." or "..". Names from the network are checked with
 * this before they go anywhere near a file path.
 */
export function fileNameProblem(name: string): string | undefined {
  if (FOUR_DIGITS.test(name)) return undefined;
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
  const rule = 'names are 1 to 255 bytes of UTF-8 with no path separator and no control character';
  if (name.length === 0) return `file name "" is not valid: ${rule}`;
  if (name === '.' || name === '..') return `file name ${shown} is not valid: it is not a plain file name`;
  if (/[/\\]/.test(name)) return `file name ${shown} is not valid: it contains a path separator ('/' or '\\')`;
  if (/\p{Cc}/u.test(name)) return `file name ${shown} is not valid: it contains a control character`;
  if (/\p{Cs}/u.test(name)) return `file name ${shown} is not valid: it is not valid Unicode (a lone surrogate)`;
  const bytes = utf8.encode(name).length;
  if (bytes > MAX_NAME_BYTES)
    return `file name ${shown} is not valid: it is ${bytes} bytes long, over the ${MAX_NAME_BYTES}-byte limit`;
  return undefined;
}

/**
 * The ring position of a file name: a four-digit name's number mod 2^bits (the original's hash), any
 * other name's `hash` mod 2^bits (throws for such a name when no hash is given).
 */
export function keyOf(name: string, bits: number, hash?: NameHash): number {
  if (FOUR_DIGITS.test(name)) return Number.parseInt(name, 10) % spaceSize(bits);
  if (hash === undefined) throw new Error(`no name hash to place "${name}"`);
  return hash(name) % spaceSize(bits);
}

/**
 * The peer that holds `key` among `ids`: the first peer clockwise at or after the key.
 * (Used by tests, the simulator's checker and status views; peers themselves route.)
 */
export function responsibleFor(key: number, ids: readonly number[]): PeerId {
  if (ids.length === 0) throw new Error('no peers');
  const sorted = [...ids].sort((x, y) => x - y);
  return sorted.find((id) => id >= key) ?? sorted[0]!;
}

/** The first of `sorted` (ascending ids) at or after `key`, wrapping round to the smallest: binary search. */
export function firstAtOrAfter(sorted: readonly PeerId[], key: number): PeerId {
  if (sorted.length === 0) throw new Error('no peers');
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo === sorted.length ? 0 : lo]!;
}

/** The successor list of every peer of a ring given by its ids: the next `count` peers clockwise. */
export function successorsInRing(ids: readonly number[], count: number): Map<PeerId, PeerId[]> {
  const sorted = [...new Set(ids)].sort((x, y) => x - y);
  const out = new Map<PeerId, PeerId[]>();
  sorted.forEach((id, i) => {
    const list: PeerId[] = [];
    for (let k = 1; k <= count; k++) list.push(sorted[(i + k) % sorted.length]!);
    out.set(id, list);
  });
  return out;
}
