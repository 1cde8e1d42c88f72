// An acknowledged store survives the crash of every peer: a ring process killed (SIGKILL) just after its stores were
// acknowledged, while their copies still sit in the peers' copy logs, is started again on its data directories and
// serves every file's bytes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, tempDir } from './cli.ts';

const PEERS = [2, 4, 5];
const NAMES = ['0002', '0003', '0004', '0005', '0100', '0201'];

test('a ring killed just after its stores were acknowledged serves every file after a restart', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort(PEERS);
  const start = () =>
    new CliProcess(process.execPath, [BIN, 'ring', '--peers', PEERS.join(','), '--json'], {
      cwd: dir.path,
      env: { RINGDHT_BASE_PORT: String(basePort) },
    });
  const done = (ring: CliProcess, command: string) =>
    ring.waitForLine((l) => l.includes('"command.done"') && l.includes(`"command":"${command}"`), command);
  let ring: CliProcess | undefined;
  try {
    const contents = new Map(NAMES.map((name) => [name, randomBytes(1024)]));
    for (const [name, bytes] of contents) await writeFile(join(dir.path, `${name}.pdf`), bytes);
    ring = start();
    for (const name of NAMES) {
      ring.send(`@2 store ${name}`);
      const line = JSON.parse(await done(ring, `store ${name}`)) as { ok: boolean; error?: string };
      assert.equal(line.ok, true, line.error);
    }
    ring.child.kill('SIGKILL');
    await ring.exited;

    ring = start();
    for (const name of NAMES) {
      ring.send(`@5 request ${name}`);
      const line = JSON.parse(await done(ring, `request ${name}`)) as { ok: boolean; error?: string };
      assert.equal(line.ok, true, line.error);
      // A ring process keeps each peer's received files apart.
      assert.deepEqual(await readFile(join(dir.path, 'peer-5', `received_${name}.pdf`)), contents.get(name), name);
    }
  } finally {
    if (ring !== undefined && ring.child.exitCode === null && ring.child.signalCode === null) {
      ring.child.kill();
      await ring.exited;
    }
    await dir.remove();
  }
});
