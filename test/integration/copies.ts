// Where copies of files should be, and a wait (driven by the ring's events, never by sleeping) until they are.
import { keyOf, responsibleFor, type PeerId } from '../../src/core/ring.ts';
import type { Ring } from '../../src/host/ring.ts';
import { until } from '../../src/host/until.ts';

/** The peers that should hold `name` among `ids`: the responsible one and the next R-1, sorted. */
export function idealHolders(name: string, ids: readonly PeerId[], replicas = 3): PeerId[] {
  const sorted = [...ids].sort((a, b) => a - b);
  const first = sorted.indexOf(responsibleFor(keyOf(name, 8), sorted));
  return Array.from({ length: Math.min(replicas, sorted.length) }, (_, i) => sorted[(first + i) % sorted.length]!).sort(
    (a, b) => a - b,
  );
}

/** Who holds what, from every live peer's status. */
export async function holdings(ring: Ring): Promise<Map<string, PeerId[]>> {
  const out = new Map<string, PeerId[]>();
  for (const id of ring.ids()) {
    for (const file of (await ring.peer(id).status()).files) out.set(file.name, [...(out.get(file.name) ?? []), id]);
  }
  for (const ids of out.values()) ids.sort((a, b) => a - b);
  return out;
}

/** The first file not at exactly its R holders, said in words; undefined when all are. */
export async function misplaced(ring: Ring, names: Iterable<string>, replicas = 3): Promise<string | undefined> {
  const held = await holdings(ring);
  for (const name of names) {
    const want = idealHolders(name, ring.ids(), replicas);
    const have = held.get(name) ?? [];
    if (have.join() !== want.join()) return `${name} is held by [${have.join(', ')}], not [${want.join(', ')}]`;
  }
  return undefined;
}

/** Resolves once exactly R copies of every named file sit at their holders (checked after each ring event). */
export function waitForCopies(
  ring: Ring,
  names: Iterable<string>,
  what: string,
  timeoutMs = 60_000,
  replicas = 3,
): Promise<void> {
  const list = [...names];
  return until(
    (listener) => ring.on(listener),
    () => misplaced(ring, list, replicas),
    `${what}: not exactly ${replicas} copies`,
    timeoutMs,
  );
}
