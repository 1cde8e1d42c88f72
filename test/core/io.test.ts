// Table tests of the machine's typed contracts (src/core/io.ts): the key a driver files a timer under.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timerKey, type TimerName } from '../../src/core/io.ts';

describe('timerKey(timer): the one key drivers file a timer under', () => {
  // One of every kind, and timers of one kind that differ in a single field.
  const timers: Array<[timer: TimerName, key: string]> = [
    [{ kind: 'op', op: 1 }, 'op:1'],
    [{ kind: 'op', op: 12 }, 'op:12'],
    [{ kind: 'expect', origin: 8, op: 1 }, 'expect:8:1'],
    [{ kind: 'expect', origin: 8, op: 12 }, 'expect:8:12'],
    [{ kind: 'expect', origin: 81, op: 2 }, 'expect:81:2'],
    [{ kind: 'expect', origin: 812, op: 0 }, 'expect:812:0'],
    [{ kind: 'ping' }, 'ping'],
    [{ kind: 'pingTimeout' }, 'pingTimeout'],
    [{ kind: 'quit' }, 'quit'],
    [{ kind: 'fingers' }, 'fingers'],
    [{ kind: 'hop', ack: 1 }, 'hop:1'],
    [{ kind: 'hop', ack: 2 }, 'hop:2'],
    [{ kind: 'sync' }, 'sync'],
    [{ kind: 'handoff' }, 'handoff'],
  ];

  for (const [timer, key] of timers) {
    test(`${JSON.stringify(timer)} -> ${key}`, () => {
      assert.equal(timerKey(timer), key);
    });
  }

  test('the same timer, built twice or with its fields in another order, has the same key', () => {
    for (const [timer] of timers) assert.equal(timerKey({ ...timer }), timerKey(timer));
    assert.equal(timerKey({ op: 3, origin: 9, kind: 'expect' }), timerKey({ kind: 'expect', origin: 9, op: 3 }));
  });

  test('distinct timers have distinct keys (scheduling one never replaces another)', () => {
    const keys = timers.map(([timer]) => timerKey(timer));
    assert.equal(new Set(keys).size, keys.length);
    // A command's deadline and a store expected from peer 1 with the same op number stay apart.
    assert.notEqual(timerKey({ kind: 'op', op: 11 }), timerKey({ kind: 'expect', origin: 1, op: 1 }));
    assert.notEqual(timerKey({ kind: 'hop', ack: 5 }), timerKey({ kind: 'op', op: 5 }));
  });
});
