// a sync's release (and a hand-over) sends one find per distinct key of the copies it no longer keeps, up to
// MAX_DIGEST_ENTRIES (2,048) at once, while the router remembers only the last MAX_FINDS (256) finds: the answers to the
// others are dropped, so their messages are spent for nothing, round after round (32 bits: names' keys are distinct).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { between } from '../../../src/core/ring.ts';
import { sha1First32 } from '../../../src/wire/name-hash.ts';
import { TestRing } from '../harness.ts';

const [A, B, C, D] = [500_000_000, 1_500_000_000, 2_500_000_000, 3_500_000_000];

test('32 bits: every find a release sends is one whose answer it takes (its copies are asked about)', () => {
  // 600 files held at B whose keys are D's: B keeps none of them (R = 1), so its sync releases them all.
  const names: string[] = [];
  for (let i = 0; names.length < 600; i++) if (between(C, sha1First32(`f${i}`), D)) names.push(`f${i}`);
  const ring = new TestRing(
    [
      [A, [B, C]],
      [B, [C, D]],
      [C, [D, A]],
      [D, [A, B]],
    ],
    { idBits: 32, pingIntervalMs: 1000, nameHash: sha1First32, held: { [B]: names } },
  );
  ring.start();
  assert.equal(ring.machine(B).status().predecessors[0], A, 'B knows its first predecessor');
  const before = ring.delivered.length;
  ring.feed(B, { type: 'timer', timer: { kind: 'sync' } });
  ring.deliver(undefined, 100_000);
  const finds = ring.sends('findSuccessor', before).filter((s) => s.from === B).length;
  const asked = new Set(
    ring
      .sends('holdQuery', before)
      .filter((s) => s.from === B)
      .flatMap((s) => s.message.names),
  ).size;
  // Before the bound: 600 finds sent, 256 answers taken: 256 names asked about, 344 finds' messages (and their answers) wasted.
  assert.equal(asked, finds, `${finds} finds sent, ${asked} of ${names.length} names asked about`);
});
