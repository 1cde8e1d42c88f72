// The address book: what a peer takes from envelopes, and what it tells others (src/actor/addresses.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AddressBook } from '../../src/actor/addresses.ts';
import type { Body } from '../../src/wire/codec.ts';

const PING: Body = { type: 'pingRequest', seq: 1, rank: 1 };
const PONG: Body = { type: 'pingResponse', seq: 1, successors: [5, 8], predecessor: 2 };

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
});
