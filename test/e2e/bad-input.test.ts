// Bad input from the command line and from the REPL: one clear message, the right exit status, and the REPL goes on.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freeBasePort, runCli, statusRows, tempDir } from './cli.ts';

describe('bad command-line arguments exit 2 with one line saying what is wrong, then the usage', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.remove());

  const cases: [string, string[], RegExp][] = [
    [
      'an id outside [0, 255]',
      ['init', '256', '4', '5', '30'],
      /peer id "256" is out of range: ids are integers 0 to 255/,
    ],
    ['a successor outside the space', ['init', '2', '4', '-1', '30'], /error: .*-1/],
    ['a non-number', ['init', 'two', '4', '5', '30'], /peer id "two" is not a number/],
    [
      'a ping interval that is not a number of seconds',
      ['init', '2', '4', '5', 'soon'],
      /"soon" is not a number of seconds/,
    ],
    ['a missing argument', ['init', '2', '4', '5'], /missing required argument 'PING_INTERVAL'/],
    ['an unknown type', ['frob', '2', '4', '5', '30'], /unknown command 'frob'/],
    ['a ring with no peers', ['ring'], /no peers given/],
    [
      'a script file that does not exist (before any peer starts)',
      ['ring', '2:4,5', '4:5,2', '5:2,4', '--script', '/nonexistent.txt'],
      /^error: option '--script <file>' argument '\/nonexistent\.txt' is invalid\. cannot read the script file "\/nonexistent\.txt": no such file$/m,
    ],
    ['a ring spec with one successor', ['ring', '2:4'], /must name two successors/],
    ['an unknown option', ['init', '2', '4', '5', '30', '--colour'], /unknown option '--colour'/],
    [
      'more replicas than a peer can place',
      ['init', '2', '4', '5', '30', '--replicas', '4'],
      /"4" is not a number of copies: a whole number from 1 to 3/,
    ],
    [
      'a write quorum above the replicas',
      ['init', '2', '4', '5', '30', '--replicas', '2', '--write-quorum', '3'],
      /--write-quorum 3 is more than --replicas 2/,
    ],
    [
      'a ping miss limit of 0',
      ['init', '2', '4', '5', '30', '--ping-miss-limit', '0'],
      /option '--ping-miss-limit <K>' argument '0' is invalid\. "0" is not a count/,
    ],
    [
      '--ping-misses, the old spelling of --ping-miss-limit, is still taken',
      ['init', '2', '4', '5', '30', '--ping-misses', '0'],
      /option '--ping-misses <K>' argument '0' is invalid\. "0" is not a count/,
    ],
    [
      'a hop timeout that is not a number',
      ['ring', '--peers', '2,4', '--hop-timeout', 'soon'],
      /option '--hop-timeout <seconds>' argument 'soon' is invalid\. "soon" is not a number of seconds/,
    ],
    [
      'a hop timeout longer than the op timeout',
      ['ring', '--peers', '2,4', '--hop-timeout', '60'],
      /--hop-timeout must not be longer than --op-timeout: a store waits one and a half hop timeouts for its copies/,
    ],
    [
      'a join timeout of 0',
      ['join', '15', '77', '30', '--join-timeout', '0'],
      /option '--join-timeout <seconds>' argument '0' is invalid\. "0" is not a number of seconds/,
    ],
    [
      '--ping-miss-limit and its old spelling at once',
      ['init', '2', '4', '5', '30', '--ping-miss-limit', '2', '--ping-misses', '3'],
      /'--ping-misses <K>' cannot be used with option '--ping-miss-limit <K>'/,
    ],
  ];
  for (const [what, args, message] of cases) {
    test(what, async () => {
      const { code, stdout, stderr } = await runCli(args, { cwd: dir.path });
      assert.equal(code, 2);
      assert.equal(stdout, '');
      const [first, second] = stderr.trim().split('\n');
      assert.match(first!, message);
      assert.match(second!, /^Usage: ringdht/);
    });
  }

  test('a ring secret file that cannot be used: what is wrong with it, exit 2, from the option or the environment', async () => {
    await writeFile(join(dir.path, 'short.key'), 'too short\n');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['--secret-file', 'missing.key'],
        {},
        /^error: option '--secret-file <path>' argument 'missing.key' is invalid\. cannot read the secret file "missing.key": no such file$/,
      ],
      [
        ['--secret-file', 'short.key'],
        {},
        /the secret file "short.key" holds 9 bytes: a ring secret must be at least 16/,
      ],
      [['--secret-file', '.'], {}, /cannot read the secret file ".": it is a directory/],
      [
        [],
        { RINGDHT_SECRET_FILE: 'missing.key' },
        /value 'missing.key' from env 'RINGDHT_SECRET_FILE' is invalid\. cannot read the secret file "missing.key": no such file/,
      ],
    ];
    for (const [extra, env, message] of cases) {
      const { code, stdout, stderr } = await runCli(['init', '2', '4', '5', '30', ...extra], { cwd: dir.path, env });
      assert.deepEqual([code, stdout], [2, '']);
      const [first, second] = stderr.trim().split('\n');
      assert.match(first!, message);
      assert.match(second!, /^Usage: ringdht init/);
    }
  });

  test("listening beyond loopback without a secret: a warning first (here the address is not this machine's, so then exit 1)", async () => {
    const { code, stderr } = await runCli(['init', '2', '4', '5', '30', '--host', '192.0.2.1'], { cwd: dir.path });
    assert.equal(code, 1);
    const [warning, error] = stderr.trim().split('\n');
    assert.equal(
      warning,
      'ringdht: warning: listening on 192.0.2.1 without a ring secret: anyone who can reach these ports can join, store, request and forge messages (give every peer the same --secret-file)',
    );
    assert.match(error!, /^ringdht: Peer 2 cannot listen on 192\.0\.2\.1:\d+: /);
  });

  test('--help and --version succeed', async () => {
    const help = await runCli(['init', '--help'], { cwd: dir.path });
    assert.deepEqual([help.code, /Usage: ringdht init/.test(help.stdout)], [0, true]);
    const version = await runCli(['--version'], { cwd: dir.path });
    assert.deepEqual([version.code, /^\d+\.\d+\.\d+\n$/.test(version.stdout)], [0, true]);
  });

  test("help and version agree everywhere: help COMMAND exits 0, help sim is the simulator's, sim --version works, examples", async () => {
    const ring = await runCli(['help', 'ring'], { cwd: dir.path });
    assert.deepEqual([ring.code, /Usage: ringdht ring/.test(ring.stdout)], [0, true]);
    const sim = await runCli(['help', 'sim'], { cwd: dir.path });
    assert.deepEqual([sim.code, /--family NAME/.test(sim.stdout)], [0, true]);
    const simVersion = await runCli(['sim', '--version'], { cwd: dir.path });
    assert.deepEqual([simVersion.code, /^\d+\.\d+\.\d+\n$/.test(simVersion.stdout)], [0, true]);
    const top = await runCli(['--help'], { cwd: dir.path });
    assert.equal(top.code, 0);
    assert.match(top.stdout, /Examples:\n {2}\.\/init\.sh/);
    assert.match(top.stdout, /ringdht join 15 4 30/);
    // --id-bits takes 1 to 32 here as in the simulator and the library.
    const small = await runCli(
      ['ring', '--peers', '1,3', '--id-bits', '2', '--base-port', String(await freeBasePort([1, 3]))],
      {
        cwd: dir.path,
        input: 'status\n',
      },
    );
    assert.equal(small.code, 0, small.stderr);
    assert.equal(statusRows(small.stdout).find((row) => row['peer'] === '1')?.['successors'], '3, 1', small.stdout);
  });

  test('a port already in use: which peer and port, exit 1', async () => {
    const basePort = await freeBasePort([5]);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(basePort + 5, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await runCli(['init', '5', '8', '9', '30', '--base-port', String(basePort)], {
        cwd: dir.path,
      });
      assert.equal(code, 1);
      assert.equal(
        stderr.trim(),
        `ringdht: Peer 5 cannot listen on 127.0.0.1:${basePort + 5}: port already in use (by another program, or Peer 5 is already running)`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('bad commands in the REPL: a clear message for each, the session goes on, exit status 1', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.remove());

  test('in a ring process', async () => {
    await writeFile(join(dir.path, '0100.pdf'), 'one hundred');
    const basePort = await freeBasePort([2, 4, 5]);
    const script = [
      'frob', // an unknown command
      'store a/b', // a path, not a name
      'store ..', // not a plain file name
      'store 0100 no/such/file', // a missing file to store
      'store 0200', // no 0200.pdf or 0200: not an empty success
      'store 0201 --empty', // an empty record on purpose
      '@9 store 0100', // a peer that is not here
      'use 77',
      'request', // a missing argument
      'stats now', // an argument to a command that takes none
      'store 0100', // and then a good command still works
      'status',
    ].join('\n');
    const { code, stdout, stderr } = await runCli(
      ['ring', '2:4,5', '4:5,2', '5:2,4', '--base-port', String(basePort)],
      { cwd: dir.path, input: script },
    );
    assert.equal(code, 1);
    for (const message of [
      /unknown command "frob": type help for the list/,
      /file name "a\/b" is not valid: it contains a path separator/,
      /file name "\.\." is not valid/,
      /store 0100 no\/such\/file failed: cannot store 0100: no file at .*no\/such\/file/,
      /store 0200 failed: cannot store 0200: no file 0200\.pdf or 0200 in .*store 0200 --empty/,
      /Peer 9 is not in this process \(here: 2, 4, 5\)/,
      /Peer 77 is not in this process/,
      /request needs/,
      /stats takes "all" or nothing: stats \(counters not zero\) or stats all/,
    ])
      assert.match(stderr, message);
    assert.ok(stdout.includes('[peer 2] Store 0100 request accepted'), stdout);
    assert.ok(stdout.includes('[peer 2] Store 0201 request accepted'), stdout);
    assert.ok(!stdout.includes('Store 0200 request'), stdout);
    const peer2 = statusRows(stdout).find((row) => row['peer'] === '2');
    assert.equal(peer2?.['successors'], '4, 5', stdout);
    assert.match(peer2?.['files'] ?? '', /(^|, )0100 \(11 B\)(,|$)/, stdout);
  });

  test('in a one-peer process: ring-only commands are refused; quit ends the process', async () => {
    const basePort = await freeBasePort([7]);
    const { code, stdout, stderr } = await runCli(['init', '7', '7', '7', '30', '--base-port', String(basePort)], {
      cwd: dir.path,
      input: 'use 3\n@7 status\nkill 7\nstatus\nquit\nstatus\n',
    });
    assert.equal(code, 1);
    assert.equal(stderr.match(/only .*ring process/g)?.length, 3, stderr);
    // One status before quit; the one after it never runs: the peer left and the process ended.
    assert.deepEqual(
      statusRows(stdout).map((row) => [row['peer'], row['successors']]),
      [['7', '7, 7']],
      stdout,
    );
  });
});

describe('a data directory that cannot be used, or holds damage, at start-up', () => {
  test('in a ring process that peer does not start and says why; the others run; the exit status is 1', async () => {
    const dir = await tempDir();
    try {
      await mkdir(join(dir.path, 'ringdht-data'), { recursive: true });
      await writeFile(join(dir.path, 'ringdht-data', 'peer-5'), 'not a directory');
      const basePort = await freeBasePort([2, 4, 5]);
      const { code, stdout, stderr } = await runCli(['ring', '--peers', '2,4,5', '--base-port', String(basePort)], {
        cwd: dir.path,
        input: 'store 0003 --empty\nstatus\n',
      });
      assert.equal(code, 1);
      assert.match(stderr, /^ringdht: Peer 5 did not start: .*peer-5/m);
      assert.ok(stdout.includes('[peer 4] Store 0003 request accepted'), stdout);
      assert.deepEqual(
        statusRows(stdout).map((row) => row['peer']),
        ['2', '4'],
        stdout,
      );
    } finally {
      await dir.remove();
    }
  });

  test('a damaged file found as the peers open is printed (text and JSON)', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir.path, '0003.pdf'), 'three');
      const basePort = await freeBasePort([2, 4]);
      // One data directory per run: a run that finds the damage drops the damaged copy.
      const damaged = async (dataDir: string) => {
        const args = ['ring', '--peers', '2,4', '--base-port', String(basePort), '--data-dir', dataDir];
        const first = await runCli(args, { cwd: dir.path, input: 'store 0003\n' });
        assert.equal(first.code, 0, first.stderr);
        await writeFile(join(dir.path, dataDir, 'peer-4', 'files', '0003'), 'thref'); // same size, other bytes
        return args;
      };
      const text = await runCli(await damaged('text-data'), { cwd: dir.path, input: '' });
      assert.match(text.stdout, /^\[peer 4\] File 0003 is damaged or missing on disk/m);
      const json = await runCli([...(await damaged('json-data')), '--json'], { cwd: dir.path, input: '' });
      const lost = json.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { event: string; peer: number; name?: string })
        .filter((e) => e.event === 'file.lost');
      assert.deepEqual(
        lost.map((e) => [e.peer, e.name]),
        [[4, '0003']],
      );
    } finally {
      await dir.remove();
    }
  });
});
