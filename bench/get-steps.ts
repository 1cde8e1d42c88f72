// `node --import tsx bench/get-steps.ts [--rounds R] [--gap-ms G] [--warm W] [--only TEXT] [--old CHECKOUT]`: what each
// step of a 1 KiB get's holder and origin costs on a thread that slept before it (Atomics.wait of G ms between calls, as
// a peer thread waits between messages) and on a hot one (no gap). Each step is run in turn, R times, one call each
// round, after W untimed calls of each; p50 in µs. The steps include the machine's and the runtime's handling of a
// command and a lookup, and what carrying a lookup costs (bench/lib/machine-steps.ts). --old: the same steps of another
// checkout, run in the same rounds (A/B in one process). Not a figure (bench/README.md, eighteenth round, get26; nineteenth, get28).
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sha256Of } from '../src/store/sha256.ts';
import { TimerQueue } from '../src/actor/timer-queue.ts';
import type { TransferHeader } from '../src/core/messages.ts';
import { readSmallFileSync } from '../src/store/small-file.ts';
import { machineSteps } from './lib/machine-steps.ts';
import { median } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '400' },
    'gap-ms': { type: 'string', default: '1' },
    old: { type: 'string' },
    /** Calls of each step before the measured rounds (a thread that has served this many gets: its code optimised). */
    warm: { type: 'string', default: '0' },
    /** Only the steps whose label has this text (e.g. `machine`, `runtime`, `lookup`). */
    only: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const gapMs = Number(values['gap-ms']);

type Checkout = {
  InlineSender: typeof import('../src/actor/inline.ts').InlineSender;
  RealDisk: typeof import('../src/actor/disk.ts').RealDisk;
  FileStore: typeof import('../src/store/file-store.ts').FileStore;
};
async function load(dir: string): Promise<Checkout> {
  const at = (path: string) => import(join(dir, path));
  return {
    InlineSender: (await at('src/actor/inline.ts')).InlineSender,
    RealDisk: (await at('src/actor/disk.ts')).RealDisk,
    FileStore: (await at('src/store/file-store.ts')).FileStore,
  };
}

const header: TransferHeader = { purpose: 'deliver', op: 1, origin: 9, name: 'f', sizeBytes: 1024, hops: 1 };
const data = randomBytes(1024);
const sha256 = createHash('sha256').update(data).digest();
const sleep = new Int32Array(new SharedArrayBuffer(4));

/** The steps of one checkout, each a call to time. */
async function steps(label: string, c: Checkout): Promise<[string, () => unknown][]> {
  const dir = mkdtempSync(join(tmpdir(), 'get-steps-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const store = await c.FileStore.open(join(dir, 'data'));
  await store.putWhole('f', data);
  const disk = new c.RealDisk(store, join(dir, 'received'), 64 * 1024);
  let answer: (() => void) | undefined;
  const sender = new c.InlineSender((to, part) => {
    if (part.type === 'inlineFile')
      answer = () => sender.answered(to, { type: 'inlineAck', transfer: part.transfer, ok: true, error: '' });
  }, 30_000);
  let op = 0;
  const kept = new Map<number, Buffer>();
  return [
    [`${label} holder: readOrOpen (its lock, a sync read)`, () => store.readOrOpen('f', 64 * 1024)],
    // The runtime's way to the held copy: the disk port's open, until it calls back with the source.
    [
      `${label} holder: RealDisk.open until its callback`,
      () => new Promise((resolve) => disk.open('f', 64 * 1024, resolve)),
    ],
    [
      `${label} origin: memory sink (admit's create, keepWhole)`,
      async () => {
        op++;
        disk.keepInMemory(op);
        const sink = disk.create('deliver', 'f', op, {});
        // As network.ts's onInline keeps it: in the call where the sink can (get33), else through its promise.
        const either = sink as { keepWholeNow?(d: Uint8Array, s: Uint8Array): void } & Pick<typeof sink, 'keepWhole'>;
        if (either.keepWholeNow !== undefined) either.keepWholeNow(data, sha256);
        else await either.keepWhole(data, sha256);
        disk.takeFromMemory(op);
      },
    ],
    // What src/store and src/actor/disk.ts (not this branch's) could do instead, emulated with their public parts.
    [
      `${label} proposal: held read, the lock not taken`,
      async () => {
        const file = store.get('f')!;
        return { file: { ...file }, data: readSmallFileSync(store.pathOf('f'), 64 * 1024) };
      },
    ],
    [
      `${label} proposal: memory sink, one check and copy`,
      async () => {
        op++;
        if (!sha256Of(data).equals(sha256)) throw new Error('damaged');
        const bytes = Buffer.allocUnsafeSlow(data.length);
        bytes.set(data);
        kept.set(op, bytes);
        kept.delete(op);
        return sha256.toString('hex');
      },
    ],
    [
      `${label} holder: InlineSender deliver, answered`,
      async () => {
        // As network.ts sends a file in memory: with a callback where the sender has one (get33), else its promise.
        const either = sender as { sendWhole?(...a: unknown[]): void } & Pick<typeof sender, 'deliver'>;
        if (either.sendWhole !== undefined) {
          let answered = false;
          either.sendWhole(7, header, data, sha256, () => (answered = true));
          answer!();
          if (!answered) throw new Error('not answered');
          return;
        }
        const done = either.deliver(7, header, data, sha256);
        answer!();
        await done;
      },
    ],
  ];
}

const queue = new TimerQueue(() => performance.now());
queue.set(performance.now() + 3_600_000, () => {}); // a ping's or an op's, waiting meanwhile
setTimeout(() => {}, 3_600_000).unref();
const ownDir = resolve(import.meta.dirname, '..');
const own = await load(ownDir);
const everything: [string, () => unknown][] = [
  ['nothing (the harness: a call and its timing, cold)', () => 0],
  ['sha256 of 1 KiB, hex', () => createHash('sha256').update(data).digest().toString('hex')],
  // As the runtime's timers were (a fractional duration each, `at - now`) and are (timer-queue.ts); one other live.
  ['setTimeout + clearTimeout, fractional', () => clearTimeout(setTimeout(() => {}, 500 + Math.random()))],
  ['TimerQueue set + clear', () => queue.clear(queue.set(performance.now() + 500 + Math.random(), () => {}))],
  ...(values.old === undefined ? [] : await steps('old', await load(resolve(values.old)))),
  ...(await steps('new', own)),
  // The protocol's handling of a command and a lookup, and a lookup's carriage (bench/lib/machine-steps.ts).
  ...(values.old === undefined ? [] : await machineSteps('old', resolve(values.old))),
  ...(await machineSteps('new', ownDir)),
];
const all = values.only === undefined ? everything : everything.filter(([label]) => label.includes(values.only!));

for (let w = 0; w < Number(values.warm); w++)
  for (const [, step] of all) {
    const result = await step();
    if (typeof result === 'function') result();
  }
for (const gap of [gapMs, 0]) {
  const times = all.map(() => [] as number[]);
  // Every other round in the reverse order: a step's place in the round moved its cold cost by up to 15 % (an A/A run
  // of one checkout as both, in the same order each round, read 122 against 102 µs).
  const forward = all.map((_, i) => i);
  const backward = [...forward].reverse();
  for (let r = 0; r < rounds; r++)
    for (const i of r % 2 === 0 ? forward : backward) {
      if (gap > 0) Atomics.wait(sleep, 0, 0, gap);
      const t0 = process.hrtime.bigint();
      const result = await all[i]![1]();
      times[i]!.push(Number(process.hrtime.bigint() - t0) / 1000);
      if (typeof result === 'function') result(); // the step's clean-up, untimed
    }
  console.log(gap > 0 ? `cold (${gap} ms asleep before each call), p50 µs:` : 'hot, p50 µs:');
  for (let i = 0; i < all.length; i++) console.log(`  ${all[i]![0].padEnd(60)} ${median(times[i]!).toFixed(1)}`);
}
process.exit(0);
