// Peers of a 20-bit ring in separate processes: each takes --port, known peers are given as ID@HOST:PORT, and addresses travel in the protocol.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, runCli, tempDir } from './cli.ts';

/**
 * Peers 70000 and 900000 (20-bit ids), one process each on ports of a free range, once 70000 has heard from 900000;
 * `start` runs another process there (its data directory its own), recorded in `procs` for the teardown.
 */
async function twoPeers(cwd: string, procs: CliProcess[]) {
  const base = await freeBasePort([0, 1, 2]);
  const [pa, pb, pc] = [base, base + 1, base + 2];
  const start = (args: string[]) => {
    const p = new CliProcess(
      process.execPath,
      [BIN, ...args, '--id-bits', '20', '--data-dir', `data-${procs.length}`],
      {
        cwd,
      },
    );
    procs.push(p);
    return p;
  };
  const a = start(['init', '70000', `900000@127.0.0.1:${pb}`, `900000@127.0.0.1:${pb}`, '0.2', '--port', String(pa)]);
  const b = start(['init', '900000', `70000@127.0.0.1:${pa}`, `70000@127.0.0.1:${pa}`, '0.2', '--port', String(pb)]);
  await a.waitForLine((l) => l === 'Ping response received from Peer 900000', '70000 hearing from 900000');
  return { start, a, b, pa, pc };
}

test('two init processes and a third that joins through one of them store and fetch a file with a free-form name', async () => {
  const dir = await tempDir();
  const procs: CliProcess[] = [];
  try {
    await writeFile(join(dir.path, 'notes.txt'), 'twenty bits');
    const { start, a, b, pa, pc } = await twoPeers(dir.path, procs);
    const c = start(['join', '500000', `70000@127.0.0.1:${pa}`, '0.2', '--port', String(pc)]);
    await c.waitForLine((l) => l === 'Join request has been accepted', 'the join');
    // Placed at SHA-1(name) mod 2^20, wherever that is: one of the three says it accepted the store.
    c.send('store notes.txt');
    await Promise.any(
      [a, b, c].map((p) => p.waitForLine((l) => l === 'Store notes.txt request accepted', 'the store')),
    );
    c.send('request notes.txt');
    await c.waitForLine((l) => l === 'File notes.txt received', 'the file back');
    const results = await Promise.all(procs.map((p) => p.finish()));
    for (const { code, stderr } of results) assert.equal(code, 0, stderr);
    assert.equal(await readFile(join(dir.path, 'received_notes.txt'), 'utf8'), 'twenty bits');
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill();
    await Promise.all(procs.map((p) => p.exited));
    await dir.remove();
  }
});

test('wide ids and addresses: a known peer without its address, a missing --port, a remote peer from loopback, a bad address: one clear line, exit 2', async () => {
  const dir = await tempDir();
  try {
    const cases: Array<[string[], RegExp]> = [
      [
        ['join', '500000', '70000', '1', '--id-bits', '20', '--port', '20000'],
        /Peer 70000: with --id-bits 20 ids do not map onto ports, so give it as ID@HOST:PORT/,
      ],
      [['init', '70000', '9@127.0.0.1:2000', '9@127.0.0.1:2000', '1', '--id-bits', '20'], /give this peer --port/],
      [
        ['init', '2', '4@10.0.0.2', '5@10.0.0.3', '1'],
        /these peers listen on 127\.0\.0\.1, which Peer 4 at 10\.0\.0\.2 cannot reach: give --host an address/,
      ],
      [
        ['init', '2', '4@10.0.0.2', '5', '1', '--host', '0.0.0.0', '--advertise', '0.0.0.0'],
        /not an address to advertise/,
      ],
      [['ring', '--peers', '1,2', '--join', '7@not_a_host'], /is not a peer address: write ID@HOST\[:PORT\]/],
      [['ring', '--peers', '1,2', '--join', '1@127.0.0.1'], /--join 1: that peer is one of this process's own/],
      [['init', '2', '4', '5', '1', '--seeds', '4'], /"4" is not a peer address: write ID@HOST\[:PORT\]/],
      [
        ['init', '2000000', '4@127.0.0.1:2000', '5@127.0.0.1:2001', '1', '--id-bits', '20', '--port', '3000'],
        /peer id "2000000" is out of range: ids are integers 0 to 1048575/,
      ],
      [['ring', '--peers', '1,2', '--id-bits', '40'], /not a number of id bits: an integer from 1 to 32/],
      [['ring', '--peers', '1,2', '--routing', 'kademlia'], /not a routing: successor or finger/],
      [
        ['join', '5', '4@localhost', '1', '--id-bits', '16', '--port', '3000'],
        /Peer 4: with --id-bits 16 ids do not map onto ports, so give it as ID@HOST:PORT/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(args, { cwd: dir.path });
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
  } finally {
    await dir.remove();
  }
});

test('wide ids: a join with an id already in the ring (a port of its own) is refused with the reason, exit 1, one line', async () => {
  const dir = await tempDir();
  const procs: CliProcess[] = [];
  try {
    const { start, a, b, pa, pc } = await twoPeers(dir.path, procs);
    const duplicate = start(['join', '900000', `70000@127.0.0.1:${pa}`, '0.2', '--port', String(pc)]);
    duplicate.child.stdin.end();
    const refused = await duplicate.exited;
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(
      refused.stderr,
      /^ringdht: Peer 900000 could not join: join refused: Peer 900000 is already in the ring/,
    );
    // The running 900000 is still 70000's successor, and both end well.
    for (const p of [a, b]) assert.equal((await p.finish()).code, 0);
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill();
    await Promise.all(procs.map((p) => p.exited));
    await dir.remove();
  }
});

test('ring --base-port 0 above 8 bits: each peer takes a free port, and they store and request; on 8 bits it is refused', async () => {
  const dir = await tempDir();
  try {
    await writeFile(join(dir.path, 'notes.txt'), 'any port\n');
    const wide = await runCli(
      ['ring', '--id-bits', '20', '--peers', '100,300000,700000', '--base-port', '0', '--pings', 'off'],
      { cwd: dir.path, input: 'use 100\nstore notes.txt\nuse 700000\nrequest notes.txt\nstatus\n' },
    );
    assert.equal(wide.code, 0, wide.stderr);
    const ports = [...wide.stdout.matchAll(/^\s*\d+\s+127\.0\.0\.1:(\d+)\s/gm)].map((m) => Number(m[1]));
    assert.equal(ports.length, 3, wide.stdout);
    assert.ok(ports.every((p) => p > 0));
    assert.equal(new Set(ports).size, 3, 'a port each');
    assert.equal(await readFile(join(dir.path, 'peer-700000', 'received_notes.txt'), 'utf8'), 'any port\n');
    const narrow = await runCli(['ring', '--peers', '2,4', '--base-port', '0'], { cwd: dir.path, input: '' });
    assert.equal(narrow.code, 2);
    assert.match(narrow.stderr, /--base-port 0 \(any free port\) is for ids wider than 8 bits/);
  } finally {
    await dir.remove();
  }
});
