// A run of crashes longer than every list that spanned it: the first live peer after the run, which nobody pings any
// more, looks for the peer before it, and the ring closes at once instead of by a walk back one peer per round or two.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TestRing } from './harness.ts';

const IDS = Array.from({ length: 20 }, (_, i) => 10 * (i + 1)); // 10, 20, ... 200; two successors each
const RUN = [110, 120, 130, 140];

/** The ring settled, then 110-140 crash: 100's list and its successors' reports name only the run. */
function afterTheRun(): TestRing {
  const ring = TestRing.of(IDS);
  ring.start();
  ring.pingRound();
  for (const id of RUN) ring.kill(id);
  return ring;
}

/** Ping rounds until 100's list is [150, 160] (at most `most`); how many it took, or undefined. */
function roundsUntilClosed(ring: TestRing, most: number): number | undefined {
  for (let round = 1; round <= most; round++) {
    ring.pingRound();
    if (ring.machine(100).status().successors.join(',') === '150,160') return round;
  }
  return undefined;
}

describe('the first live peer after a run of crashes nobody’s list spans', () => {
  test('is found by the peer before the run within the rounds that declare the run gone', () => {
    const ring = afterTheRun();
    // K = 3 rounds to declare 110 and 120, K more for 130 and 140 (taken from their reports); 150 is quiet meanwhile.
    const rounds = roundsUntilClosed(ring, 8);
    assert.ok(rounds !== undefined, `100 still has ${ring.machine(100).status().successors} after 8 rounds`);
    assert.deepEqual(ring.machine(150).status().predecessors[0], 100);
  });

  test('says what the repair did and nothing else: no peer declared gone that is alive', () => {
    const ring = afterTheRun();
    roundsUntilClosed(ring, 8);
    const dead = [...ring.emitted].flatMap(([, lines]) =>
      lines.filter((l) => l.event === 'peer.dead').map((l) => l['dead'] as number),
    );
    assert.ok(
      dead.every((p) => RUN.includes(p)),
      `declared gone: ${dead}`,
    );
  });

  test('a settled ring looks for nobody: every peer is pinged by its predecessors', () => {
    const ring = TestRing.of(IDS);
    ring.start();
    for (let round = 0; round < 10; round++) ring.pingRound();
    const finds = ring.delivered.filter((d) => d.kind === 'send' && d.message.type === 'findSuccessor');
    assert.equal(finds.length, 0);
  });

  test('is never taken in past a live peer it named that the peer before the run does not know (zones 10672)', () => {
    // 110, 120, 140 and 150 crash; 130 lives, its two successors gone. 160, quiet, names 150, 140, 130 and 120. 100
    // lists 110 and 120 and knows nothing of 130: it probes 130 with 160, and takes 130 in, not 160.
    const ring = TestRing.of(IDS);
    ring.start();
    ring.pingRound();
    for (const id of [110, 120, 140, 150]) ring.kill(id);
    for (let round = 1; round <= 8; round++) ring.pingRound();
    const firsts = ring.emitted
      .get(100)!
      .filter((l) => l.event === 'successor.first')
      .map((l) => l['successor'] as number);
    assert.ok(
      firsts.every((p) => p <= 130),
      `100's first successors: ${firsts}`,
    );
    assert.equal(ring.machine(100).status().successors[0], 130);
  });
});
