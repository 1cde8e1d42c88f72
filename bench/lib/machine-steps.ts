// The protocol's own handling of a 1-hop get, for bench/get-steps.ts: the origin's PeerMachine.handle of a
// command.request and the holder's of the lookup, then the same through a PeerRuntime whose ports do nothing (so the
// difference is the runtime's interpretation of the effects), and what the lookup costs to carry (a frame's encode,
// or the mesh's copy, hints and structured clone). Each call starts from the same state (cleaned up after it,
// untimed), so the rounds measure one get's step each.
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Effect } from '../../src/core/io.ts';
import type { Lookup, Message } from '../../src/core/messages.ts';

type Step = [string, () => unknown];

/** The ring of the steps: the origin 2 asks for a file held by its first successor 4 (one hop, final). */
const IDS = [2, 4, 5, 8, 9, 14, 19, 40, 80, 120, 200];
const VERSION = { stamp: 1, origin: 0, op: 0 };

export async function machineSteps(label: string, dir: string): Promise<Step[]> {
  const at = (path: string) => import(join(dir, path));
  const { machineConfig, resolveConfig } = await at('src/config.ts');
  const { PeerMachine } = await at('src/core/machine.ts');
  const { PeerRuntime } = await at('src/runtime/runtime.ts');
  const { idealFingers } = await at('src/core/fingers.ts');
  const { keyOf, responsibleFor } = await at('src/core/ring.ts');
  const { sha1First32 } = await at('src/wire/name-hash.ts');
  const { EdgeCodec } = await at('src/wire/edge.ts');
  const { copyOfMessage } = await at('src/actor/local-exchange.ts');
  const { AddressBook } = await at('src/actor/addresses.ts');
  const { TimerQueue } = await at('src/actor/timer-queue.ts');

  const settings = resolveConfig({ idBits: 8, routing: 'finger', pingIntervalMs: 3_600_000, opTimeoutMs: 60_000 });
  let name = '';
  for (let k = 1000; name === ''; k++) if (responsibleFor(keyOf(String(k), 8), IDS) === 4) name = String(k);
  const machine = (id: number, held: string[]) => {
    const i = IDS.indexOf(id);
    const successors = [IDS[(i + 1) % IDS.length]!, IDS[(i + 2) % IDS.length]!];
    const entries = held.map((n) => ({ name: n, sha256: 'ab'.repeat(32), version: VERSION, sizeBytes: 1024 }));
    const m = new PeerMachine({
      ...machineConfig(settings, { id, successors, fingers: idealFingers(id, IDS, 8), held: entries }),
      nameHash: sha1First32,
    });
    m.handle({ type: 'start' }, performance.now());
    return m;
  };
  const origin = machine(2, []);
  const holder = machine(4, [name]);
  let op = 0;
  const sentLookup = (effects: Effect[]) =>
    (effects.find((e) => e.type === 'send' && e.message.type === 'lookup') as { message: Lookup }).message;
  const lookup = sentLookup(origin.handle({ type: 'command', kind: 'request', op: ++op, name }, performance.now()));
  if (!lookup.final) throw new Error('the benchmark ring did not make a 1-hop get');
  // The command ends as a get of a missing file would: its timers cancelled, nothing left behind.
  const ended = (m: typeof origin, o: number) =>
    m.handle({ type: 'message', from: 4, message: { type: 'notFound', op: o, name, hops: 1 } }, performance.now());
  ended(origin, op);
  /** The lookup the origin's machine sent last: what the carriage steps carry (as it comes out of the machine now). */
  let latest = lookup;

  let sentByRuntime: Lookup | undefined;
  // A runtime on ports that do nothing: a send is dropped, a file "sent" at once, timers queued (never due).
  const queue = new TimerQueue(() => performance.now());
  const clock = {
    now: () => performance.now(),
    setTimer: (when: number, fire: () => void) => queue.set(when, fire),
    clearTimer: (handle: unknown) => queue.clear(handle),
  };
  const source = { sizeBytes: 1024, sha256: 'ab'.repeat(32), version: VERSION, close() {} };
  const ports = {
    network: {
      send(_to: number, message: Message) {
        if (message.type === 'lookup') sentByRuntime = message;
      },
      datagram() {},
      sendFile: (_to: number, _h: unknown, _s: unknown, _inline: boolean, done: (f: undefined) => void) =>
        done(undefined),
    },
    disk: {
      list: () => [],
      listPending: () => [],
      open: (_n: string, _w: number, done: (s: typeof source) => void) => done(source),
    },
    clock,
  };
  const events = {
    line() {},
    done() {},
    left() {},
    crashed(e: unknown) {
      throw e;
    },
  };
  const limits = { maxInFlight: 64, maxConcurrentCopies: 4, chunkBytes: 65536, closeGraceMs: 1000 };
  const originRt = new PeerRuntime(machine(2, []), ports, events, limits);
  const holderRt = new PeerRuntime(machine(4, [name]), ports, events, limits);

  // The lookup's way to another peer: a frame (TCP), or the mesh's copy, address hints and postMessage's clone.
  const codec = new EdgeCodec({
    self: 2,
    limits: { idBits: 8, maxFileBytes: 1 << 30, maxChunkBytes: 65536 },
    replayWindowMs: 30_000,
    nonceCacheEntries: 1024,
  });
  const addresses = new AddressBook(
    2,
    { bound: { host: '127.0.0.1', port: 25001 }, advertised: { host: '127.0.0.1', port: 25001 } },
    { addressing: 'carried', basePort: 0 },
    IDS.map((id) => ({ id, host: '127.0.0.1', port: 25000 + id })),
  );

  const carried = () => ({
    kind: 'message',
    from: 2,
    body: copyOfMessage(latest as Message),
    hints: addresses.hints(latest, 4),
  });
  const batch = (body: unknown) => ({
    sends: [{ seq: op, from: 2, to: '127.0.0.1:25004', toId: 4, carried: body, sourceHost: '127.0.0.1' }],
  });
  // A request left unanswered, for the retry step: each call sends a fresh one's first retry (made in the clean-up).
  const unanswered = () => {
    const o = ++op;
    const effects = origin.handle({ type: 'command', kind: 'request', op: o, name }, performance.now());
    origin.handle({ type: 'message', from: 4, message: { type: 'hopAck', ack: sentLookup(effects).ack! } }, 0);
    return o;
  };
  let retried = unanswered();
  return [
    [
      `${label} origin: machine.handle(command request)`,
      () => {
        const o = ++op;
        const effects = origin.handle({ type: 'command', kind: 'request', op: o, name }, performance.now());
        latest = sentLookup(effects);
        return () => {
          origin.handle({ type: 'message', from: 4, message: { type: 'hopAck', ack: sentLookup(effects).ack! } }, 0);
          ended(origin, o);
        };
      },
    ],
    [
      `${label} holder: machine.handle(lookup)`,
      () => {
        const o = ++op;
        const effects = holder.handle({ type: 'message', from: 2, message: { ...lookup, op: o } }, performance.now());
        const ref = (effects.find((e: Effect) => e.type === 'transfer') as { ref: unknown }).ref;
        return () => holder.handle({ type: 'transferSent', ref } as never, 0);
      },
    ],
    [
      // A request's lookup lost: the origin sends it again (retryLookup: the lookup with its retry number, cpu29).
      `${label} origin: machine.handle(lost timer: a retry)`,
      () => {
        const effects = origin.handle({ type: 'timer', timer: { kind: 'lost', op: retried } }, performance.now());
        const again = sentLookup(effects);
        return () => {
          if (again.ack !== undefined)
            origin.handle({ type: 'message', from: 4, message: { type: 'hopAck', ack: again.ack } }, 0);
          ended(origin, retried);
          retried = unanswered();
        };
      },
    ],
    [
      `${label} origin: runtime.command(request), null ports`,
      () => {
        const o = ++op;
        originRt.command(o, 'request', name);
        return () => {
          originRt.received(4, { type: 'hopAck', ack: sentByRuntime!.ack! });
          originRt.received(4, { type: 'notFound', op: o, name, hops: 1 });
        };
      },
    ],
    [
      `${label} holder: runtime.received(lookup), null ports`,
      () => {
        holderRt.received(2, { ...lookup, op: ++op });
        return undefined;
      },
    ],
    [`${label} lookup: frame (hints, encode)`, () => codec.frame(4, latest, addresses.hints(latest, 4))],
    [`${label} lookup: mesh (copy, hints, clone)`, () => deserialize(serialize(batch(carried())))],
    [`${label} lookup: mesh's copy (copyOfMessage)`, () => copyOfMessage(latest as Message)],
    [`${label} lookup: address hints`, () => addresses.hints(latest, 4)],
    [`${label} lookup: a batch's clone (v8 serialize, deserialize)`, () => deserialize(serialize(batch(latest)))],
  ];
}
