// Table tests of finger-table arithmetic and next-hop choice: wrap-around cases first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FingerTable, fingerStart, idealFingers } from '../../src/core/fingers.ts';
import { nextHop } from '../../src/core/routing.ts';

const EXAMPLE = [2, 4, 5, 8, 9, 14, 19];

describe('finger starts and ideal tables', () => {
  const starts: Array<[id: number, i: number, bits: number, start: number]> = [
    [250, 3, 8, 2],
    [255, 0, 8, 0],
    [19, 7, 8, 147],
    [2, 0, 8, 3],
    [2 ** 32 - 1, 31, 32, 2 ** 31 - 1],
  ];
  for (const [id, i, bits, start] of starts)
    test(`finger ${i} of ${id} (${bits} bits) starts at ${start}`, () => assert.equal(fingerStart(id, i, bits), start));

  test('the example ring: 2 points at 4, 4, 8, 14, 19, then round to 2; 19 wraps to 2 for every finger', () => {
    assert.deepEqual(idealFingers(2, EXAMPLE, 8), [4, 4, 8, 14, 19, 2, 2, 2]);
    assert.deepEqual(idealFingers(19, EXAMPLE, 8), [2, 2, 2, 2, 2, 2, 2, 2]);
    assert.deepEqual(idealFingers(9, EXAMPLE, 8), [14, 14, 14, 19, 2, 2, 2, 2]);
  });
});

describe('FingerTable', () => {
  test('an answer for finger i also sets the following fingers whose start it covers', () => {
    const t = new FingerTable(2, 8);
    assert.equal(t.found(2, 8), 3); // start 6 -> 8; start 10 is past 8
    assert.deepEqual(t.list(), [null, null, 8, null, null, null, null, null]);
    assert.equal(t.found(5, 2), 8); // successor(34) is 2 itself, round the ring: so are all the later ones
    assert.deepEqual(t.list(), [null, null, 8, null, null, 2, 2, 2]);
    assert.deepEqual(t.peers(), [8]);
  });

  test('a peer heard from takes the fingers it is closer for; a peer gone leaves them unknown', () => {
    const t = new FingerTable(2, 8, [4, 4, 8, 19, 19, 2, 2, 2]);
    t.learn(14); // closer to start 10 than 19 is; not closer to 18 (it is before it)
    assert.deepEqual(t.list(), [4, 4, 8, 14, 19, 2, 2, 2]);
    t.learn(2); // itself: nothing
    t.forget(4);
    assert.deepEqual(t.list(), [null, null, 8, 14, 19, 2, 2, 2]);
    t.learn(5);
    assert.deepEqual(t.list(), [5, 5, 8, 14, 19, 2, 2, 2]);
  });

  test('peers heard from in any order leave each finger at the first of them at or after its start, round the wrap', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (const bits of [8, 32]) {
      for (let ring = 0; ring < 20; ring++) {
        const size = 2 ** bits;
        const id = ring === 0 ? size - 1 : random(size); // the last id: every start wraps past 0
        const others = [...new Set(Array.from({ length: 2 + random(12) }, () => (random(2 ** 30) * 4 + ring) % size))]
          .filter((p) => p !== id)
          .sort((a, b) => a - b);
        const t = new FingerTable(id, bits);
        const heard = [...others, id, ...others].sort(() => random(3) - 1);
        for (const peer of heard) t.learn(peer);
        assert.deepEqual(t.list(), idealFingers(id, others, bits), `${bits} bits, peer ${id}, ring ${others}`);
      }
    }
  });
});

describe('nextHop', () => {
  test('along successors: the first successor, final when the key lies up to it; none when the key is here or the peer is alone', () => {
    assert.deepEqual(nextHop(8, 19, [9, 14], 8), { to: 9, final: false });
    assert.deepEqual(nextHop(14, 19, [19, 2], 8), { to: 19, final: true });
    assert.deepEqual(nextHop(19, 1, [2, 4], 8), { to: 2, final: true }); // wraps
    assert.equal(nextHop(8, 8, [9, 14], 8), undefined);
    assert.equal(nextHop(8, 100, [8, 8], 8), undefined);
  });

  test('on fingers: the candidate that most closely precedes the key, wrapping round the ring', () => {
    const fingers = [4, 8, 14, 19];
    assert.deepEqual(nextHop(2, 17, [4, 5], 8, fingers), { to: 14, final: false });
    assert.deepEqual(nextHop(19, 13, [2, 4], 8, fingers), { to: 8, final: false }); // 19 -> past 0 -> 8
    assert.deepEqual(nextHop(2, 14, [4, 5], 8, fingers), { to: 14, final: true }); // the key's own peer
    assert.deepEqual(nextHop(2, 3, [4, 5], 8, fingers), { to: 4, final: true });
  });

  test('a peer to avoid is skipped; with nothing better the first successor takes the lookup', () => {
    assert.deepEqual(nextHop(2, 17, [4, 5], 8, [8, 14], new Set([14])), { to: 8, final: false });
    assert.deepEqual(nextHop(2, 17, [4, 5], 8, [14], new Set([14])), { to: 4, final: false });
  });
});
