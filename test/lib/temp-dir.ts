// A temporary directory for one test's files, removed afterwards whatever the test did.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `run` in a fresh directory under the system's temporary one (named `ringdht-<prefix>-...`), then removes it. */
export async function inTempDir(prefix: string, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `ringdht-${prefix}-`));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
