// What a peer remembers of the members it has known stays bounded on a churning 32-bit ring: the predecessors' range
// starts, the members a store's write quorum counts, the peers that left gracefully. Each grew with every peer ever
// seen (at 8 bits the id space bounded them at 256; at 32 bits nothing did). White-box: the sizes are read from the
// replicator, since what grows is memory, not anything a message shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { machineConfig, resolveConfig } from '../../../src/config.ts';
import { PeerMachine } from '../../../src/core/machine.ts';
import type { Message } from '../../../src/core/messages.ts';

const SELF = 3_000_000_000;
const CHURN = 1_000;

interface Remembered {
  rangeStarts: Map<number, number>;
  knownMembers: Set<number>;
  left: Set<number> | Map<number, unknown>;
}

function peer(): { machine: PeerMachine; feed(from: number, message: Message): void; remembered(): Remembered } {
  const settings = resolveConfig({ idBits: 32, replicas: 3, pingIntervalMs: 1000 });
  const machine = new PeerMachine(
    machineConfig(settings, { id: SELF, successors: [3_100_000_000, 3_200_000_000], held: [] }),
  );
  let now = 0;
  machine.handle({ type: 'start' }, now);
  return {
    machine,
    feed: (from, message) => void machine.handle({ type: 'message', from, message }, ++now),
    remembered: () => (machine as unknown as { replicator: Remembered }).replicator,
  };
}

test('a churn of predecessors: only the current ones’ range starts are kept', () => {
  const p = peer();
  for (let i = 0; i < CHURN; i++) {
    // Each pinger nearer than the last: it becomes the first predecessor, and names its own two.
    const pinger = 2_000_000_000 + i * 1_000;
    p.feed(pinger, { type: 'pingRequest', seq: 1, rank: 1, predecessors: [pinger - 10, pinger - 20] });
  }
  assert.ok(p.remembered().rangeStarts.size <= 2, `${p.remembered().rangeStarts.size} range starts kept`);
});

test('a churn of second successors, each leaving gracefully: the members counted and the leavers stay bounded', () => {
  const p = peer();
  const first = 3_100_000_000;
  for (let i = 0; i < CHURN; i++) {
    const second = 3_200_000_000 + i * 1_000;
    // The first successor names a new second one; that one then leaves gracefully while still listed.
    p.feed(first, { type: 'successorChange', origin: first, successors: [second], hops: 0 });
    p.feed(second, { type: 'leaving', peer: second });
  }
  const { knownMembers, left } = p.remembered();
  assert.ok(knownMembers.size <= 256, `${knownMembers.size} members remembered`);
  assert.ok(left.size <= 2, `${left.size} leavers remembered`);
});

test('a churn of second successors that vanish without a word: the members remembered stay bounded', () => {
  const p = peer();
  const first = 3_100_000_000;
  for (let i = 0; i < CHURN; i++)
    p.feed(first, { type: 'successorChange', origin: first, successors: [3_200_000_000 + i * 1_000], hops: 0 });
  const { knownMembers } = p.remembered();
  assert.ok(knownMembers.size <= 256, `${knownMembers.size} members remembered`);
  // Still more than a store's write quorum needs to know of: a peer cut off from them all does not store alone.
  assert.ok(knownMembers.size >= 2);
});
