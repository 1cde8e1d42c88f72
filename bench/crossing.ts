// `node --import tsx bench/crossing.ts [--rounds R] [--gap-ms G]`: what one round trip between two idle threads costs,
// by the ways a message could cross (bench/README.md, twentieth round, get31). Thread A sleeps G ms (Atomics.wait, as
// a peer thread waits between messages), sends to thread B, which answers; A times send to answer. B is idle in its
// event loop in between, as a peer thread is. The ways, taken in turn each round (the order rotated):
//   port-number   postMessage of a number, both ways: the port's floor (its wake-up)
//   port-batch    postMessage of a mesh batch carrying a lookup (as thread-mesh.ts posts), a hopAck's batch back
//   sab-wait      a few bytes copied into a SharedArrayBuffer, Atomics.notify; the other waits with Atomics.waitAsync
//   sab-bell      the bytes in shared memory, the port's postMessage(number) as the doorbell
//   sab-serialize the batch through v8.serialize into shared memory, deserialize there; Atomics.waitAsync
// Not a figure: p50 µs of R round trips each, and the p90.
import { parseArgs } from 'node:util';
import { MessageChannel, Worker } from 'node:worker_threads';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '400' },
    'gap-ms': { type: 'string', default: '1' },
  },
});

// Both threads' code, plain JavaScript (no tsx in the workers).
const common = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const { port, sab } = workerData;
// Slot 0: A's doorbell counter, 1: B's; payload areas at 64 and 64 + 4096 (length-prefixed).
const bells = new Int32Array(sab, 0, 2);
const bytes = new Uint8Array(sab);
const view = new DataView(sab);
const OUT_A = 64, OUT_B = 64 + 4096;
function put(at, data) { view.setUint32(at, data.length, true); bytes.set(data, at + 4); }
function take(at) { const n = view.getUint32(at, true); return bytes.slice(at + 4, at + 4 + n); }
const lookup = { type: 'lookup', op: 12345, origin: 2, key: 201, name: 'file-1234.pdf', purpose: 'request',
  hops: 1, final: true, ack: 77, also: undefined, version: undefined };
const batchOf = (body) => ({ sends: [{ seq: 1, from: 2, to: '127.0.0.1:28504', toId: 4, sourceHost: '127.0.0.1',
  carried: { kind: 'message', from: 2, body, hints: [{ id: 4, host: '127.0.0.1', port: 28504 }] } }] });
const small = new Uint8Array(120).fill(7);
// The same batch with its envelope as one array (the message body still an object).
const flatOf = (body) => [1, 2, '127.0.0.1:28504', 4, '127.0.0.1', 'message', 2, body, 4, '127.0.0.1', 28504];
`;

const echo = `${common}
port.on('message', (m) => {
  if (typeof m === 'number') {
    if (m < 0) { put(OUT_B, take(OUT_A)); port.postMessage(m); return; } // sab-bell
    port.postMessage(m); return;
  }
  if (typeof m === 'string') { const got = JSON.parse(m); port.postMessage(JSON.stringify(batchOf({ type: 'hopAck', ack: got.sends[0].carried.body.ack }))); return; }
  if (Array.isArray(m)) { port.postMessage(flatOf({ type: 'hopAck', ack: m[7].ack })); return; }
  const back = batchOf({ type: 'hopAck', ack: m.sends[0].carried.body.ack });
  port.postMessage(back);
});
// Shared-memory ways: wait for A's bell to move, answer on B's.
let seen = 0;
function arm() {
  const r = Atomics.waitAsync(bells, 0, seen);
  const go = () => {
    seen = Atomics.load(bells, 0);
    const mode = view.getUint32(60, true);
    const got = take(OUT_A);
    if (mode === 1) put(OUT_B, got);
    else { const m = v8.deserialize(got); put(OUT_B, v8.serialize(batchOf({ type: 'hopAck', ack: m.sends[0].carried.body.ack }))); }
    Atomics.add(bells, 1, 1); Atomics.notify(bells, 1);
    arm();
  };
  if (r.async) r.value.then(go); else go();
}
arm();
parentPort.postMessage('ready');
`;

const driver = `${common}
const { rounds, gapMs } = workerData;
const sleep = new Int32Array(new SharedArrayBuffer(4));
let answered;
port.on('message', (m) => { if (typeof m === 'string') JSON.parse(m); answered(); });
const viaPort = (m) => new Promise((res) => { answered = res; port.postMessage(m); });
async function viaSab(mode, data) {
  view.setUint32(60, mode, true);
  put(OUT_A, data);
  const before = Atomics.load(bells, 1);
  Atomics.add(bells, 0, 1); Atomics.notify(bells, 0);
  const r = Atomics.waitAsync(bells, 1, before);
  if (r.async) await r.value;
  return take(OUT_B);
}
const ways = {
  'port-number': () => viaPort(1),
  'port-batch': () => viaPort(batchOf(lookup)),
  'port-flat': () => viaPort(flatOf(lookup)),
  'port-json': async () => { await viaPort(JSON.stringify(batchOf(lookup))); },
  'sab-wait': () => viaSab(1, small),
  'sab-bell': () => new Promise((res) => { answered = () => { take(OUT_B); res(); }; put(OUT_A, small); port.postMessage(-1); }),
  'sab-serialize': async () => { v8.deserialize(await viaSab(2, v8.serialize(batchOf(lookup)))); },
};
const names = Object.keys(ways);
const times = Object.fromEntries(names.map((n) => [n, []]));
(async () => {
  for (let i = 0; i < 50; i++) for (const n of names) await ways[n]();
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      if (gapMs > 0) Atomics.wait(sleep, 0, 0, gapMs);
      const t0 = performance.now();
      await ways[n]();
      times[n].push((performance.now() - t0) * 1000);
    }
  }
  parentPort.postMessage(times);
})();
`;

const { port1, port2 } = new MessageChannel();
const sab = new SharedArrayBuffer(64 + 2 * 4096);
const b = new Worker(echo, { eval: true, workerData: { port: port2, sab }, transferList: [port2] });
await new Promise((res) => b.once('message', res));
const a = new Worker(driver, {
  eval: true,
  workerData: { port: port1, sab, rounds: Number(values.rounds), gapMs: Number(values['gap-ms']) },
  transferList: [port1],
});
const times = (await new Promise((res) => a.once('message', res))) as Record<string, number[]>;
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) * p)]!;
console.log(`gap ${values['gap-ms']} ms, ${values.rounds} rounds: round trip p50 / p90 µs`);
for (const [name, xs] of Object.entries(times))
  console.log(`${name.padEnd(14)} ${pct(xs, 0.5).toFixed(1).padStart(7)} ${pct(xs, 0.9).toFixed(1).padStart(7)}`);
await a.terminate();
await b.terminate();
