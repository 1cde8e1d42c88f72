// The machine's timers of a thread on one Node timer: each fires once, at its deadline, in deadline order; a cleared one
// never fires; the thread is kept open only while one waits.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { TimerQueue } from '../../src/actor/timer-queue.ts';

function withMockedTime(run: (queue: TimerQueue, fired: string[]) => void): void {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000 });
  try {
    run(new TimerQueue(() => Date.now()), []);
  } finally {
    mock.timers.reset();
  }
}

test('timers fire at their deadlines in deadline order, ties in the order set, each once', () =>
  withMockedTime((queue, fired) => {
    queue.set(1_300, () => fired.push('c'));
    queue.set(1_100, () => fired.push('a'));
    queue.set(1_300, () => fired.push('d'));
    queue.set(1_200, () => fired.push('b'));
    mock.timers.tick(99);
    assert.deepEqual(fired, []);
    mock.timers.tick(1);
    assert.deepEqual(fired, ['a']);
    mock.timers.tick(200);
    assert.deepEqual(fired, ['a', 'b', 'c', 'd']);
    mock.timers.tick(10_000);
    assert.deepEqual(fired, ['a', 'b', 'c', 'd']);
    assert.equal(queue.size, 0);
  }));

test('a cleared timer never fires; one set earlier than the one waited for, or from a firing one, fires in time', () =>
  withMockedTime((queue, fired) => {
    const late = queue.set(61_000, () => fired.push('op'));
    const hop = queue.set(1_500, () => fired.push('hop'));
    queue.clear(hop);
    queue.clear(hop); // twice is nothing
    queue.set(1_200, () => {
      fired.push('first');
      queue.set(1_200, () => fired.push('now')); // already due: after this callback, not inside it
      queue.set(1_250, () => fired.push('then'));
      assert.deepEqual(fired, ['first']);
    });
    mock.timers.tick(200);
    assert.deepEqual(fired, ['first', 'now']);
    mock.timers.tick(49);
    assert.deepEqual(fired, ['first', 'now']);
    mock.timers.tick(1);
    assert.deepEqual(fired, ['first', 'now', 'then']);
    mock.timers.tick(1_000);
    assert.deepEqual(fired, ['first', 'now', 'then'], 'the cleared hop timer stays silent');
    queue.clear(late);
    mock.timers.tick(60_000);
    assert.deepEqual(fired, ['first', 'now', 'then']);
  }));

test('many timers set and cleared (a hop timer per message) leave only the live ones, which still fire', () =>
  withMockedTime((queue, fired) => {
    const keep: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const t = queue.set(2_000 + i, () => fired.push(String(i)));
      if (i % 97 === 0) keep.push(i);
      else queue.clear(t);
    }
    assert.equal(queue.size, keep.length);
    mock.timers.tick(2_000);
    assert.deepEqual(fired, keep.map(String));
  }));

test('the thread is kept open only while a timer waits', () => {
  const queue = new TimerQueue(() => performance.now());
  assert.equal(queue.holdsLoop, false);
  const a = queue.set(performance.now() + 60_000, () => {});
  assert.equal(queue.holdsLoop, true);
  queue.clear(a);
  assert.equal(queue.holdsLoop, false, 'its Node timer may linger, but does not hold the loop');
  const b = queue.set(performance.now() + 120_000, () => {});
  assert.equal(queue.holdsLoop, true);
  queue.clear(b);
  assert.equal(queue.holdsLoop, false);
});

test('a timer set with a name fires with that name; a cleared one never does', () =>
  withMockedTime((queue, fired) => {
    const fire = (name: string) => fired.push(name);
    queue.set(1_100, fire, 'hop:3');
    const cleared = queue.set(1_100, fire, 'op:7');
    queue.set(1_200, fire, 'lost:7');
    queue.clear(cleared);
    mock.timers.tick(300);
    assert.deepEqual(fired, ['hop:3', 'lost:7']);
  }));
