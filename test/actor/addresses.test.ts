// The address book: what a peer takes from envelopes, and what it tells others (src/actor/addresses.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AddressBook } from '../../src/actor/addresses.ts';
import type { PeerId } from '../../src/core/ring.ts';
import type { Body } from '../../src/wire/codec.ts';

/** The peers a message names, as a list: what `hints` walks from its fields without building one. */
function mentionedPeers(message: Body): PeerId[] {
  switch (message.type) {
    case 'pingResponse':
      return message.predecessor === null ? message.successors : [...message.successors, message.predecessor];
    case 'joinAccepted':
    case 'successorList':
      return message.successors;
    case 'successorChange':
      return [message.origin, ...message.successors];
    case 'departure':
      return [message.leaving, ...message.successors];
    case 'lookup':
    case 'findSuccessor':
      return [message.origin];
    case 'successorFound':
      return [message.successor];
    case 'joinRequest':
      return [message.newcomer];
    case 'indirectProbe':
    case 'indirectAck':
      return [message.target, message.requester];
    default:
      return [];
  }
}

const PING: Body = { type: 'pingRequest', seq: 1, rank: 1 };
const PONG: Body = { type: 'pingResponse', seq: 1, successors: [5, 8], predecessor: 2 };
/** A request's lookup from `origin`. */
const lookupFrom = (origin: number): Body =>
  ({ type: 'lookup', kind: 'request', origin, op: 1, name: 'a', key: 9, final: false, hops: 1, attempt: 0 }) as Body;

function book(advertised = '10.0.0.1', configured = [{ id: 4, host: '10.0.0.2', port: 12004 }]) {
  return new AddressBook(
    1,
    { bound: { host: '0.0.0.0', port: 12001 }, advertised: { host: advertised, port: 12001 } },
    { addressing: 'ports', basePort: 12000 },
    configured,
  );
}

describe('the address book', () => {
  test('tells others the advertised address, never the bound one; on 8-bit rings an unplaced peer is at BASE_PORT + id on this host', () => {
    const b = book();
    assert.deepEqual(b.hints(PING, 4), [{ id: 1, host: '10.0.0.1', port: 12001 }]);
    assert.deepEqual(b.of(9), { host: '10.0.0.1', port: 12009 });
    assert.deepEqual(b.of(4), { host: '10.0.0.2', port: 12004 });
  });

  test('never takes an unspecified address, nor a loopback one while this peer is not on loopback', () => {
    const b = book();
    b.learn([
      { id: 4, host: '0.0.0.0', port: 12004 },
      { id: 5, host: '127.0.0.1', port: 12005 },
      { id: 6, host: '::', port: 12006 },
    ]);
    assert.deepEqual(b.of(4), { host: '10.0.0.2', port: 12004 });
    assert.deepEqual(b.of(5), { host: '10.0.0.1', port: 12005 }, 'the 8-bit guess, not loopback');
    assert.equal(b.refused, 3);
    const local = book('127.0.0.1', []);
    local.learn([{ id: 5, host: '127.0.0.1', port: 12005 }]);
    assert.deepEqual(local.of(5), { host: '127.0.0.1', port: 12005 }, 'a ring on loopback takes loopback');
  });

  test('gives a loopback address to no peer on another host', () => {
    const b = book('127.0.0.1', [
      { id: 4, host: '10.0.0.2', port: 12004 },
      { id: 5, host: '127.0.0.1', port: 12005 },
    ]);
    b.learn([{ id: 8, host: '127.0.0.1', port: 12008 }]);
    assert.deepEqual(b.hints(PONG, 4), [], 'to 10.0.0.2: neither itself nor 8 at loopback');
    assert.deepEqual(
      b.hints(PONG, 5).map((h) => h.id),
      [1, 8],
      'to a peer on loopback: all of them but itself (a peer never learns its own address)',
    );
  });

  test('a working address is kept over one heard second-hand; the other is tried once the peer goes silent, and back again', () => {
    const b = book();
    b.answered(4);
    b.learn([{ id: 4, host: '10.0.0.9', port: 12004 }], 8);
    assert.deepEqual(b.of(4), { host: '10.0.0.2', port: 12004 }, 'it answers where it is');
    assert.equal(b.silent(4), '10.0.0.9');
    assert.deepEqual(b.of(4), { host: '10.0.0.9', port: 12004 });
    assert.equal(b.silent(4), '10.0.0.2', 'still silent: the first address again');
  });

  test('keyOf and hostOf follow the address as it changes (an in-process send finds its receiver by them)', () => {
    const b = book();
    b.answered(4);
    assert.equal(b.keyOf(4), '10.0.0.2:12004');
    assert.equal(b.hostOf(4), '10.0.0.2');
    b.learn([{ id: 4, host: '10.0.0.9', port: 12005 }], 8); // heard second-hand: kept aside while 4 works
    assert.equal(b.keyOf(4), '10.0.0.2:12004');
    b.silent(4); // the other address is tried
    assert.equal(b.keyOf(4), '10.0.0.9:12005');
    assert.equal(b.hostOf(4), '10.0.0.9');
    b.learn([{ id: 4, host: '10.0.0.7', port: 12006 }], 4, '10.0.0.7'); // from 4 itself: where it is now
    assert.equal(b.keyOf(4), '10.0.0.7:12006');
    for (const peer of [1, 4, 9] as PeerId[]) {
      const address = b.of(peer);
      assert.equal(b.keyOf(peer), address === undefined ? undefined : `${address.host}:${address.port}`);
      assert.equal(b.hostOf(peer), address?.host);
    }
  });

  test('an address not known to work gives way to the newest word; a peer saying where it is now is believed', () => {
    const b = book();
    b.learn([{ id: 4, host: '10.0.0.9', port: 13004 }], 8);
    assert.deepEqual(b.of(4), { host: '10.0.0.9', port: 13004 });
    b.answered(4);
    b.learn([{ id: 4, host: '192.168.0.4', port: 13004 }], 4, '203.0.113.4');
    assert.deepEqual(b.of(4), { host: '10.0.0.9', port: 13004 }, 'told from elsewhere (NAT): the working one is kept');
    b.learn([{ id: 4, host: '10.0.0.7', port: 13004 }], 4, '10.0.0.7');
    assert.deepEqual(
      b.of(4),
      { host: '10.0.0.7', port: 13004 },
      'from there: a newcomer with its id is answered there',
    );
  });

  test('a host name the user gave is kept over a literal heard for it; a name heard replaces it', () => {
    const b = book('10.0.0.1', [{ id: 4, host: 'h2.example', port: 12004 }]);
    b.learn([{ id: 4, host: '10.0.0.2', port: 12004 }]);
    assert.deepEqual(b.of(4), { host: 'h2.example', port: 12004 });
    b.learn([{ id: 4, host: 'h2b.example', port: 12004 }]);
    assert.deepEqual(b.of(4), { host: 'h2b.example', port: 12004 });
  });

  test("a datagram's source names the peer that sent it: by address, or by port on 8-bit rings", () => {
    const b = book('10.0.0.1', [{ id: 4, host: 'h2.example', port: 12004 }]);
    assert.equal(
      b.peerAt('10.0.0.2', 12004, (h) => (h === 'h2.example' ? '10.0.0.2' : undefined)),
      4,
    );
    assert.equal(
      b.peerAt('10.0.0.7', 12007, () => undefined),
      7,
    );
  });
  test('hints every peer a message names, once, for every kind that names peers; the receiver and this peer never twice', () => {
    const b = book(
      '10.0.0.1',
      [2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, host: `10.0.0.${id + 1}`, port: 12000 + id })),
    );
    const messages: Body[] = [
      { type: 'pingResponse', seq: 1, successors: [5, 8, 5, 1], predecessor: 2 },
      { type: 'pingResponse', seq: 1, successors: [], predecessor: null },
      { type: 'joinAccepted', successors: [3, 6] },
      { type: 'successorList', successors: [6, 3, 6] },
      { type: 'successorChange', origin: 7, successors: [7, 2], hops: 0 },
      { type: 'departure', leaving: 3, successors: [5, 3], hops: 0, rank: 0 } as Body,
      lookupFrom(6),
      { type: 'findSuccessor', origin: 7, seq: 1, target: 9, final: false, hops: 1 },
      { type: 'successorFound', seq: 1, target: 9, successor: 8 },
      { type: 'joinRequest', newcomer: 9, hops: 0 },
      { type: 'indirectProbe', target: 5, requester: 5, seq: 1 },
      { type: 'indirectAck', target: 6, requester: 2, seq: 1, incarnation: 0 } as Body,
      PING,
    ];
    for (const message of messages)
      for (const to of [4, 5, undefined]) {
        const expected = [1, ...new Set(mentionedPeers(message))].filter(
          (id, i) => i === 0 || (id !== 1 && id !== to && id !== 9),
        );
        const hints = b.hints(message, to);
        assert.deepEqual(
          hints.map((h) => h.id),
          expected,
          `${message.type} to ${to}`,
        );
        for (const h of hints) assert.deepEqual(h, { id: h.id, ...b.of(h.id) }, `${message.type}: where ${h.id} is`);
      }
  });

  test('hints the address a peer has now: after it changed, and the own port once bound', () => {
    const own = { host: '10.0.0.1', port: 0 };
    const b = new AddressBook(
      1,
      { bound: { host: '0.0.0.0', port: 0 }, advertised: own },
      { addressing: 'carried', basePort: 0 },
      [{ id: 4, host: '10.0.0.4', port: 12004 }],
    );
    const lookup = lookupFrom(4);
    assert.deepEqual(b.hints(lookup, 5), [
      { id: 1, host: '10.0.0.1', port: 0 },
      { id: 4, host: '10.0.0.4', port: 12004 },
    ]);
    own.port = 12001; // as the transport fills it in once bound to any free port
    b.answered(4);
    b.learn([{ id: 4, host: '10.0.0.9', port: 13004 }], 8); // kept aside: 4 works where it is
    assert.deepEqual(b.hints(lookup, 5), [
      { id: 1, host: '10.0.0.1', port: 12001 },
      { id: 4, host: '10.0.0.4', port: 12004 },
    ]);
    b.silent(4); // the other address is tried
    assert.deepEqual(b.hints(lookup, 5)[1], { id: 4, host: '10.0.0.9', port: 13004 });
    b.learn([{ id: 4, host: '10.0.0.7', port: 14004 }], 8); // not working there: the newest word
    assert.deepEqual(b.hints(lookup, 5)[1], { id: 4, host: '10.0.0.7', port: 14004 });
    b.configure([{ id: 4, host: '10.0.0.6', port: 15004 }]);
    assert.deepEqual(b.hints(lookup, 5)[1], { id: 4, host: '10.0.0.6', port: 15004 });
    assert.deepEqual(b.hints(PING, 5), [{ id: 1, host: '10.0.0.1', port: 12001 }]);
  });
});
