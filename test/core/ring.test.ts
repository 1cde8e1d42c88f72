// Table tests of the ring arithmetic and key placement (src/core/ring.ts), wrap-around cases first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  between,
  distance,
  fileNameProblem,
  isId,
  keyOf,
  responsibleFor,
  spaceSize,
  successorsInRing,
} from '../../src/core/ring.ts';
import { EXAMPLE, EXAMPLE_IDS } from './harness.ts';

describe('between(a, x, b): x in the clockwise arc (a, b]', () => {
  const cases: Array<[a: number, x: number, b: number, inside: boolean, why: string]> = [
    // wrap-around arcs (a > b)
    [250, 3, 5, true, 'past zero, before b'],
    [250, 255, 5, true, 'before zero, after a'],
    [250, 0, 5, true, 'zero itself'],
    [250, 5, 5, true, 'x equal to b is inside'],
    [250, 250, 5, false, 'x equal to a is outside'],
    [250, 6, 5, false, 'just after b'],
    [250, 100, 5, false, 'far outside'],
    [250, 249, 5, false, 'just before a'],
    [255, 0, 0, true, 'arc of one identifier across zero'],
    [19, 20, 2, true, 'example ring: 19 -> 2 holds 20'],
    [19, 1, 2, true, 'example ring: 19 -> 2 holds 1'],
    [19, 19, 2, false, 'example ring: 19 -> 2 does not hold 19'],
    // a === b: the whole ring (a ring of one peer)
    [5, 5, 5, true, 'whole ring: x equal to a and b'],
    [5, 4, 5, true, 'whole ring: just before'],
    [5, 6, 5, true, 'whole ring: just after'],
    [5, 200, 5, true, 'whole ring: far away'],
    // plain arcs (a < b)
    [3, 4, 10, true, 'inside'],
    [3, 10, 10, true, 'x equal to b is inside'],
    [3, 3, 10, false, 'x equal to a is outside'],
    [3, 11, 10, false, 'after b'],
    [3, 0, 10, false, 'before a'],
    [3, 255, 10, false, 'at the top of the space'],
    [0, 0, 255, false, 'the widest plain arc excludes a'],
    [0, 255, 255, true, 'the widest plain arc includes b'],
  ];
  for (const [a, x, b, inside, why] of cases) {
    test(`(${a}, ${b}] ${inside ? 'holds' : 'does not hold'} ${x}: ${why}`, () => {
      assert.equal(between(a, x, b), inside);
    });
  }
});

describe('distance(a, b, size): clockwise steps from a to b', () => {
  const cases: Array<[a: number, b: number, size: number, steps: number]> = [
    [250, 3, 256, 9],
    [255, 0, 256, 1],
    [3, 250, 256, 247],
    [19, 2, 256, 239],
    [5, 5, 256, 0],
    [0, 255, 256, 255],
    [2, 19, 256, 17],
    [7, 1, 8, 2],
  ];
  for (const [a, b, size, steps] of cases) {
    test(`${a} -> ${b} on a ring of ${size} is ${steps}`, () => {
      assert.equal(distance(a, b, size), steps);
    });
  }
  test('a -> b and b -> a add up to the ring size when a !== b', () => {
    for (const [a, b] of [
      [250, 3],
      [2, 19],
      [0, 128],
      [1, 255],
    ] as const) {
      assert.equal(distance(a, b, 256) + distance(b, a, 256), 256);
    }
  });
});

describe('isId(x, bits)', () => {
  const cases: Array<[x: number, bits: number, ok: boolean]> = [
    [0, 8, true],
    [255, 8, true],
    [256, 8, false],
    [-1, 8, false],
    [1.5, 8, false],
    [Number.NaN, 8, false],
    [Number.POSITIVE_INFINITY, 8, false],
    [15, 4, true],
    [16, 4, false],
    [1023, 10, true],
  ];
  for (const [x, bits, ok] of cases) {
    test(`${x} is ${ok ? '' : 'not '}an id of a ${bits}-bit space`, () => {
      assert.equal(isId(x, bits), ok);
    });
  }
  test('spaceSize(8) is 256, as the original', () => {
    assert.equal(spaceSize(8), 256);
  });
});

describe('file names: fileNameProblem and keyOf', () => {
  const valid: Array<[name: string, key: number]> = [
    ['2067', 19],
    ['4103', 7],
    ['0000', 0],
    ['9999', 15],
    ['0255', 255],
    ['0256', 0],
    ['0020', 20],
    ['0002', 2],
  ];
  for (const [name, key] of valid) {
    test(`"${name}" is valid and hashes to ${key}`, () => {
      assert.equal(fileNameProblem(name), undefined);
      assert.equal(keyOf(name, 8), key);
    });
  }
  test('keyOf takes the number mod 2^bits for other id spaces', () => {
    assert.equal(keyOf('2067', 4), 2067 % 16);
    assert.equal(keyOf('2067', 12), 2067);
  });

  test('any other name is placed by the hash it is given, mod 2^bits', () => {
    const hash = (name: string) => (name === 'report.pdf' ? 0xdead_beef : 7);
    assert.equal(keyOf('report.pdf', 32, hash), 0xdead_beef);
    assert.equal(keyOf('report.pdf', 16, hash), 0xbeef);
    assert.equal(keyOf('12345', 8, hash), 7); // not four digits: hashed, not taken as a number
    assert.equal(keyOf('2067', 8, hash), 19); // four digits: the original's rule, whatever the hash
    assert.throws(() => keyOf('report.pdf', 8), /no name hash/);
  });

  const fine = [
    'a912',
    '32134',
    ' 206',
    '206',
    'Zoë — notes.txt',
    '日本語',
    '.hidden',
    '...',
    'x'.repeat(255),
    'é'.repeat(127),
  ];
  for (const name of fine) {
    test(`${JSON.stringify(name.slice(0, 20))} (${name.length} chars) is a valid name`, () =>
      assert.equal(fileNameProblem(name), undefined));
  }

  const invalid: Array<[name: string, why: RegExp]> = [
    ['', /1 to 255 bytes/],
    ['.', /not a plain file name/],
    ['..', /not a plain file name/],
    ['a/b', /path separator/],
    ['..\\x', /path separator/],
    ['2067\n', /control character/],
    ['a\u0000b', /control character/],
    ['\u007f', /control character/],
    ['\ud800x', /lone surrogate/],
    ['x'.repeat(256), /256 bytes long, over the 255-byte limit/],
    ['é'.repeat(128), /256 bytes long/],
  ];
  for (const [name, why] of invalid) {
    test(`${JSON.stringify(name.slice(0, 20))} is refused with a message that names it`, () => {
      const problem = fileNameProblem(name);
      assert.equal(typeof problem, 'string');
      assert.match(problem!, why);
      assert.ok(problem!.includes(JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name)), problem);
    });
  }
});

describe('responsibleFor(key, ids): first peer at or after the key', () => {
  const cases: Array<[key: number, ids: number[], holder: number]> = [
    // above the largest id: wraps to the smallest
    [20, EXAMPLE_IDS, 2],
    [255, EXAMPLE_IDS, 2],
    [0, EXAMPLE_IDS, 2],
    [1, EXAMPLE_IDS, 2],
    [2, EXAMPLE_IDS, 2],
    [3, EXAMPLE_IDS, 4],
    [7, EXAMPLE_IDS, 8],
    [19, EXAMPLE_IDS, 19],
    [15, EXAMPLE_IDS, 19],
    [10, [19, 2, 8], 19],
    [200, [5], 5],
    [5, [5], 5],
    [3, [2, 4], 4],
    [5, [2, 4], 2],
  ];
  for (const [key, ids, holder] of cases) {
    test(`key ${key} among [${ids.join(', ')}] is held by ${holder}`, () => {
      assert.equal(responsibleFor(key, ids), holder);
    });
  }
  test('no peers: throws', () => {
    assert.throws(() => responsibleFor(3, []), /no peers/);
  });
  test("does not reorder the caller's array", () => {
    const ids = [19, 2, 8];
    responsibleFor(10, ids);
    assert.deepEqual(ids, [19, 2, 8]);
  });
});

describe('successorsInRing(ids, count)', () => {
  test('the example ring gives the SPEC successor lists', () => {
    assert.deepEqual([...successorsInRing(EXAMPLE_IDS, 2).entries()], EXAMPLE);
  });
  test('unsorted input with duplicates is sorted and deduplicated', () => {
    const ring = successorsInRing([19, 2, 9, 2, 14], 2);
    assert.deepEqual(
      [...ring.entries()],
      [
        [2, [9, 14]],
        [9, [14, 19]],
        [14, [19, 2]],
        [19, [2, 9]],
      ],
    );
  });
  test('one peer is its own successor', () => {
    assert.deepEqual([...successorsInRing([5], 2).entries()], [[5, [5, 5]]]);
  });
  test('two peers: the second successor is the peer itself', () => {
    assert.deepEqual(
      [...successorsInRing([4, 2], 2).entries()],
      [
        [2, [4, 2]],
        [4, [2, 4]],
      ],
    );
  });
  test('three successors', () => {
    assert.deepEqual(successorsInRing(EXAMPLE_IDS, 3).get(14), [19, 2, 4]);
  });
  test('no peers: an empty map', () => {
    assert.equal(successorsInRing([], 2).size, 0);
  });
});
