// Two rings after a partition heal into one even when their peers' probes of each other cross: each side's probe
// reaches the other before the answer to its own. hosts 471: {6, 8, 9} and {19, 23} stayed two rings to the end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { successorsInRing, type PeerId } from '../../src/core/ring.ts';
import { TestRing } from './harness.ts';

const IDS = [6, 9, 19, 23];
const ISLAND = new Set<PeerId>([6, 9]);

/**
 * The lists hosts 471 had when the cut came: 6 and 9 had rejoined through 23 and were handed lists past 19 (stabilisation
 * had not put 19 back yet). Cut into {6, 9} and {19, 23} until each side declared the other's peers it lists dead:
 * 6 and 9 declare 23, 23 declares 6 and 9, 19 declares 6. Then healed.
 */
function healed(): TestRing {
  const ring = new TestRing([
    [6, [9, 23]],
    [9, [23, 6]],
    [19, [23, 6]],
    [23, [6, 9]],
  ]);
  ring.cut = (from, to) => ISLAND.has(from) !== ISLAND.has(to);
  ring.start();
  for (let i = 0; i < 8; i++) ring.pingRound();
  assert.deepEqual(ring.machine(9).status().successors, [6, 9], 'the island is a ring of its own');
  assert.deepEqual(ring.machine(23).status().successors, [19, 23], 'so is the rest');
  ring.cut = undefined;
  ring.clearLog();
  return ring;
}

/** Every peer's ping timer fires before any message of the round arrives: probes across the cut cross. */
function crossingRound(ring: TestRing): void {
  for (const peer of ring.machines.keys()) ring.fire(peer, { kind: 'ping' });
  ring.deliver();
  ring.fireAll({ kind: 'pingTimeout' });
  ring.fireAll({ kind: 'pingTimeout' });
}

const probes = (ring: TestRing, from: PeerId, to: PeerId) =>
  ring.delivered.filter(
    (d) =>
      d.kind === 'send' && d.from === from && d.to === to && d.message.type === 'pingRequest' && d.message.rank === 0,
  ).length;

describe('probes that cross after a partition heals', () => {
  test('each side takes the other in: one ring again', () => {
    const ring = healed();
    crossingRound(ring);
    assert.ok(probes(ring, 23, 6) > 0 && probes(ring, 6, 23) > 0, '23 and 6 probed each other');
    assert.ok(ring.texts(23).includes('Peer 6 is alive again'), '23 took back the peer it declared dead');
    assert.ok(ring.texts(6).includes('Peer 23 is alive again'), 'and 6 took back 23');
    for (let i = 0; i < 4; i++) crossingRound(ring);
    assert.deepEqual(ring.successorLists(), Object.fromEntries(successorsInRing(IDS, 2)));
  });

  test('a probe from a peer declared dead that this peer did not probe this round is answered and probed back once', () => {
    const ring = healed();
    // 6's probe reaches 23 before 23's round: 23 answers it, and asks 6 where it stands (6 still probes 23 meanwhile).
    ring.fire(6, { kind: 'ping' });
    ring.deliver();
    assert.equal(probes(ring, 23, 6), 1, '23 probed 6 back, once');
    assert.ok(ring.texts(23).includes('Peer 6 is alive again'));
    assert.ok(ring.texts(6).includes('Peer 23 is alive again'));
    for (let i = 0; i < 4; i++) ring.pingRound();
    assert.deepEqual(ring.successorLists(), Object.fromEntries(successorsInRing(IDS, 2)));
  });
});

test('a peer whose first successor reports a peer before it probes that peer and takes it in: two rings met on one side only become one', () => {
  // 19 learned of 6 (a probe answered on one side only, say); 23, its first successor, knows only {19, 23}, and
  // {6, 9} know neither. Before, 19 took 23's view back on its report, and the two rings stayed two with nobody probing.
  const ring = new TestRing([
    [6, [9, 6]],
    [9, [6, 9]],
    [19, [23, 6]],
    [23, [19, 23]],
  ]);
  ring.start();
  for (let i = 0; i < 2; i++) ring.pingRound();
  assert.ok(probes(ring, 23, 6) > 0, '23 probed 6, which 19 reported after it');
  for (let i = 0; i < 4; i++) ring.pingRound();
  assert.deepEqual(ring.successorLists(), Object.fromEntries(successorsInRing(IDS, 2)));
});
