// `ringdht sim` through simMain: a summary and exit 0, one clear line and exit 2 on bad arguments, the command to reproduce a failure and exit 1.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine, type MachineConfig } from '../../src/core/machine.ts';
import { commandLine, parseSimArgs, runSim, simMain, type SimIo } from '../../src/sim/cli.ts';

function capture(): SimIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('ringdht sim', () => {
  test('--help prints the usage and every option with its default, and exits 0', async () => {
    const io = capture();
    assert.equal(await simMain(['--help'], io), 0);
    const text = io.stdout.join('\n');
    assert.match(text, /^Usage: ringdht sim --peers N/);
    for (const option of [
      '--peers',
      '--id-bits',
      '--seed',
      '--duration',
      '--churn',
      '--crashes',
      '--partitions',
      '--loss',
      '--duplicate',
      '--ops',
      '--latency',
      '--ping-interval',
      '--routing',
      '--fingers',
      '--json',
    ]) {
      assert.match(text, new RegExp(`^  ${option}`, 'm'), `${option} is explained`);
    }
    assert.deepEqual(io.stderr, []);
  });

  test('a clean run prints the summary and exits 0', async () => {
    const io = capture();
    assert.equal(
      await simMain(
        [
          '--peers',
          '20',
          '--id-bits',
          '8',
          '--seed',
          '3',
          '--duration',
          '10',
          '--churn',
          '0',
          '--loss',
          '0',
          '--ping-interval',
          '2',
        ],
        io,
      ),
      0,
    );
    const text = io.stdout.join('\n');
    assert.match(text, /^seed 3: 20 peers/);
    assert.match(text, /lookups: \d+ ok/);
    assert.match(text, /hops: p50 \d+, p99 \d+/);
    assert.match(text, /per peer per second/);
    assert.match(text, /convergence after each disturbance: no disturbances/);
    assert.match(text, /violations: none/);
    assert.deepEqual(io.stderr, []);
  });

  test('--json prints one JSON summary; churn and loss are accepted', async () => {
    const io = capture();
    assert.equal(
      await simMain(
        [
          '--peers',
          '30',
          '--seed',
          '4',
          '--duration',
          '20',
          '--churn',
          '0.2',
          '--loss',
          '1%',
          '--ping-interval',
          '2',
          '--json',
        ],
        io,
      ),
      0,
    );
    assert.equal(io.stdout.length, 1);
    const summary = JSON.parse(io.stdout[0]!) as {
      seed: number;
      membership: { joins: number; quits: number; crashes: number };
      violations: unknown[];
    };
    assert.equal(summary.seed, 4);
    assert.equal(summary.membership.joins + summary.membership.quits + summary.membership.crashes, 6);
    assert.deepEqual(summary.violations, []);
  });

  test('finger routing on a 32-bit ring from the command line: the run passes and says how to reproduce it', async () => {
    const io = capture();
    assert.equal(
      await simMain(
        [
          '--id-bits',
          '32',
          '--peers',
          '300',
          '--routing',
          'finger',
          '--fingers',
          'learned',
          '--duration',
          '10',
          '--ops',
          '50',
          '--json',
        ],
        io,
      ),
      0,
    );
    const summary = JSON.parse(io.stdout[0]!) as {
      idBits: number;
      lookups: { ok: number; notFound: number };
      violations: unknown[];
    };
    assert.equal(summary.idBits, 32);
    assert.equal(summary.lookups.ok + summary.lookups.notFound, 50);
    assert.deepEqual(summary.violations, []);
    const args = parseSimArgs(['--id-bits', '32', '--routing', 'successor', '--fingers', 'learned']);
    assert.match(commandLine(args), /--routing successor --fingers learned/);
    assert.doesNotMatch(commandLine(parseSimArgs(['--id-bits', '32'])), /--routing/);
  });

  const bad: Array<[string[], RegExp]> = [
    [['--peers', '300'], /--peers "300" is not valid: .*256/],
    [['--peers', 'ten'], /--peers "ten" is not valid/],
    [['--id-bits', '40'], /--id-bits "40" is not valid: it must be an integer from 1 to 32/],
    [['--seed=-1'], /--seed "-1" is not valid/],
    [['--seed', '-1'], /Option '--seed' argument is ambiguous\. Did you forget/],
    [['--loss', '1.5'], /--loss "1.5" is not valid: it must be a probability/],
    [['--duration', '0'], /--duration "0" is not valid/],
    [['--churn', 'x'], /--churn "x" is not valid/],
    [['--latency', 'moon'], /--latency "moon" is not valid: it must be lan or wan/],
    [['--routing', 'kademlia'], /--routing "kademlia" is not valid: it must be successor or finger/],
    [['--fingers', 'some'], /--fingers "some" is not valid: it must be built or learned/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['stray'], /Unexpected argument 'stray'/],
  ];
  for (const [argv, message] of bad) {
    test(`${argv.join(' ')}: one clear line (and the usage) on stderr, exit 2`, async () => {
      const io = capture();
      assert.equal(await simMain(argv, io), 2);
      assert.deepEqual(io.stdout, []);
      assert.match(io.stderr[0]!, /^ringdht sim: /);
      assert.match(io.stderr[0]!, message);
      assert.match(io.stderr[1]!, /^Usage: ringdht sim /);
    });
  }

  test('a failing run prints the violation and the exact command that reproduces it, and exits 1', () => {
    // Every final lookup goes to the second successor: the holder is wrong from the first store on.
    class Wrong {
      private readonly inner: PeerMachine;
      constructor(config: MachineConfig) {
        this.inner = new PeerMachine(config);
      }
      get id() {
        return this.inner.id;
      }
      status() {
        return this.inner.status();
      }
      holds(name: string) {
        return this.inner.holds(name);
      }
      handle(input: Input, now: number): Effect[] {
        return this.inner
          .handle(input, now)
          .map((e) =>
            e.type === 'send' && e.message.type === 'lookup' && e.message.final
              ? { ...e, to: this.inner.status().successors[1]! }
              : e,
          );
      }
    }
    const argv = [
      '--peers',
      '20',
      '--seed',
      '9',
      '--duration',
      '10',
      '--churn',
      '0',
      '--loss',
      '0',
      '--ping-interval',
      '2',
    ];
    const io = capture();
    assert.equal(
      runSim(parseSimArgs(argv), io, (c) => new Wrong(c)),
      1,
    );
    assert.match(io.stdout.join('\n'), /VIOLATION of holder at step \d+ .*seed 9/);
    assert.equal(
      io.stderr.at(-1),
      'invariant violated; reproduce with: ringdht sim --peers 20 --id-bits 8 --seed 9 --duration 10 --churn 0 --loss 0 --ping-interval 2',
    );
    assert.deepEqual(parseSimArgs(commandLine(parseSimArgs(argv)).split(' ').slice(2)), parseSimArgs(argv));
  });

  test('--family runs one seed of a test family; a failing seed says how to run it again', async () => {
    const io = capture();
    assert.equal(await simMain(['--family', 'disk', '--seed', '5'], io), 0);
    assert.match(io.stdout.join('\n'), /violations: none/);
    // A machine that keeps a failed store's copy: the family's seed finds it and says how to run it again.
    const keepsFailed = (config: MachineConfig) => {
      const inner = new PeerMachine(config);
      return {
        id: inner.id,
        status: () => inner.status(),
        holds: (name: string) => inner.holds(name),
        handle: (input: Input, now: number): Effect[] =>
          inner
            .handle(input, now)
            .map((e) => (e.type === 'settle' && e.outcome === 'discard' ? { ...e, outcome: 'commit' as const } : e)),
      };
    };
    const found = capture();
    assert.equal(runSim(parseSimArgs(['--family', 'writers', '--seed', '7']), found, keepsFailed), 1);
    assert.equal(found.stderr.at(-1), 'invariant violated; reproduce with: ringdht sim --family writers --seed 7');
    const bad = capture();
    assert.equal(await simMain(['--family', 'nope'], bad), 2);
    assert.match(bad.stderr[0]!, /--family "nope" is not valid: it must be one of clean, .*disk, hosts, swap, writers/);
  });
});
