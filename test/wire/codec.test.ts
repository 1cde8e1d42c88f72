// Tests for the Envelope codec: round trips, plain decoded shapes, hostile bytes and every validation rule.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeEnvelope,
  encodeEnvelope,
  INLINE_MAX_BYTES,
  type Body,
  type DecodeLimits,
  type Decoded,
} from '../../src/wire/codec.ts';
import { ringdht } from '../../src/wire/gen/ringdht.js';
import { Random } from '../../src/sim/random.ts';

const LIMITS: DecodeLimits = { idBits: 8, maxFileBytes: 1000, maxChunkBytes: 100 };
const MAX_U32 = 0xffff_ffff;
const digest = (fill: number) => new Uint8Array(32).fill(fill);

/** One or more of every message kind, with edge values. */
const SAMPLES: Body[] = [
  { type: 'pingRequest', seq: 0, rank: 1 },
  { type: 'pingRequest', seq: MAX_U32, rank: 2 },
  { type: 'pingRequest', seq: 9, rank: 6 }, // the sixth of a successor list of 6 (above 8 bits)
  { type: 'pingRequest', seq: 3, rank: 1, predecessors: [0, 255] }, // the pinger's own predecessors
  { type: 'pingRequest', seq: 4, rank: 2, predecessors: [7] },
  { type: 'pingResponse', seq: 0, successors: [], predecessor: null },
  { type: 'pingResponse', seq: 7, successors: [0, 255], predecessor: 0 },
  { type: 'pingResponse', seq: 9, successors: [3, 4], predecessor: 1, zone: 'rack-1', zones: ['10.77.0.2', ''] },
  { type: 'joinAccepted', successors: [3, 4], zones: ['a', 'b'] },
  { type: 'successorList', successors: [3], zones: ['eu-west-1a'] },
  { type: 'successorChange', origin: 2, successors: [3, 4], hops: 1, zones: ['a', 'a'] },
  { type: 'departure', leaving: 2, successors: [3, 4], hops: 0, rank: 1, zones: ['', 'b'] },
  { type: 'pingResponse', seq: 8, successors: Array.from({ length: 32 }, (_, i) => i * 8), predecessor: 255 },
  { type: 'lookup', kind: 'store', origin: 0, op: 0, name: '0000', key: 0, final: false, hops: 0, attempt: 0 },
  {
    type: 'lookup',
    kind: 'request',
    origin: 255,
    op: MAX_U32,
    name: '9999',
    key: 255,
    final: true,
    hops: 256,
    attempt: 0,
  },
  // Round the ring back to its origin (the key's peer, which knew no predecessor when it sent it), then the walk past it
  // (R - 1 replicas and one late holder): 256 + 3 (datagramLoss 2462).
  { type: 'lookup', kind: 'request', origin: 19, op: 3, name: '7954', key: 18, final: true, hops: 259, attempt: 0 },
  { type: 'storeReady', op: 0, name: '0000', hops: 0 },
  { type: 'storeReady', op: 12, name: '2067', hops: 3 },
  { type: 'notFound', op: 0, name: '0001', hops: 0 },
  { type: 'notFound', op: MAX_U32, name: '4242', hops: 256 },
  { type: 'notFound', op: 3, name: '4242', hops: 2, error: 'File 4242 is no longer stored here' },
  {
    type: 'lookup',
    kind: 'store',
    origin: 3,
    op: 1,
    name: 'notes for Zoë.txt',
    key: 200,
    final: false,
    hops: 2,
    attempt: 1,
    responsible: 0,
    ack: 7,
  },
  {
    type: 'lookup',
    kind: 'request',
    origin: 3,
    op: 2,
    name: '2067',
    key: 19,
    final: true,
    hops: 4,
    attempt: 1,
    responsible: 19,
    holders: [40, 70],
  },
  {
    type: 'lookup',
    kind: 'request',
    origin: 3,
    op: 2,
    name: '2067',
    key: 19,
    final: true,
    hops: 5,
    attempt: 2,
    responsible: 19,
    passedOver: true,
  },
  // A request's marked second copy, to the next holder known (src/core/machine.ts, nextHolderKnown).
  {
    type: 'lookup',
    kind: 'request',
    origin: 3,
    op: 2,
    name: '2067',
    key: 19,
    final: true,
    hops: 4,
    attempt: 0,
    detoured: true,
    also: true,
  },
  // A store's final hop past its silent key's peer.
  {
    type: 'lookup',
    kind: 'store',
    origin: 14,
    op: 2,
    name: '2067',
    key: 19,
    final: true,
    hops: 1,
    attempt: 0,
    passedOver: true,
  },
  { type: 'notFound', op: 3, name: '4103', hops: 5, responsible: 19, asked: 3, passedOver: true },
  // A walk through holders whose ring changed lately, and the NOT_FOUND at its end (src/core/machine.ts, ringUnsettled).
  {
    type: 'lookup',
    kind: 'request',
    origin: 3,
    op: 2,
    name: '2067',
    key: 19,
    final: true,
    hops: 5,
    attempt: 1,
    responsible: 19,
    unsettled: true,
  },
  { type: 'notFound', op: 3, name: '4103', hops: 5, responsible: 19, asked: 2, unsettled: true },
  { type: 'notFound', op: 3, name: '4103', hops: 3, copiesAsked: { origin: 2 } },
  { type: 'notFound', op: 3, name: '4103', hops: 2, stuck: true },
  { type: 'notFound', op: 3, name: '4103', hops: 2, stuck: true, stale: true },
  {
    type: 'lookup',
    kind: 'request',
    origin: 2,
    op: 5,
    name: '2067',
    key: 19,
    final: false,
    hops: 1,
    attempt: 0,
    holds: { stamp: 1_764_900_000_000, origin: 8, op: 4 },
  },
  { type: 'sameCopy', op: 5, name: '2067', hops: 1, version: { stamp: 1_764_900_000_000, origin: 8, op: 4 } },
  { type: 'notFound', op: 3, name: '4103', hops: 3, copiesAsked: { origin: 0 } },
  { type: 'findSuccessor', origin: 9, seq: 1, target: 10, final: false, hops: 0 },
  { type: 'findSuccessor', origin: 255, seq: MAX_U32, target: 0, final: true, hops: 256, ack: MAX_U32 },
  { type: 'successorFound', seq: 4, target: 137, successor: 140 },
  { type: 'hopAck', ack: 1 },
  { type: 'transferHeader', header: { purpose: 'store', op: 0, origin: 0, name: '0000', sizeBytes: 0, hops: 0 } },
  {
    type: 'transferHeader',
    header: { purpose: 'deliver', op: 9, origin: 255, name: '2067', sizeBytes: 1000, hops: 256 },
  },
  { type: 'transferHeader', header: { purpose: 'replica', op: 4, origin: 8, name: '2067', sizeBytes: 10, hops: 3 } }, // a store's copy keeps its op
  { type: 'transferChunk', data: new Uint8Array(0) },
  { type: 'transferChunk', data: new Uint8Array(100).fill(0xab) },
  { type: 'transferEnd', sha256: digest(0) },
  { type: 'transferEnd', sha256: digest(0xff) },
  { type: 'transferAck', ok: true, error: '' },
  { type: 'transferAck', ok: false, error: 'x'.repeat(1024) },
  {
    type: 'inlineFile',
    transfer: 1,
    header: { purpose: 'deliver', op: 9, origin: 255, name: '2067', sizeBytes: 100, hops: 3 },
    data: new Uint8Array(100).fill(7),
    sha256: digest(1),
  },
  {
    type: 'inlineFile',
    transfer: MAX_U32,
    header: { purpose: 'replica', origin: 0, name: '0000', sizeBytes: 0, hops: 0 },
    data: new Uint8Array(0),
    sha256: digest(0),
  },
  { type: 'inlineAck', transfer: 1, ok: true, error: '' },
  { type: 'inlineAck', transfer: MAX_U32, ok: false, error: 'x'.repeat(1024) },
  { type: 'pingRequest', seq: 7, rank: 0 },
];

function decodeOk(bytes: Uint8Array, limits = LIMITS): { from: number; body: Body } {
  const decoded = decodeEnvelope(bytes, limits);
  if (!decoded.ok) assert.fail(`expected a message, got ${decoded.reason}: ${decoded.detail}`);
  return decoded;
}

function assertFails(decoded: Decoded, reason: string, detail?: RegExp): void {
  assert.equal(decoded.ok, false, `expected ${reason}, got ${JSON.stringify(decoded)}`);
  if (decoded.ok) return;
  assert.equal(decoded.reason, reason, decoded.detail);
  assert.ok(decoded.detail.length > 0 && decoded.detail.length < 200, decoded.detail);
  if (detail) assert.match(decoded.detail, detail);
}

/** Encodes a raw Envelope, bypassing the codec's mapping, to forge what a hostile peer could send. */
function raw(envelope: ringdht.Envelope.$Properties): Uint8Array {
  return ringdht.Envelope.encode(envelope).finish();
}

/** Every object in a decoded value is a plain object or array: no protobufjs prototypes leak out. */
function assertPlain(value: unknown, path = 'body'): void {
  if (value instanceof Uint8Array) {
    assert.equal(Object.getPrototypeOf(value), Uint8Array.prototype, `${path} is a plain Uint8Array`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertPlain(v, `${path}[${i}]`);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is a plain object`);
    for (const [k, v] of Object.entries(value)) assertPlain(v, `${path}.${k}`);
  }
}

/** The simulator's seeded generator, so a failing random case reproduces. */
function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.float();
}

describe('round trips', () => {
  for (const body of SAMPLES) {
    test(`${body.type} ${JSON.stringify(body).slice(0, 60)}`, () => {
      for (const from of [0, 255]) {
        const decoded = decodeOk(encodeEnvelope(from, body));
        assert.equal(decoded.from, from);
        assert.deepEqual(decoded.body, body);
        assertPlain(decoded.body);
      }
    });
  }

  test('defaults omitted by proto3 come back as complete fields', () => {
    const { body } = decodeOk(
      encodeEnvelope(0, {
        type: 'lookup',
        kind: 'store',
        origin: 0,
        op: 0,
        name: '0000',
        key: 0,
        final: false,
        hops: 0,
        attempt: 0,
      }),
    );
    assert.deepEqual(Object.keys(body).sort(), [
      'attempt',
      'final',
      'hops',
      'key',
      'kind',
      'name',
      'op',
      'origin',
      'type',
    ]);
    const header = decodeOk(encodeEnvelope(0, SAMPLES.find((b) => b.type === 'transferHeader')!)).body;
    assert.ok(header.type === 'transferHeader');
    assert.deepEqual(Object.keys(header.header).sort(), ['hops', 'name', 'op', 'origin', 'purpose', 'sizeBytes']);
    const ack = decodeOk(raw({ transferAck: {} })).body;
    assert.deepEqual(ack, { type: 'transferAck', ok: false, error: '' });
  });

  test("a store marked as a request's second copy comes back unmarked (only requests are copied so)", () => {
    const store = {
      type: 'lookup',
      kind: 'store',
      origin: 3,
      op: 2,
      name: '2067',
      key: 19,
      final: true,
      hops: 1,
      attempt: 0,
    } as const;
    assert.deepEqual(decodeOk(encodeEnvelope(3, { ...store, also: true })).body, store);
  });

  test('each envelope carries its own message only, whatever was encoded before it (even an encode that threw)', () => {
    const oneofFields = Object.keys(ringdht.Envelope.prototype).filter((f) => f !== 'from' && f !== 'addresses');
    const hint = [{ id: 7, host: '10.0.0.7', port: 7007 }];
    // A message whose encoding throws half-way (a bug's), after a successful one with hints.
    encodeEnvelope(1, SAMPLES[0]!, hint);
    const broken = {
      get stamp(): number {
        throw new Error('unreadable');
      },
    };
    assert.throws(() => encodeEnvelope(1, { type: 'sameCopy', op: 1, name: 'x', hops: 0, version: broken } as never), {
      message: 'unreadable',
    });
    for (const body of SAMPLES) {
      const envelope = ringdht.Envelope.decode(encodeEnvelope(2, body));
      assert.deepEqual(
        oneofFields.filter((f) => (envelope as unknown as Record<string, unknown>)[f] != null),
        [body.type],
      );
      assert.deepEqual(envelope.addresses, []);
    }
  });

  test('decoded successor lists and byte arrays are fresh, not shared defaults', () => {
    const a = decodeOk(encodeEnvelope(1, { type: 'pingResponse', seq: 0, successors: [], predecessor: null })).body;
    assert.ok(a.type === 'pingResponse');
    a.successors.push(5); // must not leak into the next decode
    const b = decodeOk(encodeEnvelope(1, { type: 'pingResponse', seq: 0, successors: [], predecessor: null })).body;
    assert.deepEqual(b, { type: 'pingResponse', seq: 0, successors: [], predecessor: null });
  });

  test('decodes from a Buffer that is a slice of a larger one (as framing hands them out)', () => {
    const body: Body = { type: 'transferChunk', data: new Uint8Array([1, 2, 3]) };
    const bytes = Buffer.concat([Buffer.from([9, 9, 9]), encodeEnvelope(4, body), Buffer.from([7])]);
    const decoded = decodeOk(bytes.subarray(3, bytes.length - 1));
    assert.deepEqual(decoded, { ok: true, from: 4, body, addresses: [] });
  });

  test('address hints travel with any message, and only real addresses are taken', () => {
    const addresses = [
      { id: 70000, host: '127.0.0.1', port: 40001 },
      { id: 5, host: '::1', port: 1 },
      { id: 6, host: 'h2.example.test', port: 12006 },
    ];
    const body: Body = { type: 'hopAck', ack: 3 };
    assert.deepEqual(decodeOk(encodeEnvelope(5, body, addresses), { ...LIMITS, idBits: 32 }), {
      ok: true,
      from: 5,
      body,
      addresses,
    });
    const bad = (a: ringdht.IPeerAddress) =>
      decodeEnvelope(raw({ from: 1, hopAck: { ack: 1 }, addresses: [a] }), { ...LIMITS, idBits: 32 });
    assertFails(bad({ id: 1, host: 'a b.com', port: 1 }), 'invalid', /not an IP address or a host name/);
    assertFails(bad({ id: 1, host: '-x.test', port: 1 }), 'invalid', /not an IP address or a host name/);
    assertFails(bad({ id: 1, host: `${'a'.repeat(64)}.test`, port: 1 }), 'invalid', /not an IP address or a host name/);
    assertFails(bad({ id: 1, host: '10.0.0.999', port: 1 }), 'invalid', /not an IP address or a host name/);
    assertFails(bad({ id: 1, host: '127.0.0.1', port: 0 }), 'invalid', /port 0/);
    assertFails(bad({ id: 1, host: '127.0.0.1', port: 70000 }), 'invalid', /port 70000/);
    assertFails(
      decodeEnvelope(raw({ from: 1, hopAck: {}, addresses: [{ id: 256, host: '127.0.0.1', port: 1 }] }), LIMITS),
      'invalid',
      /address id 256/,
    );
  });

  test('a wider ring accepts wider ids', () => {
    const body: Body = {
      type: 'lookup',
      kind: 'request',
      origin: 65535,
      op: 1,
      name: '1234',
      key: 40000,
      final: false,
      hops: 65536,
      attempt: 0,
    };
    assert.deepEqual(decodeOk(encodeEnvelope(1000, body), { ...LIMITS, idBits: 16 }), {
      ok: true,
      from: 1000,
      body,
      addresses: [],
    });
    assertFails(decodeEnvelope(encodeEnvelope(1000, body), LIMITS), 'invalid');
  });

  test('a buffer-backed chunk encodes the same as a plain one', () => {
    const data = Buffer.from('some file bytes');
    const fromBuffer = encodeEnvelope(3, { type: 'transferChunk', data });
    const fromPlain = encodeEnvelope(3, { type: 'transferChunk', data: new Uint8Array(data) });
    assert.deepEqual(new Uint8Array(fromBuffer), new Uint8Array(fromPlain));
  });
});

describe('hostile bytes', () => {
  test('every truncation of every sample fails cleanly', () => {
    for (const body of SAMPLES) {
      const bytes = encodeEnvelope(200, body);
      const fromFieldBytes = 3; // tag 0x08 and the two-byte varint of 200
      for (let n = 0; n < bytes.length; n++) {
        const decoded = decodeEnvelope(bytes.subarray(0, n), LIMITS);
        assertFails(
          decoded,
          n <= fromFieldBytes ? (n === 0 || n === fromFieldBytes ? 'empty' : 'malformed') : 'malformed',
        );
      }
    }
  });

  test('thousands of seeded random buffers decode to a Decoded, never a throw', () => {
    const next = rng(20240501);
    const counts = { ok: 0, malformed: 0, empty: 0, invalid: 0 };
    for (let i = 0; i < 4000; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 48));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
      const decoded = decodeEnvelope(bytes, LIMITS);
      counts[decoded.ok ? 'ok' : decoded.reason]++;
    }
    assert.equal(counts.ok + counts.malformed + counts.empty + counts.invalid, 4000);
    assert.ok(counts.malformed > 0 && counts.empty > 0, JSON.stringify(counts));
  });

  test('seeded mutations of valid envelopes never throw, and what decodes re-encodes to the same message', () => {
    const next = rng(7);
    const counts = { ok: 0, malformed: 0, empty: 0, invalid: 0 };
    for (let i = 0; i < 4000; i++) {
      const bytes = new Uint8Array(encodeEnvelope(Math.floor(next() * 256), SAMPLES[i % SAMPLES.length]!));
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) bytes[Math.floor(next() * bytes.length)]! ^= 1 << Math.floor(next() * 8);
      const decoded = decodeEnvelope(bytes, LIMITS);
      counts[decoded.ok ? 'ok' : decoded.reason]++;
      if (decoded.ok) {
        assertPlain(decoded.body);
        assert.deepEqual(decodeEnvelope(encodeEnvelope(decoded.from, decoded.body), LIMITS), decoded);
      }
    }
    assert.ok(counts.ok > 0 && counts.invalid > 0 && counts.malformed > 0, JSON.stringify(counts));
  });

  test('malformed protobuf', () => {
    assertFails(decodeEnvelope(Uint8Array.from([0xff]), LIMITS), 'malformed', /not a valid envelope/);
    assertFails(decodeEnvelope(Uint8Array.from([0x08, 0x80]), LIMITS), 'malformed'); // varint cut short
    assertFails(decodeEnvelope(Uint8Array.from([0x0f]), LIMITS), 'malformed'); // wire type 7 does not exist
    assertFails(decodeEnvelope(Uint8Array.from([0x52, 0x05, 0x08]), LIMITS), 'malformed'); // ping request longer than the bytes
    assertFails(decodeEnvelope('not bytes' as unknown as Uint8Array, LIMITS), 'malformed');
    // A name that is not UTF-8.
    const name = Uint8Array.from([0x22, 0x04, 0xff, 0xfe, 0x30, 0x30]);
    const lookup = Uint8Array.from([0x08, 0x01, ...name]);
    assertFails(decodeEnvelope(Uint8Array.from([0x62, lookup.length, ...lookup]), LIMITS), 'malformed');
  });

  test('envelopes without a message are empty', () => {
    assertFails(decodeEnvelope(new Uint8Array(0), LIMITS), 'empty');
    assertFails(decodeEnvelope(raw({ from: 3 }), LIMITS), 'empty');
    assertFails(decodeEnvelope(Uint8Array.from([0xa0, 0x06, 0x01]), LIMITS), 'empty'); // only an unknown field 100
    assertFails(decodeEnvelope(Uint8Array.from([0x50, 0x01]), LIMITS), 'empty'); // field 10 with the wrong wire type is skipped
  });

  test('the last body in an envelope wins', () => {
    const twice = Buffer.concat([
      raw({ from: 1, pingRequest: { seq: 1, rank: 1 } }),
      raw({ notFound: { op: 2, name: '0002' } }),
    ]);
    assert.deepEqual(decodeOk(twice).body, { type: 'notFound', op: 2, name: '0002', hops: 0 });
  });
});

describe('decodes in a row', () => {
  test('a decode leaves nothing to the next, whatever it read: a sender 0 written out, unknown fields, two bodies, bad bytes', () => {
    const senderZero = Buffer.concat([encodeEnvelope(5, SAMPLES[0]!), Uint8Array.from([0x08, 0x00])]);
    const lookups = SAMPLES.filter((b) => b.type === 'lookup');
    const withAck = lookups.find((b) => b.ack !== undefined)!;
    const plain = lookups.find((b) => b.ack === undefined && b.final)!;
    const oddOnes: [Uint8Array, (d: Decoded) => void][] = [
      // A later sender id of 0 overrides the first (the last scalar wins), though our encoder leaves 0 out.
      [senderZero, (d) => assert.deepEqual(d, { ok: true, from: 0, body: SAMPLES[0], addresses: [] })],
      [Buffer.concat([encodeEnvelope(3, SAMPLES[1]!), Uint8Array.from([0xa0, 0x06, 0x01])]), (d) => assert.ok(d.ok)],
      [
        Buffer.concat([raw({ from: 1, pingRequest: { seq: 1, rank: 1 } }), raw({ notFound: { op: 2, name: '0002' } })]),
        (d) => assert.ok(d.ok && d.body.type === 'notFound'),
      ],
      // A body, another, then the first kind again: the last alone, not merged with the first (protobuf's oneof rule).
      [
        Buffer.concat([
          encodeEnvelope(1, withAck),
          raw({ pingRequest: { seq: 1, rank: 1 } }),
          encodeEnvelope(1, plain),
        ]),
        (d) => assert.deepEqual(d, { ok: true, from: 1, body: plain, addresses: [] }),
      ],
      [Uint8Array.from([0x62, 0x05, 0x01]), (d) => assertFails(d, 'malformed')],
      [encodeEnvelope(300, SAMPLES[0]!), (d) => assertFails(d, 'invalid')],
    ];
    const hint = [{ id: 7, host: '10.0.0.7', port: 7007 }];
    for (const [odd, check] of oddOnes)
      for (const [i, body] of SAMPLES.entries()) {
        check(decodeEnvelope(odd, LIMITS));
        const addresses = i % 2 === 0 ? hint : [];
        assert.deepEqual(decodeEnvelope(encodeEnvelope(i % 200, body, addresses), LIMITS), {
          ok: true,
          from: i % 200,
          body,
          addresses,
        });
      }
  });
});

describe('validation', () => {
  const lookup = { kind: ringdht.LookupKind.STORE, origin: 1, op: 1, name: '0001', key: 1, hops: 1 };
  const header = { purpose: ringdht.TransferPurpose.STORE_FILE, op: 1, origin: 1, name: '0001', size: 10, hops: 1 };
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['sender id out of the ring', encodeEnvelope(256, { type: 'pingRequest', seq: 1, rank: 1 }), /sender id 256/],
    ['huge sender id', raw({ from: MAX_U32, pingRequest: { rank: 1 } }), /sender id 4294967295/],
    ['ping rank past any successor list', raw({ pingRequest: { seq: 1, rank: 33 } }), /ping request rank of 33/],
    [
      'ping request predecessor out of the ring',
      raw({ pingRequest: { seq: 1, rank: 1, predecessors: [3, 256] } }),
      /ping request predecessor 256/,
    ],
    ['successor out of the ring', raw({ pingResponse: { successors: [1, 256] } }), /successor 256/],
    [
      '33 successors',
      raw({ pingResponse: { successors: Array.from({ length: 33 }, () => 1) } }),
      /successor list of 33/,
    ],
    ['successor-list entry out of the ring', raw({ successorList: { successors: [1, 300] } }), /successor 300/],
    [
      'a zone with a space',
      raw({ pingResponse: { successors: [1], zone: 'rack one' } }),
      /ping response zone "rack one" is not a zone/,
    ],
    ['a zone too long', raw({ successorList: { successors: [1], zones: ['z'.repeat(65)] } }), /is not a zone/],
    [
      'more zones than successors',
      raw({ joinAccepted: { successors: [1], zones: ['a', 'b'] } }),
      /1 successors but 2 zones/,
    ],
    [
      'a lookup naming four holders',
      raw({ lookup: { ...lookup, attempt: 1, responsible: 1, holders: [2, 3, 4, 5] } }),
      /lookup holder list of 4 peers/,
    ],
    [
      'successor list of 33',
      raw({ successorList: { successors: Array.from({ length: 33 }, () => 1) } }),
      /successor list of 33/,
    ],
    ['indirect probe target out of the ring', raw({ indirectProbe: { target: 300, requester: 1 } }), /target 300/],
    [
      'indirect probe requester out of the ring',
      raw({ indirectProbe: { target: 1, requester: 256 } }),
      /requester 256/,
    ],
    ['indirect ack requester out of the ring', raw({ indirectAck: { target: 1, requester: 999 } }), /requester 999/],
    ['suspect peer out of the ring', raw({ suspect: { peer: 256, incarnation: 1 } }), /suspect peer 256/],
    ['alive peer out of the ring', raw({ alive: { peer: 4096, incarnation: 1 } }), /alive peer 4096/],
    ['lookup kind unspecified', raw({ lookup: { ...lookup, kind: 0 } }), /lookup kind 0/],
    ['lookup kind unknown', raw({ lookup: { ...lookup, kind: 3 as ringdht.LookupKind } }), /lookup kind 3/],
    ['lookup kind negative', raw({ lookup: { ...lookup, kind: -1 as ringdht.LookupKind } }), /lookup kind -1/],
    ['lookup origin out of the ring', raw({ lookup: { ...lookup, origin: 256 } }), /lookup origin 256/],
    ['lookup key out of the ring', raw({ lookup: { ...lookup, key: 1000 } }), /lookup key 1000/],
    ['lookup empty name', raw({ lookup: { ...lookup, name: '' } }), /lookup name ""/],
    ['lookup name with a separator', raw({ lookup: { ...lookup, name: 'a\\b' } }), /lookup name "a\\\\b"/],
    ['lookup name over 255 bytes', raw({ lookup: { ...lookup, name: 'é'.repeat(128) } }), /lookup name "é+\.\.\."/],
    ['lookup name ..', raw({ lookup: { ...lookup, name: '..' } }), /lookup name "\.\."/],
    ['lookup path name', raw({ lookup: { ...lookup, name: '../1' } }), /lookup name/],
    ['lookup hops past a walk round the ring', raw({ lookup: { ...lookup, hops: 260 } }), /lookup hops 260/],
    ['store-ready name', raw({ storeReady: { op: 1, name: 'ab\u0000cd' } }), /store-ready name "ab\\u0000cd"/],
    ['store-ready hops', raw({ storeReady: { op: 1, name: '0001', hops: 300 } }), /store-ready hops 300/],
    ['not-found name', raw({ notFound: { op: 1, name: '1\n23' } }), /not-found name "1\\n23"/],
    [
      'same-copy without its version',
      raw({ sameCopy: { op: 1, name: '0001', hops: 1 } }),
      /same-copy version is missing/,
    ],
    [
      'lookup holds an unknown peer',
      raw({ lookup: { ...lookup, holds: { stamp: 5, origin: 256, op: 1 } } }),
      /lookup holds origin 256/,
    ],
    ['not-found hops', raw({ notFound: { op: 1, name: '0001', hops: MAX_U32 } }), /not-found hops/],
    [
      'not-found error too long',
      raw({ notFound: { op: 1, name: '0001', hops: 1, error: 'e'.repeat(1025) } }),
      /not-found error of 1025 characters/,
    ],
    ['transfer purpose unspecified', raw({ transferHeader: { ...header, purpose: 0 } }), /transfer purpose 0/],
    [
      'transfer purpose unknown',
      raw({ transferHeader: { ...header, purpose: 5 as ringdht.TransferPurpose } }),
      /transfer purpose 5/,
    ],
    ['transfer origin out of the ring', raw({ transferHeader: { ...header, origin: 256 } }), /transfer origin 256/],
    ['transfer name', raw({ transferHeader: { ...header, name: '../99999' } }), /transfer name "\.\.\/99999"/],
    [
      'find-successor target out of the ring',
      raw({ findSuccessor: { origin: 1, target: 256 } }),
      /find-successor target 256/,
    ],
    [
      'find-successor hops over the ring',
      raw({ findSuccessor: { origin: 1, target: 2, hops: 300 } }),
      /find-successor hops 300/,
    ],
    [
      'successor-found successor out of the ring',
      raw({ successorFound: { target: 1, successor: 999 } }),
      /successor-found successor 999/,
    ],
    ['transfer size over the limit', raw({ transferHeader: { ...header, size: 1001 } }), /transfer size of 1001 bytes/],
    ['transfer hops', raw({ transferHeader: { ...header, hops: 260 } }), /transfer hops 260/],
    ['chunk over the limit', raw({ transferChunk: { data: new Uint8Array(101) } }), /transfer chunk of 101 bytes/],
    ['digest missing', raw({ transferEnd: {} }), /digest is 0 bytes/],
    ['digest too short', raw({ transferEnd: { sha256: new Uint8Array(31) } }), /digest is 31 bytes/],
    ['digest too long', raw({ transferEnd: { sha256: new Uint8Array(33) } }), /digest is 33 bytes/],
    [
      'ack error too long',
      raw({ transferAck: { ok: false, error: 'e'.repeat(1025) } }),
      /acknowledgement error of 1025 characters/,
    ],
    [
      'inline file without a header',
      raw({ inlineFile: { transfer: 1, data: new Uint8Array(0), sha256: new Uint8Array(32) } }),
      /inline file without a header/,
    ],
    [
      'inline file shorter than announced',
      raw({
        inlineFile: {
          transfer: 1,
          header: { ...header, size: 10 },
          data: new Uint8Array(9),
          sha256: new Uint8Array(32),
        },
      }),
      /9 bytes, not the announced 10/,
    ],
    [
      'inline file digest too short',
      raw({
        inlineFile: {
          transfer: 1,
          header: { ...header, size: 1 },
          data: new Uint8Array(1),
          sha256: new Uint8Array(31),
        },
      }),
      /digest is 31 bytes/,
    ],
    [
      'inline file header purpose',
      raw({ inlineFile: { transfer: 1, header: { ...header, purpose: 0, size: 0 }, sha256: new Uint8Array(32) } }),
      /transfer purpose 0/,
    ],
    [
      'inline ack error too long',
      raw({ inlineAck: { transfer: 1, ok: false, error: 'e'.repeat(1025) } }),
      /acknowledgement error of 1025 characters/,
    ],
  ];
  for (const [what, bytes, detail] of cases) {
    test(what, () => assertFails(decodeEnvelope(bytes, LIMITS), 'invalid', detail));
  }
  test('an inline file over the protocol inline limit (whatever the file size limit)', () => {
    const size = INLINE_MAX_BYTES + 1;
    const bytes = raw({
      inlineFile: { transfer: 1, header: { ...header, size }, data: new Uint8Array(size), sha256: new Uint8Array(32) },
    });
    assertFails(
      decodeEnvelope(bytes, { ...LIMITS, maxFileBytes: 1 << 20 }),
      'invalid',
      /inline file of 65537 bytes is over the limit of 65536/,
    );
  });

  test('a hostile name is cut short and escaped in the detail', () => {
    const name = `\u001b[31m${'9'.repeat(5000)}`;
    const decoded = decodeEnvelope(raw({ storeReady: { op: 1, name } }), LIMITS);
    assertFails(decoded, 'invalid', /store-ready name "\\u001b\[31m9+\.\.\."/);
  });
});
