// a sync's release (and a hand-over) sends one find per distinct key of the copies it no longer keeps, up to
// MAX_DIGEST_ENTRIES (2,048) at once, while the router remembers only the last MAX_FINDS (256) finds: the answers to the
// others are dropped, so their messages are spent for nothing, round after round (32 bits: names' keys are distinct).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { machineConfig, resolveConfig } from '../../../src/config.ts';
import { PeerMachine } from '../../../src/core/machine.ts';
import type { Message } from '../../../src/core/messages.ts';
import { between } from '../../../src/core/ring.ts';
import { sha1First32 } from '../../../src/wire/name-hash.ts';

const [A, B, C, D] = [500_000_000, 1_500_000_000, 2_500_000_000, 3_500_000_000];

test('32 bits: every find a release sends is one whose answer it takes (its copies are asked about)', () => {
  // 600 files held at B whose keys are D's: B keeps none of them (R = 1), so its sync releases them all.
  const names: string[] = [];
  for (let i = 0; names.length < 600; i++) if (between(C, sha1First32(`f${i}`), D)) names.push(`f${i}`);
  const version = { stamp: 1, origin: 0, op: 0 };
  const held = names.map((name) => ({ name, sha256: '00'.repeat(32), version }));
  const settings = resolveConfig({ idBits: 32, replicas: 1, pingIntervalMs: 1000 });
  const ring: Array<[number, number[]]> = [
    [A, [B, C]],
    [B, [C, D]],
    [C, [D, A]],
    [D, [A, B]],
  ];
  const machines = new Map(
    ring.map(([id, successors]) => [
      id,
      new PeerMachine(machineConfig(settings, { id, successors, held: id === B ? held : [], nameHash: sha1First32 })),
    ]),
  );
  const queue: Array<{ from: number; to: number; message: Message }> = [];
  const sent: typeof queue = [];
  let now = 0;
  const handle = (id: number, input: Parameters<PeerMachine['handle']>[0]) => {
    for (const e of machines.get(id)!.handle(input, now))
      if (e.type === 'send') queue.push({ from: id, to: e.to, message: e.message });
  };
  const run = () => {
    for (let n = 0; queue.length > 0 && n < 100_000; n++) {
      const next = queue.shift()!;
      sent.push(next);
      now += 1;
      handle(next.to, { type: 'message', from: next.from, message: next.message });
    }
  };
  for (const id of machines.keys()) handle(id, { type: 'start' });
  run();
  assert.equal(machines.get(B)!.status().predecessors[0], A, 'B knows its first predecessor');
  const before = sent.length;
  handle(B, { type: 'timer', timer: { kind: 'sync' } });
  run();
  const after = sent.slice(before);
  const finds = after.filter((s) => s.from === B && s.message.type === 'findSuccessor').length;
  const asked = new Set(after.flatMap((s) => (s.from === B && s.message.type === 'holdQuery' ? s.message.names : [])))
    .size;
  // Before the bound: 600 finds sent, 256 answers taken: 256 names asked about, 344 finds' messages (and their answers) wasted.
  assert.equal(asked, finds, `${finds} finds sent, ${asked} of ${names.length} names asked about`);
});
