// `node --import tsx bench/local-hop.ts [--messages M] [--rounds R]`: what a message between two peers of one thread
// costs in their transports and the thread's LocalExchange alone (no machine, no runtime, no disk), on this thread:
// a get's mix (a lookup and its hop acknowledgement each way, then a 1 KiB inline file and its answer) sent back and
// forth M times, CPU per message (process.cpuUsage) and the wall time per message, R rounds after one not counted.
// Far steadier than a ring's numbers on a shared machine: one thread, no wake-ups. Not a figure.
import { parseArgs } from 'node:util';
import { AddressBook } from '../src/actor/addresses.ts';
import { LocalExchange } from '../src/actor/local-exchange.ts';
import { Transport, type TransportHandlers } from '../src/actor/transport.ts';
import type { Message } from '../src/core/messages.ts';
import { DEFAULTS } from '../src/defaults.ts';
import { requestLookup } from '../test/lib/lookup.ts';
import type { InlinePart } from '../src/wire/codec.ts';
import { EdgeCodec } from '../src/wire/edge.ts';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } },
});
const MESSAGES = Number(values.messages);
const LIMITS = { idBits: 8, maxFileBytes: DEFAULTS.maxFileBytes, maxChunkBytes: DEFAULTS.chunkBytes };

/** A forwarded request lookup (its second hop, acknowledged): what a hop between two peers carries most. */
const lookup = (origin: number, op: number): Message => ({ ...requestLookup(origin, op), hops: 1, ack: op });
const file: InlinePart = {
  type: 'inlineFile',
  transfer: 5,
  header: { purpose: 'deliver', op: 1, origin: 1, name: '2067', sizeBytes: 1024, hops: 2 },
  data: new Uint8Array(1024).fill(7),
  sha256: new Uint8Array(32).fill(1),
};

let received = 0;
let onDone: () => void = () => {};
/** Each message received is answered with the next of the mix, until MESSAGES were received. */
function peer(id: number, other: number, local: LocalExchange) {
  const addresses = new AddressBook(
    id,
    { bound: { host: '127.0.0.1', port: 0 }, advertised: { host: '127.0.0.1', port: 0 } },
    { addressing: 'carried', basePort: 0 },
  );
  const next = () => {
    if (++received >= MESSAGES) return onDone();
    switch (received % 4) {
      case 0:
        return transport.sendTcp(other, lookup(id, received));
      case 1:
        return transport.sendTcp(other, { type: 'hopAck', ack: received });
      case 2:
        return transport.sendTcp(other, file);
      default:
        return transport.sendTcp(other, { type: 'inlineAck', transfer: 5, ok: true, error: '' });
    }
  };
  const handlers: TransportHandlers = {
    message: next,
    transferFrame: () => {},
    transferChunk: () => {},
    transferClosed: () => {},
    inline: next,
    undeliverable: () => {},
    closing: () => () => {},
  };
  const codec = new EdgeCodec({
    self: id,
    limits: LIMITS,
    secret: null,
    replayWindowMs: DEFAULTS.replayWindowMs,
    nonceCacheEntries: 1024,
  });
  const transport = new Transport({ id, addresses, codec, limits: { ...DEFAULTS }, local }, handlers);
  return { id, transport, addresses };
}

const local = new LocalExchange();
const peers = [peer(1, 2, local), peer(2, 1, local)];
for (const p of peers) await p.transport.open();
const all = peers.map((p) => ({ id: p.id, ...p.addresses.own.advertised }));
for (const p of peers) p.addresses.configure(all);

const rows: string[] = [];
for (let round = 0; round <= Number(values.rounds); round++) {
  received = 0;
  const done = new Promise<void>((resolve) => {
    onDone = resolve;
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  peers[0]!.transport.sendTcp(2, lookup(1, 0));
  await done;
  const wallUs = ((performance.now() - t0) * 1000) / MESSAGES;
  const cpu = process.cpuUsage(cpu0);
  if (round > 0)
    rows.push(`${((cpu.user + cpu.system) / MESSAGES).toFixed(2)} µs CPU, ${wallUs.toFixed(2)} µs wall a message`);
}
for (const p of peers) await p.transport.close();
console.log(`local hop, ${MESSAGES} messages a round (lookup, hopAck, 1 KiB inlineFile, inlineAck):`);
for (const row of rows) console.log(`  ${row}`);
