// Issue 19: successor lists pushed to predecessors as they change (fast repair) must settle, not circulate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import { scenario } from '../../src/sim/families.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';

test('sim: hosts seed 10661: a ring smaller than its lists, crashed peers in their tails, pushes fewer lists than pings', () => {
  // Crashes left 9, 118, 246 and 971 (r = 6), their lists wrapped round the ring. A successor's list was read past the
  // receiver itself, so two lists, one naming crashed 304 and 406 again after it, went round and round, each change
  // pushed on: 80,757 SuccessorList messages in 30 s against 553 pings.
  const sent = new Map<string, number>();
  class Counted extends PeerMachine {
    override handle(input: Input, now: number): Effect[] {
      const effects = super.handle(input, now);
      for (const e of effects) if (e.type === 'send') sent.set(e.message.type, (sent.get(e.message.type) ?? 0) + 1);
      return effects;
    }
  }
  const summary = runScenario({ ...scenario('hosts', 10661), machine: (config) => new Counted(config) });
  assert.deepEqual(summary.violations, [], formatSummary(summary));
  const lists = sent.get('successorList') ?? 0;
  const pings = sent.get('pingRequest') ?? 0;
  assert.ok(pings > 0);
  assert.ok(lists < pings, `${lists} lists pushed against ${pings} pings`);
});
