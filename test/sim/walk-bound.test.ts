// The simulator's hop bound covers the membership's walks along the ring (a join request, a successor change, a
// departure), not lookups alone: one that no peer takes must end within a turn of the ring, not at its hop bound
// (2^idBits: 256 at 8 bits, for good at 32).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import type { Message } from '../../src/core/messages.ts';
import { runScenario } from '../../src/sim/scenario.ts';

/** The example ring of SPEC.md. */
const EXAMPLE_IDS = [2, 4, 5, 8, 9, 14, 19];

/** Peer 2 sends `stray` to 4 as it starts: a late copy of a walk whose subject (3) no peer lists. */
function withStray(stray: Message) {
  return runScenario({
    seed: 1,
    peers: EXAMPLE_IDS,
    durationMs: 2_000,
    ops: 0,
    invariants: ['hopBound'],
    machine: (config) =>
      new (class extends PeerMachine {
        override handle(input: Input, now: number): Effect[] {
          const out = super.handle(input, now);
          if (this.id === 2 && input.type === 'start')
            out.push({ type: 'send', to: 4, transport: 'tcp', message: stray });
          return out;
        }
      })(config),
  });
}

describe('walks along the ring are bounded', () => {
  for (const stray of [
    { type: 'departure', leaving: 3, successors: [4, 5], hops: 1, rank: 0 },
    { type: 'successorChange', origin: 3, successors: [4, 5], hops: 1 },
  ] satisfies Message[])
    test(`a ${stray.type} walk that no peer takes ends before it passes its subject's place`, () => {
      assert.deepEqual(withStray(stray).violations, []);
    });
});
