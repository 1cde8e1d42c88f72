// What a ring process shows at the terminal: pings on, changes or off (flag and REPL command), status and stats tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, runCli, tempDir } from './cli.ts';

const PING_TRAFFIC =
  /^\[peer \d+\] (Ping requests? sent|Ping request message received|Ping response received from Peer \d+$)/;

function ring(args: string[], cwd: string, base: number): CliProcess {
  return new CliProcess(process.execPath, [BIN, 'ring', ...args, '--base-port', String(base)], { cwd });
}

test("--pings changes: no ping traffic, but a killed peer's misses, then its death", async () => {
  const dir = await tempDir();
  const base = await freeBasePort([2, 4, 5]);
  // Pings every second (a 0.5 s timeout): its three misses are counted exactly, and with 0.2 s pings (a 0.1 s timeout)
  // a start-up slowed by load could have 4 miss 5 once before the kill, a fourth miss line.
  const proc = ring(['--peers', '2,4,5', '--ping-interval', '1', '--pings', 'changes'], dir.path, base);
  try {
    proc.send('kill 5');
    const killed = await proc.waitForLine((l) => l.startsWith('Peer 5 was killed'), 'the kill');
    await proc.waitForLine((l) => l === '[peer 4] Peer 5 is no longer alive', "4's declaration");
    // Counted from the kill on: a miss before it (a start-up slowed by load) is not one of the kill's.
    const lines = proc.lines().slice(proc.lines().indexOf(killed));
    const misses = lines.filter((l) => l.startsWith('[peer 4] No ping response from Peer 5'));
    assert.deepEqual(
      misses,
      [1, 2, 3].map((n) => `[peer 4] No ping response from Peer 5 (${n} of 3 missed)`),
    );
    assert.ok(lines.indexOf(misses[2]!) < lines.indexOf('[peer 4] Peer 5 is no longer alive'));
    assert.deepEqual(
      lines.filter((l) => PING_TRAFFIC.test(l)),
      [],
    );
    assert.equal((await proc.finish()).code, 0);
  } finally {
    proc.child.kill();
    await dir.remove();
  }
});

test('REPL pings off hides every ping line from then on, deaths still shown; pings on brings them back', async () => {
  const dir = await tempDir();
  const base = await freeBasePort([2, 4, 5]);
  const proc = ring(['--peers', '2,4,5', '--ping-interval', '0.2'], dir.path, base);
  try {
    await proc.waitForLine((l) => l === '[peer 2] Ping response received from Peer 4', 'pings on by default');
    proc.send('pings off');
    proc.send('kill 5');
    const killed = await proc.waitForLine((l) => l.startsWith('Peer 5 was killed'), 'the kill');
    await proc.waitForLine((l) => l === '[peer 4] Peer 5 is no longer alive', "4's declaration");
    const after = proc.lines().slice(proc.lines().indexOf(killed));
    assert.deepEqual(
      after.filter((l) => PING_TRAFFIC.test(l) || l.includes('No ping response')),
      [],
      after.join('\n'),
    );
    const marker = proc.lines().length;
    proc.send('pings on');
    await proc.waitForLine(
      (l) => proc.lines().indexOf(l) >= marker && /^\[peer 2\] Ping requests? sent/.test(l),
      'ping lines again',
    );
    assert.equal((await proc.finish()).code, 0);
  } finally {
    proc.child.kill();
    await dir.remove();
  }
});

test('status and stats print a table, a peer per row, within the terminal width (COLUMNS when not a terminal)', async () => {
  const dir = await tempDir();
  const ids = [2, 4, 5, 8, 9, 14, 19];
  const base = await freeBasePort(ids);
  const { code, stdout, stderr } = await runCli(
    ['ring', '--peers', ids.join(','), '--base-port', String(base), '--pings', 'off'],
    { cwd: dir.path, input: 'status\nstats\nstats all\n', env: { COLUMNS: '60' } },
  );
  await dir.remove();
  assert.equal(code, 0, stderr);
  const lines = stdout.split('\n').filter((l) => !l.startsWith('[peer'));
  assert.ok(
    lines.every((l) => l.length <= 60),
    stdout,
  );
  const header = lines.findIndex((l) => /^peer\s+address\s+successors\s+predecessors/.test(l));
  assert.ok(header >= 0, stdout);
  assert.match(lines[header + 1]!, /^-+( +-+)+$/);
  const rows = lines.slice(header + 2, header + 2 + ids.length);
  assert.deepEqual(
    rows.map((r) => Number(r.trim().split(/\s+/)[0])),
    ids,
  );
  const row8 = rows[3]!;
  // Its predecessors are known once their first pings came (5, 4), or not yet (?).
  assert.match(row8, new RegExp(`^\\s*8\\s+127\\.0\\.0\\.1:${base + 8}\\s+9, 14\\s+[5?], [4?]\\s+-$`));
  // stats all has every counter, in several blocks that each start with the peer column.
  for (const word of ['datagrams', 'malformed', 'unauthenticated', 'slowFrame', 'failures'])
    assert.ok(stdout.includes(word), word);
  assert.ok(lines.filter((l) => /^peer\s/.test(l)).length > 3, stdout);
});
