// The sending side of inline files: every file sent ends, ok or with a reason, whatever the receiver does.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { InlineSender } from '../../src/actor/inline.ts';
import { queueClock } from '../../src/actor/timer-queue.ts';
import { NotSentError } from '../../src/actor/transfers.ts';
import type { TransferHeader } from '../../src/core/messages.ts';
import type { InlinePart } from '../../src/wire/codec.ts';

const header: TransferHeader = { purpose: 'deliver', op: 1, origin: 9, name: '2067', sizeBytes: 3, hops: 2 };
const data = new Uint8Array([1, 2, 3]);

function sender(timeoutMs = 15_000) {
  const sent: { to: number; part: InlinePart }[] = [];
  // Its timers on a queue of their own, over the clock mock.timers moves (Date, setTimeout), where a test mocks them.
  const s = new InlineSender(
    (to, part) => sent.push({ to, part }),
    timeoutMs,
    queueClock(() => Date.now()),
  );
  const last = () => {
    const part = sent.at(-1)!.part;
    assert.equal(part.type, 'inlineFile');
    return part as Extract<InlinePart, { type: 'inlineFile' }>;
  };
  return { s, sent, last };
}

test('the whole file goes out in one message with its sha256, and the receiver answer settles it', async () => {
  const { s, sent, last } = sender();
  const done = s.deliver(7, header, data);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.to, 7);
  assert.deepEqual(last().header, header);
  assert.deepEqual([...last().data], [1, 2, 3]);
  assert.equal(
    Buffer.from(last().sha256).toString('hex'),
    '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81',
  );
  s.answered(7, { type: 'inlineAck', transfer: last().transfer, ok: true, error: '' });
  await done;
});

test('a refusal rejects with the receiver reason; answers from another peer or for another file are ignored', async () => {
  const { s, last } = sender();
  const first = s.deliver(7, header, data);
  const a = last().transfer;
  const second = s.deliver(7, header, data);
  const b = last().transfer;
  assert.notEqual(a, b);
  s.answered(8, { type: 'inlineAck', transfer: a, ok: true, error: '' }); // not the receiver
  s.answered(7, { type: 'inlineAck', transfer: b, ok: false, error: 'Peer 7 did not request 2067' });
  await assert.rejects(second, /Peer 7 did not request 2067/);
  s.answered(7, { type: 'inlineAck', transfer: a, ok: true, error: '' });
  await first;
});

test('a lost connection fails what awaits an answer from that peer only; a file that never left fails too', async () => {
  const { s, last } = sender();
  const to7 = s.deliver(7, header, data);
  const to8 = s.deliver(8, header, data);
  const to8Part = last();
  s.closing(7)();
  // Closed after it was written: it may have landed, so it is not said to be unsent.
  await assert.rejects(
    to7,
    (error: Error) => /connection closed before/.test(error.message) && !(error instanceof NotSentError),
  );
  s.undelivered(to8Part, 'connection refused (is the peer running?)', true);
  await assert.rejects(
    to8,
    (error: Error) => /connection refused/.test(error.message) && error instanceof NotSentError,
  );
});

test('with no answer at all, the file fails after the answer timeout; shutting down fails the rest at once', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const { s } = sender(15_000);
    const silent = s.deliver(7, header, data);
    mock.timers.tick(15_000);
    await assert.rejects(silent, /no answer within 15 s/);
    const pending = s.deliver(7, header, data);
    s.failAll('the peer is shutting down');
    await assert.rejects(pending, /shutting down/);
  } finally {
    mock.timers.reset();
  }
});

test('each file fails at its own deadline, however many await an answer; answered ones never fail', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const { s, last } = sender(15_000);
    // The fake clock moved on, and the rejections it caused seen (they settle a microtask later).
    const advance = async (ms: number) => {
      mock.timers.tick(ms);
      await new Promise<void>((resolve) => queueMicrotask(resolve));
    };
    const outcome = (p: Promise<void>) => {
      const seen = { settled: false, error: undefined as Error | undefined };
      p.then(
        () => (seen.settled = true),
        (error: Error) => Object.assign(seen, { settled: true, error }),
      );
      return seen;
    };
    const first = outcome(s.deliver(7, header, data));
    mock.timers.tick(10_000);
    const second = outcome(s.deliver(8, header, data));
    const answered = outcome(s.deliver(8, header, data));
    s.answered(8, { type: 'inlineAck', transfer: last().transfer, ok: true, error: '' });
    await advance(5_000);
    assert.match(first.error?.message ?? '', /no answer within 15 s/);
    assert.equal(second.settled, false, 'sent 10 s after the first: 10 s of its 15 left');
    await advance(9_000);
    assert.equal(second.settled, false);
    await advance(1_000);
    assert.match(second.error?.message ?? '', /no answer within 15 s/);
    assert.deepEqual(answered, { settled: true, error: undefined });
    // Nothing awaited: a file sent now has its whole timeout again.
    const third = outcome(s.deliver(7, header, data));
    await advance(14_000);
    assert.equal(third.settled, false);
    await advance(1_000);
    assert.match(third.error?.message ?? '', /no answer within 15 s/);
  } finally {
    mock.timers.reset();
  }
});

/** A clock whose timers a test fires by moving it, and counts (the answer timer's re-arming is what is checked). */
function fakeClock() {
  const timers = new Set<{ at: number; fire: () => void }>();
  let t = 0;
  return {
    timers,
    now: () => t,
    setTimer<T>(at: number, fire: (name: T) => void, name: T) {
      const timer = { at, fire: () => fire(name) };
      timers.add(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void timers.delete(timer as { at: number; fire: () => void }),
    advance(to: number) {
      t = to;
      for (let due = [...timers].find((h) => h.at <= t); due !== undefined; due = [...timers].find((h) => h.at <= t)) {
        timers.delete(due);
        due.fire();
      }
    },
  };
}

test('a connection that closes fails only the files sent before it, not one its failures send again', () => {
  const s = new InlineSender(() => {}, 1000, fakeClock());
  const outcomes: string[] = [];
  let queued = 3; // copies to the same peer, each sent as the last ends (a runtime's copy queue, in the call)
  const next = () =>
    s.sendWhole(7, header, data, new Uint8Array(32), (error) => {
      outcomes.push(error?.message ?? 'ok');
      if (queued-- > 0) next();
    });
  next();
  s.closing(7)();
  assert.deepEqual(outcomes, ['connection closed before the file was acknowledged']);
});

test('a file sent again from an expiry leaves one timer, which shutting down clears', () => {
  const clock = fakeClock();
  const s = new InlineSender(() => {}, 1000, clock);
  let again = true;
  s.sendWhole(7, header, data, new Uint8Array(32), () => {
    if (again) {
      again = false;
      s.sendWhole(7, header, data, new Uint8Array(32), () => {});
    }
  });
  clock.advance(1000); // the first expires; its failure sends the next
  assert.equal(clock.timers.size, 1);
  s.failAll('closing');
  assert.equal(clock.timers.size, 0);
});

test('a closing connection fails, once its files were handed back, only those awaited when it closed', () => {
  const parts: InlinePart[] = [];
  const s = new InlineSender((_to, part) => parts.push(part), 1000, fakeClock());
  const outcomes: string[] = [];
  let again = true;
  s.sendWhole(7, header, data, new Uint8Array(32), (error) => {
    outcomes.push(`first: ${error instanceof NotSentError ? 'not sent' : error?.message}`);
    if (again) {
      again = false; // a copy queue's next file, sent at once on a new connection
      s.sendWhole(7, header, data, new Uint8Array(32), (e) => outcomes.push(`second: ${e?.message ?? 'ok'}`));
    }
  });
  const closed = s.closing(7); // as the transport's close handler: first what awaited an answer,
  s.undelivered(parts[0]!, 'connection refused', true); // then what the other end may not have read goes back,
  closed(); // then what is left fails
  assert.deepEqual(outcomes, ['first: not sent']);
});
