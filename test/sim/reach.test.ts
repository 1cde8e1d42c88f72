// A failed request's holders, sorted by whether its origin could reach them all along (src/sim/reach.ts), on
// hand-built traces of what the network did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findable, holderReach, type FailedRequest, type ReachEvent } from '../../src/sim/reach.ts';

// Peer 2 asks from 1,000 ms to 4,000 ms for a file 8 and 9 held at both ends.
const request: FailedRequest = { origin: 2, startMs: 1_000, endMs: 4_000, heldAtStart: [8, 9], heldAtEnd: [8, 9] };

test('holders up and in the same group all along are reachable', () => {
  const events: ReachEvent[] = [
    // A partition that ended before the request, and one that cuts off only peers outside it.
    { atMs: 100, type: 'partition', id: 1, groups: [[8]] },
    { atMs: 500, type: 'heal', id: 1 },
    { atMs: 2_000, type: 'partition', id: 2, groups: [[5, 14]] },
  ];
  assert.deepEqual(holderReach(request, events), { reachable: [8, 9], unreachable: [] });
});

test('a holder partitioned from the origin for a moment of the request is unreachable, even if healed before its end', () => {
  const events: ReachEvent[] = [
    { atMs: 2_000, type: 'partition', id: 1, groups: [[9, 14]] },
    { atMs: 2_500, type: 'heal', id: 1 },
  ];
  assert.deepEqual(holderReach(request, events), { reachable: [8], unreachable: [9] });
});

test('a partition in force when the request starts counts; one after its end does not', () => {
  const before: ReachEvent[] = [{ atMs: 0, type: 'partition', id: 1, groups: [[2], [8, 9]] }];
  assert.deepEqual(holderReach(request, before), { reachable: [], unreachable: [8, 9] });
  const after: ReachEvent[] = [{ atMs: 4_001, type: 'partition', id: 1, groups: [[2]] }];
  assert.deepEqual(holderReach(request, after), { reachable: [8, 9], unreachable: [] });
});

test('the origin and a holder together on one side of a split reach each other', () => {
  const events: ReachEvent[] = [{ atMs: 1_500, type: 'partition', id: 1, groups: [[2, 8], [9]] }];
  assert.deepEqual(holderReach(request, events), { reachable: [8], unreachable: [9] });
});

test('two partitions in force at once: a holder is reachable only if no one of them separates it from the origin', () => {
  const events: ReachEvent[] = [
    { atMs: 1_500, type: 'partition', id: 1, groups: [[2, 8, 9]] },
    { atMs: 1_600, type: 'partition', id: 2, groups: [[8]] },
    { atMs: 1_700, type: 'heal', id: 2 },
  ];
  assert.deepEqual(holderReach(request, events), { reachable: [9], unreachable: [8] });
});

test('a holder that crashed and came back with its copy during the request is unreachable', () => {
  const events: ReachEvent[] = [
    { atMs: 2_000, type: 'down', peer: 8 },
    { atMs: 3_000, type: 'up', peer: 8 },
  ];
  assert.deepEqual(holderReach(request, events), { reachable: [9], unreachable: [8] });
});

test('only peers that held the file at both ends are holders', () => {
  const moved: FailedRequest = { ...request, heldAtStart: [8, 9], heldAtEnd: [9, 14] };
  assert.deepEqual(holderReach(moved, []), { reachable: [9], unreachable: [] });
  const none: FailedRequest = { ...request, heldAtStart: [8], heldAtEnd: [14] };
  assert.deepEqual(holderReach(none, []), { reachable: [], unreachable: [] });
});

test('heal all ends every partition at once', () => {
  const events: ReachEvent[] = [
    { atMs: 0, type: 'partition', id: 1, groups: [[8]] },
    { atMs: 0, type: 'partition', id: 2, groups: [[9]] },
    { atMs: 900, type: 'heal', id: 'all' },
  ];
  assert.deepEqual(holderReach(request, events), { reachable: [8, 9], unreachable: [] });
});

test("a holder unknown on the origin's side for a while is unreachable, though up and on its side throughout", () => {
  const unknown: FailedRequest = { ...request, unknown: new Set([9]) };
  assert.deepEqual(holderReach(unknown, []), { reachable: [8], unreachable: [9], unknown: [9] });
  // Cut off as well: counted once, as cut off.
  const events: ReachEvent[] = [{ atMs: 2_000, type: 'partition', id: 1, groups: [[9]] }];
  assert.deepEqual(holderReach(unknown, events), { reachable: [8], unreachable: [9] });
});

// Who knows whom, one way: 2 knows 3, 3 knows 4 and 8, 4 knows 9, 9 knows 2; 7 is down (knows nothing).
const knowledge = new Map<number, number[]>([
  [2, [3, 7]],
  [3, [4, 8]],
  [4, [9]],
  [8, [3]],
  [9, [2]],
]);
const knows = (peer: number) => knowledge.get(peer);

test('findable: the peers the origin reaches through what the peers it reaches know, live ones only', () => {
  assert.deepEqual([...findable(2, knows, () => true)].sort(), [2, 3, 4, 8, 9]);
  // Knowing is one way: 9 knows 2, but 2's side learns of 9 only through 4.
  assert.deepEqual([...findable(9, knows, () => true)].sort(), [2, 3, 4, 8, 9]);
  assert.deepEqual([...findable(8, knows, () => true)].sort(), [2, 3, 4, 8, 9]);
});

test("findable: a peer known only by peers across a cut is not found, though on the origin's side", () => {
  // {2, 9} | {3, 4, 8}: 9 is on 2's side, but only 4 knows it.
  const side = new Set([2, 9]);
  const reaches = (from: number, to: number) => side.has(from) === side.has(to);
  assert.deepEqual([...findable(2, knows, reaches)].sort(), [2]);
});
