// The main thread's reorder: events from many threads, passed on in the order of their stamps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CausalClock } from '../../src/actor/causal-clock.ts';
import { Reorder, type ReorderTimers } from '../../src/host/reorder.ts';

interface Ev {
  seq: number;
  t: number;
  what: string;
}

/** Timers a test fires by hand: the window passes when the test says so, not after a sleep. */
function manualTimers() {
  const pending = new Set<() => void>();
  const timers: ReorderTimers = {
    set: (fire) => {
      pending.add(fire);
      return fire;
    },
    clear: (handle) => void pending.delete(handle as () => void),
  };
  return {
    timers,
    get armed() {
      return pending.size;
    },
    fire() {
      const all = [...pending];
      pending.clear();
      for (const f of all) f();
    },
  };
}

const ev = (seq: number, t = seq): Ev => ({ seq, t, what: `e${seq}` });

test('events arriving out of order are passed on in stamp order, each as soon as those before it came', () => {
  const out: string[] = [];
  const clock = manualTimers();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers);
  reorder.push(ev(1));
  reorder.push(ev(2));
  assert.deepEqual(out, [], 'held until event 0 comes');
  assert.equal(clock.armed, 1);
  reorder.push(ev(0));
  assert.deepEqual(out, ['e0', 'e1', 'e2']);
  assert.equal(clock.armed, 0, 'no gap, no timer');
  reorder.push(ev(4));
  reorder.push(ev(3));
  assert.deepEqual(out, ['e0', 'e1', 'e2', 'e3', 'e4']);
  assert.ok(reorder.idle);
});

test('a stamp whose event never comes is given up after the window; one that comes later still is passed on', () => {
  const out: string[] = [];
  const clock = manualTimers();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers);
  reorder.push(ev(0));
  reorder.push(ev(2));
  reorder.push(ev(3));
  assert.deepEqual(out, ['e0']);
  clock.fire();
  assert.deepEqual(out, ['e0', 'e2', 'e3']);
  assert.equal(reorder.skipped, 1);
  reorder.push(ev(1));
  assert.deepEqual(out, ['e0', 'e2', 'e3', 'e1']);
  assert.equal(reorder.late, 1);
});

test('flush passes on everything waiting, in order', () => {
  const out: string[] = [];
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, manualTimers().timers);
  reorder.push(ev(5));
  reorder.push(ev(2));
  reorder.flush();
  assert.deepEqual(out, ['e2', 'e5']);
});

test('t increases in the order passed on, by at least a microsecond, even when a later stamp read an earlier time', () => {
  const ts: number[] = [];
  const reorder = new Reorder<Ev>((e) => ts.push(e.t), 100, manualTimers().timers);
  reorder.push(ev(0, 10));
  reorder.push(ev(1, 9.5));
  reorder.push(ev(2, 10));
  reorder.push(ev(3, 12.25));
  assert.deepEqual(ts, [10, 10.001, 10.002, 12.25]);
});

test('the causal clock counts from 0 with no gap across every copy sharing its buffer, with wall-clock times', () => {
  const clock = new CausalClock();
  const other = new CausalClock(clock.buffer); // as a worker thread sees it
  const stamps = [clock.stamp(), other.stamp(), clock.stamp()];
  assert.deepEqual(
    stamps.map((s) => s.seq),
    [0, 1, 2],
  );
  assert.ok(Math.abs(stamps[0]!.t - Date.now()) < 1_000, 'wall-clock milliseconds');
  assert.ok(stamps[2]!.t >= stamps[0]!.t);
});

test('passed(seq) resolves once every event stamped below seq was passed on, or after the window without them', async () => {
  const out: string[] = [];
  const clock = manualTimers();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers);
  let caughtUp = false;
  const waiting = reorder.passed(2)!.then(() => (caughtUp = true));
  reorder.push(ev(1));
  await Promise.resolve();
  assert.equal(caughtUp, false);
  reorder.push(ev(0));
  await waiting;
  assert.deepEqual(out, ['e0', 'e1']);
  // Stamps taken whose events never come (a killed thread): the window gives up on them.
  let late = false;
  const gone = reorder.passed(4)!.then(() => (late = true));
  assert.equal(clock.armed, 1);
  clock.fire();
  await gone;
  assert.ok(late);
  // Passed on already: nothing to wait for, not even a turn of promises.
  assert.equal(reorder.passed(4), undefined);
  assert.equal(reorder.skipped, 2);
});

test('abandon: stamps below a point whose events never came are given up at once (their thread ended)', () => {
  const out: string[] = [];
  const clock = manualTimers();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers);
  reorder.push(ev(0));
  reorder.push(ev(2));
  reorder.push(ev(5));
  reorder.abandon(4);
  assert.deepEqual(out, ['e0', 'e2'], 'stamps 1 and 3 given up; 4 may still come');
  reorder.push(ev(4));
  assert.deepEqual(out, ['e0', 'e2', 'e4', 'e5']);
  assert.equal(reorder.skipped, 2);
  assert.equal(clock.armed, 0);
});

/** A settle the test answers by hand, as the threads do: each call waits until the test says every thread posted. */
function manualSettle() {
  const asked: ((taken: number) => void)[] = [];
  return {
    settle: () => new Promise<number>((resolve) => asked.push(resolve)),
    get asked() {
      return asked.length;
    },
    answer(taken: number) {
      for (const resolve of asked.splice(0)) resolve(taken);
    },
  };
}

test("a gap still open after the window waits for the threads' answer: a starved thread's event comes late and is passed on in order", async () => {
  // The causal-order test at load 24: a thread starting its peers ran its 10 ms ping-lines timer more than 2 s late;
  // the window gave its two stamps up, the lines after them went on, and the two were printed after them.
  const out: string[] = [];
  const clock = manualTimers();
  const threads = manualSettle();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers, threads.settle);
  reorder.push(ev(0));
  reorder.push(ev(3));
  reorder.push(ev(4));
  clock.fire(); // the window passes with 1 and 2 missing: the threads are asked, nothing is given up
  assert.equal(threads.asked, 1);
  assert.deepEqual(out, ['e0']);
  reorder.push(ev(5));
  clock.fire(); // passes again while the threads have not answered: still asked once
  assert.equal(threads.asked, 1);
  // The starved thread posts its events, then answers (its answer goes after them on the same port).
  reorder.push(ev(2));
  reorder.push(ev(1));
  threads.answer(6);
  await Promise.resolve();
  assert.deepEqual(out, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  assert.deepEqual([reorder.late, reorder.skipped], [0, 0]);
});

test('a stamp still missing once every thread answered never comes (its thread ended): the events after it go on', async () => {
  const out: string[] = [];
  const clock = manualTimers();
  const threads = manualSettle();
  const reorder = new Reorder<Ev>((e) => out.push(e.what), 100, clock.timers, threads.settle);
  reorder.push(ev(0));
  reorder.push(ev(2));
  reorder.push(ev(4));
  clock.fire();
  threads.answer(4); // every stamp below 4 that was to come came: 1 and 3 are lost; 4 and later may still come
  await Promise.resolve();
  assert.deepEqual(out, ['e0', 'e2', 'e4']);
  assert.equal(reorder.skipped, 2);
  // An answer waiting for stamps given up so is not held for ever either.
  const waiting = reorder.passed(7)!;
  assert.equal(clock.armed, 1);
  clock.fire();
  assert.equal(threads.asked, 1);
  threads.answer(7);
  await waiting;
  assert.equal(reorder.skipped, 4);
});

test('a settle that throws rather than rejects gives the gap up, as a rejected one does: the lines after it go on', async () => {
  const out: string[] = [];
  const clock = manualTimers();
  const reorder = new Reorder<Ev>(
    (e) => out.push(e.what),
    100,
    clock.timers,
    () => {
      throw new Error('proxy released');
    },
  );
  reorder.push(ev(0));
  reorder.push(ev(2));
  clock.fire();
  await Promise.resolve();
  assert.deepEqual(out, ['e0', 'e2']);
  assert.equal(reorder.skipped, 1);
});
