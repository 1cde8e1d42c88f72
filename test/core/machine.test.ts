// Table tests of the pure PeerMachine: whole rings driven synchronously through handle(input, now), no sockets or timers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { machineConfig, resolveConfig } from '../../src/config.ts';
import type { Effect, OpErrorCode, OpResult, TransferRef } from '../../src/core/io.ts';
import { PeerMachine, PING_TIMER } from '../../src/core/machine.ts';
import type { Lookup } from '../../src/core/messages.ts';
import { SYNC_TIMER } from '../../src/core/replication.ts';
import { SCRUB_TIMER } from '../../src/core/scrub.ts';
import { fileNameProblem, keyOf, responsibleFor, successorsInRing, type PeerId } from '../../src/core/ring.ts';
import {
  EXAMPLE,
  EXAMPLE_IDS,
  lone,
  OP_TIMEOUT_MS,
  ofType,
  PING_INTERVAL_MS,
  TestRing,
  type Delivery,
  type RingSpec,
} from './harness.ts';

const forwarded = (name: string) => `Store ${name} request forwarded to my successor`;
const notHere = (name: string) => `Request for File ${name} has been received, but the file is not stored here`;
/** 8's store of 2067 (key 19) as a lookup `hops` along its way, `final` on its last hop; `fields` differ. */
const storeLookup = (hops: number, final: boolean, fields: Partial<Lookup> = {}): Lookup => ({
  type: 'lookup',
  kind: 'store',
  origin: 8,
  op: 1,
  name: '2067',
  key: 19,
  final,
  hops,
  attempt: 0,
  ...fields,
});
/** The lookups a ring sent, in order (each hop's acknowledgement left out). */
const lookupHops = (ring: TestRing) => ring.sends('lookup');

// --- SPEC section 2: store --------------------------------------------------------------------

describe('store (SPEC 2: `store 2067` at peer 8)', () => {
  test('lines at 8, 9, 14, then "Store 2067 request accepted" at 19; ok with holder 19 and hops 3', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(8, 'store', '2067');

    assert.deepEqual(ring.allTexts(), {
      8: ['Store 2067 request forwarded to my successor'],
      9: ['Store 2067 request forwarded to my successor'],
      14: ['Store 2067 request forwarded to my successor'],
      19: ['Store 2067 request accepted'],
    });
    // three lookup hops and their acknowledgements, storeReady back to 8, the transfer, then "stored" back: 9 deliveries of 1 ms each
    assert.deepEqual(done, {
      peer: 8,
      op: 1,
      kind: 'store',
      name: '2067',
      result: { ok: true, holder: 19, hops: 3, ms: 9, version: ring.disk(19).get('2067')!.version },
    });
    assert.deepEqual(
      EXAMPLE_IDS.filter((id) => ring.machine(id).holds('2067')),
      [19],
    );
    assert.deepEqual(ring.machine(19).status().held, ['2067']);
  });

  test('the lookup travels over TCP along first successors, final only on the last hop, each hop acknowledged', () => {
    const ring = new TestRing(EXAMPLE);
    ring.run(8, 'store', '2067');
    const version = ring.disk(19).get('2067')!.version!;
    assert.deepEqual(
      version,
      { stamp: version.stamp, origin: 8, op: 1 },
      "the store's version: stamped at 19, its origin and op",
    );
    assert.deepEqual(
      ring.sends().map(({ from, to, transport, message }) => ({ from, to, transport, message })),
      [
        {
          from: 8,
          to: 9,
          transport: 'tcp',
          message: storeLookup(1, false, { ack: 1 }),
        },
        { from: 9, to: 8, transport: 'tcp', message: { type: 'hopAck', ack: 1 } },
        {
          from: 9,
          to: 14,
          transport: 'tcp',
          message: storeLookup(2, false, { ack: 1 }),
        },
        { from: 14, to: 9, transport: 'tcp', message: { type: 'hopAck', ack: 1 } },
        {
          from: 14,
          to: 19,
          transport: 'tcp',
          message: storeLookup(3, true, { ack: 1 }),
        },
        { from: 19, to: 14, transport: 'tcp', message: { type: 'hopAck', ack: 1 } },
        { from: 19, to: 8, transport: 'tcp', message: { type: 'storeReady', op: 1, name: '2067', hops: 3 } },
        // once the file is durable (with R = 1, at 19 alone), 19 tells 8 the store is done
        {
          from: 19,
          to: 8,
          transport: 'tcp',
          message: { type: 'stored', op: 1, name: '2067', hops: 3, copies: 1, error: '', version },
        },
      ],
    );
    const transfers = ring.delivered.filter((d) => d.kind === 'transfer');
    assert.deepEqual(transfers, [
      { kind: 'transfer', from: 8, ref: { purpose: 'store', peer: 19, op: 1, origin: 8, name: '2067', hops: 3 } },
    ]);
  });

  test('typed fields of the lines (for --json)', () => {
    const ring = new TestRing(EXAMPLE);
    ring.run(8, 'store', '2067');
    assert.deepEqual(ring.emitted.get(14), [
      { event: 'store.forwarded', text: forwarded('2067'), name: '2067', key: 19, successor: 19 },
    ]);
    assert.deepEqual(ring.emitted.get(19), [
      { event: 'store.accepted', text: 'Store 2067 request accepted', name: '2067', key: 19, from: 8 },
    ]);
  });

  test('timers: the op deadline is scheduled and cancelled at the origin, the expectation at the holder', () => {
    const ring = new TestRing(EXAMPLE);
    const op = ring.command(8, 'store', '2067');
    assert.equal(ring.scheduled(8, { kind: 'op', op }), OP_TIMEOUT_MS);
    ring.deliver((next) => next.kind === 'transfer');
    assert.notEqual(ring.scheduled(19, { kind: 'expect', origin: 8, op }), undefined);
    assert.equal(ring.machine(8).status().pendingOps, 1);
    ring.deliver();
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined);
    assert.equal(ring.scheduled(19, { kind: 'expect', origin: 8, op }), undefined);
    assert.equal(ring.machine(8).status().pendingOps, 0);
    // a deadline that fires after completion changes nothing
    assert.deepEqual(ring.feed(8, { type: 'timer', timer: { kind: 'op', op } }), []);
  });
});

// --- SPEC section 2: request ------------------------------------------------------------------

describe('request (SPEC 2)', () => {
  test('`request 4103` at 2 when 8 holds 4103: lines exactly as in SPEC at 2, 4, 5, 8', () => {
    const ring = new TestRing(EXAMPLE, { held: { 8: ['4103'] } });
    const done = ring.run(2, 'request', '4103');
    assert.deepEqual(ring.allTexts(), {
      2: [
        'File request for 4103 has been sent to my successor',
        'Peer 8 had File 4103',
        'Receiving File 4103 from Peer 8',
        'File 4103 received',
      ],
      4: ['Request for File 4103 has been received, but the file is not stored here'],
      5: ['Request for File 4103 has been received, but the file is not stored here'],
      8: ['File 4103 is stored here', 'Sending file 4103 to Peer 2', 'The file has been sent'],
    });
    assert.deepEqual(done.result, { ok: true, holder: 8, hops: 3, ms: 7 });
    // the file travels straight from 8 to 2
    assert.deepEqual(
      ring.delivered.filter((d) => d.kind === 'transfer'),
      [{ kind: 'transfer', from: 8, ref: { purpose: 'deliver', peer: 2, op: 1, origin: 2, name: '4103', hops: 3 } }],
    );
    // a request stores nothing anywhere
    assert.deepEqual(
      EXAMPLE_IDS.filter((id) => ring.machine(id).holds('4103')),
      [8],
    );
    assert.equal(ring.machine(2).status().pendingOps, 0);
  });

  // After `store 2067` at 8 (held by 19), from several peers.
  const requesters: Array<[from: PeerId, hops: number, passing: PeerId[]]> = [
    [8, 3, [9, 14]],
    [14, 1, []],
    [2, 6, [4, 5, 8, 9, 14]],
    [9, 2, [14]],
    [4, 5, [5, 8, 9, 14]],
  ];
  for (const [from, hops, passing] of requesters) {
    test(`\`request 2067\` at ${from} after \`store 2067\` at 8: from 19 in ${hops} hop(s)`, () => {
      const ring = new TestRing(EXAMPLE);
      assert.equal(ring.run(8, 'store', '2067').result.ok, true);
      ring.clearLog();
      const done = ring.run(from, 'request', '2067');
      const expected: Record<number, string[]> = {
        [from]: [
          'File request for 2067 has been sent to my successor',
          'Peer 19 had File 2067',
          'Receiving File 2067 from Peer 19',
          'File 2067 received',
        ],
        19: ['File 2067 is stored here', `Sending file 2067 to Peer ${from}`, 'The file has been sent'],
      };
      for (const id of passing) expected[id] = [notHere('2067')];
      assert.deepEqual(ring.allTexts(), expected);
      assert.equal(done.result.ok, true);
      assert.equal(done.result.holder, 19);
      assert.equal(done.result.hops, hops);
    });
  }

  test('`request 2067` at 19, which holds it: served at once from its own disk, 0 hops, no sending lines', () => {
    const ring = new TestRing(EXAMPLE, { held: { 19: ['2067'] } });
    const done = ring.run(19, 'request', '2067');
    assert.deepEqual(ring.allTexts(), { 19: ['File 2067 is stored here', 'File 2067 received'] });
    assert.deepEqual(ring.sends(), []);
    assert.deepEqual(done.result, { ok: true, holder: 19, hops: 0, ms: 0 }); // copied on the peer: no delivery step
  });

  test('a file nobody stored: "no such file" at the responsible peer, a failure at the requester', () => {
    const ring = new TestRing(EXAMPLE);
    // 9000 mod 256 = 40, above 19: peer 2 is responsible
    const done = ring.run(8, 'request', '9000');
    assert.deepEqual(ring.allTexts(), {
      8: [
        'File request for 9000 has been sent to my successor',
        'File 9000 is not in the DHT: Peer 2 has no such file',
      ],
      9: [notHere('9000')],
      14: [notHere('9000')],
      19: [notHere('9000')],
      2: ['no such file'],
    });
    assert.deepEqual(done.result, {
      ok: false,
      code: 'NOT_FOUND',
      error: 'File 9000 is not in the DHT (Peer 2 has no such file)',
      holder: 2,
      hops: 4,
      ms: 9,
    });
    assert.ok(ring.texts(2)[0]!.includes('no such file'));
    assert.deepEqual(ring.emitted.get(2), [
      { event: 'request.nosuchfile', text: 'no such file', name: '9000', origin: 8 },
    ]);
    assert.deepEqual(
      ring.delivered.filter((d) => d.kind === 'transfer'),
      [],
    );
    assert.equal(ring.scheduled(8, { kind: 'op', op: 1 }), undefined);
  });

  test('`request 2067` before anyone stored it: 19 has no such file', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(2, 'request', '2067');
    assert.deepEqual(ring.texts(19), ['no such file']);
    assert.deepEqual(ring.texts(2), [
      'File request for 2067 has been sent to my successor',
      'File 2067 is not in the DHT: Peer 19 has no such file',
    ]);
    assert.equal(done.result.ok, false);
    assert.equal(done.result.holder, 19);
  });

  test('a file held by a peer that is not responsible for it is not found', () => {
    // 4 holds 4103 (key 7) but 8 is responsible: lookups do not look at every store on the way
    const ring = new TestRing(EXAMPLE, { held: { 4: ['4103'] } });
    const done = ring.run(2, 'request', '4103');
    assert.equal(done.result.ok, false);
    assert.equal(done.result.holder, 8);
    assert.deepEqual(ring.texts(4), [notHere('4103')]);
  });
});

// --- wrap-around keys -------------------------------------------------------------------------

describe('wrap-around keys', () => {
  test('store 0020 (key 20, above the largest id 19) at 8 is held by 2', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(8, 'store', '0020');
    assert.deepEqual(ring.allTexts(), {
      8: [forwarded('0020')],
      9: [forwarded('0020')],
      14: [forwarded('0020')],
      19: [forwarded('0020')],
      2: ['Store 0020 request accepted'],
    });
    assert.deepEqual(done.result, { ok: true, holder: 2, hops: 4, ms: 11, version: ring.disk(2).get('0020')!.version });
    const last = lookupHops(ring).find((s) => s.from === 19);
    assert.deepEqual(last?.message, {
      type: 'lookup',
      kind: 'store',
      origin: 8,
      op: 1,
      name: '0020',
      key: 20,
      final: true,
      hops: 4,
      attempt: 0,
      ack: 1,
    });
  });

  test('store 0020 at 19: one hop across zero', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(19, 'store', '0020');
    assert.deepEqual(ring.allTexts(), { 19: [forwarded('0020')], 2: ['Store 0020 request accepted'] });
    assert.equal(done.result.holder, 2);
    assert.equal(done.result.hops, 1);
  });

  test('store 0000 and 0256 (key 0) at 14 are held by 2', () => {
    const ring = new TestRing(EXAMPLE);
    for (const name of ['0000', '0256']) {
      const done = ring.run(14, 'store', name);
      assert.deepEqual([done.result.ok, done.result.holder, done.result.hops], [true, 2, 2]);
    }
    assert.deepEqual(ring.machine(2).status().held, ['0000', '0256']);
  });

  test('store 0002 (key 2) at 2 itself: accepted at once, nothing on the network, 0 hops', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(2, 'store', '0002');
    assert.deepEqual(ring.allTexts(), { 2: ['Store 0002 request accepted'] });
    assert.deepEqual(ring.sends(), []);
    assert.deepEqual(ring.delivered, [], 'the file is copied on the peer, not sent');
    assert.deepEqual(done.result, { ok: true, holder: 2, hops: 0, ms: 0, version: ring.disk(2).get('0002')!.version });
    assert.ok(ring.machine(2).holds('0002'));
  });

  test('store 0007 at 8 (key 7, held by 8 itself): the lookup travels all around the ring back to 8', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(8, 'store', '0007');
    assert.deepEqual(ring.allTexts(), {
      8: [forwarded('0007'), 'Store 0007 request accepted'],
      9: [forwarded('0007')],
      14: [forwarded('0007')],
      19: [forwarded('0007')],
      2: [forwarded('0007')],
      4: [forwarded('0007')],
      5: [forwarded('0007')],
    });
    assert.deepEqual(
      lookupHops(ring).map((s) => [s.from, s.to]),
      [
        [8, 9],
        [9, 14],
        [14, 19],
        [19, 2],
        [2, 4],
        [4, 5],
        [5, 8],
      ],
    );
    assert.deepEqual(done.result, { ok: true, holder: 8, hops: 7, ms: 13, version: ring.disk(8).get('0007')!.version });
    assert.deepEqual(
      EXAMPLE_IDS.filter((id) => ring.machine(id).holds('0007')),
      [8],
    );
  });

  test('request 0007 at 8 after storing it there: around the ring, then 8 copies it from its own disk', () => {
    const ring = new TestRing(EXAMPLE, { held: { 8: ['0007'] } });
    const done = ring.run(8, 'request', '0007');
    assert.deepEqual(ring.allTexts(), {
      8: ['File request for 0007 has been sent to my successor', 'File 0007 is stored here', 'File 0007 received'],
      9: [notHere('0007')],
      14: [notHere('0007')],
      19: [notHere('0007')],
      2: [notHere('0007')],
      4: [notHere('0007')],
      5: [notHere('0007')],
    });
    assert.deepEqual([done.result.ok, done.result.holder, done.result.hops], [true, 8, 7]);
  });

  test('store 0003 at 4 (key 3, held by 4): seven hops, through 2 which marks the last one final', () => {
    const ring = new TestRing(EXAMPLE);
    const done = ring.run(4, 'store', '0003');
    assert.deepEqual([done.result.holder, done.result.hops], [4, 7]);
    const last = lookupHops(ring).find((s) => s.from === 2);
    assert.deepEqual(last?.message, {
      type: 'lookup',
      kind: 'store',
      origin: 4,
      op: 1,
      name: '0003',
      key: 3,
      final: true,
      hops: 7,
      attempt: 0,
      ack: 1,
    });
  });
});

// --- every key, every origin: routing agrees with responsibleFor ------------------------------

/** Hops a lookup takes along first successors: to the holder, or all around when the origin holds a key other than its id. */
function expectedHops(ids: readonly PeerId[], origin: PeerId, key: number): number {
  const sorted = [...ids].sort((a, b) => a - b);
  const holder = responsibleFor(key, sorted);
  const steps = (sorted.indexOf(holder) - sorted.indexOf(origin) + sorted.length) % sorted.length;
  // a peer that is its own successor holds every key at once
  if (sorted.length === 1) return 0;
  return steps === 0 && key !== origin ? sorted.length : steps;
}

describe('placement: every key from every origin lands on responsibleFor(key) and is found again', () => {
  const rings: PeerId[][] = [
    EXAMPLE_IDS,
    [0, 255],
    [0, 128],
    [7],
    [1, 2, 3],
    [0, 50, 100, 150, 200, 250],
    [3, 17, 99, 254],
  ];
  for (const ids of rings) {
    test(`ring [${ids.join(', ')}]`, () => {
      const ring = TestRing.of(ids);
      for (let key = 0; key < 256; key++) {
        const name = String(key).padStart(4, '0');
        const origin = ids[key % ids.length]!;
        const holder = responsibleFor(key, ids);
        const stored = ring.run(origin, 'store', name);
        assert.deepEqual(
          [stored.result.ok, stored.result.holder, stored.result.hops],
          [true, holder, expectedHops(ids, origin, key)],
          `store ${name} at ${origin}`,
        );
      }
      for (const id of ids) {
        const held = ring.machine(id).status().held;
        assert.ok(
          held.every((name) => responsibleFor(keyOf(name, 8), ids) === id),
          `peer ${id} holds ${held.join(' ')}`,
        );
      }
      for (const origin of ids) {
        for (let key = 0; key < 256; key += 5) {
          const name = String(key).padStart(4, '0');
          const found = ring.run(origin, 'request', name);
          assert.deepEqual(
            [found.result.ok, found.result.holder, found.result.hops],
            [true, responsibleFor(key, ids), expectedHops(ids, origin, key)],
            `request ${name} at ${origin}`,
          );
        }
      }
      assert.deepEqual(ring.undeliverable, []);
      assert.ok(ids.every((id) => ring.machine(id).status().pendingOps === 0));
    });
  }
});

// --- small rings ------------------------------------------------------------------------------

describe('a peer that has not joined a ring', () => {
  test('has no successors, sends no pings, and refuses stores and requests', () => {
    const m = lone(15, []);
    assert.deepEqual(ofType(m.handle({ type: 'start' }, 0), 'send'), []);
    const done = ofType(m.handle({ type: 'command', kind: 'store', op: 1, name: '2067' }, 0), 'complete');
    assert.deepEqual(
      done.map((d) => d.result),
      [{ ok: false, code: 'NOT_IN_RING', error: 'Peer 15 is not in a ring yet', ms: 0 }],
    );
  });
});

describe('a one-peer ring', () => {
  for (const successors of [[5, 5]]) {
    test(`peer 5 with successors [${successors.join(', ')}]: stores and requests stay local`, () => {
      const ring = new TestRing([[5, successors]]);
      const stored = ring.run(5, 'store', '1234'); // key 210
      assert.deepEqual(ring.allTexts(), { 5: ['Store 1234 request accepted'] });
      assert.deepEqual(stored.result, {
        ok: true,
        holder: 5,
        hops: 0,
        ms: 0,
        version: ring.disk(5).get('1234')!.version,
      });
      ring.clearLog();
      const found = ring.run(5, 'request', '1234');
      assert.deepEqual([found.result.ok, found.result.holder, found.result.hops], [true, 5, 0]);
      assert.ok(ring.texts(5).includes('File 1234 received'));
      ring.clearLog();
      const missing = ring.run(5, 'request', '9999');
      assert.deepEqual(ring.texts(5), ['no such file', 'File 9999 is not in the DHT: Peer 5 has no such file']);
      assert.deepEqual([missing.result.ok, missing.result.holder, missing.result.hops], [false, 5, 0]);
      assert.deepEqual(ring.sends(), []);
    });
  }

  test('start pings nobody, prints nothing, and schedules the next round', () => {
    const ring = new TestRing([[5, [5, 5]]]);
    ring.now = 100;
    const effects = ring.feed(5, { type: 'start' });
    assert.deepEqual(effects, [
      { type: 'schedule', timer: PING_TIMER, at: 100 + PING_INTERVAL_MS },
      { type: 'schedule', timer: SYNC_TIMER, at: 100 + PING_INTERVAL_MS }, // anti-entropy rounds (replication)
      { type: 'schedule', timer: SCRUB_TIMER, at: 100 + PING_INTERVAL_MS }, // the scrub's rounds (src/core/scrub.ts)
    ]);
    assert.deepEqual(ring.machine(5).status().pingMisses, {});
  });
});

describe('a two-peer ring (2→4,2  4→2,4)', () => {
  const spec: RingSpec = [
    [2, [4, 2]],
    [4, [2, 4]],
  ];
  test('successorsInRing gives the same lists', () => {
    assert.deepEqual([...successorsInRing([2, 4], 2).entries()], spec);
  });
  const cases: Array<[origin: PeerId, name: string, holder: PeerId, hops: number]> = [
    [2, '0003', 4, 1],
    [2, '0004', 4, 1],
    [2, '0005', 2, 2], // wraps: 2 -> 4 -> 2
    [2, '0002', 2, 0],
    [4, '0003', 4, 2], // 4 -> 2 -> 4
    [4, '0255', 2, 1],
    [4, '0004', 4, 0],
  ];
  for (const [origin, name, holder, hops] of cases) {
    test(`store ${name} at ${origin}: held by ${holder} after ${hops} hop(s)`, () => {
      const ring = new TestRing(spec);
      const done = ring.run(origin, 'store', name);
      assert.deepEqual([done.result.ok, done.result.holder, done.result.hops], [true, holder, hops]);
      assert.ok(ring.machine(holder).holds(name));
      assert.deepEqual(ring.texts(holder).at(-1), `Store ${name} request accepted`);
    });
  }
  test('pings: one each way, "Ping request sent to Peer 4" in the singular, first predecessors learned', () => {
    const ring = new TestRing(spec);
    ring.feed(2, { type: 'start' });
    ring.feed(4, { type: 'start' });
    ring.deliver();
    assert.deepEqual(ring.allTexts(), {
      2: [
        'Ping request sent to Peer 4',
        'Ping request message received from Peer 4',
        'Ping response received from Peer 4',
      ],
      4: [
        'Ping request sent to Peer 2',
        'Ping request message received from Peer 2',
        'Ping response received from Peer 2',
      ],
    });
    assert.deepEqual(ring.machine(2).status().predecessors, [4, null]);
    assert.deepEqual(ring.machine(4).status().predecessors, [2, null]);
    assert.deepEqual(ring.machine(2).status().pingMisses, { 4: 0 });
  });
});

// --- ping -------------------------------------------------------------------------------------

describe('ping rounds', () => {
  test('start sends ping requests over UDP with rank 1 and 2 and schedules the next round at now + interval', () => {
    const m = lone(2, [4, 5]);
    const effects = m.handle({ type: 'start' }, 1_000);
    assert.deepEqual(ofType(effects, 'send'), [
      { type: 'send', to: 4, transport: 'udp', message: { type: 'pingRequest', seq: 1, rank: 1 } },
      { type: 'send', to: 5, transport: 'udp', message: { type: 'pingRequest', seq: 1, rank: 2 } },
    ]);
    assert.deepEqual(
      ofType(effects, 'emit').map((e) => e.line),
      [{ event: 'ping.sent', text: 'Ping requests sent to Peers 4 and 5', to: [4, 5] }],
    );
    // The next round, and before it the moment an unanswered ping counts as a miss (half the interval, at most 2 s).
    assert.deepEqual(ofType(effects, 'schedule'), [
      { type: 'schedule', timer: { kind: 'pingTimeout' }, at: 1_000 + 2_000 },
      { type: 'schedule', timer: PING_TIMER, at: 1_000 + PING_INTERVAL_MS },
      { type: 'schedule', timer: SYNC_TIMER, at: 1_000 + PING_INTERVAL_MS },
      { type: 'schedule', timer: SCRUB_TIMER, at: 1_000 + PING_INTERVAL_MS },
    ]);
    assert.equal(effects.length, 7);

    const next = m.handle({ type: 'timer', timer: PING_TIMER }, 1_000 + PING_INTERVAL_MS);
    assert.deepEqual(
      ofType(next, 'send').map((s) => s.message),
      [
        { type: 'pingRequest', seq: 2, rank: 1 },
        { type: 'pingRequest', seq: 2, rank: 2 },
      ],
    );
    assert.deepEqual(
      ofType(next, 'schedule').map((e) => e.at),
      [1_000 + PING_INTERVAL_MS + 2_000, 1_000 + 2 * PING_INTERVAL_MS],
    );
  });

  test('a ping request teaches the receiver its predecessors and is answered over UDP', () => {
    const m = lone(4, [5, 8]);
    assert.deepEqual(m.status().predecessors, [null, null]);
    const effects = m.handle({ type: 'message', from: 2, message: { type: 'pingRequest', seq: 7, rank: 1 } }, 0);
    // The answer goes out before the line, so printing is not part of the round trip.
    assert.deepEqual(effects, [
      {
        type: 'send',
        to: 2,
        transport: 'udp',
        message: { type: 'pingResponse', seq: 7, successors: [5, 8], predecessor: 2 },
      },
      { type: 'emit', line: { event: 'ping.received', text: 'Ping request message received from Peer 2', from: 2 } },
      // a new predecessor: the files it should hold are compared soon (replication's anti-entropy)
      { type: 'schedule', timer: SYNC_TIMER, at: 2_000 },
    ]);
    assert.deepEqual(m.status().predecessors, [2, null]);
    m.handle({ type: 'message', from: 19, message: { type: 'pingRequest', seq: 1, rank: 2 } }, 0);
    assert.deepEqual(m.status().predecessors, [2, 19]);
    // a new first predecessor replaces the old one
    m.handle({ type: 'message', from: 3, message: { type: 'pingRequest', seq: 1, rank: 1 } }, 0);
    assert.deepEqual(m.status().predecessors, [3, 19]);
  });

  test('a rank other than 1 or 2 is answered but teaches nothing', () => {
    const m = lone(4, [5, 8]);
    for (const rank of [0, 3, -1]) {
      const effects = m.handle({ type: 'message', from: 2, message: { type: 'pingRequest', seq: 1, rank } }, 0);
      assert.equal(ofType(effects, 'send').length, 1);
    }
    assert.deepEqual(m.status().predecessors, [null, null]);
  });

  test('a message from an id outside the space is dropped without a word', () => {
    const m = lone(4, [5, 8]);
    for (const from of [256, -1, 2.5, Number.NaN]) {
      assert.deepEqual(m.handle({ type: 'message', from, message: { type: 'pingRequest', seq: 1, rank: 1 } }, 0), []);
    }
    assert.deepEqual(m.status().predecessors, [null, null]);
  });

  test('the whole example ring: every peer learns both predecessors, no misses', () => {
    const ring = new TestRing(EXAMPLE);
    ring.start();
    const predecessors: Record<number, [number, number]> = {
      2: [19, 14],
      4: [2, 19],
      5: [4, 2],
      8: [5, 4],
      9: [8, 5],
      14: [9, 8],
      19: [14, 9],
    };
    for (const [id, successors] of EXAMPLE) {
      const status = ring.machine(id).status();
      assert.deepEqual(status.predecessors, predecessors[id], `predecessors of ${id}`);
      assert.deepEqual(status.pingMisses, { [successors[0]!]: 0, [successors[1]!]: 0 });
      const [p1, p2] = predecessors[id]!;
      assert.deepEqual(
        [...ring.texts(id)].sort(),
        [
          `Ping request message received from Peer ${p1}`,
          `Ping request message received from Peer ${p2}`,
          `Ping requests sent to Peers ${successors[0]} and ${successors[1]}`,
          `Ping response received from Peer ${successors[0]}`,
          `Ping response received from Peer ${successors[1]}`,
        ].sort(),
      );
    }
    assert.ok(ring.delivered.every((d) => d.kind === 'send' && d.transport === 'udp'));
    assert.equal(ring.delivered.length, 2 * 2 * EXAMPLE.length);
  });

  test('a ping unanswered at its timeout is probed through others, quietly; still unanswered at the next timeout, a miss; a response resets the count', () => {
    const m = new PeerMachine(
      machineConfig(
        resolveConfig({ idBits: 8, pingIntervalMs: PING_INTERVAL_MS, opTimeoutMs: OP_TIMEOUT_MS, startupGraceMs: 0 }),
        { id: 2, successors: [4, 5] },
      ),
    );
    let now = 0;
    m.handle({ type: 'start' }, now);
    assert.deepEqual(m.status().pingMisses, { 4: 0, 5: 0 });
    for (let round = 1; round <= 2; round++) {
      const probed = m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, now + 2_000);
      assert.deepEqual(m.status().pingMisses, { 4: round - 1, 5: round - 1 }, `not a miss yet in round ${round}`);
      // Each silent successor is asked about through the other one (no predecessor has pinged 2 yet).
      assert.deepEqual(
        probed.flatMap((e) => (e.type === 'send' ? [[e.to, e.transport, e.message]] : [])),
        [
          [5, 'udp', { type: 'indirectProbe', target: 4, requester: 2, seq: round }],
          [4, 'udp', { type: 'indirectProbe', target: 5, requester: 2, seq: round }],
        ],
      );
      assert.deepEqual(
        probed.filter((e) => e.type === 'emit'),
        [],
        'no line for the indirect probes',
      );
      const missed = m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, now + 4_000);
      assert.deepEqual(m.status().pingMisses, { 4: round, 5: round }, `after round ${round}`);
      assert.deepEqual(
        missed.flatMap((e) => (e.type === 'emit' ? [e.line.text] : [])),
        [`No ping response from Peer 4 (${round} of 3 missed)`, `No ping response from Peer 5 (${round} of 3 missed)`],
      );
      now += PING_INTERVAL_MS;
      m.handle({ type: 'timer', timer: PING_TIMER }, now);
    }
    // The answer to the latest round (seq 3) arrives 3 ms later: its round trip time is reported.
    const pong = m.handle(
      { type: 'message', from: 4, message: { type: 'pingResponse', seq: 3, successors: [5, 8], predecessor: null } },
      now + 3,
    );
    assert.deepEqual(pong, [
      { type: 'emit', line: { event: 'ping.response', text: 'Ping response received from Peer 4', from: 4, rttMs: 3 } },
      {
        type: 'emit',
        line: {
          event: 'ping.recovered',
          text: 'Ping response received from Peer 4 again, after 2 missed',
          from: 4,
          misses: 2,
        },
      },
    ]);
    assert.deepEqual(m.status().pingMisses, { 4: 0, 5: 2 });
    // A late answer to an older round proves 5 alive (misses reset) but gives no round trip time.
    const late = m.handle(
      { type: 'message', from: 5, message: { type: 'pingResponse', seq: 1, successors: [8, 9], predecessor: null } },
      now + 4,
    );
    assert.deepEqual(late, [
      { type: 'emit', line: { event: 'ping.response', text: 'Ping response received from Peer 5', from: 5 } },
      {
        type: 'emit',
        line: {
          event: 'ping.recovered',
          text: 'Ping response received from Peer 5 again, after 2 missed',
          from: 5,
          misses: 2,
        },
      },
    ]);
    assert.deepEqual(m.status().pingMisses, { 4: 0, 5: 0 });
    // An answered round is no miss.
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, now + 2_000);
    assert.deepEqual(m.status().pingMisses, { 4: 0, 5: 0 });
  });

  test('a successor that never answered is not counted missing during its start-up grace', () => {
    const m = new PeerMachine(
      machineConfig(
        resolveConfig({ idBits: 8, pingIntervalMs: 1_000, opTimeoutMs: OP_TIMEOUT_MS, startupGraceMs: 5_000 }),
        { id: 2, successors: [4, 5] },
      ),
    );
    m.handle({ type: 'start' }, 0);
    m.handle(
      { type: 'message', from: 4, message: { type: 'pingResponse', seq: 1, successors: [5, 8], predecessor: null } },
      1,
    );
    for (let t = 1_000; t <= 4_000; t += 1_000) {
      m.handle({ type: 'timer', timer: PING_TIMER }, t);
      m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, t + 500); // 4 is probed through others
      m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, t + 999); // and its miss counts
    }
    // 4 answered once, so its later silence counts; 5 (never heard from) is still within its grace.
    assert.deepEqual(m.status().successors, [5, 8], '4 was declared gone after K = 3 misses; 5 was not');
    assert.deepEqual(m.status().pingMisses, { 5: 0, 8: 1 }, '8, adopted in the repair, gets no grace');
    m.handle({ type: 'timer', timer: PING_TIMER }, 5_000);
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 5_500);
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 5_999);
    assert.equal(m.status().pingMisses[5], 1, 'after the grace, silence counts');
  });

  test('successors not up yet are pinged again at each ping timeout of the grace, quietly, until they answer', () => {
    const m = new PeerMachine(
      machineConfig(
        resolveConfig({ idBits: 8, pingIntervalMs: 1_000, opTimeoutMs: OP_TIMEOUT_MS, startupGraceMs: 5_000 }),
        { id: 2, successors: [4, 5] },
      ),
    );
    const pinged = (effects: Effect[]) =>
      effects.flatMap((e) => (e.type === 'send' && e.message.type === 'pingRequest' ? [e.to] : []));
    assert.deepEqual(pinged(m.handle({ type: 'start' }, 0)), [4, 5]);
    const retry = m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 500);
    assert.deepEqual(pinged(retry), [4, 5], 'asked again half an interval later, not at the next round');
    assert.deepEqual(
      retry.filter((e) => e.type === 'emit'),
      [],
      'no line: the original prints one per round',
    );
    assert.ok(retry.some((e) => e.type === 'schedule' && e.timer.kind === 'pingTimeout' && e.at === 1_000));
    m.handle(
      { type: 'message', from: 4, message: { type: 'pingResponse', seq: 1, successors: [5, 8], predecessor: null } },
      600,
    );
    assert.deepEqual(pinged(m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 1_000)), [5], '4 answered');
    // After the grace nothing is retried, and a round's silence is one miss however often its timeout fires.
    m.handle({ type: 'timer', timer: PING_TIMER }, 6_000);
    assert.deepEqual(pinged(m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 6_500)), []);
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 6_700);
    assert.deepEqual(m.status().pingMisses, { 4: 1, 5: 1 });
  });

  test('a ping response from a peer that is not a successor is ignored', () => {
    const m = new PeerMachine(
      machineConfig(
        resolveConfig({ idBits: 8, pingIntervalMs: PING_INTERVAL_MS, opTimeoutMs: OP_TIMEOUT_MS, startupGraceMs: 0 }),
        { id: 2, successors: [4, 5] },
      ),
    );
    m.handle({ type: 'start' }, 0);
    assert.deepEqual(
      m.handle(
        {
          type: 'message',
          from: 9,
          message: { type: 'pingResponse', seq: 1, successors: [14, 19], predecessor: null },
        },
        1,
      ),
      [],
    );
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 2_000);
    m.handle({ type: 'timer', timer: { kind: 'pingTimeout' } }, 4_000);
    assert.deepEqual(m.status().pingMisses, { 4: 1, 5: 1 });
  });
});

// --- op deadline ------------------------------------------------------------------------------

describe('op deadline', () => {
  test('the op timer completes a pending store with ok:false; a late storeReady is ignored', () => {
    const ring = new TestRing(EXAMPLE, { opTimeoutMs: 5_000 });
    const op = ring.command(8, 'store', '2067');
    ring.deliver((next) => next.kind === 'send' && next.message.type === 'storeReady');
    const effects = ring.fire(8, { kind: 'op', op });
    assert.deepEqual(effects, [
      {
        type: 'complete',
        op,
        kind: 'store',
        name: '2067',
        result: { ok: false, code: 'TIMEOUT', error: 'store 2067 had no answer within 5 s', hops: 0, ms: 5_000 },
      },
    ]);
    assert.equal(ring.machine(8).status().pendingOps, 0);
    ring.deliver();
    assert.deepEqual(
      ring.delivered.filter((d) => d.kind === 'transfer'),
      [],
    );
    assert.equal(ring.completions.length, 1);
    assert.equal(ring.machine(19).holds('2067'), false);
    // the holder's expectation runs out too; a transfer after that is refused
    ring.fire(19, { kind: 'expect', origin: 8, op });
    const late = ring.feed(19, {
      type: 'transferStarted',
      transfer: 99,
      ref: { purpose: 'store', peer: 8, op, origin: 8, name: '2067', hops: 3 },
    });
    assert.deepEqual(late, [
      { type: 'refuseTransfer', transfer: 99, reason: 'no store of 2067 was accepted from Peer 8' },
    ]);
  });

  test('a request that times out before the file arrives: the requester refuses it and the holder says the send failed', () => {
    const ring = new TestRing(EXAMPLE, { held: { 8: ['4103'] } });
    const op = ring.command(2, 'request', '4103');
    ring.deliver((next) => next.kind === 'transfer');
    const effects = ring.fire(2, { kind: 'op', op });
    assert.deepEqual(
      ofType(effects, 'complete').map((c) => c.result),
      [
        {
          ok: false,
          code: 'TIMEOUT',
          error: `request 4103 had no answer within ${OP_TIMEOUT_MS / 1000} s`,
          hops: 0,
          ms: OP_TIMEOUT_MS,
        },
      ],
    );
    ring.deliver();
    assert.deepEqual(ring.refusals, [{ peer: 2, transfer: 1, reason: 'Peer 2 did not request 4103' }]);
    assert.deepEqual(ring.texts(8), [
      'File 4103 is stored here',
      'Sending file 4103 to Peer 2',
      'Sending file 4103 to Peer 2 failed: Peer 2 did not request 4103',
    ]);
    assert.deepEqual(ring.texts(2), ['File request for 4103 has been sent to my successor']);
    assert.equal(ring.completions.length, 1);
  });

  test("a store whose holder stopped expecting it fails at the origin with the holder's reason", () => {
    const ring = new TestRing(EXAMPLE);
    const op = ring.command(8, 'store', '2067');
    ring.deliver((next) => next.kind === 'transfer');
    const expiresAt = ring.scheduled(19, { kind: 'expect', origin: 8, op })!;
    assert.equal(expiresAt, 5 + OP_TIMEOUT_MS); // scheduled when the lookup reached 19: three hops and two acks in
    ring.fire(19, { kind: 'expect', origin: 8, op });
    ring.deliver();
    // A refusal says nothing more: the origin waits the hop timeout (2 s here) for a word from the holder, then fails.
    ring.fire(8, { kind: 'op', op });
    assert.deepEqual(ring.completionOf(8, op).result, {
      ok: false,
      code: 'TRANSFER_FAILED',
      error: 'storing 2067 at Peer 19 failed: no store of 2067 was accepted from Peer 8',
      holder: 19,
      hops: 3,
      ms: expiresAt + 1 + 2_000,
    });
    assert.deepEqual(ring.texts(19), []);
    assert.equal(ring.machine(19).holds('2067'), false);
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined);
  });

  test('a store whose transfer fails at the receiver: "failed" line there, failure at the origin', () => {
    const m19 = lone(19, [2, 4]);
    m19.handle(
      {
        type: 'message',
        from: 14,
        message: storeLookup(3, true, { op: 3 }),
      },
      0,
    );
    const ref: TransferRef = { purpose: 'store', peer: 8, op: 3, origin: 8, name: '2067', hops: 3 };
    assert.deepEqual(m19.handle({ type: 'transferStarted', transfer: 1, ref }, 1), [
      { type: 'admitTransfer', transfer: 1, version: { stamp: 1, origin: 8, op: 3 }, pending: true },
    ]);
    const failed = m19.handle({ type: 'transferReceived', ref, error: 'digest mismatch' }, 2);
    assert.deepEqual(
      ofType(failed, 'emit').map((e) => e.line.text),
      ['Store 2067 request from Peer 8 failed: digest mismatch'],
    );
    const told = ofType(failed, 'send').map((s) => s.message);
    assert.deepEqual(
      told,
      [{ type: 'stored', op: 3, name: '2067', hops: 3, copies: 0, error: 'digest mismatch' }],
      'the origin hears why',
    );
    assert.equal(m19.holds('2067'), false);

    const m8 = lone(8, [9, 14]);
    m8.handle({ type: 'command', kind: 'store', op: 3, name: '2067' }, 0);
    m8.handle({ type: 'message', from: 19, message: { type: 'storeReady', op: 3, name: '2067', hops: 3 } }, 4);
    const sent = m8.handle({ type: 'transferSent', ref: { ...ref, peer: 19 }, error: 'digest mismatch' }, 6);
    assert.deepEqual(ofType(sent, 'complete'), [], "it waits for the holder's word");
    const done = m8.handle({ type: 'message', from: 19, message: told[0]! }, 7);
    assert.deepEqual(
      ofType(done, 'complete').map((c) => c.result),
      [
        {
          ok: false,
          code: 'STORE_FAILED',
          error: 'storing 2067 at Peer 19 failed: digest mismatch',
          holder: 19,
          hops: 3,
          ms: 7,
        },
      ],
    );
  });
});

// --- transfers nobody asked for ----------------------------------------------------------------

describe('a transfer that nobody asked for is refused', () => {
  const storeRef: TransferRef = { purpose: 'store', peer: 8, op: 1, origin: 8, name: '2067', hops: 3 };
  const deliverRef: TransferRef = { purpose: 'deliver', peer: 8, op: 1, origin: 2, name: '4103', hops: 3 };

  test('store: no store was accepted', () => {
    const m = lone(19, [2, 4]);
    assert.deepEqual(m.handle({ type: 'transferStarted', transfer: 5, ref: storeRef }, 0), [
      { type: 'refuseTransfer', transfer: 5, reason: 'no store of 2067 was accepted from Peer 8' },
    ]);
  });

  test('store: accepted from its origin, but pushed by another peer', () => {
    const m = lone(19, [2, 4]);
    m.handle(
      {
        type: 'message',
        from: 14,
        message: storeLookup(3, true),
      },
      0,
    );
    const relayed = m.handle({ type: 'transferStarted', transfer: 6, ref: { ...storeRef, peer: 14 } }, 0);
    assert.deepEqual(relayed, [
      { type: 'refuseTransfer', transfer: 6, reason: 'no store of 2067 was accepted from Peer 14' },
    ]);
    const otherName = m.handle({ type: 'transferStarted', transfer: 7, ref: { ...storeRef, name: '2068' } }, 0);
    assert.deepEqual(ofType(otherName, 'refuseTransfer').length, 1);
    const otherOp = m.handle({ type: 'transferStarted', transfer: 8, ref: { ...storeRef, op: 2 } }, 0);
    assert.deepEqual(ofType(otherOp, 'refuseTransfer').length, 1);
    // the one that was accepted goes through
    assert.deepEqual(
      ofType(m.handle({ type: 'transferStarted', transfer: 9, ref: storeRef }, 0), 'admitTransfer').map(
        (a) => a.transfer,
      ),
      [9],
    );
  });

  test('deliver: no request under way', () => {
    const m = lone(2, [4, 5]);
    assert.deepEqual(m.handle({ type: 'transferStarted', transfer: 5, ref: deliverRef }, 0), [
      { type: 'refuseTransfer', transfer: 5, reason: 'Peer 2 did not request 4103' },
    ]);
  });

  const mismatches: Array<[why: string, ref: TransferRef]> = [
    ['for another origin', { ...deliverRef, origin: 4 }],
    ['for another name', { ...deliverRef, name: '4104' }],
    ['for another op', { ...deliverRef, op: 2 }],
  ];
  for (const [why, ref] of mismatches) {
    test(`deliver: a file ${why} than the pending request`, () => {
      const m = lone(2, [4, 5]);
      m.handle({ type: 'command', kind: 'request', op: 1, name: '4103' }, 0);
      assert.equal(ofType(m.handle({ type: 'transferStarted', transfer: 5, ref }, 0), 'refuseTransfer').length, 1);
      assert.equal(m.status().pendingOps, 1);
    });
  }

  test('deliver: the op under way is a store, not a request', () => {
    const m = lone(2, [4, 5]);
    m.handle({ type: 'command', kind: 'store', op: 1, name: '4103' }, 0);
    assert.equal(
      ofType(m.handle({ type: 'transferStarted', transfer: 5, ref: deliverRef }, 0), 'refuseTransfer').length,
      1,
    );
  });
});

// --- invalid commands ---------------------------------------------------------------------------

describe('invalid names complete with ok:false and send nothing', () => {
  for (const kind of ['store', 'request'] as const) {
    for (const name of ['', 'a/b', '..', '2067\n', 'x'.repeat(256)]) {
      test(`${kind} ${JSON.stringify(name.slice(0, 20))}`, () => {
        const m = lone(8, [9, 14]);
        const effects = m.handle({ type: 'command', kind, op: 4, name }, 123);
        assert.deepEqual(effects, [
          {
            type: 'complete',
            op: 4,
            kind,
            name,
            result: { ok: false, code: 'BAD_NAME', error: fileNameProblem(name), ms: 0 },
          },
        ]);
        assert.ok(fileNameProblem(name)!.length > 0);
        assert.equal(m.status().pendingOps, 0);
      });
    }
  }

  test('a machine with no name hash places four-digit names only, and says so', () => {
    const m = lone(8, [9, 14]);
    const effects = m.handle({ type: 'command', kind: 'store', op: 4, name: 'report.pdf' }, 0);
    assert.deepEqual(effects, [
      {
        type: 'complete',
        op: 4,
        kind: 'store',
        name: 'report.pdf',
        result: {
          ok: false,
          code: 'BAD_NAME',
          error: 'file name "report.pdf" is not valid here: this peer places four-digit names only',
          ms: 0,
        },
      },
    ]);
  });

  test('an op id already under way is ignored, and the first op completes once under it', () => {
    const ring = new TestRing(EXAMPLE);
    assert.equal(ring.command(8, 'store', '2067'), 1);
    const again = ring.feed(8, { type: 'command', kind: 'request', op: 1, name: '4103' });
    assert.deepEqual(again, []);
    ring.deliver();
    const done = ring.completions.filter((c) => c.peer === 8 && c.op === 1);
    assert.equal(done.length, 1);
    assert.deepEqual([done[0]!.kind, done[0]!.result.ok, done[0]!.result.holder], ['store', true, 19]);
  });
});

// --- an op's deadline and its transfer ------------------------------------------------------

describe('once its file is on the way, an op is decided by the transfer, not by the deadline', () => {
  test('store: the deadline is cancelled when the transfer starts, and the result agrees with the holder', () => {
    const ring = new TestRing(EXAMPLE);
    const op = ring.command(8, 'store', '2067');
    ring.deliver((next) => next.kind === 'transfer');
    assert.equal(ring.scheduled(8, { kind: 'op', op }), undefined, 'the op deadline is no longer scheduled');
    ring.deliver();
    const done = ring.completionOf(8, op);
    assert.deepEqual([done.result.ok, ring.machine(19).holds('2067')], [true, true]);
  });

  test('store: a transfer that fails completes the op with the reason', () => {
    const ring = new TestRing(EXAMPLE);
    const op = ring.command(8, 'store', '2067');
    ring.deliver((next) => next.kind === 'transfer');
    const head = ring.queue.shift() as Extract<Delivery, { kind: 'transfer' }>;
    head.fail('connection reset by the peer');
    ring.fire(8, { kind: 'op', op }); // no word from the holder within the hop timeout
    const done = ring.completionOf(8, op);
    assert.deepEqual(
      [done.result.ok, done.result.ok ? '' : done.result.error],
      [false, 'storing 2067 at Peer 19 failed: connection reset by the peer'],
    );
  });

  test('request: the deadline is cancelled when the file starts arriving, and "File 4103 received" completes it', () => {
    const ring = new TestRing(EXAMPLE, { held: { 8: ['4103'] } });
    const op = ring.command(2, 'request', '4103');
    ring.deliver((next) => next.kind === 'transfer');
    const head = ring.queue.shift() as Extract<Delivery, { kind: 'transfer' }>;
    const received: TransferRef = { ...head.ref, peer: 8 };
    assert.deepEqual(
      ofType(ring.feed(2, { type: 'transferStarted', transfer: 1, ref: received }), 'refuseTransfer'),
      [],
    );
    assert.equal(ring.scheduled(2, { kind: 'op', op }), undefined, 'the op deadline is no longer scheduled');
    // a second transfer for the same request is refused
    assert.equal(
      ofType(ring.feed(2, { type: 'transferStarted', transfer: 2, ref: received }), 'refuseTransfer').length,
      1,
    );
    ring.feed(2, { type: 'transferReceived', ref: received });
    const done = ring.completionOf(2, op);
    assert.deepEqual([done.result.ok, ring.texts(2).includes('File 4103 received')], [true, true]);
  });
});

describe('lookups off the network are checked against their name', () => {
  test("a lookup whose key is not its name's is dropped", () => {
    const ring = new TestRing(EXAMPLE);
    const effects = ring.feed(9, {
      type: 'message',
      from: 8,
      message: storeLookup(1, false, { key: 20 }),
    });
    assert.deepEqual(effects, []);
  });

  test('a second storeReady for one store starts no second transfer', () => {
    const ring = new TestRing(EXAMPLE);
    const op = ring.command(8, 'store', '2067');
    ring.deliver((next) => next.kind === 'transfer');
    const again = ring.feed(8, {
      type: 'message',
      from: 19,
      message: { type: 'storeReady', op, name: '2067', hops: 3 },
    });
    assert.deepEqual(ofType(again, 'transfer'), []);
  });
});

describe('a failed outcome carries a code beside its sentence', () => {
  const failures: Array<[code: OpErrorCode, why: string, run: () => OpResult]> = [
    ['BAD_NAME', 'a store of a name that is not valid', () => new TestRing(EXAMPLE).run(8, 'store', 'a/b').result],
    [
      'NOT_IN_RING',
      'a request at a peer that has not joined',
      () => {
        const ring = new TestRing(EXAMPLE);
        ring.addPeer(15);
        return ring.run(15, 'request', '2067').result;
      },
    ],
    ['NOT_FOUND', 'a request of a file nobody stored', () => new TestRing(EXAMPLE).run(2, 'request', '9000').result],
    [
      'TIMEOUT',
      'a request with no answer by its deadline',
      () => {
        const ring = new TestRing(EXAMPLE);
        const op = ring.command(2, 'request', '9000');
        ring.fire(2, { kind: 'op', op });
        return ring.completionOf(2, op).result;
      },
    ],
    [
      'STORE_FAILED',
      'a store its responsible peer could not write (its replicas confirm their discards)',
      () => {
        const ring = new TestRing(EXAMPLE, { replicas: 3 });
        ring.diskErrors.set(19, 'no space left on device');
        return ring.run(8, 'store', '2067').result;
      },
    ],
    [
      'TRANSFER_FAILED',
      'a store whose file did not get through to its holder',
      () => {
        const ring = new TestRing(EXAMPLE);
        const op = ring.command(8, 'store', '2067');
        ring.deliver((next) => next.kind === 'transfer');
        const head = ring.queue.shift() as Extract<Delivery, { kind: 'transfer' }>;
        head.fail('connection reset');
        ring.fire(8, { kind: 'op', op });
        return ring.completionOf(8, op).result;
      },
    ],
    [
      'SEND_FAILED',
      'a request whose holder could not read the file',
      () => {
        const ring = new TestRing(EXAMPLE, { held: { 8: ['4103'] } });
        const op = ring.command(2, 'request', '4103');
        ring.deliver((next) => next.kind === 'transfer');
        const head = ring.queue.shift() as Extract<Delivery, { kind: 'transfer' }>;
        ring.feed(head.from, { type: 'transferSent', ref: head.ref, error: 'File 4103 is no longer stored here' });
        ring.deliver();
        return ring.completionOf(2, op).result;
      },
    ],
    [
      'ALREADY_IN_RING',
      'a join by a peer in a ring',
      () => {
        const ring = new TestRing(EXAMPLE);
        const op = ring.join(8, 2);
        return ring.completions.find((c) => c.op === op)!.result;
      },
    ],
    [
      'BAD_PEER',
      'a join through the joining peer itself',
      () => {
        const ring = new TestRing(EXAMPLE);
        ring.addPeer(15);
        const op = ring.join(15, 15);
        return ring.completions.find((c) => c.op === op)!.result;
      },
    ],
  ];

  for (const [code, why, run] of failures) {
    test(`${code}: ${why}`, () => {
      const result = run();
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.code, code);
      assert.ok(!result.ok && result.error.length > 0, 'and a sentence for people');
    });
  }
});

describe('a delivery that fails', () => {
  const deliverRef = (peer: PeerId): TransferRef => ({
    purpose: 'deliver',
    peer,
    op: 1,
    origin: 2,
    name: '4103',
    hops: 3,
  });
  /** 2 requests 4103, and 8 starts delivering it. */
  const requestingFrom8 = () => {
    const m = lone(2, [4, 5]);
    m.handle({ type: 'command', kind: 'request', op: 1, name: '4103' }, 0);
    m.handle({ type: 'transferStarted', transfer: 1, ref: deliverRef(8) }, 10);
    return m;
  };
  /** [ok, holder] of the request as `holder`'s delivery ends whole at `now`. */
  const completedBy = (m: PeerMachine, holder: PeerId, now: number) =>
    ofType(m.handle({ type: 'transferReceived', ref: deliverRef(holder) }, now), 'complete').map((d) => [
      d.result.ok,
      d.result.holder,
    ]);

  test("another holder may still send the file (the first one's copy was unreadable): the request takes it", () => {
    const m = requestingFrom8();
    const failed = m.handle(
      { type: 'transferReceived', ref: deliverRef(8), error: 'connection closed before the whole file arrived' },
      20,
    );
    assert.deepEqual(ofType(failed, 'complete'), [], 'not failed yet');
    assert.deepEqual(
      ofType(failed, 'schedule').map((s) => s.at),
      [20 + 2_000],
      'the hop timeout: half the ping interval, at most 2 s',
    );
    assert.deepEqual(
      ofType(m.handle({ type: 'transferStarted', transfer: 2, ref: deliverRef(9) }, 30), 'admitTransfer').length,
      1,
    );
    assert.deepEqual(completedBy(m, 9, 40), [[true, 9]]);
  });

  test("another holder's delivery replaces one under way (whose holder found its copy damaged half-way); the first one's failure is then ignored", () => {
    const m = requestingFrom8();
    assert.equal(
      ofType(m.handle({ type: 'transferStarted', transfer: 2, ref: deliverRef(8) }, 11), 'refuseTransfer').length,
      1,
      'the same holder again',
    );
    assert.equal(
      ofType(m.handle({ type: 'transferStarted', transfer: 3, ref: deliverRef(9) }, 12), 'admitTransfer').length,
      1,
    );
    assert.deepEqual(
      m.handle(
        { type: 'transferReceived', ref: deliverRef(8), error: 'connection closed before the whole file arrived' },
        13,
      ),
      [],
    );
    assert.deepEqual(completedBy(m, 9, 14), [[true, 9]]);
  });

  test("with nothing else coming, the request fails with the delivery's reason once the hop timeout passes", () => {
    const m = requestingFrom8();
    m.handle({ type: 'transferReceived', ref: deliverRef(8), error: 'connection reset by the peer' }, 20);
    const done = ofType(m.handle({ type: 'timer', timer: { kind: 'op', op: 1 } }, 2_020), 'complete');
    assert.deepEqual(
      done.map((d) => [d.result.ok, d.result.ok ? '' : d.result.code, d.result.ok ? '' : d.result.error]),
      [[false, 'TRANSFER_FAILED', 'receiving File 4103 from Peer 8 failed: connection reset by the peer']],
    );
  });
});
