// What a process's peers tell others they are at, when bound to every interface (src/host/advertise.ts).
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { advertisedFor, loopbackProblem } from '../../src/host/advertise.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;
const LO = { lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)] };

test('bound to 0.0.0.0: the one address besides loopback, said; several or none are refused naming what to give', () => {
  const one = advertisedFor({ host: '0.0.0.0', advertise: undefined }, { ...LO, eth0: [nic('10.0.0.2')] });
  assert.equal(one.host, '10.0.0.2');
  assert.match(one.chosen ?? '', /one address besides loopback/);
  assert.throws(
    () =>
      advertisedFor(
        { host: '0.0.0.0', advertise: undefined },
        { ...LO, eth0: [nic('10.0.0.2')], eth1: [nic('192.168.1.5')] },
      ),
    /several addresses \(10\.0\.0\.2, 192\.168\.1\.5\); say which one other peers should use with --advertise HOST/,
  );
  assert.throws(() => advertisedFor({ host: '0.0.0.0', advertise: undefined }, LO), /no address besides loopback/);
});

test('--advertise wins; a specific bind is told as it is', () => {
  assert.deepEqual(advertisedFor({ host: '0.0.0.0', advertise: { host: 'h1.example', port: 9000 } }, LO), {
    host: 'h1.example',
    port: 9000,
  });
  assert.deepEqual(advertisedFor({ host: '10.0.0.2', advertise: undefined }, LO), { host: '10.0.0.2' });
});

test('loopback peers with a peer named on another host: refused with what to do', () => {
  const none = { known: [], seeds: [], join: undefined };
  assert.equal(loopbackProblem('127.0.0.1', none), undefined);
  assert.equal(loopbackProblem('10.0.0.1', { ...none, known: [{ id: 4, host: '10.0.0.2', port: 1 }] }), undefined);
  assert.match(
    loopbackProblem('127.0.0.1', { ...none, join: { id: 4, host: 'h2.example', port: 1 } }) ?? '',
    /Peer 4 at h2\.example cannot reach/,
  );
});
