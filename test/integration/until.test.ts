// until(): a condition checked at once and after each event, never on a timer of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '../../src/host/until.ts';

function events() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: () => {
      for (const l of listeners) l();
    },
    get listening() {
      return listeners.size;
    },
  };
}

test('resolves on the first check that finds nothing wrong, and stops listening', async () => {
  const bus = events();
  let left = 3;
  const done = until(bus.subscribe, async () => (left === 0 ? undefined : `${left} left`), 'counting down', 5_000);
  while (left > 0) {
    left--;
    bus.emit();
    await Promise.resolve();
  }
  await done;
  assert.equal(bus.listening, 0);
});

test('rejects with what is still wrong when the time is up', async () => {
  const bus = events();
  await assert.rejects(
    until(bus.subscribe, async () => 'File 2067 is at [19]', 'copies not restored', 50),
    /^Error: copies not restored within 0.05 s: File 2067 is at \[19\]$/,
  );
  assert.equal(bus.listening, 0);
});

test('an error thrown by the check rejects at once', async () => {
  const bus = events();
  await assert.rejects(
    until(
      bus.subscribe,
      async () => {
        throw new Error('status call failed');
      },
      'x',
      5_000,
    ),
    /status call failed/,
  );
});
