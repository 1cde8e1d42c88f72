// The peer runtime's own decisions, with a stub machine and recording ports: limits, the copy queue, inline files,
// transfers to itself, unreadable copies, crashes and closing. What the machine decides is tested in test/core.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Effect, type Input, type TimerName, timerKey, type TransferRef } from '../../src/core/io.ts';
import { INLINE_MAX_BYTES, type Message, type TransferHeader } from '../../src/core/messages.ts';
import type { PeerId } from '../../src/core/ring.ts';
import type {
  Clock,
  DiskPort,
  FileSink,
  FileSource,
  NetworkPort,
  ReadFailure,
  SendFailure,
} from '../../src/runtime/ports.ts';
import { PeerRuntime, type RuntimeLimits, type RuntimeMachine } from '../../src/runtime/runtime.ts';

interface Source extends FileSource {
  name: string;
}
interface Sink extends FileSink {
  name: string;
  aborted: boolean;
}

/** A machine that answers each input with what the test queued for that input type. */
class ScriptedMachine implements RuntimeMachine {
  readonly id: PeerId = 8;
  readonly inputs: Input[] = [];
  answer: (input: Input) => Effect[] = () => [];
  handle(input: Input): Effect[] {
    this.inputs.push(input);
    return this.answer(input);
  }
}

class Ports {
  readonly sentFiles: Array<{
    to: PeerId;
    header: TransferHeader;
    inline: boolean;
    done: (failure: SendFailure | undefined) => void;
  }> = [];
  readonly messages: Array<{ to: PeerId; message: Message; udp: boolean }> = [];
  readonly files = new Map<string, number>(); // name -> size
  readonly removed: string[] = [];
  readonly copies: string[] = [];
  readonly timers = new Map<number, { at: number; fire: () => void; key: string }>();
  now = 0;
  private seq = 0;
  readFailure: ReadFailure | undefined;

  readonly network: NetworkPort<Source> = {
    datagram: (to, message) => this.messages.push({ to, message, udp: true }),
    send: (to, message) => this.messages.push({ to, message, udp: false }),
    sendFile: (to, header, _source, inline, done) => this.sentFiles.push({ to, header, inline, done }),
  };

  readonly settled: string[] = [];
  readonly verified: string[] = [];
  /** When set, the disk's answers to checks wait here until the test calls them. */
  verifyHeld: Array<() => void> | undefined;
  readonly disk: DiskPort<Source, Sink> = {
    list: () => [],
    listPending: () => [],
    settle: (name, version, outcome, done) => {
      this.settled.push(`${outcome} ${name}@${version.stamp}`);
      done(undefined);
    },
    open: (name, _whole, done) => {
      if (this.readFailure !== undefined) return done(this.readFailure);
      const size = this.files.get(name);
      done(
        size === undefined
          ? { kind: 'missing', message: `no ${name}` }
          : { name, sizeBytes: size, sha256: 'ab', close: () => {} },
      );
    },
    create: (_purpose, name) => ({
      name,
      aborted: false,
      abort() {
        this.aborted = true;
      },
    }),
    verify: (name, _sha, done, maxBytes) => {
      this.verified.push(name);
      const sizeBytes = this.files.get(name);
      const checked = sizeBytes === undefined ? undefined : { sizeBytes };
      const answer = () =>
        sizeBytes !== undefined && maxBytes !== undefined && sizeBytes > maxBytes
          ? done(undefined, { sizeBytes, skipped: true })
          : done(
              this.readFailure ?? (sizeBytes !== undefined ? undefined : { kind: 'missing', message: `no ${name}` }),
              checked,
            );
      if (this.verifyHeld !== undefined) this.verifyHeld.push(answer);
      else answer();
    },
    copy: (source, sink, done) => {
      this.copies.push(`${source.name}->${sink.name}`);
      done(undefined, 'ab');
    },
    remove: (name, _sha, done) => {
      this.removed.push(name);
      done(this.files.delete(name));
    },
  };

  readonly clock: Clock = {
    now: () => this.now,
    setTimer: (at, fire, name) => {
      // The machine's timers are named by their TimerName; the close's grace timer by a string.
      const key = typeof name === 'string' ? name : timerKey(name as TimerName);
      this.timers.set(++this.seq, { at, fire: () => fire(name), key });
      return this.seq;
    },
    clearTimer: (handle) => void this.timers.delete(handle as number),
  };

  /** Fires every timer due by `at`, earliest first. */
  advance(at: number): void {
    this.now = at;
    for (const [handle, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > at || !this.timers.has(handle)) continue;
      this.timers.delete(handle);
      t.fire();
    }
  }
}

const LIMITS: RuntimeLimits = { maxInFlight: 2, maxConcurrentCopies: 2, chunkBytes: 256 * 1024, closeGraceMs: 2_000 };

function build(limits: RuntimeLimits = LIMITS) {
  const machine = new ScriptedMachine();
  const ports = new Ports();
  const events = {
    lines: [] as string[],
    done: [] as Array<{ op: number; ok: boolean; error?: string }>,
    left: 0,
    crashed: [] as unknown[],
  };
  const runtime = new PeerRuntime<Source, Sink>(
    machine,
    ports,
    {
      line: (line) => events.lines.push(line.text),
      done: (op, _kind, _name, result) =>
        events.done.push({ op, ok: result.ok, ...(result.ok ? {} : { error: result.error }) }),
      left: () => events.left++,
      crashed: (error) => events.crashed.push(error),
    },
    limits,
  );
  return { machine, ports, events, runtime };
}

const ref = (purpose: TransferRef['purpose'], name: string, peer = 19, op = 1): TransferRef => ({
  purpose,
  peer,
  op,
  origin: 8,
  name,
  hops: 1,
});
const header = (purpose: TransferRef['purpose'], name: string, op = 1): TransferHeader => ({
  purpose,
  op,
  origin: 2,
  name,
  sizeBytes: 10,
  hops: 1,
});

/** A machine that admits a store's file pending at one version and copies it to Peer 9 at once. */
const COPY_VERSION = { stamp: 5, origin: 2, op: 1 };
function copiesOnAdmission(input: Input): Effect[] {
  return input.type === 'transferStarted' && input.ref.purpose === 'store'
    ? [
        { type: 'admitTransfer', transfer: input.transfer, version: COPY_VERSION, pending: true },
        {
          type: 'transfer',
          ref: {
            purpose: 'replica',
            peer: 9,
            op: 1,
            origin: 2,
            name: '2067',
            hops: 1,
            version: COPY_VERSION,
            pending: true,
          },
        },
      ]
    : [];
}

describe('limits', () => {
  test('commands beyond maxInFlight complete at once with the reason, and are counted', () => {
    const { runtime, events, machine } = build();
    runtime.command(1, 'request', '2067');
    runtime.command(2, 'request', '4103');
    runtime.command(3, 'request', '1234');
    assert.equal(machine.inputs.filter((i) => i.type === 'command').length, 2);
    assert.deepEqual(events.done, [
      {
        op: 3,
        ok: false,
        error: 'Peer 8 already has 2 commands under way (the limit): try again when some have completed',
      },
    ]);
    assert.equal(runtime.refusedBusy.commands, 1);
  });

  test('a command reserved while its driver prepares it (a store opening its file) holds its place; released, the place is free', () => {
    const { runtime, events, machine } = build();
    assert.equal(runtime.reserve(1, 'store', '2067'), true);
    runtime.command(2, 'request', '4103');
    assert.equal(runtime.reserve(3, 'store', '1234'), false, 'the limit counts the reserved one');
    assert.deepEqual(
      events.done.map((d) => d.op),
      [3],
    );
    runtime.release(1);
    assert.equal(runtime.reserve(4, 'store', '1234'), true);
    runtime.command(4, 'store', '1234');
    assert.deepEqual(
      machine.inputs.filter((i) => i.type === 'command').map((i) => (i.type === 'command' ? i.op : 0)),
      [2, 4],
    );
  });

  test('a command started without a reservation is not remembered as reserved: release() leaves its place taken', () => {
    // (Each such command was once kept in the reserved set for good: a peer's memory grew with every request.)
    const { runtime, events } = build();
    runtime.command(1, 'request', '2067');
    runtime.command(2, 'request', '4103');
    runtime.release(2); // nothing reserved under 2: a driver's stray release must not free a running command's place
    runtime.command(3, 'request', '1234');
    assert.deepEqual(
      events.done.map((d) => [d.op, d.ok]),
      [[3, false]],
    );
  });

  test('files arriving beyond maxInFlight are refused before the machine is asked', () => {
    const { runtime, machine } = build();
    machine.answer = (input) =>
      input.type === 'transferStarted' ? [{ type: 'admitTransfer', transfer: input.transfer }] : [];
    assert.equal(runtime.admit(2, header('replica', 'a')).ok, true);
    assert.equal(runtime.admit(2, header('replica', 'b')).ok, true);
    const third = runtime.admit(2, header('replica', 'c'));
    assert.deepEqual(third, {
      ok: false,
      reason: 'Peer 8 is busy: it is already receiving 2 files (the limit); try again later',
    });
    assert.equal(machine.inputs.filter((i) => i.type === 'transferStarted').length, 2);
    assert.equal(runtime.inFlight().receiving, 2);
  });

  test('the machine refuses or admits each file by its transfer number; a finished one frees its place', () => {
    const { runtime, machine } = build();
    machine.answer = (input) => {
      if (input.type !== 'transferStarted') return [];
      return input.ref.name === 'no'
        ? [{ type: 'refuseTransfer', transfer: input.transfer, reason: 'not asked for' }]
        : [{ type: 'admitTransfer', transfer: input.transfer }];
    };
    assert.deepEqual(runtime.admit(2, header('replica', 'no')), { ok: false, reason: 'not asked for' });
    const yes = runtime.admit(2, header('replica', 'yes'));
    assert.ok(yes.ok);
    yes.finished(undefined, 'cd');
    assert.equal(runtime.inFlight().receiving, 0);
    assert.deepEqual(machine.inputs.at(-1), {
      type: 'transferReceived',
      ref: { purpose: 'replica', peer: 2, op: 1, origin: 2, name: 'yes', hops: 1 },
      sha256: 'cd',
    });
  });

  test("a store's copies to replicas are sent from its arriving bytes, before its own write has finished", () => {
    const { runtime, machine, ports } = build();
    const arriving: Array<(source: Source) => void> = [];
    ports.disk.openArriving = (sink, _whole, done) =>
      arriving.push(() => done({ name: sink.name, sizeBytes: 10, close() {} }));
    machine.answer = copiesOnAdmission;
    const admission = runtime.admit(2, header('store', '2067'));
    assert.ok(admission.ok);
    assert.equal(ports.sentFiles.length, 0, 'nothing to send before the bytes are here');
    assert.equal(arriving.length, 1, 'the copy waits for the arriving bytes, not for the disk');
    arriving[0]!(admission.sink as unknown as Source);
    assert.deepEqual(
      ports.sentFiles.map((f) => [f.to, f.header.name, f.header.purpose]),
      [[9, '2067', 'replica']],
    );
    assert.equal(
      machine.inputs.some((i) => i.type === 'transferReceived'),
      false,
      'sent while its own copy is still being written',
    );
  });

  test("with a disk port that cannot hand out arriving bytes, a store's copies leave once its own copy is written", () => {
    const { runtime, machine, ports } = build();
    machine.answer = copiesOnAdmission;
    const admission = runtime.admit(2, header('store', '2067'));
    assert.ok(admission.ok);
    assert.equal(ports.sentFiles.length, 0, 'not read from disk before it is written there');
    assert.equal(
      machine.inputs.some((i) => i.type === 'transferSent'),
      false,
    );
    ports.files.set('2067', 10);
    admission.finished(undefined, 'ab');
    assert.deepEqual(
      ports.sentFiles.map((f) => [f.to, f.header.name]),
      [[9, '2067']],
    );
  });

  test("a store's file that fails before its bytes are here: the copies waiting for them fail with its reason", () => {
    const { runtime, machine, ports } = build();
    ports.disk.openArriving = () => {}; // the bytes never come (a file streamed to disk, or a broken connection)
    machine.answer = copiesOnAdmission;
    const admission = runtime.admit(2, header('store', '2067'));
    assert.ok(admission.ok);
    admission.finished('no space left on device');
    assert.equal(ports.sentFiles.length, 0);
    const sent = machine.inputs.find((i) => i.type === 'transferSent');
    assert.ok(sent !== undefined && sent.type === 'transferSent');
    assert.match(sent.error ?? '', /could not be written here: no space left on device/);
  });

  test('a machine that says nothing about a file it was asked about refuses it', () => {
    const { runtime } = build();
    assert.equal(runtime.admit(2, header('store', 'x')).ok, false);
  });

  test('requested files beyond maxInFlight are not sent: the machine hears why at once', () => {
    const { runtime, ports, machine } = build();
    for (const name of ['a', 'b', 'c']) ports.files.set(name, 10);
    machine.answer = (input) =>
      input.type === 'start'
        ? ['a', 'b', 'c'].map((name) => ({ type: 'transfer', ref: ref('deliver', name) }) as Effect)
        : [];
    runtime.start();
    assert.equal(ports.sentFiles.length, 2);
    assert.deepEqual(machine.inputs.at(-1), {
      type: 'transferSent',
      ref: ref('deliver', 'c'),
      error: 'Peer 8 is already sending 2 requested files (the limit)',
    });
    assert.equal(runtime.refusedBusy.sending, 1);
  });

  test("a store's copies to its replicas go at once, never behind anti-entropy's copies (the store's deadline runs)", () => {
    const { runtime, ports, machine } = build();
    for (const name of ['a', 'b', 'c', '2067']) ports.files.set(name, 10);
    const storeCopy = (peer: PeerId): Effect => ({
      type: 'transfer',
      ref: { ...ref('replica', '2067', peer), version: COPY_VERSION, pending: true },
    });
    machine.answer = (input) =>
      input.type === 'start'
        ? [
            ...['a', 'b', 'c'].map((name) => ({ type: 'transfer', ref: ref('replica', name) }) as Effect),
            storeCopy(9),
            storeCopy(14),
          ]
        : [];
    runtime.start();
    assert.deepEqual(
      ports.sentFiles.map((f) => `${f.header.name}->${f.to}`),
      ['a->19', 'b->19', '2067->9', '2067->14'],
    );
  });

  test('copies take turns: at most maxConcurrentCopies at once, the next starting as one ends', () => {
    const { runtime, ports, machine } = build();
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const name of names) ports.files.set(name, 10);
    machine.answer = (input) =>
      input.type === 'start' ? names.map((name) => ({ type: 'transfer', ref: ref('replica', name) }) as Effect) : [];
    runtime.start();
    assert.deepEqual(
      ports.sentFiles.map((f) => f.header.name),
      ['a', 'b'],
    );
    ports.sentFiles[0]!.done(undefined);
    assert.deepEqual(
      ports.sentFiles.map((f) => f.header.name),
      ['a', 'b', 'c'],
    );
    ports.sentFiles[1]!.done({ message: 'connection reset by the peer' });
    ports.sentFiles[2]!.done(undefined);
    assert.deepEqual(
      ports.sentFiles.map((f) => f.header.name),
      ['a', 'b', 'c', 'd', 'e'],
    );
    const sent = machine.inputs.filter((i) => i.type === 'transferSent');
    assert.deepEqual(
      sent.map((i) => (i.type === 'transferSent' ? [i.ref.name, i.error ?? 'ok'] : [])),
      [
        ['a', 'ok'],
        ['b', 'connection reset by the peer'],
        ['c', 'ok'],
      ],
    );
  });

  test('a long queue of copies that end within their send (names no longer held) runs through without nesting', () => {
    const { runtime, ports, machine } = build();
    const gone = Array.from({ length: 20_000 }, (_, i) => `gone-${i}`);
    for (const name of ['a', 'b']) ports.files.set(name, 10);
    machine.answer = (input) =>
      input.type === 'start'
        ? ['a', 'b', ...gone].map((name) => ({ type: 'transfer', ref: ref('replica', name) }) as Effect)
        : [];
    runtime.start();
    ports.sentFiles[0]!.done(undefined); // a running copy ends: each queued one fails as it starts (the disk says missing)
    const sent = machine.inputs.filter((i) => i.type === 'transferSent');
    assert.equal(sent.length, 1 + gone.length);
    assert.deepEqual(
      ports.sentFiles.map((f) => f.header.name),
      ['a', 'b'],
    );
  });
});

describe('which files go inline', () => {
  for (const [chunkBytes, size, inline] of [
    [256 * 1024, INLINE_MAX_BYTES, true],
    [256 * 1024, INLINE_MAX_BYTES + 1, false],
    [1024, 1024, true],
    [1024, 1025, false],
    [256 * 1024, 0, true],
  ] as const) {
    test(`a file of ${size} bytes with chunks of ${chunkBytes}: ${inline ? 'inline' : 'streamed'}`, () => {
      const { runtime, ports, machine } = build({ ...LIMITS, chunkBytes });
      ports.files.set('f', size);
      machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('replica', 'f') }] : []);
      runtime.start();
      assert.deepEqual(
        ports.sentFiles.map((f) => [f.header.sizeBytes, f.inline]),
        [[size, inline]],
      );
    });
  }
});

describe('files to itself and files that cannot be read', () => {
  test('a transfer to this peer itself is admitted by its own machine and copied on the disk, not sent', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('2067', 10);
    machine.answer = (input) => {
      if (input.type === 'start') return [{ type: 'transfer', ref: ref('deliver', '2067', 8) }];
      if (input.type === 'transferStarted') return [{ type: 'admitTransfer', transfer: input.transfer }];
      return [];
    };
    runtime.start();
    assert.deepEqual(ports.sentFiles, []);
    assert.deepEqual(ports.copies, ['2067->2067']);
    assert.deepEqual(
      machine.inputs.map((i) => i.type),
      ['start', 'transferStarted', 'transferReceived', 'transferSent'],
    );
  });

  test('a held copy missing from disk: the machine hears it is lost, then that the send failed because of it', () => {
    const { runtime, machine } = build();
    machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('deliver', 'gone') }] : []);
    runtime.start();
    assert.deepEqual(machine.inputs.slice(1), [
      { type: 'fileLost', name: 'gone' },
      { type: 'transferSent', ref: ref('deliver', 'gone'), error: 'no gone', lost: true },
    ]);
  });

  test('a copy found damaged while it was sent is removed, then reported lost', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('bad', 10);
    machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('deliver', 'bad') }] : []);
    runtime.start();
    ports.sentFiles[0]!.done({ message: 'File bad is damaged on disk (its checksum does not match)', damaged: true });
    assert.deepEqual(ports.removed, ['bad']);
    assert.deepEqual(
      machine.inputs.slice(1).map((i) => i.type),
      ['fileLost', 'transferSent'],
    );
    assert.equal((machine.inputs.at(-1) as Extract<Input, { type: 'transferSent' }>).lost, true);
  });

  test('a copy found damaged while it was sent, which the scrub removed meanwhile: the send still says it was lost', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('bad', 10);
    machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('deliver', 'bad') }] : []);
    runtime.start();
    ports.files.delete('bad'); // the scrub's check found it damaged first, and removed it
    ports.sentFiles[0]!.done({ message: 'File bad is damaged on disk (its checksum does not match)', damaged: true });
    assert.deepEqual(
      machine.inputs.slice(1).map((i) => i.type),
      ['transferSent'],
      'the scrub, not this send, told the machine',
    );
    assert.equal((machine.inputs.at(-1) as Extract<Input, { type: 'transferSent' }>).lost, true);
  });

  test('a read that fails for another reason (I/O) is not a lost copy', () => {
    const { runtime, ports, machine } = build();
    ports.readFailure = { kind: 'io', message: 'EIO' };
    machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('replica', 'x') }] : []);
    runtime.start();
    assert.deepEqual(machine.inputs.slice(1), [{ type: 'transferSent', ref: ref('replica', 'x'), error: 'EIO' }]);
  });
});

describe("the scrub's checks", () => {
  const verify = (name: string): Effect => ({ type: 'verify', name, sha256: 'ab' });

  test('checks are carried out one at a time, each answered to the machine before the next starts', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('a', 10).set('b', 10);
    ports.verifyHeld = [];
    machine.answer = (input) => (input.type === 'start' ? [verify('a'), verify('b')] : []);
    runtime.start();
    assert.deepEqual(ports.verified, ['a'], 'b waits for a');
    ports.verifyHeld.shift()!();
    assert.deepEqual(ports.verified, ['a', 'b']);
    ports.verifyHeld.shift()!();
    assert.deepEqual(machine.inputs.slice(1), [
      { type: 'verified', name: 'a', sha256: 'ab', sizeBytes: 10 },
      { type: 'verified', name: 'b', sha256: 'ab', sizeBytes: 10 },
    ]);
  });

  test("a check's limit goes to the disk; the copy's size, and whether it was skipped, come back", () => {
    const { runtime, ports, machine } = build();
    ports.files.set('small', 10).set('large', 100);
    const limited = (name: string): Effect => ({ type: 'verify', name, sha256: 'ab', maxBytes: 50 });
    machine.answer = (input) => (input.type === 'start' ? [limited('small'), limited('large')] : []);
    runtime.start();
    assert.deepEqual(machine.inputs.slice(1), [
      { type: 'verified', name: 'small', sha256: 'ab', sizeBytes: 10 },
      { type: 'verified', name: 'large', sha256: 'ab', sizeBytes: 100, skipped: true },
    ]);
  });

  test('a copy found missing is lost; one found damaged is removed first, then lost', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('bad', 10);
    machine.answer = (input) => (input.type === 'start' ? [verify('gone')] : []);
    runtime.start();
    assert.deepEqual(machine.inputs.at(-1), { type: 'verified', name: 'gone', sha256: 'ab', lost: true });
    assert.deepEqual(ports.removed, [], 'nothing to remove');
    ports.readFailure = { kind: 'damaged', message: 'File bad is damaged on disk' };
    machine.answer = (input) => (input.type === 'timer' ? [verify('bad')] : []);
    runtime.feed({ type: 'timer', timer: { kind: 'scrub' } });
    assert.deepEqual(ports.removed, ['bad']);
    assert.deepEqual(machine.inputs.at(-1), { type: 'verified', name: 'bad', sha256: 'ab', lost: true, sizeBytes: 10 });
  });

  test('a damaged copy the disk will not remove (read-only), or a read that fails (I/O), is not lost', () => {
    const { runtime, ports, machine } = build();
    ports.readFailure = { kind: 'damaged', message: 'File bad is damaged on disk' }; // 'bad' is not in files: not removed
    machine.answer = (input) => (input.type === 'start' ? [verify('bad')] : []);
    runtime.start();
    ports.readFailure = { kind: 'io', message: 'EIO' };
    machine.answer = (input) => (input.type === 'timer' ? [verify('x')] : []);
    runtime.feed({ type: 'timer', timer: { kind: 'scrub' } });
    assert.deepEqual(
      machine.inputs.slice(1).filter((i) => i.type === 'verified'),
      [
        { type: 'verified', name: 'bad', sha256: 'ab' },
        { type: 'verified', name: 'x', sha256: 'ab' },
      ],
    );
  });
});

describe('order, crashes and closing', () => {
  test('an input that arrives while effects are carried out waits until they all are', () => {
    const { runtime, machine, events } = build();
    const order: string[] = [];
    machine.answer = (input) => {
      order.push(`handle ${input.type} (lines so far: ${events.lines.length})`);
      if (input.type === 'start')
        return [
          { type: 'transfer', ref: ref('deliver', 'absent') },
          { type: 'emit', line: { event: 'x', text: 'after the transfer' } },
        ];
      return [];
    };
    runtime.start();
    // The failed read feeds fileLost and transferSent while the start's effects run: both after the start's line.
    assert.deepEqual(order, [
      'handle start (lines so far: 0)',
      'handle fileLost (lines so far: 1)',
      'handle transferSent (lines so far: 1)',
    ]);
  });

  test('an input that throws crashes the runtime: reported once, timers cleared, nothing handled after', () => {
    const { runtime, ports, machine, events } = build();
    machine.answer = (input) =>
      input.type === 'start' ? [{ type: 'schedule', timer: { kind: 'ping' }, at: 100 }] : [];
    runtime.start();
    assert.equal(ports.timers.size, 1);
    runtime.failNextInput('a bug');
    runtime.received(2, { type: 'pingRequest', seq: 1, rank: 1 });
    assert.equal(events.crashed.length, 1);
    assert.equal((events.crashed[0] as Error).message, 'a bug');
    assert.equal(ports.timers.size, 0);
    runtime.received(2, { type: 'pingRequest', seq: 2, rank: 1 });
    assert.equal(machine.inputs.length, 1);
  });

  test('scheduling a timer again replaces it; a fired timer is an input', () => {
    const { runtime, ports, machine } = build();
    machine.answer = (input) =>
      input.type === 'start'
        ? [
            { type: 'schedule', timer: { kind: 'ping' }, at: 100 },
            { type: 'schedule', timer: { kind: 'ping' }, at: 200 },
          ]
        : [];
    runtime.start();
    assert.deepEqual(
      [...ports.timers.values()].map((t) => [t.key, t.at]),
      [['ping', 200]],
    );
    ports.advance(200);
    assert.deepEqual(machine.inputs.at(-1), { type: 'timer', timer: { kind: 'ping' } });
  });

  test('a graceful close waits for files being sent, at most closeGraceMs; then nothing more is handled', () => {
    const { runtime, ports, machine } = build();
    ports.files.set('a', 10);
    machine.answer = (input) => (input.type === 'start' ? [{ type: 'transfer', ref: ref('replica', 'a') }] : []);
    runtime.start();
    let closed = false;
    runtime.close(() => (closed = true));
    assert.equal(closed, false, 'a file is being sent');
    ports.advance(LIMITS.closeGraceMs);
    assert.equal(closed, true, 'the grace ended it');
    ports.sentFiles[0]!.done(undefined);
    assert.equal(machine.inputs.filter((i) => i.type === 'transferSent').length, 0);
  });

  test('a close with nothing being sent ends at once; a command after it is refused', () => {
    const { runtime, events } = build();
    let closed = false;
    runtime.close(() => (closed = true));
    assert.equal(closed, true);
    runtime.command(5, 'request', '2067');
    assert.deepEqual(events.done, [{ op: 5, ok: false, error: 'Peer 8 is shutting down' }]);
  });
});

describe('one runtime for every driver', () => {
  const root = join(import.meta.dirname, '..', '..');
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  test('the actor, the simulator and the core test harness all carry out effects through src/runtime/runtime.ts', () => {
    for (const path of ['src/actor/actor.ts', 'src/sim/world.ts', 'test/core/harness.ts']) {
      assert.match(
        read(path),
        /import \{[^}]*\bPeerRuntime\b[^}]*\} from '(\.\.\/)+(src\/)?runtime\/runtime\.ts'/,
        `${path} builds its peers on PeerRuntime`,
      );
    }
  });

  test('outside the core, only the runtime hands inputs to a machine or reads effects by type', () => {
    const files = readdirSync(join(root, 'src'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('core') && !f.startsWith('wire/gen'));
    const offenders = files.filter(
      (f) =>
        f !== join('runtime', 'runtime.ts') &&
        /\.handle\(\s*\{?\s*(type|input)|case 'schedule'|case 'transfer':|effect\.type/.test(read(join('src', f))),
    );
    assert.deepEqual(offenders, []);
  });
});

describe('versions', () => {
  test('a file admitted at a version is created at it (pending when the machine says so)', () => {
    const { runtime, machine } = build();
    const created: unknown[] = [];
    const ports = (runtime as unknown as { ports: { disk: DiskPort<Source, Sink> } }).ports;
    const create = ports.disk.create;
    ports.disk.create = (purpose, name, op, keep) => {
      created.push(keep);
      return create(purpose, name, op, keep);
    };
    machine.answer = (input) =>
      input.type === 'transferStarted'
        ? [{ type: 'admitTransfer', transfer: input.transfer, version: { stamp: 7, origin: 2, op: 1 }, pending: true }]
        : [];
    assert.equal(runtime.admit(2, header('store', '2067')).ok, true);
    assert.deepEqual(created, [{ version: { stamp: 7, origin: 2, op: 1 }, pending: true }]);
  });

  test('a settle effect goes to the disk, and its outcome comes back to the machine', () => {
    const { runtime, machine, ports } = build();
    machine.answer = (input) =>
      input.type === 'start'
        ? [{ type: 'settle', name: '2067', version: { stamp: 7, origin: 2, op: 1 }, outcome: 'commit' }]
        : [];
    runtime.start();
    assert.deepEqual(ports.settled, ['commit 2067@7']);
    assert.deepEqual(machine.inputs.at(-1), {
      type: 'settled',
      name: '2067',
      version: { stamp: 7, origin: 2, op: 1 },
      outcome: 'commit',
    });
  });
});
