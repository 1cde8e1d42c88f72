// The ports test rings use: a range a user can set (RINGDHT_TEST_PORTS), read by createTestRing and the e2e helpers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBasePort, TEST_PORTS_DEFAULT, testPortRange } from '../../src/host/testing.ts';

test('RINGDHT_TEST_PORTS sets the range; every base port and its 256 ports stay inside it', () => {
  assert.deepEqual(testPortRange({}), TEST_PORTS_DEFAULT);
  assert.deepEqual(testPortRange({ RINGDHT_TEST_PORTS: '20000-20511' }), { low: 20_000, high: 20_511 });
  for (let i = 0; i < 1000; i++) {
    const base = randomBasePort({ RINGDHT_TEST_PORTS: '20000-20511' });
    assert.ok(base >= 20_000 && base + 255 <= 20_511, String(base));
  }
  assert.equal(randomBasePort({ RINGDHT_TEST_PORTS: '30000-30255' }), 30_000);
});

test('a range that cannot be used is refused with one sentence', () => {
  for (const bad of ['20000', '20000-20100', '0-1000', '60000-70000', 'a-b'])
    assert.throws(() => testPortRange({ RINGDHT_TEST_PORTS: bad }), /is not a port range: write LOW-HIGH/);
});
