// init.sh end to end: the example ring in one process, driven by a scripted session, as a new user would run it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, INIT_SH, statusRows, tempDir } from './cli.ts';

const IDS = [2, 4, 5, 8, 9, 14, 19];

// The original's example requests at 2; here 2 keeps a copy of 2067 (R = 3) and serves it after asking 19, so the
// walk round the ring is shown from 5, which keeps none.
test('init.sh: @8 store 2067 and @5 request 2067 print the original lines at the right peers, and the bytes arrive', async () => {
  const dir = await tempDir();
  try {
    const bytes = randomBytes(200_000);
    await writeFile(join(dir.path, '2067.pdf'), bytes);
    const basePort = await freeBasePort(IDS);
    // Run from a directory other than the checkout: init.sh must find its own files.
    const ring = new CliProcess(INIT_SH, [], {
      cwd: dir.path,
      env: { RINGDHT_BASE_PORT: String(basePort), PING_INTERVAL: '30' },
    });
    // Requested twice: the second received copy replaces the first whole; no temporary file left at exit.
    ring.child.stdin.end('# the original example\n@8 store 2067\n@5 request 2067\n@5 request 2067\n');
    const { code, stdout, stderr } = await ring.exited;
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n');
    for (const line of [
      '[peer 2] Ping requests sent to Peers 4 and 5',
      '[peer 19] Ping requests sent to Peers 2 and 4',
      '[peer 8] Store 2067 request forwarded to my successor',
      '[peer 9] Store 2067 request forwarded to my successor',
      '[peer 14] Store 2067 request forwarded to my successor',
      '[peer 19] Store 2067 request accepted',
      '[peer 5] File request for 2067 has been sent to my successor',
      '[peer 8] Request for File 2067 has been received, but the file is not stored here',
      '[peer 14] Request for File 2067 has been received, but the file is not stored here',
      '[peer 19] File 2067 is stored here',
      '[peer 19] Sending file 2067 to Peer 5',
      '[peer 19] The file has been sent',
      '[peer 5] Peer 19 had File 2067',
      '[peer 5] Receiving File 2067 from Peer 19',
      '[peer 5] File 2067 received',
    ])
      assert.ok(lines.includes(line), `missing "${line}" in:\n${stdout}`);
    // Only the peers on the way speak of the store; 2, 4 and 5 are not on the path from 8 to 19.
    for (const peer of [2, 4, 5, 19])
      assert.ok(!lines.includes(`[peer ${peer}] Store 2067 request forwarded to my successor`));
    assert.ok((await readFile(join(dir.path, 'peer-5', 'received_2067.pdf'))).equals(bytes));
    assert.deepEqual(await readdir(join(dir.path, 'peer-5')), ['received_2067.pdf'], 'no temporary file left');
    assert.ok((await readFile(join(dir.path, 'ringdht-data', 'peer-19', 'files', '2067'))).equals(bytes));
  } finally {
    await dir.remove();
  }
});

test('init.sh --json: every line is a JSON object and each command ends with command.done', async () => {
  const dir = await tempDir();
  try {
    await writeFile(join(dir.path, '4103.pdf'), 'four one oh three');
    const basePort = await freeBasePort(IDS);
    const ring = new CliProcess(INIT_SH, ['--json'], { cwd: dir.path, env: { RINGDHT_BASE_PORT: String(basePort) } });
    ring.child.stdin.end('@2 store 4103\nrequest 4103\n');
    const { code, stdout, stderr } = await ring.exited;
    assert.equal(code, 0, stderr);
    const objects = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const accepted = objects.find((o) => o.event === 'store.accepted');
    assert.deepEqual(accepted && [accepted.peer, accepted.name, accepted.text], [
      8,
      '4103',
      'Store 4103 request accepted',
    ]);
    assert.equal(typeof accepted?.t, 'number');
    const done = objects.filter((o) => o.event === 'command.done');
    assert.deepEqual(
      done.map((o) => [o.peer, o.command, o.ok, o.holder, o.hops]),
      [
        [2, 'store 4103', true, 8, 3],
        [2, 'request 4103', true, 8, 3],
      ],
    );
    for (const o of done) assert.equal(typeof o.ms, 'number');
  } finally {
    await dir.remove();
  }
});

test('ringdht ring --script FILE: comments, sleep, commands in order; stdin is not read', async () => {
  const dir = await tempDir();
  try {
    await writeFile(
      join(dir.path, 'session.txt'),
      '# store at 1, fetch at 50\n@1 store 0100 payload.bin   # a path after the name\nsleep 0.05\nuse 50\nrequest 0100\nstatus\n',
    );
    await writeFile(join(dir.path, 'payload.bin'), 'explicit path');
    const basePort = await freeBasePort([1, 50, 100]);
    const ring = new CliProcess(
      process.execPath,
      [BIN, 'ring', '--peers', '1,50,100', '--script', 'session.txt', '--base-port', String(basePort)],
      { cwd: dir.path },
    );
    const { code, stdout, stderr } = await ring.exited; // stdin is left open: the script alone drives the session
    assert.equal(code, 0, stderr);
    assert.ok(stdout.includes('[peer 100] Store 0100 request accepted'), stdout);
    assert.ok(stdout.includes('[peer 50] File 0100 received'), stdout);
    const peer100 = statusRows(stdout).find((row) => row['peer'] === '100');
    assert.deepEqual(
      [peer100?.['successors'], peer100?.['predecessors'], peer100?.['files']],
      ['1, 50', '50, 1', '0100 (13 B)'],
      stdout,
    );
    assert.equal(await readFile(join(dir.path, 'peer-50', 'received_0100.pdf'), 'utf8'), 'explicit path');
  } finally {
    await dir.remove();
  }
});
