// SWIM in the pure core: indirect probes before a miss counts, suspicion, and refutation by a raised incarnation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect } from '../../src/core/io.ts';
import { Membership, type MembershipConfig, type OpBook } from '../../src/core/membership.ts';
import type { Message } from '../../src/core/messages.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { EXAMPLE, started, TestRing } from './harness.ts';

/** Starts every peer's ping rounds and plays one, so predecessors are known, and the indirect probes' timeouts too. */
function startedProbed(ring: TestRing): TestRing {
  started(ring).fireAll({ kind: 'pingTimeout' });
  return ring;
}

/** Lines other than the ping lines a settled ring prints every round. */
function unusual(ring: TestRing, peer: PeerId): string[] {
  return ring
    .texts(peer)
    .filter((t) => !/^Ping (requests? sent to|request message received from|response received from Peer \d+$)/.test(t));
}

const sentOfType = (ring: TestRing, type: Message['type']) =>
  ring.delivered.flatMap((d) => (d.kind === 'send' && d.message.type === type ? [d] : []));

describe('indirect probes', () => {
  test('a successor whose direct pings are lost is heard through the helpers: no miss, and no line anywhere', () => {
    const ring = startedProbed(new TestRing(EXAMPLE));
    ring.clearLog();
    ring.delivered.length = 0;
    ring.cut = (from, to, transport) => from === 9 && to === 14 && transport === 'udp';
    for (let round = 0; round < 4; round++) ring.pingRound();
    assert.deepEqual(ring.machine(9).status().pingMisses, { 14: 0, 19: 0 });
    assert.deepEqual(ring.machine(9).status().successors, [14, 19]);
    // 9 asked its other successor and both predecessors, each round; they passed it on and 14's answers came back.
    const asked = sentOfType(ring, 'indirectProbe').filter((d) => d.from === 9);
    assert.deepEqual(
      [...new Set(asked.map((d) => d.to))].sort((a, b) => a - b),
      [5, 8, 19],
    );
    assert.ok(sentOfType(ring, 'indirectAck').some((d) => d.to === 9 && d.from !== 14));
    assert.deepEqual(sentOfType(ring, 'suspect'), [], 'never suspected');
    for (const id of ring.machines.keys()) assert.deepEqual(unusual(ring, id), [], `peer ${id} printed nothing new`);
  });

  test('with no indirect probes (k = 0) the same loss is the original behaviour: three misses and a death', () => {
    const ring = startedProbed(new TestRing(EXAMPLE, { indirectProbes: 0 }));
    ring.clearLog();
    ring.cut = (from, to, transport) => from === 9 && to === 14 && transport === 'udp';
    for (let round = 0; round < 3; round++) ring.pingRound();
    assert.ok(ring.texts(9).includes('Peer 14 is no longer alive'));
    assert.deepEqual(sentOfType(ring, 'indirectProbe'), []);
  });

  test('a round that starts before the indirect probes time out ends them: the miss counts, and K of them are a death', () => {
    // Ping timeout half the interval: the probes' timeout falls on the next round, and a real timer may fire after it.
    const m = membership({ id: 10, successors: [20, 30] });
    const said: string[] = [];
    const texts = (out: Effect[]) => out.flatMap((e) => (e.type === 'emit' ? [e.line.text] : []));
    m.start(0, []);
    for (let round = 0; round < 3; round++) {
      const start = round * 1_000;
      const pong = { type: 'pingResponse' as const, seq: round + 1, successors: [30, 10], predecessor: 10 };
      m.onPingResponse(20, pong, start + 1, []);
      const direct: Effect[] = [];
      m.pingTimeout(start + 500.5, direct); // 30 is silent: probed through others, due at start + 1000.5
      said.push(...texts(direct));
      const next: Effect[] = [];
      m.pingRound(start + 1_000, next); // the next round comes first
      said.push(...texts(next));
    }
    assert.deepEqual(
      said.filter((t) => !t.startsWith('Ping')),
      [
        'No ping response from Peer 30 (1 of 3 missed)',
        'No ping response from Peer 30 (2 of 3 missed)',
        'No ping response from Peer 30 (3 of 3 missed)',
        'Peer 30 is no longer alive',
        'My new first successor is Peer 20',
        'My new second successor is Peer 10',
      ],
    );
  });

  test('a helper passes on only a probe sent by its requester, and a peer outside a ring does not answer', () => {
    const helper = membership({ id: 19, successors: [2, 4] });
    const probe = { type: 'indirectProbe' as const, target: 4, requester: 9, seq: 3 };
    assert.deepEqual(
      sends(helper, (out) => helper.onIndirectProbe(9, probe, out)),
      [[4, 'udp', probe]],
    );
    assert.deepEqual(
      sends(helper, (out) => helper.onIndirectProbe(8, probe, out)),
      [],
      'not from the requester: dropped',
    );
    const target = membership({ id: 4, successors: [5, 8] });
    assert.deepEqual(
      sends(target, (out) => target.onIndirectProbe(19, probe, out)),
      [[19, 'udp', { type: 'indirectAck', target: 4, requester: 9, seq: 3, incarnation: 0 }]],
    );
    const outside = membership({ id: 4, successors: [] });
    assert.deepEqual(
      sends(outside, (out) => outside.onIndirectProbe(19, probe, out)),
      [],
    );
    // The helper passes the target's answer back to the requester, and only the target's.
    const ack = { type: 'indirectAck' as const, target: 4, requester: 9, seq: 3, incarnation: 0 };
    assert.deepEqual(
      sends(helper, (out) => helper.onIndirectAck(4, ack, out)),
      [[9, 'udp', ack]],
    );
    assert.deepEqual(
      sends(helper, (out) => helper.onIndirectAck(5, ack, out)),
      [],
    );
  });
});

describe('suspicion and refutation', () => {
  test('a peer whose every datagram is lost (TCP still works) refutes each suspicion and is never declared dead', () => {
    const ring = startedProbed(new TestRing(EXAMPLE));
    ring.clearLog();
    ring.delivered.length = 0;
    ring.cut = (_from, to, transport) => to === 14 && transport === 'udp';
    for (let round = 0; round < 6; round++) ring.pingRound();
    for (const id of [8, 9]) {
      assert.ok(!ring.texts(id).includes('Peer 14 is no longer alive'), `peer ${id} keeps 14`);
      assert.ok(ring.machine(id).status().successors.includes(14));
      // A miss is printed as the original prints it, then refuted (to 14's predecessors at once): never two in a row.
      assert.ok(!ring.texts(id).includes('No ping response from Peer 14 (2 of 3 missed)'));
    }
    assert.ok(
      [8, 9].some((id) => ring.texts(id).includes('No ping response from Peer 14 (1 of 3 missed)')),
      'suspected: one round went unanswered, indirect probes included',
    );
    const alive = sentOfType(ring, 'alive').filter((d) => d.from === 14);
    assert.ok(alive.length > 0);
    const incarnations = alive.map((d) => (d.message.type === 'alive' ? d.message.incarnation : -1));
    assert.ok(
      incarnations.every((n, i) => i === 0 || n >= incarnations[i - 1]!),
      'raised, never lowered',
    );
    assert.ok(incarnations.at(-1)! >= 2, 'raised again for each new suspicion');
    assert.deepEqual(unusual(ring, 19), [], 'a helper prints nothing');
  });

  test('with every datagram and every message to it lost, a peer is declared dead after K rounds, with the original lines', () => {
    const ring = startedProbed(new TestRing(EXAMPLE));
    ring.clearLog();
    ring.cut = (_from, to) => to === 14;
    for (let round = 0; round < 3; round++) ring.pingRound();
    assert.deepEqual(unusual(ring, 9), [
      'No ping response from Peer 14 (1 of 3 missed)',
      'No ping response from Peer 14 (2 of 3 missed)',
      'No ping response from Peer 14 (3 of 3 missed)',
      'Peer 14 is no longer alive',
      'My new first successor is Peer 19',
      'My new second successor is Peer 2',
    ]);
  });

  test('the suspected peer raises its incarnation above the suspected one; a stale suspicion is answered, not raised', () => {
    const m = membership({ id: 14, successors: [19, 2] });
    m.onPingRequest(9, { type: 'pingRequest', seq: 1, rank: 1 }, 0, []);
    const refuted = sends(m, (out) => m.onSuspect(9, { type: 'suspect', peer: 14, incarnation: 4 }, 1, out));
    assert.deepEqual(refuted, [[9, 'tcp', { type: 'alive', peer: 14, incarnation: 5 }]]);
    const stale = sends(m, (out) => m.onSuspect(8, { type: 'suspect', peer: 14, incarnation: 2 }, 2, out));
    assert.deepEqual(stale, [
      [8, 'tcp', { type: 'alive', peer: 14, incarnation: 5 }],
      [9, 'tcp', { type: 'alive', peer: 14, incarnation: 5 }],
    ]);
    // Its ping responses carry it from now on.
    const pong = sends(m, (out) => m.onPingRequest(9, { type: 'pingRequest', seq: 2, rank: 1 }, 3, out));
    assert.equal(pong[0]?.[2].type === 'pingResponse' ? pong[0][2].incarnation : undefined, 5);
  });

  test('a helper forgets a suspicion when the peer refutes it with a higher incarnation, not a lower one', () => {
    const helper = membership({ id: 19, successors: [2, 4] });
    helper.onSuspect(9, { type: 'suspect', peer: 14, incarnation: 3 }, 0, []);
    assert.deepEqual(helper.heardSuspected(), [14]);
    helper.onAlive(14, { type: 'alive', peer: 14, incarnation: 3 }, []);
    assert.deepEqual(helper.heardSuspected(), [14], 'not above the suspected incarnation');
    helper.onAlive(9, { type: 'alive', peer: 14, incarnation: 4 }, []);
    assert.deepEqual(helper.heardSuspected(), []);
  });

  test('a helper keeps at most 64 suspicions, the newest, whoever sends them', () => {
    const helper = membership({ id: 19, successors: [2, 4] });
    for (let peer = 0; peer < 200; peer++) helper.onSuspect(9, { type: 'suspect', peer, incarnation: 0 }, peer, []);
    assert.deepEqual(
      helper.heardSuspected(),
      Array.from({ length: 64 }, (_, i) => 136 + i),
    );
  });

  test('the suspecter passes the refutation on to the helpers it told, so the suspicion ends everywhere it went', () => {
    const ring = startedProbed(new TestRing(EXAMPLE));
    ring.delivered.length = 0;
    // One round in which 14 hears no datagram at all: its pingers suspect it and tell their helpers.
    ring.cut = (_from, to, transport) => to === 14 && transport === 'udp';
    ring.pingRound();
    ring.cut = undefined;
    const told = sentOfType(ring, 'suspect').filter((d) => d.to !== 14);
    assert.ok(told.length > 0);
    for (const { to } of told) {
      assert.deepEqual(ring.machine(to).status().pingMisses[14] ?? 0, 0, `helper ${to}`);
      assert.ok(
        sentOfType(ring, 'alive').some((d) => d.to === to),
        `helper ${to} heard the refutation`,
      );
    }
  });
});

// --- a Membership driven directly -----------------------------------------------------------

const ops: OpBook = { open: () => true, finish: () => {} };

function membership(given: Pick<MembershipConfig, 'id' | 'successors'>): Membership {
  return new Membership(
    {
      idBits: 8,
      pingIntervalMs: 1_000,
      pingTimeoutMs: 500,
      pingMissLimit: 3,
      indirectProbes: 3,
      startupGraceMs: 0,
      successorCount: 2,
      joinTimeoutMs: 5_000,
      departTimeoutMs: 2_000,
      ...given,
    },
    ops,
  );
}

/** The messages a call sends, as [to, transport, message]. */
function sends(_m: Membership, call: (out: Effect[]) => void): Array<[PeerId, 'udp' | 'tcp', Message]> {
  const out: Effect[] = [];
  call(out);
  return out.flatMap((e) =>
    e.type === 'send' ? [[e.to, e.transport, e.message] as [PeerId, 'udp' | 'tcp', Message]] : [],
  );
}

describe('fast repair', () => {
  const wide = (answered30: boolean) => {
    const m = new Membership(
      {
        id: 3,
        idBits: 8,
        successors: [17, 30, 44, 61],
        successorCount: 4,
        pingIntervalMs: 1_000,
        pingTimeoutMs: 500,
        pingMissLimit: 3,
        indirectProbes: 3,
        startupGraceMs: 0,
        joinTimeoutMs: 5_000,
        departTimeoutMs: 2_000,
      },
      ops,
    );
    m.start(0, []);
    if (answered30)
      m.onPingResponse(30, { type: 'pingResponse', seq: 1, successors: [44, 61, 77], predecessor: 17 }, 1, []);
    return m;
  };
  const report = { type: 'pingResponse' as const, seq: 1, successors: [44, 61, 77, 90], predecessor: 3 };

  test('a report that drops a successor which never answered this peer is taken at once, with the original lines', () => {
    const m = wide(false);
    const out: Effect[] = [];
    m.onPingResponse(17, report, 2, out);
    assert.deepEqual(m.successors, [17, 44, 61, 77]);
    assert.ok(out.some((e) => e.type === 'emit' && e.line.text === 'My new second successor is Peer 44'));
  });

  test('one that drops a successor which answered (a departure may be under way) waits for a second report', () => {
    const m = wide(true);
    m.onPingResponse(17, report, 2, []);
    assert.deepEqual(m.successors, [17, 30, 44, 61], 'not on the first report');
    m.onPingResponse(17, { ...report, seq: 2 }, 1_002, []);
    assert.deepEqual(m.successors, [17, 44, 61, 77]);
  });
});
