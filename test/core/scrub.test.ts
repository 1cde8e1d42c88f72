// The scrub (src/core/scrub.ts): held copies re-read in turn, a bounded number a round, and a copy damaged or deleted
// under its peer found without anyone reading it, forgotten, and copied back from another holder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect } from '../../src/core/io.ts';
import {
  nextInTurn,
  SCRUB_BYTES_PER_ROUND,
  SCRUB_FILES_PER_ROUND,
  SCRUB_TIMER,
  Scrubber,
} from '../../src/core/scrub.ts';
import { contentOf, digestOf, EXAMPLE, lone, ofType, settle, TestRing } from './harness.ts';

describe('nextInTurn: the next names after the last one checked, wrapping round', () => {
  const names = ['0002', '0007', '2067', '4103', '9000'];
  const cases: Array<[string, string | undefined, number, string[]]> = [
    ['no name checked yet: the first ones', undefined, 2, ['0002', '0007']],
    ['after the cursor', '0007', 2, ['2067', '4103']],
    ['the cursor need not be a name any more', '1000', 2, ['2067', '4103']],
    ['past the last name: round to the first', '4103', 3, ['9000', '0002', '0007']],
    ['past every name', '9999', 2, ['0002', '0007']],
    ['fewer names than asked: each once', '2067', 9, ['4103', '9000', '0002', '0007', '2067']],
  ];
  for (const [what, cursor, count, want] of cases)
    test(what, () => assert.deepEqual(nextInTurn(names, cursor, count), want));
  test('no names: none', () => assert.deepEqual(nextInTurn([], '0002', 4), []));
  test('the order names were added in does not matter', () =>
    assert.deepEqual(nextInTurn([...names].reverse(), '0002', 2), ['0007', '2067']));
});

describe('Scrubber: a bounded round', () => {
  const held = new Map(['0001', '0002', '0003', '0004', '0005', '0006'].map((n) => [n, { sha256: `sha-${n}` }]));
  const verifies = (out: Effect[]) => ofType(out, 'verify');
  const MiB = 1024 * 1024;

  /**
   * One round: the timer, then each check answered as a disk would (`sizes`, 1 KiB by default; a copy larger than the
   * check's maxBytes skipped). The names read, and those skipped.
   */
  function round(scrubber: Scrubber, at: number, sizes: Record<string, number> = {}) {
    const read: string[] = [];
    const skipped: string[] = [];
    const out: Effect[] = [];
    scrubber.tick(at, out);
    for (let asked = verifies(out); asked.length > 0; ) {
      assert.equal(asked.length, 1, 'one check at a time');
      const { name, sha256, maxBytes } = asked[0]!;
      const sizeBytes = sizes[name] ?? 1024;
      const skip = maxBytes !== undefined && sizeBytes > maxBytes;
      (skip ? skipped : read).push(name);
      const more: Effect[] = [];
      assert.equal(scrubber.answered(name, sha256, skip ? { sizeBytes, skipped: true } : { sizeBytes }, more), true);
      asked = verifies(more);
    }
    return { read, skipped };
  }

  test('each round checks the next few copies in turn, one at a time, and the next round goes on from there', () => {
    const scrubber = new Scrubber(1_000, held, 4);
    const first: Effect[] = [];
    scrubber.tick(0, first);
    assert.deepEqual(verifies(first), [{ type: 'verify', name: '0001', sha256: 'sha-0001' }], 'the first: no limit');
    assert.deepEqual(ofType(first, 'schedule'), [{ type: 'schedule', timer: SCRUB_TIMER, at: 1_000 }]);
    const next: Effect[] = [];
    scrubber.answered('0001', 'sha-0001', { sizeBytes: 1024 }, next);
    assert.deepEqual(verifies(next), [
      { type: 'verify', name: '0002', sha256: 'sha-0002', maxBytes: SCRUB_BYTES_PER_ROUND - 1024 },
    ]);
    const rest: string[] = [];
    for (let asked = verifies(next); asked.length > 0; ) {
      const more: Effect[] = [];
      scrubber.answered(asked[0]!.name, asked[0]!.sha256, { sizeBytes: 1024 }, more);
      asked = verifies(more);
      rest.push(...asked.map((v) => v.name));
    }
    assert.deepEqual(rest, ['0003', '0004']);
    assert.deepEqual(round(scrubber, 1_000).read, ['0005', '0006', '0001', '0002']);
  });

  test('fewer copies than a round takes: each once', () => {
    const two = new Map([...held].slice(0, 2));
    assert.deepEqual(round(new Scrubber(1_000, two, 4), 0).read, ['0001', '0002']);
  });

  // The bound on bytes: four 64 MiB copies were 256 MiB in one round.
  const bytesCases: Array<[string, Record<string, number>, string[][]]> = [
    [
      'large copies: one a round, each in turn',
      { '0001': 64 * MiB, '0002': 64 * MiB, '0003': 64 * MiB, '0004': 64 * MiB, '0005': 64 * MiB, '0006': 64 * MiB },
      [['0001'], ['0002'], ['0003']],
    ],
    [
      'a large copy after small ones opens the next round, which checks it first',
      { '0003': 20 * MiB },
      [['0001', '0002'], ['0003'], ['0004', '0005', '0006', '0001']],
    ],
    [
      'copies that fill the budget end the round there',
      { '0001': 10 * MiB, '0002': 6 * MiB, '0003': 1024 },
      [
        ['0001', '0002'],
        ['0003', '0004', '0005', '0006'],
        ['0001', '0002'],
      ],
    ],
  ];
  for (const [what, sizes, want] of bytesCases)
    test(what, () => {
      const scrubber = new Scrubber(1_000, held, 4, 16 * MiB);
      const got = want.map((_, i) => round(scrubber, i * 1_000, sizes).read);
      assert.deepEqual(got, want);
    });

  test('over rounds, every copy is checked, and no round reads more than the budget but for its first copy', () => {
    const sizes: Record<string, number> = { '0001': 3 * MiB, '0002': 40 * MiB, '0003': 9 * MiB, '0004': 15 * MiB };
    const scrubber = new Scrubber(1_000, held, 4, 16 * MiB);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const { read } = round(scrubber, i * 1_000, sizes);
      const bytes = read.map((n) => sizes[n] ?? 1024);
      assert.ok(bytes.slice(1).reduce((a, b) => a + b, bytes[0]!) <= Math.max(16 * MiB, bytes[0]!), read.join());
      for (const name of read) seen.add(name);
    }
    assert.deepEqual([...seen].sort(), [...held.keys()]);
  });

  test('a round while the last check is not answered asks for nothing (a slow disk), but the rounds go on', () => {
    const scrubber = new Scrubber(1_000, held, 4);
    scrubber.tick(0, []);
    const out: Effect[] = [];
    scrubber.tick(1_000, out);
    assert.deepEqual(verifies(out), []);
    assert.deepEqual(ofType(out, 'schedule'), [{ type: 'schedule', timer: SCRUB_TIMER, at: 2_000 }]);
  });

  test('an answer about a copy it did not ask about (another sha256) is not taken', () => {
    const scrubber = new Scrubber(1_000, held, 4);
    scrubber.tick(0, []);
    assert.equal(scrubber.answered('0001', 'sha-other', {}, []), false);
    assert.equal(scrubber.answered('0009', 'sha-0009', {}, []), false);
  });

  test('a peer started asks for its first round one sync interval later', () => {
    const peer = lone(2, [4, 5], ['2067']);
    const effects = peer.handle({ type: 'start' }, 0);
    assert.ok(ofType(effects, 'schedule').some((s) => s.timer.kind === 'scrub' && s.at === 30_000));
    const round = peer.handle({ type: 'timer', timer: SCRUB_TIMER }, 30_000);
    assert.deepEqual(ofType(round, 'verify'), [{ type: 'verify', name: '2067', sha256: digestOf('2067') }]);
    assert.equal(SCRUB_FILES_PER_ROUND, 4);
  });
});

describe('the scrub in a ring: a copy spoiled under its peer, and nobody reads it', () => {
  // Key 19 (2067): held by 19, 2 and 4.
  function ringWith2067(): TestRing {
    const ring = new TestRing(EXAMPLE, { replicas: 3 });
    ring.start();
    assert.equal(ring.run(8, 'store', '2067').result.ok, true);
    for (const id of [19, 2, 4]) assert.ok(ring.disk(id).has('2067'), `a copy at ${id}`);
    ring.clearLog();
    return ring;
  }

  for (const [spoil, how] of [
    ['damaged', (ring: TestRing) => ring.disk(2).set('2067', { ...ring.disk(2).get('2067')!, damaged: true })],
    ['deleted', (ring: TestRing) => ring.disk(2).delete('2067')],
  ] as const) {
    test(`a copy ${spoil} at a replica: its next scrub round finds it, says so, and anti-entropy brings a whole copy back`, () => {
      const ring = ringWith2067();
      how(ring);
      ring.fireAll(SCRUB_TIMER);
      assert.deepEqual(ring.texts(2), [
        'File 2067 is damaged or missing on disk: it will be copied again from another holder',
      ]);
      assert.equal(ring.machine(2).holds('2067'), false, 'forgotten');
      settle(ring, 2);
      assert.equal(ring.machine(2).holds('2067'), true, 'held again');
      assert.deepEqual(ring.disk(2).get('2067')?.damaged, undefined, 'whole');
      assert.equal(ring.disk(2).get('2067')?.token, contentOf('2067').token, 'the stored bytes');
    });
  }

  test('every holder spoiled in turn, one round apart (disk 12501): each is found and repaired before the next', () => {
    const ring = ringWith2067();
    for (const holder of [19, 2, 4]) {
      ring.disk(holder).set('2067', { ...ring.disk(holder).get('2067')!, damaged: true });
      ring.fireAll(SCRUB_TIMER);
      settle(ring, 2);
    }
    for (const holder of [19, 2, 4]) {
      assert.equal(ring.machine(holder).holds('2067'), true, `${holder} holds it`);
      assert.equal(ring.disk(holder).get('2067')?.damaged, undefined, `${holder}'s copy is whole`);
    }
    assert.equal(ring.run(9, 'request', '2067').result.ok, true);
  });

  test('whole copies: a scrub round sends nothing and says nothing', () => {
    const ring = ringWith2067();
    ring.fireAll(SCRUB_TIMER);
    assert.deepEqual(ring.sends(), []);
    assert.deepEqual(ring.allTexts(), {});
    for (const id of [19, 2, 4]) assert.equal(ring.machine(id).holds('2067'), true);
  });
});
