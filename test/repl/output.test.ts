// The printer: the original's lines as text, or one JSON object per line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
