// Membership across processes: a ring process and a separate `ringdht join`, and one-peer processes only (join, quit, kill -9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, INIT_SH, tempDir } from './cli.ts';

const cli = (args: string[], cwd: string, basePort: number) =>
  new CliProcess(process.execPath, [BIN, ...args], { cwd, env: { RINGDHT_BASE_PORT: String(basePort) } });

test('init.sh plus a separate `ringdht join 15 4`: the SPEC join lines in both processes, then stores reach 15', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort([2, 4, 5, 8, 9, 14, 15, 19]);
  const ring = new CliProcess(INIT_SH, [], {
    cwd: dir.path,
    env: { RINGDHT_BASE_PORT: String(basePort), PING_INTERVAL: '0.2' },
  });
  let joiner: CliProcess | undefined;
  try {
    await ring.waitForLine((l) => l === '[peer 2] Ping response received from Peer 4', 'the ring running');
    joiner = cli(['join', '15', '4', '0.2'], dir.path, basePort);
    await joiner.waitForLine((l) => l === 'My second successor is Peer 2', 'the join accepted');
    await ring.waitForLine((l) => l === '[peer 9] My new second successor is Peer 15', "9's successor change");
    assert.deepEqual(
      joiner
        .lines()
        .filter((l) => !l.startsWith('Ping'))
        .slice(0, 4),
      [
        `Start peer 15 at port ${basePort + 15}`,
        'Join request has been accepted',
        'My first successor is Peer 19',
        'My second successor is Peer 2',
      ],
    );
    for (const line of [
      '[peer 4] Peer 15 Join request forwarded to my successor',
      '[peer 9] Peer 15 Join request forwarded to my successor',
      '[peer 14] Peer 15 Join request received',
      '[peer 14] My new first successor is Peer 15',
      '[peer 14] My new second successor is Peer 19',
      '[peer 9] Successor Change request received',
      '[peer 9] My new first successor is Peer 14',
    ])
      assert.ok(ring.lines().includes(line), `missing "${line}"`);
    // A store of key 15 from the ring process lands in the other process.
    ring.send('@2 store 0015 --empty');
    await joiner.waitForLine((l) => l === 'Store 0015 request accepted', 'the store at 15');
    // The joiner quits: 14 and 9 (in the other process) take its successors; the joiner's process ends by itself with 0.
    joiner.send('quit');
    const joined = await joiner.exited;
    assert.equal(joined.code, 0, joined.stderr);
    await ring.waitForLine((l) => l === '[peer 14] Peer 15 will depart from the network', "14 told of 15's departure");
    await ring.waitForLine((l) => l === '[peer 9] Peer 15 will depart from the network', "9 told of 15's departure");
    const done = await ring.finish();
    assert.equal(done.code, 0, done.stderr);
  } finally {
    for (const p of [ring, joiner]) if (p && p.child.exitCode === null) p.child.kill();
    await Promise.all([ring.exited, joiner?.exited]);
    await dir.remove();
  }
});

test('one-peer processes only: three inits, a join, a quit, and a kill -9 noticed by its predecessors', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort([10, 20, 25, 30]);
  const peers = new Map<number, CliProcess>();
  try {
    for (const [id, s1, s2] of [
      [10, 20, 30],
      [20, 30, 10],
      [30, 10, 20],
    ] as const)
      peers.set(id, cli(['init', String(id), String(s1), String(s2), '0.2'], dir.path, basePort));
    await Promise.all(
      [...peers.values()].map((p) => p.waitForLine((l) => l.startsWith('Ping response received'), 'a ping answered')),
    );
    peers.set(25, cli(['join', '25', '10', '0.2'], dir.path, basePort));
    await peers.get(25)!.waitForLine((l) => l === 'My second successor is Peer 10', '25 joined');
    await peers.get(20)!.waitForLine((l) => l === 'My new first successor is Peer 25', '20 took 25');
    await peers.get(10)!.waitForLine((l) => l === 'My new second successor is Peer 25', '10 took 25 second');

    peers.get(30)!.send('quit');
    assert.equal((await peers.get(30)!.exited).code, 0);
    await peers.get(25)!.waitForLine((l) => l === 'Peer 30 will depart from the network', '25 told');
    await peers.get(20)!.waitForLine((l) => l === 'Peer 30 will depart from the network', '20 told');

    // kill -9: no notice at all; both predecessors of 25 (20 and 10) find out from missed pings.
    peers.get(25)!.child.kill('SIGKILL');
    await peers.get(20)!.waitForLine((l) => l === 'Peer 25 is no longer alive', '20 noticing');
    await peers.get(10)!.waitForLine((l) => l === 'Peer 25 is no longer alive', '10 noticing');
    await peers.get(20)!.waitForLine((l) => l === 'My new first successor is Peer 10', '20 repaired');

    // What is left (10 and 20) still stores and requests across the two processes.
    peers.get(10)!.send('store 0015 --empty');
    await peers.get(20)!.waitForLine((l) => l === 'Store 0015 request accepted', 'the store at 20');
    peers.get(10)!.send('request 0015');
    await peers.get(10)!.waitForLine((l) => l === 'File 0015 received', 'the file back at 10');
    for (const id of [10, 20]) assert.equal((await peers.get(id)!.finish()).code, 0);
  } finally {
    for (const p of peers.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill();
    await Promise.all([...peers.values()].map((p) => p.exited));
    await dir.remove();
  }
});

test('ringdht join through a peer that does not answer: one clear line and exit 1 after a bounded wait', async () => {
  const dir = await tempDir();
  try {
    const basePort = await freeBasePort([15, 77]);
    const joiner = cli(['join', '15', '77', '0.2'], dir.path, basePort);
    joiner.child.stdin.end();
    const { code, stderr } = await joiner.exited;
    assert.equal(code, 1);
    assert.equal(
      stderr.trim(),
      'ringdht: Peer 15 could not join: Peer 77 did not answer the join request within 5 s: it may be down, unreachable at the address used, or on another ring secret',
    );
  } finally {
    await dir.remove();
  }
});

test('ringdht join --join-timeout: the wait for a silent known peer is the one given, and the line says so', async () => {
  const dir = await tempDir();
  try {
    const basePort = await freeBasePort([15, 77]);
    const joiner = cli(['join', '15', '77', '0.2', '--join-timeout', '0.5'], dir.path, basePort);
    joiner.child.stdin.end();
    const { code, stderr } = await joiner.exited;
    assert.equal(code, 1);
    assert.match(
      stderr.trim(),
      /^ringdht: Peer 15 could not join: Peer 77 did not answer the join request within 0\.5 s: /,
    );
  } finally {
    await dir.remove();
  }
});

test('ringdht join with an id already running here: refused with the reason in one line, exit 1, no stack trace', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort([2, 4, 5]);
  const ring = cli(['ring', '--peers', '2,4,5', '--ping-interval', '0.2'], dir.path, basePort);
  try {
    await ring.waitForLine((l) => l === '[peer 2] Ping response received from Peer 4', 'the ring running');
    const duplicate = cli(['join', '4', '2', '0.2'], dir.path, basePort);
    duplicate.child.stdin.end();
    const { code, stderr } = await duplicate.exited;
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(
      stderr,
      /^ringdht: Peer 4 cannot listen on 127\.0\.0\.1:\d+: port already in use \(by another program, or Peer 4 is already running\)$/m,
    );
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);
    assert.equal((await ring.finish()).code, 0);
  } finally {
    if (ring.child.exitCode === null) ring.child.kill();
    await ring.exited;
    await dir.remove();
  }
});

test('SIGTERM to a ring process: every peer departs gracefully, then the process exits 0 by itself', async () => {
  const dir = await tempDir();
  try {
    const basePort = await freeBasePort([1, 2, 3]);
    // Pings every second (a 0.5 s timeout): with 0.2 s (0.1 s) load alone could have a predecessor declare 1 or 2 dead
    // before the SIGTERM, and its departure line below may then be missing.
    const ring = cli(['ring', '--peers', '1,2,3', '--ping-interval', '1'], dir.path, basePort);
    await ring.waitForLine((l) => l === '[peer 1] Ping response received from Peer 3', 'the ring running');
    ring.child.kill('SIGTERM');
    const { code, stdout, stderr } = await ring.exited;
    assert.equal(code, 0, stderr);
    // Peers leave in id order: 1 first (its predecessors 3 and 2 are told), then 2 (3 is told), then 3 alone.
    for (const line of [
      '[peer 3] Peer 1 will depart from the network',
      '[peer 2] Peer 1 will depart from the network',
      '[peer 3] Peer 2 will depart from the network',
    ]) {
      assert.ok(stdout.split('\n').includes(line), `missing "${line}"`);
    }
  } finally {
    await dir.remove();
  }
});
