// The ring secret across processes: peers started with the same --secret-file form a ring; one without it cannot join.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, tempDir } from './cli.ts';

test('two one-peer processes with a secret; a third without it cannot join, with it can; stats count the stranger', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort([10, 20, 15]);
  const key = join(dir.path, 'ring.key');
  await writeFile(key, 'c2VjcmV0IHNoYXJlZCBieSB0aGlzIHJpbmcgb25seQ==\n');
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new CliProcess(process.execPath, [BIN, ...args], {
      cwd: dir.path,
      env: { RINGDHT_BASE_PORT: String(basePort), ...env },
    });
  const peers: CliProcess[] = [];
  try {
    const [a, b] = [
      cli(['init', '10', '20', '20', '0.2', '--secret-file', key]),
      cli(['init', '20', '10', '10', '0.2'], { RINGDHT_SECRET_FILE: key }),
    ];
    peers.push(a, b);
    await Promise.all(
      [a, b].map((p) => p.waitForLine((l) => l.startsWith('Ping response received from Peer'), 'pings answered')),
    );

    const stranger = cli(['join', '15', '10', '0.2']);
    peers.push(stranger);
    stranger.child.stdin.end();
    const refused = await stranger.exited;
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^ringdht: Peer 15 could not join: Peer 10 did not answer the join request within 5 s/m,
    );
    a.send('stats');
    // The peer that drops the stranger's traffic says why: a wrong secret does not read like a dead peer there.
    await a.waitForLine(
      (l) =>
        /^Peer 10: [1-9]\d* messages failed authentication: a peer with another ring secret, or none, is sending here; check --secret-file$/.test(
          l,
        ),
      'the note under stats',
    );
    // The table counts them: a column of unauthenticated drops, and nonces remembered (the secret is on).
    const table = a.lines().slice(a.lines().findIndex((l) => /^peer\s+received/.test(l)));
    assert.match(table.join('\n'), /unauthenticated/);
    assert.match(table.join('\n'), /nonces/);

    const member = cli(['join', '15', '10', '0.2', '--secret-file', key]);
    peers.push(member);
    await member.waitForLine((l) => l === 'Join request has been accepted', 'the join accepted');
    for (const p of [member, a, b]) assert.equal((await p.finish()).code, 0);
  } finally {
    for (const p of peers) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill();
    await Promise.all(peers.map((p) => p.exited));
    await dir.remove();
  }
});
