// A peer's transport alone, on 127.0.0.1 and any free port, recording what it hears: for the tests of the exchanges
// that hand messages between peers of one process (LocalExchange, ThreadMesh).
import { AddressBook } from '../../src/actor/addresses.ts';
import type { LocalExchange } from '../../src/actor/local-exchange.ts';
import { Transport, type TransportHandlers, type Undeliverable } from '../../src/actor/transport.ts';
import type { Message } from '../../src/core/messages.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import type { InlinePart } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';

export const LIMITS = { idBits: 32, maxFileBytes: DEFAULTS.maxFileBytes, maxChunkBytes: DEFAULTS.chunkBytes };

export const codecOf = (self: number, secret: Uint8Array | null = null) =>
  new EdgeCodec({ self, limits: LIMITS, secret, replayWindowMs: DEFAULTS.replayWindowMs, nonceCacheEntries: 1024 });

/** What one peer's transport heard. */
export interface Heard {
  messages: { from: number; message: Message }[];
  inline: { from: number; part: InlinePart }[];
  undeliverable: { to: number; op: number | undefined; why: Undeliverable }[];
  disconnected: number[];
}

/**
 * Peer `id` on 127.0.0.1, any free port, on `local` (none: sockets only), sealing with `secret` if given; `wake` is
 * called after each thing it hears.
 */
export function peer(id: number, local: LocalExchange | undefined, wake: () => void = () => {}, secret?: Uint8Array) {
  const heard: Heard = { messages: [], inline: [], undeliverable: [], disconnected: [] };
  const addresses = new AddressBook(
    id,
    { bound: { host: '127.0.0.1', port: 0 }, advertised: { host: '127.0.0.1', port: 0 } },
    { addressing: 'carried', basePort: 0 },
  );
  const handlers: TransportHandlers = {
    message: (from, message) => {
      heard.messages.push({ from, message });
      wake();
    },
    transferFrame: () => {},
    transferChunk: () => {},
    transferClosed: () => {},
    inline: (from, part) => {
      heard.inline.push({ from, part });
      wake();
    },
    undeliverable: (to, message, why) => {
      heard.undeliverable.push({ to, op: message.type === 'lookup' ? message.op : undefined, why });
      wake();
    },
    closing: (to) => () => {
      heard.disconnected.push(to);
      wake();
    },
  };
  const transport = new Transport(
    { id, addresses, codec: codecOf(id, secret), limits: { ...DEFAULTS }, ...(local ? { local } : {}) },
    handlers,
  );
  return { id, transport, addresses, heard };
}

export type Peer = ReturnType<typeof peer>;

/** Resolves once `done()` holds, checked after each thing any peer hears (no sleeps: each wake re-checks). */
export function waiter() {
  let check: () => void = () => {};
  return {
    wake: () => check(),
    until: (done: () => boolean) =>
      new Promise<void>((resolve) => {
        check = () => {
          if (done()) resolve();
        };
        check();
      }),
  };
}

/** Opens every peer, then tells each where the others listen. */
export async function openAll(peers: Peer[]): Promise<void> {
  for (const p of peers) await p.transport.open();
  const all = peers.map((p) => ({ id: p.id, ...p.addresses.own.advertised }));
  for (const p of peers) p.addresses.configure(all);
}

/** Closes every peer's transport (one a test killed already included: closing twice is a no-op). */
export async function closeAll(peers: Peer[]): Promise<void> {
  for (const p of peers) await p.transport.close();
}
