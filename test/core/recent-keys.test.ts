// The memory of lookups a peer passed on: remembered until they expire, distinct keys kept apart, bounded in size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fingerprint, RecentKeys } from '../../src/core/recent-keys.ts';

/** The fingerprint of `parts`, fed in order. */
function fingerprint(parts: readonly (number | string)[]): number {
  const print = new Fingerprint();
  for (const part of parts) {
    if (typeof part === 'number') print.number(part);
    else print.string(part);
  }
  return print.value();
}

test('a key is seen again until it expires, then remembered afresh', () => {
  const keys = new RecentKeys(64);
  const print = fingerprint([7, 1, 'request', '2067', 0]);
  assert.equal(keys.seenBefore(print, 0, 100), false);
  assert.equal(keys.seenBefore(print, 50, 150), true);
  assert.equal(keys.seenBefore(print, 100, 200), false, 'expired at 100');
  assert.equal(keys.seenBefore(print, 199, 299), true);
});

test('has() says whether a key is remembered and not expired, and remembers nothing itself', () => {
  const keys = new RecentKeys(64);
  const print = fingerprint(['a']);
  assert.equal(keys.has(print, 0), false);
  assert.equal(keys.seenBefore(print, 0, 100), false, 'has() did not remember it');
  assert.equal(keys.has(print, 99), true);
  assert.equal(keys.has(print, 100), false, 'expired');
});

test('fingerprints tell apart keys that differ in one part, or only in how a string is cut', () => {
  const base: (number | string)[] = [7, 1, 'request', '2067', 0, 0, 0, 'route'];
  const prints = new Set<number>([fingerprint(base)]);
  for (let i = 0; i < base.length; i++) {
    const other = [...base];
    other[i] = typeof other[i] === 'number' ? (other[i] as number) + 1 : `${other[i]}x`;
    prints.add(fingerprint(other));
  }
  prints.add(fingerprint([7, 1, 'request2', '067', 0, 0, 0, 'route']));
  prints.add(fingerprint([7 + 2 ** 32, 1, 'request', '2067', 0, 0, 0, 'route'])); // ids of 32 bits and op numbers past them
  assert.equal(prints.size, base.length + 3);
  for (const p of prints) assert.ok(Number.isInteger(p) && p > 0 && p < 2 ** 52);
});

test('many distinct keys: none is taken for another while remembered', () => {
  const keys = new RecentKeys(8192);
  for (let op = 0; op < 4000; op++)
    assert.equal(keys.seenBefore(fingerprint([3, op, 'store', 'abcd']), op, 1e9), false);
  for (let op = 0; op < 4000; op++)
    assert.equal(keys.seenBefore(fingerprint([3, op, 'store', 'abcd']), 5000, 1e9), true);
});

test('the memory is bounded: past its slots the oldest keys are forgotten, and the table never grows further', () => {
  const keys = new RecentKeys(256);
  assert.equal(keys.slots, 64, 'a quiet peer keeps a small table');
  for (let op = 0; op < 10_000; op++) keys.seenBefore(fingerprint([op]), op, 1e9);
  assert.equal(keys.slots, 256);
  assert.equal(keys.seenBefore(fingerprint([9_999]), 10_000, 1e9), true, 'the newest is remembered');
  assert.equal(keys.seenBefore(fingerprint([0]), 10_001, 1e9), false, 'the oldest was forgotten');
});

test('keys that expire make room: a steady trickle never grows the table', () => {
  const keys = new RecentKeys(8192);
  for (let t = 0; t < 100_000; t++) keys.seenBefore(fingerprint([t]), t, t + 10); // at most 10 remembered at once
  assert.equal(keys.slots, 64);
});

test('slots must be a power of two of at least 64', () => {
  assert.throws(() => new RecentKeys(100), /not a power of two/);
  assert.throws(() => new RecentKeys(32), /not a power of two/);
});

test('a fingerprint fed part by part is the one of its parts, and one fed more after its value goes on from it', () => {
  // The values the array form gave before Fingerprint (so routers keep the same keys: same decisions, same seeds).
  assert.equal(fingerprint([7, 1, 'request', '2067', 0, 0, 0, 'route']), 2726772930842919);
  assert.equal(fingerprint([2 ** 40 + 3, 99, 'store', '', 1, 2, 3, 'served']), 3834583801870059);
  assert.equal(fingerprint(['a']), 102171785428858);
  const print = new Fingerprint().number(7).number(1).string('request').string('2067').number(0).number(0).number(0);
  assert.equal(print.string('route').value(), 2726772930842919);
  assert.equal(print.string('also').value(), 2994119643980299);
});
