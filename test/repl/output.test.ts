// The printer: the original's lines as text, or one JSON object per line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActorStatus } from '../../src/actor/actor.ts';
import { lines } from '../../src/core/lines.ts';
import { Printer } from '../../src/repl/output.ts';
import { DROP_REASONS } from '../../src/actor/transport.ts';

test('JSON peer.dead: `peer` is the peer that printed the line, the dead one is in `dead`', () => {
  const out: string[] = [];
  const printer = new Printer({ json: true, prefix: true, startedAt: 0, out: (t) => out.push(t), err: () => {} });
  printer.event({ kind: 'line', peer: 9, t: 5, seq: 0, line: lines.noLongerAlive(14) });
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
  printer.event({ kind: 'line', peer: 8, t: 1, seq: 0, line: { event: 'x', text: 'x', peer: 3 } });
  assert.equal((JSON.parse(out[0]!) as { peer: number }).peer, 8);
});

/** A peer's status as the actor reports it, every counter zero unless given. */
function statusOf(id: number, over: Partial<Record<string, unknown>> = {}): ActorStatus {
  return {
    id,
    successors: [id + 1, id + 2],
    predecessors: [id - 1, null],
    held: [],
    pingMisses: {},
    pendingOps: 0,
    address: { host: '127.0.0.1', port: 12000 + id },
    dataDir: `/data/peer-${id}`,
    files: [],
    dropped: Object.fromEntries(DROP_REASONS.map((r) => [r, 0])),
    sendFailures: 0,
    received: { datagrams: 0, frames: 0, local: 0 },
    sentLocal: 0,
    connections: { open: 0, accepted: 0, refused: 0, slowFrame: 0, idle: 0 },
    inFlight: { commands: 0, receiving: 0, sending: 0 },
    refusedBusy: { commands: 0, receiving: 0, sending: 0 },
    sealed: false,
    nonces: 0,
    advertised: { host: '127.0.0.1', port: 12000 + id },
    zone: '127.0.0.1',
    ...over,
  } as unknown as ActorStatus;
}

function textPrinter(width: number) {
  const out: string[] = [];
  const printer = new Printer({
    json: false,
    prefix: true,
    startedAt: 0,
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    width: () => width,
  });
  return { out, printer };
}

test('status and stats make an authentication mismatch visible at the peer that drops the traffic', () => {
  const { out, printer } = textPrinter(100);
  const status = statusOf(6, { dropped: { ...statusOf(6).dropped, unauthenticated: 5 }, sealed: true });
  printer.status([status]);
  printer.stats([status]);
  const notes = out.filter((line) =>
    /5 messages failed authentication: a peer with another ring secret, or none/.test(line),
  );
  assert.equal(notes.length, 2, out.join('\n'));
  out.length = 0;
  printer.status([
    statusOf(6, {
      address: { host: '0.0.0.0', port: 12006 },
      advertised: { host: '10.0.0.2', port: 12006 },
      zone: 'rack-1',
    }),
  ]);
  assert.match(out.join('\n'), /10\.0\.0\.2:12006 \(bound 0\.0\.0\.0:12006\)/);
  assert.match(out.join('\n'), /rack-1/);
  out.length = 0;
  printer.status([statusOf(6)]);
  assert.ok(out.every((line) => !/authentication/.test(line)));
});

test('status: a row per peer under a header, columns aligned, within the width; long file lists wrap in their column', () => {
  const files = Array.from({ length: 12 }, (_, i) => ({ name: String(2000 + i), sizeBytes: 2048 * i, sha256: '' }));
  const statuses = [2, 4, 5, 8, 9, 14, 19].map((id) => statusOf(id, id === 19 ? { files } : {}));
  const { out, printer } = textPrinter(80);
  printer.status(statuses);
  assert.ok(
    out.every((line) => line.length <= 80),
    out.join('\n'),
  );
  assert.match(out[0]!, /^peer\s+address\s+successors\s+predecessors\s+files$/);
  assert.match(out[1]!, /^-+( +-+)+$/);
  // Every column starts where its header does.
  const at = (header: string) => out[0]!.indexOf(header);
  const row2 = out.find((line) => line.trimStart().startsWith('2 '))!;
  assert.equal(row2.indexOf('127.0.0.1:12002'), at('address'));
  assert.equal(row2.indexOf('3, 4'), at('successors'));
  assert.equal(row2.indexOf('1, ?'), at('predecessors'));
  // Peer 19's twelve files take several lines, all in the files column; every name is there.
  const from19 = out.slice(out.findIndex((line) => line.trimStart().startsWith('19 ')));
  assert.ok(from19.length > 1);
  for (const line of from19.slice(1)) assert.equal(line.search(/\S/), at('files'), line);
  for (const file of files) assert.ok(from19.join(' ').includes(file.name));
});

test('stats shows only the counters that are not zero; stats all shows every one; both within the width', () => {
  const busy = statusOf(8, {
    received: { datagrams: 120, frames: 7, local: 0 },
    dropped: { ...statusOf(8).dropped, malformed: 3 },
  });
  const statuses = [statusOf(2), busy, statusOf(9)];
  const { out, printer } = textPrinter(80);
  printer.stats(statuses);
  assert.ok(
    out.every((line) => line.length <= 80),
    out.join('\n'),
  );
  const header = out
    .slice(
      0,
      out.findIndex((line) => line.startsWith('-')),
    )
    .join(' ');
  for (const word of ['received', 'datagrams', 'frames', 'dropped', 'malformed'])
    assert.ok(header.includes(word), header);
  for (const word of ['refused', 'idle', 'unauthenticated', 'nonces']) assert.ok(!header.includes(word), header);
  assert.match(out.find((line) => /^\s*8 /.test(line))!, /^\s*8\s+120\s+7\s+3$/);
  assert.match(out.find((line) => /^\s*2 /.test(line))!, /^\s*2\s+0\s+0\s+0$/);

  out.length = 0;
  printer.stats(statuses, true);
  assert.ok(
    out.every((line) => line.length <= 80),
    out.join('\n'),
  );
  const all = out.join('\n');
  for (const reason of DROP_REASONS) assert.ok(all.includes(reason), `${reason} in\n${all}`);
  for (const word of ['slowFrame', 'idle', 'receiving', 'failures', 'nonces']) assert.ok(all.includes(word), word);
  // Too many counters for one block: each block repeats the peer column, so every row can be read.
  const blocks = all.split('\n\n');
  assert.ok(blocks.length > 1);
  for (const block of blocks) assert.match(block, /^peer/);

  out.length = 0;
  printer.stats([statusOf(2)]);
  assert.deepEqual(out, ['Every counter is zero at this peer (stats all shows them)']);
});

test('pings on prints every ping line; changes only misses and recoveries; off none; deaths always', () => {
  const stream = [
    lines.pingSent([4, 5]),
    lines.pingReceived(2),
    lines.pingResponse(4),
    lines.pingMissed(5, 1, 3),
    lines.pingRecovered(5, 1),
    lines.noLongerAlive(14),
    lines.aliveAgain(14),
    lines.storeAccepted('2067', 19, 8),
  ];
  const shown = (mode: 'on' | 'changes' | 'off') => {
    const out: string[] = [];
    const printer = new Printer({
      json: false,
      prefix: false,
      startedAt: 0,
      out: (t) => out.push(t),
      err: () => {},
      pings: mode,
    });
    for (const [seq, line] of stream.entries()) printer.event({ kind: 'line', peer: 2, t: seq, seq, line });
    return out;
  };
  assert.deepEqual(
    shown('on'),
    stream.map((l) => l.text),
  );
  assert.deepEqual(shown('changes'), [
    'No ping response from Peer 5 (1 of 3 missed)',
    'Ping response received from Peer 5 again, after 1 missed',
    'Peer 14 is no longer alive',
    'Peer 14 is alive again',
    'Store 2067 request accepted',
  ]);
  assert.deepEqual(shown('off'), [
    'Peer 14 is no longer alive',
    'Peer 14 is alive again',
    'Store 2067 request accepted',
  ]);
});
