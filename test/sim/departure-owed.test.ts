// The checker owes a departure line (SPEC 2) to each peer that listed the leaving peer first or second when it left, and
// lets one off only when newcomers pushed the leaving peer past its list's end. A short ring's list comes round
// ([10, 30, 40, 50, 0, 10] at 0 once 20 left): its last entry is short of 20, though 20 was passed over, not pushed out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine, type MachineConfig } from '../../src/core/machine.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';
import type { SimMachine } from '../../src/sim/types.ts';

/**
 * A real PeerMachine, but peer `mute` never hears `leaving`'s departure (lost), nor its first successor's pushed lists:
 * it still lists the leaving peer when that one is gone, and drops it by a ping report later, never saying it.
 */
class Mute implements SimMachine {
  private readonly inner: PeerMachine;
  constructor(
    config: MachineConfig,
    private readonly mute: number,
    private readonly leaving: number,
  ) {
    this.inner = new PeerMachine(config);
  }
  get id(): number {
    return this.inner.id;
  }
  handle(input: Input, now: number): Effect[] {
    if (this.inner.id === this.mute && input.type === 'message') {
      const m = input.message;
      if (m.type === 'departure' && m.leaving === this.leaving) return [];
      if (m.type === 'successorList') return [];
    }
    return this.inner.handle(input, now);
  }
  status() {
    return this.inner.status();
  }
  holds(name: string): boolean {
    return this.inner.holds(name);
  }
}

for (const successorCount of [4, 6]) {
  test(`0, second predecessor of 20 in a ring of six, never says 20's departure: counted (${successorCount} successors a peer)`, () => {
    const s = runScenario({
      seed: 1,
      peers: [0, 10, 20, 30, 40, 50],
      idBits: 8,
      successorCount,
      durationMs: 10_000,
      ops: 0,
      quits: [{ atMs: 5_000, peer: 20 }],
      machine: (config) => new Mute(config, 0, 20),
    });
    assert.equal(s.membership.quits, 1, formatSummary(s));
    assert.equal(s.membership.untoldDepartures, 1, formatSummary(s));
  });
}
