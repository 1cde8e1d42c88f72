// The actor thread's outbox: a turn's events in one message, stamped as they happened, never after what follows them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CausalClock } from '../../src/actor/causal-clock.ts';
import type { ActorEvent } from '../../src/actor/events.ts';
import { EventOutbox, type EventMessage } from '../../src/actor/outbox.ts';
import { lines } from '../../src/core/lines.ts';
import { Reorder } from '../../src/host/reorder.ts';

/** A port that records what is posted on it, events and other messages alike, in order. */
function recordingPort() {
  const posted: (EventMessage | string)[] = [];
  let arrived: (() => void) | undefined;
  return {
    posted,
    postMessage(message: EventMessage | string) {
      posted.push(message);
      arrived?.();
    },
    /** Resolves at the next message posted. */
    next: () => new Promise<void>((resolve) => (arrived = resolve)),
  };
}

/** A ring's clock with something on the main thread listening to lines (as a terminal or the view does). */
function listenedClock(): CausalClock {
  const clock = new CausalClock();
  clock.linesWanted = true;
  return clock;
}

const turnEnd = () => new Promise<void>((resolve) => setImmediate(resolve));
const seqs = (message: EventMessage | string | undefined) =>
  typeof message === 'object' ? message.ringdhtEvents.map((e) => e.seq) : message;

test('the events of one turn leave in one message, in the order they were stamped', async () => {
  const port = recordingPort();
  const clock = listenedClock();
  const waitOver = clock.mainWaits(); // a call under way on the main thread
  const outbox = new EventOutbox(port, clock);
  outbox.add({ kind: 'line', peer: 7, line: lines.pingReceived(3) });
  outbox.add({ kind: 'line', peer: 7, line: { event: 'request.sent', text: 'Request for File 1 sent to Peer 9' } });
  outbox.add({ kind: 'closed', peer: 7 });
  assert.equal(port.posted.length, 0, 'nothing is posted before the turn ends');
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0, 1, 2]]);
  const [ping, line, closed] = (port.posted[0] as EventMessage).ringdhtEvents;
  assert.equal(ping!.kind === 'line' && ping!.line.event, 'ping.received');
  assert.equal(line!.kind === 'line' && line!.line.text, 'Request for File 1 sent to Peer 9');
  assert.equal(closed!.kind, 'closed');
  waitOver();
});

test('while the main thread waits for nothing, lines wait past their turn, and go as soon as it waits', async () => {
  const port = recordingPort();
  const clock = listenedClock();
  const outbox = new EventOutbox(port, clock, true, { set: () => 'armed', clear: () => {} }); // the delay never ends by itself
  outbox.add({ kind: 'line', peer: 7, line: { event: 'request.sent', text: 'Request for File 1 sent to Peer 9' } });
  outbox.add({ kind: 'line', peer: 7, line: { event: 'file.sent', text: 'File 1 sent to Peer 9' } });
  await turnEnd();
  assert.equal(port.posted.length, 0, 'lines posted at the end of their turn with nobody waiting');
  const posted = port.next();
  const waitOver = clock.mainWaits(); // from the main thread, through the shared buffer
  await posted;
  assert.deepEqual(port.posted.map(seqs), [[0, 1]]);
  // While it waits, a line goes at the end of its turn.
  outbox.add({ kind: 'line', peer: 7, line: { event: 'request.holder', text: 'Peer 9 holds File 1' } });
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0, 1], [2]]);
  waitOver();
  assert.equal(clock.mainWaiting, false);
});

test('actors run in the main thread itself post their lines at the end of the turn, waited for or not', async () => {
  const port = recordingPort();
  const outbox = new EventOutbox(port, listenedClock(), false, { set: () => 'armed', clear: () => {} });
  outbox.add({ kind: 'line', peer: 7, line: { event: 'request.sent', text: 'Request for File 1 sent to Peer 9' } });
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0]]);
});

test("a command's completion takes the lines held before it", async () => {
  const port = recordingPort();
  const outbox = new EventOutbox(port, listenedClock(), true, { set: () => 'armed', clear: () => {} });
  outbox.add({ kind: 'line', peer: 7, line: { event: 'file.received', text: 'File 1 received' } });
  outbox.add({
    kind: 'done',
    peer: 7,
    op: 3,
    command: 'get 0001',
    result: { ok: false, code: 'NOT_FOUND', error: 'x', ms: 1 },
  });
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0, 1]]);
});

test('a message posted after events (a comlink answer) is preceded by them, ping lines included', () => {
  const port = recordingPort();
  const outbox = new EventOutbox(port, listenedClock());
  outbox.add({ kind: 'line', peer: 7, line: lines.pingSent([9]) });
  outbox.add({ kind: 'line', peer: 7, line: { event: 'file.sent', text: 'File 1 sent to Peer 9' } });
  outbox.flush();
  port.postMessage('answer');
  outbox.flush(); // nothing held: nothing posted
  assert.deepEqual(port.posted.map(seqs), [[0, 1], 'answer']);
});

test('ping lines alone wait past the turn for their timer, then leave together', async () => {
  const port = recordingPort();
  let fire: (() => void) | undefined;
  const timers = { set: (f: () => void) => (fire = f), clear: () => (fire = undefined) };
  const outbox = new EventOutbox(port, listenedClock(), true, timers);
  outbox.add({ kind: 'line', peer: 7, line: lines.pingSent([9]) });
  await turnEnd();
  outbox.add({ kind: 'line', peer: 7, line: lines.pingReceived(9) });
  await turnEnd();
  assert.equal(port.posted.length, 0, 'ping lines posted before their timer');
  fire!();
  assert.deepEqual(port.posted.map(seqs), [[0, 1]]);
  assert.equal(fire, undefined, 'the timer is cleared once they are posted');
});

test('batches of several threads on one clock are put back in causal order by the main thread', () => {
  const clock = listenedClock();
  const [a, b] = [recordingPort(), recordingPort()];
  const [outA, outB] = [new EventOutbox(a, clock), new EventOutbox(b, new CausalClock(clock.buffer))];
  // Interleaved in time across two threads' outboxes: A, B, A, B.
  outA.add({ kind: 'line', peer: 1, line: { event: 'request.sent', text: 'A1' } });
  outB.add({ kind: 'line', peer: 2, line: { event: 'request.received', text: 'B1' } });
  outA.add({ kind: 'line', peer: 1, line: { event: 'request.sent', text: 'A2' } });
  outB.add({ kind: 'line', peer: 2, line: { event: 'request.received', text: 'B2' } });
  outA.flush();
  outB.flush();
  const passed: string[] = [];
  const reorder = new Reorder<ActorEvent>((e) => passed.push(e.kind === 'line' ? e.line.text : e.kind));
  // B's batch reaches the main thread first.
  for (const port of [b, a]) for (const event of (port.posted[0] as EventMessage).ringdhtEvents) reorder.push(event);
  assert.deepEqual(passed, ['A1', 'B1', 'A2', 'B2']);
  assert.ok(reorder.idle);
});

test('lines nobody listens to are neither stamped nor posted; answers and the other events still go, in order', async () => {
  const port = recordingPort();
  const clock = new CausalClock(); // nothing on the main thread listens yet
  const waitOver = clock.mainWaits();
  const outbox = new EventOutbox(port, clock);
  outbox.add({ kind: 'line', peer: 7, line: { event: 'request.sent', text: 'Request for File 1 sent to Peer 9' } });
  outbox.add({ kind: 'closed', peer: 7 });
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0]], 'the line took no stamp: no gap for the reorder to wait out');
  assert.equal((port.posted[0] as EventMessage).ringdhtEvents[0]!.kind, 'closed');
  clock.linesWanted = true; // a listener came (Ring.on)
  outbox.add({ kind: 'line', peer: 7, line: { event: 'file.sent', text: 'File 1 sent to Peer 9' } });
  await turnEnd();
  assert.deepEqual(port.posted.map(seqs), [[0], [1]]);
  waitOver();
});
