// The arcs of a ring that createRing places on its shared threads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arcsOf, threadForJoiner } from '../../src/host/arcs.ts';

const arcs = (ids: number[], threads: number) => [...arcsOf(ids, threads)].sort((a, b) => a[0] - b[0]);

test('consecutive peers of the ring share a thread, the first arcs one peer longer', () => {
  for (const [ids, threads, want] of [
    [[10, 20, 30, 40, 50, 60, 70], 2, [0, 0, 0, 0, 1, 1, 1]],
    [[10, 20, 30, 40, 50], 3, [0, 0, 1, 1, 2]],
    [[10, 20, 30, 40], 2, [0, 0, 1, 1]],
    [[10, 20], 2, [0, 1]],
    [[10, 20, 30], 1, [0, 0, 0]],
  ] as [number[], number, number[]][])
    assert.deepEqual(
      arcs(ids, threads),
      ids.map((id, i) => [id, want[i]]),
      `${ids.length} peers on ${threads}`,
    );
});

test("the arcs follow the ids' order on the ring, not the order they were given in", () => {
  assert.deepEqual(arcs([70, 10, 50, 30, 60, 20, 40], 2), arcs([10, 20, 30, 40, 50, 60, 70], 2));
});

test('more threads than peers: a thread each, none empty', () => {
  assert.deepEqual(arcs([5, 3, 9], 8), [
    [3, 0],
    [5, 1],
    [9, 2],
  ]);
});

test("a peer joining later goes to its ring predecessor's thread while that is among the least loaded", () => {
  const hosts = (a: number[], b: number[]) =>
    new Map([
      ['a', new Set(a)],
      ['b', new Set(b)],
    ]);
  assert.equal(threadForJoiner(35, hosts([10, 20, 30], [40, 50, 60])), 'a', 'between 30 (a) and 40 (b)');
  assert.equal(threadForJoiner(45, hosts([10, 20, 30], [40, 50, 60])), 'b');
  assert.equal(threadForJoiner(5, hosts([10, 20, 30], [40, 50, 60])), 'b', 'its predecessor is 60, past the wrap');
  assert.equal(threadForJoiner(70, hosts([10, 20, 30], [40, 50, 60])), 'b');
  assert.equal(threadForJoiner(35, hosts([10, 20, 30, 33], [40, 50, 60])), 'b', 'a is one peer over b: b');
  assert.equal(threadForJoiner(35, hosts([10, 20, 30], [40, 50, 60, 70])), 'a', 'b is over a: a');
});
