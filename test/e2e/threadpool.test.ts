// init.sh gives libuv's thread pool, shared by its peers' disk flushes, 16 threads, unless the user set
// UV_THREADPOOL_SIZE.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { CliProcess, freeBasePort, INIT_SH, tempDir } from './cli.ts';

const IDS = [2, 4, 5, 8, 9, 14, 19];

/** The threads of the running example ring, once every peer said where it listens (its store is open by then). */
async function ringThreads(env: Record<string, string>): Promise<number> {
  const dir = await tempDir();
  try {
    const basePort = await freeBasePort(IDS);
    const ring = new CliProcess(INIT_SH, [], {
      cwd: dir.path,
      env: { RINGDHT_BASE_PORT: String(basePort), ...env },
      unset: ['UV_THREADPOOL_SIZE'],
      timeoutMs: 30_000,
    });
    for (const id of IDS)
      await ring.waitForLine((l) => l.startsWith(`[peer ${id}] Start peer ${id} at port`), `peer ${id} started`);
    const status = await readFile(`/proc/${ring.child.pid}/status`, 'utf8');
    ring.send('exit');
    assert.equal((await ring.exited).code, 0);
    return Number(/^Threads:\s+(\d+)$/m.exec(status)![1]);
  } finally {
    await dir.remove();
  }
}

test("init.sh runs 16 thread-pool threads for its peers' flushes; UV_THREADPOOL_SIZE set by the user wins", async () => {
  const chosen = await ringThreads({ UV_THREADPOOL_SIZE: '4' });
  const ours = await ringThreads({});
  assert.equal(ours - chosen, 16 - 4, `threads: ${ours} by default, ${chosen} with 4 in the pool`);
});
