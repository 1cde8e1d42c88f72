// The runtime files its timers by name without building timerKey's string (src/runtime/timer-table.ts): two timers are
// one exactly when their timerKeys are equal, or scheduling one would replace, or cancel, another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type TimerName, timerKey } from '../../src/core/io.ts';
import { TimerTable } from '../../src/runtime/timer-table.ts';

const BIG = 2 ** 48;
const timers: TimerName[] = [
  { kind: 'ping' },
  { kind: 'pingTimeout' },
  { kind: 'quit' },
  { kind: 'behind' },
  { kind: 'fingers' },
  { kind: 'sync' },
  { kind: 'handoff' },
  { kind: 'scrub' },
  // op, lost and hop of the same number; numbers whose kinds' encodings would meet if a number's bits spilled over
  ...[
    0,
    1,
    2,
    3,
    16,
    17,
    BIG - 1,
    BIG,
    BIG + 1,
    2 ** 49,
    2 ** 50 + 1,
    BIG * 16,
    0.5,
    1.5,
    -1,
    -16,
    Number.NaN,
    Number.MAX_SAFE_INTEGER,
  ].flatMap((n): TimerName[] => [
    { kind: 'op', op: n },
    { kind: 'lost', op: n },
    { kind: 'hop', ack: n },
  ]),
  { kind: 'expect', origin: 1, op: 2 },
  { kind: 'expect', origin: 2, op: 1 },
  { kind: 'copies', origin: 1, op: 2 },
  { kind: 'copies', origin: 2, op: 1 },
];

test('timers are one in the table exactly when their timerKeys are equal', () => {
  const table = new TimerTable<number>();
  for (const [i, timer] of timers.entries()) table.set(timer, i);
  // Each is found as itself, also through another object with the same fields (the machine makes one per effect).
  for (const [i, timer] of timers.entries()) assert.equal(table.get({ ...timer }), i, timerKey(timer));
  assert.equal(table.get({ kind: 'op', op: 4 }), undefined);
  assert.equal(table.get({ kind: 'expect', origin: 1, op: 1 }), undefined);
  // Set again under the same name: replaced, nothing else.
  table.set({ kind: 'hop', ack: 3 }, -1);
  table.set({ kind: 'expect', origin: 2, op: 1 }, -2);
  for (const [i, timer] of timers.entries()) {
    const replaced: Record<string, number> = { 'hop:3': -1, 'expect:2:1': -2 };
    assert.equal(table.get(timer), replaced[timerKey(timer)] ?? i, timerKey(timer));
  }
});

test('a timer taken out is gone alone; clear hands back each one left', () => {
  const table = new TimerTable<number>();
  for (const [i, timer] of timers.entries()) table.set(timer, i);
  assert.equal(
    table.delete({ kind: 'lost', op: BIG }),
    timers.findIndex((t) => timerKey(t) === `lost:${BIG}`),
  );
  assert.equal(table.delete({ kind: 'lost', op: BIG }), undefined);
  assert.equal(table.delete({ kind: 'copies', origin: 1, op: 2 }), timers.length - 2);
  assert.equal(table.delete({ kind: 'sync' }), 5);
  const left: number[] = [];
  table.clear((value) => left.push(value));
  assert.equal(left.length, timers.length - 3);
  assert.equal(new Set(left).size, left.length);
  assert.equal(table.get({ kind: 'ping' }), undefined);
  table.clear(() => assert.fail('cleared twice'));
});
