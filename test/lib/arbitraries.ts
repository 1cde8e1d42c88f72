// fast-check generators for what travels on the wire: valid messages of every kind, and hostile mutations of their bytes.
import fc from 'fast-check';
import type { Body } from '../../src/wire/codec.ts';

const u32 = fc.nat({ max: 0xffff_ffff });
const id = fc.nat({ max: 255 });
const ids = fc.array(id, { maxLength: 8 });
const name = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
const hops = fc.nat({ max: 256 });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength });
const version = fc.record({ stamp: fc.nat({ max: Number.MAX_SAFE_INTEGER }), origin: id, op: u32 });
const entry = fc.record({
  name,
  sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
  version,
});
/** A PingResponse's fields; it may carry its sender's incarnation too. */
const pingResponse = {
  type: fc.constant('pingResponse' as const),
  seq: u32,
  successors: ids,
  predecessor: fc.option(id, { nil: null }),
};
/** A Stored answer's fields; a superseded store's carries the newer version too. */
const stored = {
  type: fc.constant('stored' as const),
  op: u32,
  name,
  hops,
  copies: fc.nat({ max: 3 }),
  error: fc.string({ maxLength: 40 }),
};

/** Any message a well-behaved peer may send (within the limits of test/wire: 100-byte chunks, 1000-byte files). */
export const body: fc.Arbitrary<Body> = fc.oneof(
  fc.record({ type: fc.constant('pingRequest' as const), seq: u32, rank: fc.nat({ max: 32 }) }),
  fc.record(pingResponse),
  fc.record(
    { ...pingResponse, incarnation: fc.integer({ min: 1, max: 0xffff_ffff }) },
    { requiredKeys: ['type', 'seq', 'successors', 'predecessor'] },
  ),
  fc
    .record({
      type: fc.constant('lookup' as const),
      kind: fc.constantFrom('store' as const, 'request' as const),
      origin: id,
      op: u32,
      name,
      key: id,
      final: fc.boolean(),
      hops,
      attempt: fc.nat({ max: 3 }),
      responsible: id,
      holds: fc.option(version, { nil: undefined }),
      detoured: fc.boolean(),
    })
    // The responsible peer travels only with a request passed on to its replicas; a kept copy's version only when given.
    .map(({ responsible, holds, detoured, ...lookup }) => ({
      ...lookup,
      ...(lookup.attempt === 0 ? {} : { responsible }),
      ...(holds === undefined ? {} : { holds }),
      ...(detoured ? { detoured: true as const } : {}),
    })),
  fc.record({ type: fc.constant('sameCopy' as const), op: u32, name, hops, version }),
  fc.record(stored),
  fc.record({
    ...stored,
    version,
    superseded: fc.constant(true as const),
  }),
  fc.record({
    type: fc.constant('settle' as const),
    name,
    version,
    outcome: fc.constantFrom('commit' as const, 'discard' as const),
  }),
  fc.record({
    type: fc.constant('digest' as const),
    rangeLo: id,
    lo: id,
    hi: id,
    entries: fc.array(entry, { maxLength: 4 }),
    handoff: fc.boolean(),
  }),
  fc.record({ type: fc.constant('digestReply' as const), want: fc.array(name, { maxLength: 4 }) }),
  fc
    .record({
      type: fc.constant('holdQuery' as const),
      origin: id,
      ttl: fc.nat({ max: 8 }),
      asked: fc.array(fc.tuple(name, version), { maxLength: 4 }),
    })
    .map(({ asked, ...query }) => ({ ...query, names: asked.map(([n]) => n), versions: asked.map(([, v]) => v) })),
  fc.record({ type: fc.constant('holdReply' as const), held: fc.array(name, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('storeReady' as const), op: u32, name, hops }),
  fc.record({ type: fc.constant('notFound' as const), op: u32, name, hops }),
  fc.record({ type: fc.constant('notFound' as const), op: u32, name, hops, copiesAsked: fc.record({ origin: id }) }),
  fc.record({ type: fc.constant('notFound' as const), op: u32, name, hops, stuck: fc.constant(true as const) }),
  fc.record({
    type: fc.constant('notFound' as const),
    op: u32,
    name,
    hops,
    error: fc.string({ minLength: 1, maxLength: 40 }),
  }),
  fc.record({ type: fc.constant('joinRequest' as const), newcomer: id, hops }),
  fc.record({ type: fc.constant('joinAccepted' as const), successors: ids }),
  fc.record({ type: fc.constant('joinRefused' as const), reason: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constant('successorChange' as const), origin: id, successors: ids, hops }),
  fc.record(
    {
      type: fc.constant('departure' as const),
      leaving: id,
      successors: ids,
      hops,
      rank: fc.constantFrom(0, 1, 2),
      passOn: fc.constant(true),
    },
    { requiredKeys: ['type', 'leaving', 'successors', 'hops', 'rank'] },
  ),
  fc.record({ type: fc.constant('departureAck' as const), leaving: id, first: fc.boolean() }),
  fc.record({ type: fc.constant('leaving' as const), peer: id }),
  fc.record({ type: fc.constant('successorList' as const), successors: ids }),
  fc.record({ type: fc.constant('indirectProbe' as const), target: id, requester: id, seq: u32 }),
  fc.record({ type: fc.constant('indirectAck' as const), target: id, requester: id, seq: u32, incarnation: u32 }),
  fc.record({ type: fc.constant('suspect' as const), peer: id, incarnation: u32 }),
  fc.record({ type: fc.constant('alive' as const), peer: id, incarnation: u32 }),
  fc.record({
    type: fc.constant('transferHeader' as const),
    header: fc.record({
      purpose: fc.constantFrom('store' as const, 'deliver' as const, 'replica' as const),
      op: u32,
      origin: id,
      name,
      sizeBytes: fc.nat({ max: 1000 }),
      hops,
    }),
  }),
  fc.record({
    type: fc.constant('transferHeader' as const),
    header: fc.record({
      purpose: fc.constant('replica' as const),
      op: u32,
      origin: id,
      name,
      sizeBytes: fc.nat({ max: 1000 }),
      hops,
      version,
      pending: fc.constant(true as const),
    }),
  }),
  fc.record({ type: fc.constant('transferChunk' as const), data: bytes(100) }),
  fc.record({ type: fc.constant('transferEnd' as const), sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
  fc.record({ type: fc.constant('transferAck' as const), ok: fc.boolean(), error: fc.string({ maxLength: 40 }) }),
  bytes(100).chain((data) =>
    fc.record({
      type: fc.constant('inlineFile' as const),
      transfer: u32,
      header: fc.record({
        purpose: fc.constantFrom('store' as const, 'deliver' as const, 'replica' as const),
        op: u32,
        origin: id,
        name,
        sizeBytes: fc.constant(data.length),
        hops,
      }),
      data: fc.constant(data),
      sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    }),
  ),
  fc.record({
    type: fc.constant('inlineAck' as const),
    transfer: u32,
    ok: fc.boolean(),
    error: fc.string({ maxLength: 40 }),
  }),
) as fc.Arbitrary<Body>;

/** One edit of a byte string: flip bits, overwrite, insert, delete, truncate or extend with random bytes. */
export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'extend'; tail: Uint8Array };

const at = fc.nat({ max: 10_000 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('set' as const), at, value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('extend' as const), tail: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Uint8Array.from(input);
  for (const m of mutations) {
    const n = out.length;
    const i = n === 0 ? 0 : (m as { at?: number }).at! % n;
    switch (m.kind) {
      case 'flip':
        if (n > 0) out[i]! ^= m.mask;
        break;
      case 'set':
        if (n > 0) out[i] = m.value;
        break;
      case 'insert':
        out = Uint8Array.from([...out.subarray(0, i), m.value, ...out.subarray(i)]);
        break;
      case 'delete':
        if (n > 0) out = Uint8Array.from([...out.subarray(0, i), ...out.subarray(i + 1)]);
        break;
      case 'truncate':
        out = out.slice(0, i);
        break;
      case 'extend':
        out = Uint8Array.from([...out, ...m.tail]);
        break;
    }
  }
  return out;
}
