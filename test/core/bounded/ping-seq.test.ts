// a ping response's seq is trusted as it comes. Lists longer than two read a response only if its seq is above
// the last one read (Membership.onPingResponse, `overtaken`); one response naming a round never sent (seq 2^32 - 1: a
// buggy peer, or an answer to the previous process's pings after a restart) makes every later answer "overtaken":
// the first successor's lists are not read and stabilisation stops, until a pushed list happens to reset it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PingResponse } from '../../../src/core/messages.ts';
import { TestRing } from '../harness.ts';

function ringOf4(): TestRing {
  return new TestRing(
    [
      [10, [20, 30, 40]],
      [20, [30, 40, 10]],
      [30, [40, 10, 20]],
      [40, [10, 20, 30]],
    ],
    { successorCount: 3 },
  );
}

/** 10's first successor 20 answers 10's latest ping: a newcomer 15 now precedes 20. */
function newcomerReported(ring: TestRing, bogusFirst: boolean): number {
  const m = ring.machine(10);
  m.handle({ type: 'start' }, ring.now);
  const answer = (seq: number): PingResponse => ({
    type: 'pingResponse',
    seq,
    successors: [30, 40, 10],
    predecessor: 15,
  });
  if (bogusFirst) m.handle({ type: 'message', from: 20, message: answer(2 ** 32 - 1) }, ring.now);
  for (let round = 0; round < 3; round++) {
    const effects = m.handle({ type: 'timer', timer: { kind: 'ping' } }, (ring.now += 1000));
    const ping = effects.find((e) => e.type === 'send' && e.to === 20 && e.message.type === 'pingRequest');
    assert.ok(ping !== undefined && ping.type === 'send' && ping.message.type === 'pingRequest');
    m.handle({ type: 'message', from: 20, message: answer(ping.message.seq) }, (ring.now += 1));
  }
  return m.status().successors[0]!;
}

test('control: the first successor names a closer predecessor twice, and it becomes the first successor', () => {
  assert.equal(newcomerReported(ringOf4(), false), 15);
});

test('after a response for a round never sent, the first successor still names a closer predecessor to some effect', () => {
  // Before the bound: 20 stays first; every answer to rounds 1, 2, 3 counts as overtaken by the one of "round" 2^32 - 1.
  assert.equal(newcomerReported(ringOf4(), true), 15);
});
