// Ring arithmetic on the identifier space [0, 2^bits), with wrap-around, and key placement.

export type PeerId = number;

export const DEFAULT_ID_BITS = 8;

/** How many identifiers a space of `bits` bits holds. */
export function spaceSize(bits: number): number {
  return 2 ** bits;
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

/** The original's file names: exactly four digits, 0000 to 9999. */
const FOUR_DIGITS = /^[0-9]{4}$/;

/** Why a file name cannot be used, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (FOUR_DIGITS.test(name)) return undefined;
  return `file name "${name}" is not valid: it must be exactly four digits, 0000 to 9999`;
}

/** The ring position of a file name: the four-digit number mod 2^bits (the original's hash). */
export function keyOf(name: string, bits: number): number {
  return Number.parseInt(name, 10) % spaceSize(bits);
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
