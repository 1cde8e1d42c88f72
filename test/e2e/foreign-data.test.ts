// A peer started on another peer's data directory: refused with one line and exit 1, unless --adopt-data.
import assert from 'node:assert/strict';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, runCli, statusRows, tempDir } from './cli.ts';

test("ringdht init on a directory that holds another peer's files: exit 1 with one line; --adopt-data starts it", async () => {
  const dir = await tempDir();
  try {
    const basePort = await freeBasePort([4, 9]);
    const env = { RINGDHT_BASE_PORT: String(basePort) };
    await writeFile(join(dir.path, '0009.pdf'), 'the bytes of 0009');
    // Peer 9, alone, stores 0009 in ringdht-data/peer-9, then leaves.
    const stored = await runCli(['init', '9', '9', '9', '0.5'], { cwd: dir.path, env, input: 'store 0009\n' });
    assert.equal(stored.code, 0, stored.stderr);
    await rename(join(dir.path, 'ringdht-data', 'peer-9'), join(dir.path, 'ringdht-data', 'peer-4'));

    const refused = await runCli(['init', '4', '4', '4', '0.5'], { cwd: dir.path, env, input: 'exit\n' });
    assert.equal(refused.code, 1);
    const errors = refused.stderr.trim().split('\n');
    assert.equal(errors.length, 1, refused.stderr);
    assert.match(errors[0]!, /holds Peer 9's files, not Peer 4's .*--adopt-data/);

    const adopted = new CliProcess(process.execPath, [BIN, 'init', '4', '4', '4', '0.5', '--adopt-data'], {
      cwd: dir.path,
      env,
    });
    adopted.send('status'); // read once the peer runs (a ring of one pings nobody)
    await adopted.waitForLine((l) => /^\s*4\s+127\.0\.0\.1:/.test(l), 'its status');
    assert.match(statusRows(adopted.stdout)[0]?.['files'] ?? '', /0009/, 'the adopted file is held');
    const { code, stderr } = await adopted.finish();
    assert.equal(code, 0, stderr);
  } finally {
    await dir.remove();
  }
});
