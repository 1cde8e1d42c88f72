// The exercise's start-up lines, word for word, at each peer of a ring process and of a one-peer process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeBasePort, runCli, tempDir } from './cli.ts';

const EXAMPLE = ['2:4,5', '4:5,8', '5:8,9', '8:9,14', '9:14,19', '14:19,2', '19:2,4'];

test('a ring process: every peer says where it listens and where its successors do, before any ping', async () => {
  const dir = await tempDir();
  try {
    const base = await freeBasePort([2, 4, 5, 8, 9, 14, 19]);
    const { code, stdout, stderr } = await runCli(['ring', ...EXAMPLE, '--base-port', String(base)], {
      cwd: dir.path,
      input: '',
    });
    assert.equal(code, 0, stderr);
    const expected = EXAMPLE.flatMap((spec) => {
      const [peer, successors] = spec.split(':') as [string, string];
      const [first, second] = successors.split(',').map((s) => base + Number(s));
      return [
        `[peer ${peer}] Start peer ${peer} at port ${base + Number(peer)}`,
        `[peer ${peer}] Peer ${peer} can find first successor on port ${first} and second successor on port ${second}.`,
      ];
    });
    assert.deepEqual(stdout.split('\n').slice(0, expected.length), expected, stdout);
  } finally {
    await dir.remove();
  }
});

test('a one-peer process (init 2 4 5 30): the two lines of the exercise, unprefixed, first; JSON names the ports', async () => {
  const dir = await tempDir();
  try {
    const base = await freeBasePort([2]);
    const text = await runCli(['init', '2', '4', '5', '30', '--base-port', String(base)], { cwd: dir.path });
    assert.equal(text.code, 0, text.stderr);
    assert.deepEqual(text.stdout.split('\n').slice(0, 2), [
      `Start peer 2 at port ${base + 2}`,
      `Peer 2 can find first successor on port ${base + 4} and second successor on port ${base + 5}.`,
    ]);
    const json = await runCli(['init', '2', '4', '5', '30', '--base-port', String(base), '--json'], {
      cwd: dir.path,
    });
    const [started, successors] = json.stdout
      .split('\n')
      .slice(0, 2)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      { event: started!['event'], peer: started!['peer'], port: started!['port'] },
      { event: 'peer.started', peer: 2, port: base + 2 },
    );
    assert.deepEqual(
      { event: successors!['event'], successors: successors!['successors'], ports: successors!['ports'] },
      { event: 'peer.successors', successors: [4, 5], ports: [base + 4, base + 5] },
    );
  } finally {
    await dir.remove();
  }
});
