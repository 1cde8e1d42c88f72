// `ringdht/testing`: what tests and benchmarks of a ring need beyond the library API (a throwaway ring on free ports,
// faults injected into a peer, a peer thread's heap), kept out of the main entry's types.
import type { PeerId } from './core/ring.ts';
import type { ThreadMemory } from './actor/worker.ts';
import type { Ring } from './host/ring.ts';

export { createTestRing, randomBasePort, type TestRing } from './host/testing.ts';

/** The peer's next input throws `reason` inside its actor (`input`), or an exception escapes to its thread (`thread`). */
export function injectFault(
  ring: Ring,
  id: PeerId,
  reason: string,
  where: 'input' | 'thread' = 'input',
): Promise<void> {
  return ring.injectFault(id, reason, where);
}

/** The V8 heap in use by the peer's thread after a full GC, in bytes. */
export function heapAfterGc(ring: Ring, id: PeerId): Promise<number> {
  return ring.heapAfterGc(id);
}

/** The memory of the peer's thread after a full GC (heap in use and reserved, outside the heap), with its heap limits. */
export function memoryAfterGc(ring: Ring, id: PeerId): Promise<ThreadMemory> {
  return ring.memoryAfterGc(id);
}
