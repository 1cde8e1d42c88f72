// The printer: the original's lines as text, or one JSON object per line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActorStatus } from '../../src/actor/actor.ts';
import { lines } from '../../src/core/lines.ts';
import { Printer } from '../../src/repl/output.ts';

test('JSON peer.dead: `peer` is the peer that printed the line, the dead one is in `dead`', () => {
  const out: string[] = [];
  const printer = new Printer({ json: true, prefix: true, startedAt: 0, out: (t) => out.push(t), err: () => {} });
  printer.event({ kind: 'line', peer: 9, t: 5, line: lines.noLongerAlive(14) });
  assert.deepEqual(JSON.parse(out[0]!), {
    t: 5,
    peer: 9,
    event: 'peer.dead',
    text: 'Peer 14 is no longer alive',
    dead: 14,
  });
});

test('a line with a field named peer cannot overwrite who printed it', () => {
  const out: string[] = [];
  const printer = new Printer({ json: true, prefix: true, startedAt: 0, out: (t) => out.push(t), err: () => {} });
  printer.event({ kind: 'line', peer: 8, t: 1, line: { event: 'x', text: 'x', peer: 3 } });
  assert.equal((JSON.parse(out[0]!) as { peer: number }).peer, 8);
});

test('status and stats make an authentication mismatch visible at the peer that drops the traffic', () => {
  const out: string[] = [];
  const printer = new Printer({ json: false, prefix: true, startedAt: 0, out: (t) => out.push(t), err: () => {} });
  const status = {
    id: 6,
    successors: [9, 3],
    predecessors: [3, null],
    files: [],
    dropped: { unauthenticated: 5 },
    sealed: true,
    nonces: 0,
    received: { datagrams: 5, frames: 0 },
    connections: {},
    inFlight: {},
    refusedBusy: {},
    sendFailures: 0,
    address: { host: '0.0.0.0', port: 12006 },
    advertised: { host: '10.0.0.2', port: 12006 },
    zone: 'rack-1',
  } as unknown as ActorStatus;
  printer.status(status);
  assert.match(out[0]!, /; at 10\.0\.0\.2:12006 \(bound 0\.0\.0\.0:12006\); zone rack-1;/);
  printer.stats(status);
  for (const line of out)
    assert.match(line, /5 messages failed authentication: a peer with another ring secret, or none/);
  out.length = 0;
  printer.status({ ...status, dropped: { unauthenticated: 0 } } as unknown as ActorStatus);
  assert.doesNotMatch(out[0]!, /authentication/);
});
