// Every way out of a ring process (exit, end of input, Ctrl-C, SIGTERM) departs every peer and ends the process by itself with 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BIN, CliProcess, freeBasePort, tempDir } from './cli.ts';

const WAYS: [string, (p: CliProcess) => void][] = [
  ['exit', (p) => p.send('exit')],
  ['end of input', (p) => p.child.stdin.end()],
  ['Ctrl-C (SIGINT)', (p) => p.child.kill('SIGINT')],
  ['SIGTERM', (p) => p.child.kill('SIGTERM')],
];

for (const [way, leave] of WAYS) {
  test(`${way}: every peer departs, nothing is left running, exit 0`, async () => {
    const dir = await tempDir();
    try {
      const basePort = await freeBasePort([1, 2, 3]);
      // Pings every second (a 0.5 s timeout): with 0.2 s (0.1 s) load alone could have 1 or 2 declared dead before it
      // leaves, and its departure line below may then be missing.
      const ring = new CliProcess(process.execPath, [BIN, 'ring', '--peers', '1,2,3', '--ping-interval', '1'], {
        cwd: dir.path,
        env: { RINGDHT_BASE_PORT: String(basePort) },
        timeoutMs: 20_000,
      });
      await ring.waitForLine((l) => l === '[peer 1] Ping response received from Peer 2', 'the ring running');
      leave(ring);
      // A worker, socket or timer left behind would keep the process alive until the test's bound kills it (code null).
      const { code, stdout, stderr } = await ring.exited;
      assert.equal(code, 0, stderr);
      // Peers leave one after another: each but the last tells a remaining one.
      for (const leaving of [1, 2])
        assert.match(stdout, new RegExp(`^\\[peer \\d\\] Peer ${leaving} will depart from the network$`, 'm'), stdout);
    } finally {
      await dir.remove();
    }
  });
}
